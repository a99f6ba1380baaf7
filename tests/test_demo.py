"""The demo database: three meetings a chair recognises, one in each phase."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sqlite3

import pytest
from pypdf import PdfReader

from visitation_app.assets import get_asset
from visitation_app.domain.errors import UserError
from visitation_app.domain.readiness import is_ready
from visitation_app.domain.validation import cpr_number
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    CitizenParticipation,
    CommitteeArea,
    MeetingStatus,
    Outcome,
    ParticipantRole,
)
from visitation_app.paths import config_dir
from visitation_app.services import demo
from visitation_app.services.cases import list_cases
from visitation_app.services.demo_loader import (
    DEMO_FILE,
    DemoDataError,
    plan_demo,
    shipped_catalog,
)
from visitation_app.services.dossier import load_dossier
from visitation_app.services.legal import current_catalog, readiness_of, use_catalog
from visitation_app.services.meetings import list_meetings
from visitation_app.services.minutes import approval_warnings, minutes_pdf

TODAY = dt.date(2026, 12, 3)  # a Thursday


@pytest.fixture
def demo_db(db):
    demo.build_demo(db, today=TODAY)
    return db


@pytest.fixture
def dossiers(demo_db):
    """The three meetings by status."""
    return {row.status: load_dossier(demo_db, row.id) for row in list_meetings(demo_db)}


def case_items(dossier):
    return [item for item in dossier.items if item.is_case]


def pdf_text(pdf: bytes) -> str:
    """The text of a PDF with its line breaks as plain spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_one_meeting_in_each_phase_and_area(dossiers):
    assert set(dossiers) == {
        MeetingStatus.APPROVED,
        MeetingStatus.IN_PROGRESS,
        MeetingStatus.PLANNED,
    }
    approved = dossiers[MeetingStatus.APPROVED].meeting
    running = dossiers[MeetingStatus.IN_PROGRESS].meeting
    planned = dossiers[MeetingStatus.PLANNED].meeting
    assert approved.area == CommitteeArea.ELDERLY
    assert running.area == CommitteeArea.ADULT_DISABILITY
    assert planned.area == CommitteeArea.CHILDREN
    assert 18 <= (TODAY - approved.meeting_date).days <= 24
    assert running.meeting_date == TODAY
    assert 12 <= (planned.meeting_date - TODAY).days <= 17
    assert approved.meeting_date.weekday() < 5 and planned.meeting_date.weekday() < 5


def test_dates_follow_the_day_it_is_built(db):
    demo.build_demo(db, today=dt.date(2031, 5, 10))  # a Saturday
    dates = sorted(row.meeting_date for row in list_meetings(db))
    assert dates[1] == dt.date(2031, 5, 10)
    assert dates[0].year == 2031 and dates[0].weekday() < 5
    assert dates[2].weekday() < 5 and dates[2] > dates[1]


def test_approved_meeting_has_the_standard_items_and_every_outcome(dossiers):
    dossier = dossiers[MeetingStatus.APPROVED]
    kinds = [item.kind for item in dossier.items]
    assert kinds[:2] == [AgendaItemKind.APPROVE_AGENDA, AgendaItemKind.FOLLOW_UP]
    assert kinds[-1] == AgendaItemKind.ANY_OTHER_BUSINESS
    cases = case_items(dossier)
    assert len(cases) >= 5
    assert all(item.outcome is not None for item in cases)
    outcomes = {item.outcome for item in cases}
    assert {
        Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.REFUSED, Outcome.POSTPONED,
        Outcome.REFERRED,
    } <= outcomes  # fmt: skip
    kinds_of_voice = {item.citizen_participation for item in cases}
    assert kinds_of_voice == {v.value for v in CitizenParticipation}
    represented = [i for i in cases if i.citizen_participation == CitizenParticipation.REPRESENTED]
    assert all("datter" in item.citizen_represented_by for item in represented)
    assert all(item.citizen_statement for item in cases)


def test_approved_meeting_is_dated_and_its_minutes_kept(demo_db, dossiers):
    dossier = dossiers[MeetingStatus.APPROVED]
    kinds = [event.kind for event in dossier.events]
    assert kinds == ["started", "ended", "approved"]
    started = dossier.events[0].at.astimezone(dossier.starts_at.tzinfo)
    assert started.date() == dossier.meeting.meeting_date
    assert minutes_pdf(demo_db, dossier.meeting.id).startswith(b"%PDF")


