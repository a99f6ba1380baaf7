"""The use cases a chair goes through, on a real temporary database."""

from __future__ import annotations

import datetime as dt

import pytest
from lawful import decide_lawfully

from visitation_app.domain.errors import (
    MeetingLockedError,
    NotFoundError,
    UserError,
    ValidationError,
)
from visitation_app.services import actions, agenda, cases, decisions, meetings, participants
from visitation_app.services.dossier import load_dossier


@pytest.fixture
def meeting(db, meeting_day):
    return meetings.create_meeting(
        db,
        title="Visitationsmøde, ældreområdet",
        area="elderly",
        meeting_date=meeting_day,
        start_time=dt.time(9, 0),
        location="Rådhuset, mødelokale 2",
        chair_name="Birthe Kjærgaard",
    )


@pytest.fixture
def case(db):
    return cases.create_case(
        db,
        area="elderly",
        citizen_name="Åse Ørum-Jørgensen",
        cpr="010150-1234",
        applied_for="Praktisk hjælp til rengøring",
        legal_paragraph="Ældreloven § 10",
        received_on=dt.date(2026, 11, 2),
        summary="Borgeren er faldet og har brækket håndleddet.",
        citizen_goals="Jeg vil gerne klare mig selv igen.",
    )


def test_a_meeting_is_listed_with_its_number_of_items(db, meeting, case):
    agenda.add_standard_item(db, meeting.id, "approve_agenda")
    agenda.add_case_item(db, meeting.id, case.id)
    rows = meetings.list_meetings(db)
    assert [(r.title, r.status, r.item_count) for r in rows] == [
        ("Visitationsmøde, ældreområdet", "planned", 2)
    ]


def test_meeting_needs_a_title_and_a_known_area(db, meeting_day):
    with pytest.raises(ValidationError, match="Titel skal udfyldes"):
        meetings.create_meeting(
            db, title=" ", area="elderly", meeting_date=meeting_day, start_time=dt.time(9)
        )
    with pytest.raises(ValidationError, match="valgmulighederne"):
        meetings.create_meeting(
            db, title="Møde", area="sports", meeting_date=meeting_day, start_time=dt.time(9)
        )
    assert meetings.list_meetings(db) == []


def test_agenda_times_follow_the_order_and_time_boxes(db, meeting, case):
    first = agenda.add_standard_item(db, meeting.id, "approve_agenda")  # 5 min
    case_item = agenda.add_case_item(db, meeting.id, case.id, time_box_minutes=25)
    last = agenda.add_standard_item(db, meeting.id, "any_other_business")  # 5 min
    dossier = load_dossier(db, meeting.id)
    assert [(i.id, i.slot.starts_at.strftime("%H:%M")) for i in dossier.items] == [
        (first.id, "09:00"),
        (case_item.id, "09:05"),
        (last.id, "09:30"),
    ]
    agenda.move_item(db, last.id, 0)
    agenda.update_item(db, case_item.id, time_box_minutes=40)
    dossier = load_dossier(db, meeting.id)
    assert [(i.id, i.number, i.slot.starts_at.strftime("%H:%M")) for i in dossier.items] == [
        (last.id, 1, "09:00"),
        (first.id, 2, "09:05"),
        (case_item.id, 3, "09:10"),
    ]
    assert dossier.ends_at.strftime("%H:%M") == "09:50"
    assert dossier.items[2].title == "Åse Ørum-Jørgensen: Praktisk hjælp til rengøring"


def test_a_case_goes_on_an_agenda_once(db, meeting, case):
    agenda.add_case_item(db, meeting.id, case.id)
    with pytest.raises(UserError, match="allerede"):
        agenda.add_case_item(db, meeting.id, case.id)


def test_removing_an_item_closes_the_gap(db, meeting, case):
    a = agenda.add_standard_item(db, meeting.id, "approve_agenda")
    b = agenda.add_case_item(db, meeting.id, case.id)
    c = agenda.add_standard_item(db, meeting.id, "any_other_business")
    agenda.remove_item(db, b.id)
    assert [(i.id, i.number) for i in load_dossier(db, meeting.id).items] == [(a.id, 1), (c.id, 2)]
    cases.delete_case(db, case.id)  # no longer on an agenda, so it may go


