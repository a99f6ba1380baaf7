"""The demo database: three meetings a chair recognises, one in each phase."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from visitation_app.assets import get_asset
from visitation_app.domain.errors import UserError
from visitation_app.domain.validation import cpr_number
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    CitizenParticipation,
    CommitteeArea,
    MeetingStatus,
    Outcome,
    ParticipantRole,
)
from visitation_app.services import demo
from visitation_app.services.cases import list_cases
from visitation_app.services.demo_loader import DEMO_FILE, DemoDataError, plan_demo
from visitation_app.services.dossier import load_dossier
from visitation_app.services.meetings import list_meetings
from visitation_app.services.minutes import minutes_pdf

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


def test_decisions_are_complete(dossiers):
    decided = [
        item
        for dossier in dossiers.values()
        for item in case_items(dossier)
        if item.decision and not item.decision.is_empty
    ]
    assert len(decided) >= 7
    for item in decided:
        decision = item.decision
        assert decision.legal_basis, item.title
        assert decision.service, item.title
        if item.outcome != Outcome.GRANTED:
            assert len(decision.justification) > 150, item.title
        if item.outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED):
            # Realistic yearly costs: tens of thousands to a few hundred thousand kroner.
            assert 1_000_000 <= decision.annual_cost_ore <= 50_000_000, item.title
            assert decision.extent and decision.valid_from and decision.review_date
            assert decision.review_date > decision.valid_from
    legal_bases = " ".join(item.decision.legal_basis for item in decided)
    for law in ("Ældreloven § 10", "Serviceloven § 83, stk. 1, nr. 2", "Serviceloven § 85"):
        assert law in legal_bases


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


def test_planned_meeting_has_prepared_cases_and_no_decisions(dossiers):
    cases = case_items(dossiers[MeetingStatus.PLANNED])
    assert len(cases) >= 3
    assert all(item.decision is None for item in cases)
    assert all(item.case.legal_paragraph.startswith("Barnets Lov") for item in cases)
    paragraphs = {item.case.legal_paragraph.split("§")[1].split(",")[0].strip() for item in cases}
    assert {"32", "46", "87"} <= paragraphs


def test_every_case_is_prepared_with_summary_goals_and_a_valid_cpr(demo_db):
    cases = list_cases(demo_db)
    assert len(cases) >= 14
    assert {case.area for case in cases} == {area.value for area in CommitteeArea}
    for case in cases:
        assert len(case.summary) > 200, case.citizen_name
        assert case.citizen_goals, case.citizen_name
        assert case.applied_for and case.legal_paragraph and case.case_worker and case.reference
        assert case.received_on and case.received_on < TODAY + dt.timedelta(days=1)
        assert cpr_number(case.cpr) == case.cpr
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
    broken = tmp_path / "resources" / "demo" / "demo_da.json"
    broken.parent.mkdir(parents=True)
    broken.write_text(json.dumps(demo_json), encoding="utf-8")
    monkeypatch.setenv("VISITATION_APP_RESOURCES", str(tmp_path / "resources"))
    with pytest.raises(DemoDataError, match="else-marie-kristensn"):
        demo.build_demo(db, today=TODAY)
    assert list_meetings(db) == [] and list_cases(db) == []