def test_decisions_hold_service_extent_and_cost(dossiers):
    decided = [
        item
        for dossier in dossiers.values()
        for item in case_items(dossier)
        if item.outcome is not None
    ]
    assert len(decided) >= 9
    for item in decided:
        decision = item.decision
        assert decision.legal_basis and decision.service, item.title
        if item.outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
            # Realistic yearly costs: tens of thousands to a few hundred thousand kroner.
            assert 1_000_000 <= decision.annual_cost_ore <= 50_000_000, item.title
            assert decision.extent and decision.valid_from and decision.review_date
            assert decision.review_date > decision.valid_from
    citations = {item.check.citation for item in decided}
    assert {
        "Ældreloven § 10", "Ældreloven § 16", "Serviceloven § 83, stk. 1, nr. 2",
        "Serviceloven § 85", "Serviceloven § 97",
    } <= citations  # fmt: skip


def test_approved_minutes_hold_only_lawful_or_overridden_decisions(demo_db, dossiers):
    dossier = dossiers[MeetingStatus.APPROVED]
    cases = case_items(dossier)
    for item in cases:
        assert item.decision.is_final, item.title
        assert item.check.complete or item.check.overridden, item.title
    overridden = [item for item in cases if item.check.overridden]
    assert [item.case.citizen_name for item in overridden] == ["Else Marie Kristensen"]
    (override,) = overridden
    assert [r.key for r in override.check.missing] == ["processing_time"]
    assert "sagsbehandlingsfrist" in override.check.override_reason.casefold()
    assert approval_warnings(demo_db, dossier.meeting.id) == []
    minutes = pdf_text(minutes_pdf(demo_db, dossier.meeting.id))
    assert "Else Marie Kristensen" in minutes
    assert "overskredet med 4 dage" in minutes  # the chair's reason is printed


def test_refusals_and_partial_grants_are_justified_heard_and_guided(dossiers):
    """FVL §§ 19, 22, 24 and 25 on every decision that does not give all that was applied for."""
    meeting = dossiers[MeetingStatus.APPROVED].meeting
    not_fully = [
        item
        for item in case_items(dossiers[MeetingStatus.APPROVED])
        if item.outcome in (Outcome.PARTLY_GRANTED, Outcome.REFUSED, Outcome.REFERRED)
    ]
    assert {item.outcome for item in not_fully} == {
        Outcome.PARTLY_GRANTED, Outcome.REFUSED, Outcome.REFERRED,
    }  # fmt: skip
    consultations = set()
    for item in not_fully:
        decision = item.decision
        assert "§" in decision.justification and len(decision.justification) > 300, item.title
        assert "lagt vægt på" in decision.justification, item.title  # the main considerations
        consultations.add(decision.consultation)
        if decision.consultation == "done":
            assert decision.consulted_on < meeting.meeting_date, item.title
        else:
            assert decision.consultation_not_needed_reason, item.title
        assert item.check.guidance.deadline > meeting.meeting_date + dt.timedelta(days=27)
    assert consultations == {"done", "not_needed"}
    basis_paragraphs = {
        item.title: current_catalog().basis(item.decision.legal_basis_key).paragraph
        for item in not_fully
        if item.decision.legal_basis_key
    }
    for item in not_fully:
        if item.title in basis_paragraphs:
            assert f"§ {basis_paragraphs[item.title]}" in item.decision.justification


def test_postponed_case_says_what_is_missing_and_by_when(dossiers):
    dossier = dossiers[MeetingStatus.APPROVED]
    (postponed,) = [item for item in case_items(dossier) if item.outcome == Outcome.POSTPONED]
    assert "demensudredning" in postponed.decision.missing_information.casefold()
    assert postponed.decision.missing_by > dossier.meeting.meeting_date


def test_elderly_decisions_after_1_july_2025_rest_on_aeldreloven(dossiers):
    dossier = dossiers[MeetingStatus.APPROVED]
    assert dossier.meeting.meeting_date >= dt.date(2025, 7, 1)
    for item in case_items(dossier):
        cited = f"{item.check.citation} {item.decision.justification}".casefold()
        assert "ældreloven" in cited, item.title
        assert not item.check.citation.startswith("Serviceloven"), item.title
        if item.decision.legal_basis_key:
            assert item.check.warnings == (), item.title
            assert item.check.citation.startswith("Ældreloven"), item.title
    # The case under pension age whose need comes from illness is decided under Serviceloven
    # by the committee for adults, not by the elderly committee.
    kim = next(
        item
        for item in case_items(dossiers[MeetingStatus.IN_PROGRESS])
        if item.case.citizen_name == "Kim Sørensen"
    )
    assert kim.check.citation == "Serviceloven § 83, stk. 1, nr. 2"
    assert kim.check.complete and kim.check.warnings == ()