def test_a_case_on_an_agenda_cannot_be_deleted(db, meeting, case):
    agenda.add_case_item(db, meeting.id, case.id)
    with pytest.raises(UserError, match="dagsorden"):
        cases.delete_case(db, case.id)


def test_other_item_needs_a_title(db, meeting):
    with pytest.raises(ValidationError, match="titel"):
        agenda.add_standard_item(db, meeting.id, "other")


def test_decision_is_saved_field_by_field(db, meeting, case):
    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(db, item.id, outcome="partly_granted")
    decisions.save_decision(db, item.id, annual_cost_ore=12500050, legal_basis="Ældreloven § 10")
    decision = decisions.get_decision(db, item.id)
    assert (decision.outcome, decision.annual_cost_ore, decision.legal_basis) == (
        "partly_granted",
        12500050,
        "Ældreloven § 10",
    )
    assert load_dossier(db, meeting.id).total_annual_cost_ore == 12500050


def test_decision_review_date_cannot_precede_valid_from(db, meeting, case):
    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(db, item.id, valid_from=dt.date(2027, 1, 1))
    with pytest.raises(ValidationError, match="Opfølgningsdatoen"):
        decisions.save_decision(db, item.id, review_date=dt.date(2026, 12, 1))
    assert decisions.get_decision(db, item.id).review_date is None


def test_standard_items_have_no_decision(db, meeting):
    item = agenda.add_standard_item(db, meeting.id, "follow_up")
    with pytest.raises(ValidationError):
        decisions.save_decision(db, item.id, outcome="granted")


def test_approved_meeting_refuses_every_change_until_reopened(db, meeting, case):
    from visitation_app.services.minutes import approve_minutes

    item = agenda.add_case_item(db, meeting.id, case.id)
    person = participants.add_participant(db, meeting.id, name="Ole Hansen", role="case_worker")
    action = actions.add_action(
        db, meeting.id, description="Bestil hjælpemiddel", agenda_item_id=item.id
    )
    decide_lawfully(db, item.id)
    approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    for change in (
        lambda: meetings.update_meeting(db, meeting.id, title="Ændret"),
        lambda: agenda.update_item(db, item.id, notes="sent"),
        lambda: agenda.move_item(db, item.id, 0),
        lambda: agenda.add_standard_item(db, meeting.id, "any_other_business"),
        lambda: decisions.save_decision(db, item.id, outcome="refused"),
        lambda: participants.update_participant(db, person.id, present=True),
        lambda: actions.update_action(db, action.id, done=True),
        lambda: meetings.delete_meeting(db, meeting.id),
    ):
        with pytest.raises(MeetingLockedError):
            change()
    meetings.reopen_meeting(db, meeting.id, by="Birthe Kjærgaard", reason="Forkert beløb")
    decisions.save_decision(db, item.id, outcome="refused")
    dossier = load_dossier(db, meeting.id)
    assert [(e.kind, e.reason) for e in dossier.events] == [
        ("approved", ""),
        ("reopened", "Forkert beløb"),
    ]


def test_approved_minutes_do_not_change_when_the_case_changes_later(db, meeting, case):
    from visitation_app.services.minutes import approve_minutes, minutes_pdf

    decide_lawfully(db, agenda.add_case_item(db, meeting.id, case.id).id)
    approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    approved = minutes_pdf(db, meeting.id)
    cases.update_case(db, case.id, summary="Ny viden fra et senere møde.")
    assert minutes_pdf(db, meeting.id) == approved


def test_participants_in_order_with_attendance(db, meeting):
    a = participants.add_participant(db, meeting.id, name="Birthe Kjærgaard", role="chair")
    participants.add_participant(db, meeting.id, name="José Müller", role="interpreter")
    participants.update_participant(db, a.id, present=True)
    listed = participants.list_participants(db, meeting.id)
    assert [(p.name, p.present) for p in listed] == [
        ("Birthe Kjærgaard", True),
        ("José Müller", None),
    ]
    with pytest.raises(ValidationError):
        participants.add_participant(db, meeting.id, name="X", role="king")