def test_approved_meeting_has_follow_up_actions(dossiers):
    actions = dossiers[MeetingStatus.APPROVED].actions
    assert len(actions) >= 10
    assert all(action.owner and action.due_date for action in actions)
    assert any(action.done for action in actions) and any(not action.done for action in actions)


def test_meeting_in_progress_is_partly_decided(dossiers):
    cases = case_items(dossiers[MeetingStatus.IN_PROGRESS])
    decided = [item for item in cases if item.outcome is not None]
    undecided = [item for item in cases if item.outcome is None]
    assert len(decided) >= 2 and len(undecided) >= 2
    paragraphs = " ".join(item.case.legal_paragraph for item in cases)
    for paragraph in ("§ 85", "§ 97", "§ 107", "§ 100", "§ 112"):
        assert paragraph in paragraphs
    assert any(item.notes and item.outcome is None for item in cases)  # the one under way


def test_the_chair_sees_a_refusal_that_is_not_yet_lawful(demo_db, dossiers):
    dossier = dossiers[MeetingStatus.IN_PROGRESS]
    decided = [item for item in case_items(dossier) if item.outcome is not None]
    incomplete = [item for item in decided if not item.check.complete]
    assert [item.outcome for item in incomplete] == [Outcome.REFUSED]
    (refusal,) = incomplete
    assert {r.key for r in refusal.check.missing} == {"justification", "consultation"}
    assert not refusal.decision.is_final
    assert all(item.check.complete for item in decided if item is not refusal)
    # Approving now would be refused: the refusal and the cases not yet decided are named.
    warnings = approval_warnings(demo_db, dossier.meeting.id)
    undecided = [item for item in case_items(dossier) if item.outcome is None]
    assert len(warnings) == 1 + len(undecided)
    assert refusal.case.citizen_name in warnings[0]


def test_planned_meeting_has_prepared_cases_and_no_decisions(dossiers):
    cases = case_items(dossiers[MeetingStatus.PLANNED])
    assert len(cases) >= 3
    assert all(item.outcome is None for item in cases)
    assert all(item.case.legal_paragraph.startswith("Barnets Lov § ") for item in cases)
    paragraphs = {item.case.legal_paragraph.split("§")[1].split(",")[0].strip() for item in cases}
    assert {"32", "46", "87"} <= paragraphs


def test_planned_meeting_shows_which_cases_are_ready(dossiers):
    readiness = {
        item.case.citizen_name: readiness_of(item)
        for item in case_items(dossiers[MeetingStatus.PLANNED])
    }
    ready = {name for name, points in readiness.items() if is_ready(points)}
    not_ready = {
        name: {point.key for point in points if not point.ready}
        for name, points in readiness.items()
        if name not in ready
    }
    assert len(ready) >= 2 and len(not_ready) >= 2
    assert all(1 <= len(missing) <= 2 for missing in not_ready.values())
    assert {"consultation", "invited", "cost"} <= set().union(*not_ready.values())
    # The consultation status was recorded before the meeting, on no date after today.
    for item in case_items(dossiers[MeetingStatus.PLANNED]):
        if item.decision and item.decision.consulted_on:
            assert item.decision.consulted_on <= TODAY, item.title
        if item.citizen_invited_on:
            assert item.citizen_invited_on <= TODAY, item.title


def test_every_case_is_prepared_with_summary_goals_and_a_valid_cpr(demo_db):
    cases = list_cases(demo_db)
    assert len(cases) >= 14
    assert {case.area for case in cases} == {area.value for area in CommitteeArea}
    catalog = shipped_catalog()
    for case in cases:
        assert len(case.summary) > 200, case.citizen_name
        assert case.citizen_goals, case.citizen_name
        assert case.applied_for and case.legal_paragraph and case.case_worker and case.reference
        assert case.received_on and case.received_on < TODAY + dt.timedelta(days=1)
        assert cpr_number(case.cpr) == case.cpr
        assert case.contact.startswith("Tlf. ") and "@" in case.contact, case.citizen_name
        if case.case_type:
            assert catalog.deadline(case.case_type).area == case.area, case.citizen_name
        if case.legal_basis_key:
            basis = catalog.basis(case.legal_basis_key)
            assert case.legal_paragraph.startswith(f"{basis.law_name} § {basis.paragraph}")
    assert sum(case.case_type != "" for case in cases) >= 12
    assert sum(case.expected_annual_cost_ore is not None for case in cases) == len(cases) - 1
    assert len({case.cpr for case in cases}) == len(cases)
    assert len({case.citizen_name for case in cases}) == len(cases)
    names = " ".join(case.citizen_name for case in cases)
    assert any(letter in names for letter in "æøå")
    assert any(name in names for name in ("Rahimi", "Hassan", "Khalil"))