def test_unknown_ids_are_reported_plainly(db):
    with pytest.raises(NotFoundError, match="Møde med id 999 findes ikke"):
        meetings.get_meeting(db, 999)
    with pytest.raises(NotFoundError):
        agenda.update_item(db, 999, notes="x")


def test_deleting_a_meeting_keeps_its_cases(db, meeting, case):
    agenda.add_case_item(db, meeting.id, case.id)
    meetings.delete_meeting(db, meeting.id)
    assert meetings.list_meetings(db) == []
    assert cases.get_case(db, case.id).citizen_name == "Åse Ørum-Jørgensen"


def test_unknown_fields_are_refused(db, meeting):
    with pytest.raises(ValidationError, match="kan ikke ændres"):
        meetings.update_meeting(db, meeting.id, status="approved")


def test_long_texts_and_exotic_names_round_trip(db, meeting, case):
    item = agenda.add_case_item(db, meeting.id, case.id)
    note = ("Zoë Ångström-Nguyễn siger: »Jeg vil hjem.« " * 300)[:10_000]
    agenda.update_item(db, item.id, notes=note)
    assert load_dossier(db, meeting.id).items[0].notes == note


def test_a_meeting_whose_minutes_were_once_approved_cannot_be_deleted(db, meeting):
    from visitation_app.services.minutes import approve_minutes

    approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    meetings.reopen_meeting(db, meeting.id, by="Birthe Kjærgaard", reason="Stavefejl")
    with pytest.raises(UserError, match="mødet kan ikke slettes"):
        meetings.delete_meeting(db, meeting.id)
    assert [row.id for row in meetings.list_meetings(db)] == [meeting.id]


def test_an_action_cannot_be_slipped_into_another_meeting(db, meeting, case, meeting_day):
    from visitation_app.services.minutes import approve_minutes

    other = meetings.create_meeting(
        db, title="Andet møde", area="elderly", meeting_date=meeting_day, start_time=dt.time(13)
    )
    item = agenda.add_case_item(db, other.id, case.id)
    decide_lawfully(db, item.id)
    approve_minutes(db, other.id, by="Birthe Kjærgaard")
    with pytest.raises(ValidationError, match="et andet møde"):
        actions.add_action(db, meeting.id, description="Ring til borger", agenda_item_id=item.id)
    assert actions.list_actions(db, other.id) == []


def test_a_meeting_ends_once(db, meeting):
    meetings.start_meeting(db, meeting.id, by="Birthe")
    meetings.end_meeting(db, meeting.id, by="Birthe")
    with pytest.raises(ValidationError, match="allerede afsluttet"):
        meetings.end_meeting(db, meeting.id, by="Birthe")
    assert [e.kind for e in load_dossier(db, meeting.id).events] == ["started", "ended"]


def test_approval_is_refused_while_a_decision_lacks_what_the_law_requires(db, meeting, case):
    from visitation_app.services.minutes import approval_warnings, approve_minutes

    second = cases.create_case(db, area="elderly", citizen_name="Bo Ærenlund")
    third = cases.create_case(db, area="elderly", citizen_name="Carla Østby")
    refused = agenda.add_case_item(db, meeting.id, case.id)
    agenda.add_case_item(db, meeting.id, second.id)
    granted = agenda.add_case_item(db, meeting.id, third.id)
    decisions.save_decision(db, refused.id, outcome="refused")
    decide_lawfully(db, granted.id)
    warnings = approval_warnings(db, meeting.id)
    assert len(warnings) == 2
    first, other = warnings
    assert first.startswith("Punkt 1, Åse Ørum-Jørgensen: Praktisk hjælp til rengøring:")
    assert "begrundelsen" in first.lower() and "partshøring" in first.lower()
    assert other.startswith("Punkt 2, Bo Ærenlund") and "udfald" in other
    with pytest.raises(UserError, match="kan ikke godkendes"):
        approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    assert meetings.get_meeting(db, meeting.id).status == "planned"