def test_children_in_cpr_are_young_and_the_elderly_old(demo_db):
    for case in list_cases(demo_db):
        year2, seventh = int(case.cpr[4:6]), int(case.cpr[7])
        born = (2000 if seventh in (4, 9) and year2 <= 36 else 1900) + year2
        age = TODAY.year - born
        if case.area == CommitteeArea.CHILDREN:
            assert age < 18, case.citizen_name
        elif case.area == CommitteeArea.ADULT_DISABILITY:
            assert 18 <= age < 67, case.citizen_name


def test_every_role_takes_part(dossiers):
    roles = {p.role for dossier in dossiers.values() for p in dossier.participants}
    assert roles >= {role.value for role in ParticipantRole if role != ParticipantRole.OTHER}
    for dossier in dossiers.values():
        chairs = [p for p in dossier.participants if p.role == ParticipantRole.CHAIR]
        assert [p.name for p in chairs] == [dossier.meeting.chair_name]


def test_demo_goes_only_into_an_empty_database(demo_db):
    with pytest.raises(UserError):
        demo.build_demo(demo_db, today=TODAY)
    assert len(list_meetings(demo_db)) == 3


def test_create_refuses_an_existing_file(tmp_path):
    target = tmp_path / "kept.db"
    target.write_text("keep me", encoding="utf-8")
    with pytest.raises(demo.DemoTargetExistsError):
        demo.create_demo_database(target)
    assert target.read_text(encoding="utf-8") == "keep me"


def test_a_failed_build_leaves_the_old_file_and_no_litter(tmp_path, monkeypatch):
    target = tmp_path / "old.db"
    demo.create_demo_database(target, today=TODAY)
    before = target.read_bytes()

    def fail(db, today=None):
        raise RuntimeError("power cut")

    monkeypatch.setattr(demo, "build_demo", fail)
    with pytest.raises(RuntimeError):
        demo.create_demo_database(target, force=True)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["old.db"]


def test_the_created_file_stands_alone(tmp_path):
    target = demo.create_demo_database(tmp_path / "alone.db", today=TODAY)
    assert [p.name for p in tmp_path.iterdir()] == ["alone.db"]  # no -wal beside it
    with sqlite3.connect(target) as connection:
        assert connection.execute("select count(*) from agenda_item").fetchone()[0] >= 20


# --- the demo content is data ------------------------------------------------------------


@pytest.fixture
def demo_json():
    """The demo file as shipped, parsed afresh for each test (tests change their copy)."""
    return json.loads(get_asset(*DEMO_FILE).read_text(encoding="utf-8"))


def test_every_case_key_in_the_json_exists_and_is_used_once(demo_json):
    used = [
        item["case"]
        for meeting in demo_json["meetings"]
        for item in meeting["agenda"]
        if "case" in item
    ]
    used += [key for meeting in demo_json["meetings"] for key in meeting.get("referred_cases", [])]
    assert set(used) <= set(demo_json["cases"])
    assert sorted(used) == sorted(demo_json["cases"])  # each case once, none left over
    assert len(plan_demo(demo_json, TODAY)) == 3


def _rename_first_case_item(data):
    data["meetings"][0]["agenda"][2]["case"] = "else-marie-kristensn"


def _rename_referred_case(data):
    data["meetings"][2]["referred_cases"][0] = "sofie-lund"


def _misspell_notes(data):
    item = data["meetings"][1]["agenda"][0]
    item["note"] = item.pop("notes")


def _cost_in_kroner(data):
    data["meetings"][0]["agenda"][2]["decision"]["annual_cost_ore"] = "147.640 kr."


def _unknown_case_type(data):
    data["cases"]["else-marie-kristensen"]["case_type"] = "home_care"


def _case_type_of_another_area(data):
    data["cases"]["jakob-winther-hansen"]["case_type"] = "personal_care"


def _unknown_legal_basis(data):
    data["cases"]["arne-vestergaard"]["legal_basis_key"] = "SEL-83"


def _unknown_legal_basis_of_a_decision(data):
    data["meetings"][0]["agenda"][3]["decision"]["legal_basis_key"] = "AEL-99"


def _serviceloven_for_elderly_care(data):
    data["meetings"][0]["agenda"][2]["decision"]["legal_basis_key"] = "SEL-85"


def _override_without_final(data):
    del data["meetings"][0]["agenda"][2]["decision"]["final"]