def test_a_refusal_made_final_by_override_keeps_the_reason_and_lets_approval_through(
    db, meeting, case
):
    from visitation_app.services.minutes import approve_minutes

    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(db, item.id, outcome="refused", legal_basis="Ældreloven § 10")
    with pytest.raises(UserError, match="Giv en begrundelse"):
        decisions.finalise_decision(db, item.id)
    check = decisions.finalise_decision(
        db, item.id, override_reason="Borgeren blev hørt på mødet og var enig."
    )
    assert check.final and check.overridden
    assert {r.key for r in check.missing} == {"justification", "consultation"}
    approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    item_record = load_dossier(db, meeting.id).items[0]
    assert item_record.decision.override_reason == "Borgeren blev hørt på mødet og var enig."
    assert item_record.check.overridden


def test_a_changed_final_decision_is_a_draft_again(db, meeting, case):
    item = agenda.add_case_item(db, meeting.id, case.id)
    decide_lawfully(db, item.id)
    assert decisions.finalise_decision(db, item.id).final
    decisions.save_decision(db, item.id, extent="2 timer hver uge")  # unchanged fields...
    assert not decisions.check_decision_on(db, item.id).final
    assert decisions.finalise_decision(db, item.id).final
    decisions.save_decision(db, item.id, extent="2 timer hver uge")  # ...the same value again
    assert decisions.check_decision_on(db, item.id).final


def test_approval_marks_complete_decisions_final(db, meeting, case):
    from visitation_app.services.minutes import approve_minutes

    item = agenda.add_case_item(db, meeting.id, case.id)
    decide_lawfully(db, item.id)
    assert not decisions.check_decision_on(db, item.id).final
    approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    assert decisions.check_decision_on(db, item.id).final


def test_only_granted_decisions_count_in_the_meetings_cost(db, meeting, case):
    other = cases.create_case(db, area="elderly", citizen_name="Bo Ærenlund")
    granted = agenda.add_case_item(db, meeting.id, case.id)
    refused = agenda.add_case_item(db, meeting.id, other.id)
    decisions.save_decision(db, granted.id, outcome="granted", annual_cost_ore=1_000_000)
    decisions.save_decision(db, refused.id, outcome="refused", annual_cost_ore=25_000_000)
    assert load_dossier(db, meeting.id).total_annual_cost_ore == 1_000_000


def test_a_case_from_another_committee_area_is_refused(db, meeting):
    child = cases.create_case(db, area="children", citizen_name="Liva Holm")
    with pytest.raises(UserError, match="Børn og unge"):
        agenda.add_case_item(db, meeting.id, child.id)


def test_time_boxes_and_yes_no_fields_take_no_loose_values(db, meeting):
    with pytest.raises(ValidationError, match="mellem 1 og 480"):
        agenda.add_standard_item(db, meeting.id, "follow_up", time_box_minutes=0)
    with pytest.raises(ValidationError, match="helt antal"):
        agenda.add_standard_item(db, meeting.id, "follow_up", time_box_minutes=12.5)
    person = participants.add_participant(db, meeting.id, name="Ole", role="finance")
    with pytest.raises(ValidationError):
        participants.update_participant(db, person.id, present="false")
    assert participants.list_participants(db, meeting.id)[0].present is None


def test_only_cases_still_waiting_for_the_committee_are_offered(db, meeting, case, meeting_day):
    decided = cases.create_case(db, area="elderly", citizen_name="Bo Ærenlund")
    postponed = cases.create_case(db, area="elderly", citizen_name="Carla Østby")
    elsewhere = cases.create_case(db, area="elderly", citizen_name="Dorte Ågaard")
    cases.create_case(db, area="children", citizen_name="Liva Holm")
    earlier = meetings.create_meeting(
        db,
        title="Sidste møde",
        area="elderly",
        meeting_date=meeting_day - dt.timedelta(days=14),
        start_time=dt.time(9),
    )
    later = meetings.create_meeting(
        db,
        title="Næste møde",
        area="elderly",
        meeting_date=meeting_day + dt.timedelta(days=14),
        start_time=dt.time(9),
    )
    item = agenda.add_case_item(db, earlier.id, decided.id)
    decisions.save_decision(db, item.id, outcome="refused")
    item = agenda.add_case_item(db, earlier.id, postponed.id)
    decisions.save_decision(db, item.id, outcome="postponed")
    agenda.add_case_item(db, later.id, elsewhere.id)
    waiting = cases.list_awaiting_cases(db, "elderly", meeting.id)
    assert sorted(c.citizen_name for c in waiting) == ["Carla Østby", "Åse Ørum-Jørgensen"]
    assert "Dorte Ågaard" in [
        c.citizen_name for c in cases.list_awaiting_cases(db, "elderly", later.id)
    ]


def test_approving_a_running_meeting_ends_it_in_the_same_step(db, meeting):
    from visitation_app.services.minutes import approve_minutes

    meetings.start_meeting(db, meeting.id, by="Birthe")
    approve_minutes(db, meeting.id, by="Birthe Kjærgaard")
    assert [e.kind for e in load_dossier(db, meeting.id).events] == [
        "started",
        "ended",
        "approved",
    ]


def test_an_action_without_a_description_is_not_printed(db, meeting):
    actions.add_action(db, meeting.id, description="")
    actions.add_action(db, meeting.id, description="Bestil rollator", owner="Ole")
    assert [a.description for a in load_dossier(db, meeting.id).actions] == ["Bestil rollator"]


def test_the_legal_steps_of_a_decision_are_saved(db, meeting, case):
    item = agenda.add_case_item(db, meeting.id, case.id)
    decisions.save_decision(
        db,
        item.id,
        outcome="postponed",
        consultation="done",
        consulted_on=dt.date(2026, 11, 20),
        missing_information="Lægeerklæring fra egen læge",
        missing_by=dt.date(2027, 1, 15),
        legal_basis_key="AEL-10",
    )
    record = load_dossier(db, meeting.id).items[0].decision
    assert (
        record.consultation,
        record.consulted_on,
        record.missing_by,
        record.legal_basis_key,
    ) == (
        "done",
        dt.date(2026, 11, 20),
        dt.date(2027, 1, 15),
        "AEL-10",
    )
    with pytest.raises(ValidationError):
        decisions.save_decision(db, item.id, consultation="maybe")


def test_an_override_does_not_cover_a_gap_that_appears_later(db, meeting, case):
    from visitation_app.services.letters import decision_letter
    from visitation_app.services.minutes import approval_warnings

    item = agenda.add_case_item(db, meeting.id, case.id)
    decide_lawfully(db, item.id, outcome="refused", justification="Udvalget finder ikke behov.")
    check = decisions.finalise_decision(db, item.id, override_reason="Hørt på mødet.")
    assert check.overridden and approval_warnings(db, meeting.id) == []
    # The case gets a processing deadline it has long passed: a new gap nobody overrode.
    cases.update_case(db, case.id, case_type="personal_care", received_on=dt.date(2025, 1, 2))
    check = decisions.check_decision_on(db, item.id)
    assert check.final and not check.overridden and not check.settled
    assert "processing_time" in {r.key for r in check.missing}
    assert len(approval_warnings(db, meeting.id)) == 1
    assert not decision_letter(db, decision_id_of(db, item.id)).is_final  # a draft letter


def decision_id_of(db, item_id: int) -> int:
    return decisions.get_decision(db, item_id).id


def test_a_new_meeting_date_makes_final_decisions_drafts_again(db, meeting, case, meeting_day):
    item = agenda.add_case_item(db, meeting.id, case.id)
    decide_lawfully(db, item.id)
    assert decisions.finalise_decision(db, item.id).final
    meetings.update_meeting(db, meeting.id, location="Et andet lokale")
    assert decisions.check_decision_on(db, item.id).final
    meetings.update_meeting(db, meeting.id, meeting_date=meeting_day + dt.timedelta(days=7))
    assert not decisions.check_decision_on(db, item.id).final


def test_the_area_cannot_change_under_cases_on_the_agenda(db, meeting, case):
    agenda.add_case_item(db, meeting.id, case.id)
    with pytest.raises(ValidationError, match="Udvalgsområdet kan ikke ændres"):
        meetings.update_meeting(db, meeting.id, area="children")
    with pytest.raises(ValidationError, match="udvalgsområde kan ikke ændres"):
        cases.update_case(db, case.id, area="children")
    assert meetings.get_meeting(db, meeting.id).area == "elderly"
    assert cases.get_case(db, case.id).area == "elderly"