def _consultation_date_without_consultation(data):
    del data["meetings"][0]["agenda"][3]["decision"]["consultation"]


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (
            _rename_first_case_item,
            "meetings[0].agenda[2].case: no case with the key 'else-marie-kristensn' in cases",
        ),
        (_rename_referred_case, "meetings[2].referred_cases[0]: no case with the key 'sofie-lund'"),
        (_misspell_notes, "meetings[1].agenda[0].note: unknown key"),
        (_cost_in_kroner, "meetings[0].agenda[2].decision.annual_cost_ore: expected int"),
        (
            _unknown_case_type,
            "cases.else-marie-kristensen.case_type: 'home_care' is not a case type for the "
            "area 'elderly' in the catalog",
        ),
        (
            _case_type_of_another_area,
            "cases.jakob-winther-hansen.case_type: 'personal_care' is not a case type for the "
            "area 'adult_disability'",
        ),
        (
            _unknown_legal_basis,
            "cases.arne-vestergaard.legal_basis_key: 'SEL-83' is not a legal basis in the catalog",
        ),
        (
            _unknown_legal_basis_of_a_decision,
            "meetings[0].agenda[3].decision.legal_basis_key: 'AEL-99' is not a legal basis",
        ),
        (
            _serviceloven_for_elderly_care,
            "meetings[0].agenda[2].decision.legal_basis_key: Serviceloven § 85 "
            "('SEL-85') does not apply to the area 'elderly' on 2026-11-12",
        ),
        (
            _override_without_final,
            'meetings[0].agenda[2].decision.override_reason: only with "final": true',
        ),
        (
            _consultation_date_without_consultation,
            "meetings[0].agenda[3].decision.consulted_on: only with consultation 'done'",
        ),
    ],
)
def test_broken_demo_data_is_reported_by_its_key(demo_json, break_it, message):
    break_it(demo_json)
    with pytest.raises(DemoDataError) as raised:
        plan_demo(demo_json, TODAY)
    assert message in str(raised.value)


def test_a_case_left_out_of_every_meeting_is_reported(demo_json):
    demo_json["meetings"][1].pop("referred_cases")
    with pytest.raises(DemoDataError, match=r"cases\.birgitte-kjaer: on no meeting's agenda"):
        plan_demo(demo_json, TODAY)


def test_a_broken_demo_file_writes_nothing(db, demo_json, tmp_path, monkeypatch):
    _rename_first_case_item(demo_json)
    resources = tmp_path / "resources"
    shutil.copytree(get_asset("catalog"), resources / "catalog")
    broken = resources / "demo" / "demo_da.json"
    broken.parent.mkdir(parents=True)
    broken.write_text(json.dumps(demo_json), encoding="utf-8")
    monkeypatch.setenv("VISITATION_APP_RESOURCES", str(resources))
    with pytest.raises(DemoDataError, match="else-marie-kristensn"):
        demo.build_demo(db, today=TODAY)
    assert list_meetings(db) == [] and list_cases(db) == []


def test_the_demo_is_not_dated_before_aeldreloven(db):
    """Built on a day whose approved meeting would fall before 1 July 2025, the demo says why."""
    with pytest.raises(DemoDataError, match=r"Ældreloven § 10 \('AEL-10'\) does not apply"):
        demo.build_demo(db, today=dt.date(2025, 7, 10))
    assert list_meetings(db) == []


def test_case_paragraph_defaults_to_the_catalog_citation(demo_json):
    assert "legal_paragraph" not in demo_json["cases"]["else-marie-kristensen"]
    (elderly, *_) = plan_demo(demo_json, TODAY)
    first_case = next(item.case for item in elderly.items if item.case)
    assert first_case["legal_paragraph"] == "Ældreloven § 10"
    assert first_case["legal_basis_key"] == "AEL-10"


@pytest.fixture
def municipal_deadlines():
    """A municipality whose deadline for practical help is shorter than the demo assumes."""
    folder = config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    deadlines = [{"key": "practical_help", "name": "Praktisk hjælp", "area": "elderly", "days": 7}]
    (folder / "processing_deadlines.json").write_text(json.dumps(deadlines), encoding="utf-8")
    use_catalog(None)
    yield
    use_catalog(None)


@pytest.mark.usefixtures("municipal_deadlines")
def test_a_municipalitys_own_deadlines_do_not_stop_the_demo(db):
    demo.build_demo(db, today=TODAY)
    assert len(list_meetings(db)) == 3
    # Afterwards the app judges by the municipality's deadline again.
    assert current_catalog().deadline("practical_help").days == 7
