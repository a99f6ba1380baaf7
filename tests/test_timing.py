"""The time used per item: the arithmetic, the recording services, and the minutes."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlmodel import col, select

from visitation_app.documents.minutes_time import item_time_lines
from visitation_app.domain import timing as t
from visitation_app.domain.agenda import Slot
from visitation_app.domain.errors import MeetingLockedError, UserError
from visitation_app.domain.records import (
    AgendaItemRecord,
    CaseRecord,
    ConflictRecord,
    EventRecord,
    MeetingDossier,
    MeetingRecord,
    ParticipantRecord,
    TimingRecord,
)
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.services import agenda as agenda_service
from visitation_app.services import cases as case_service
from visitation_app.services import meetings as meeting_service
from visitation_app.services import minutes as minutes_service
from visitation_app.services import participants as participant_service
from visitation_app.services import timing as timing_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store.models import Conflict, ItemTiming, MeetingEvent, Participant

ZONE = ZoneInfo("Europe/Copenhagen")
T0 = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)  # 09:00 in Copenhagen


def at(minutes: float) -> dt.datetime:
    return T0 + dt.timedelta(minutes=minutes)


def mins(value: float) -> dt.timedelta:
    return dt.timedelta(minutes=value)


def stretches(*pairs: tuple[float, float | None]) -> tuple[TimingRecord, ...]:
    return tuple(TimingRecord(at(a), None if b is None else at(b)) for a, b in pairs)


def item(
    item_id: int = 1,
    timings: tuple[TimingRecord, ...] = (),
    *,
    box: int = 20,
    conflicts: tuple[int, ...] = (),
    case: CaseRecord | None = None,
) -> AgendaItemRecord:
    return AgendaItemRecord(
        id=item_id,
        number=item_id,
        kind="case" if case else "other",
        title=f"Punkt {item_id}",
        time_box_minutes=box,
        slot=Slot(at(0), at(box)),
        case=case,
        timings=timings,
        conflicts=tuple(ConflictRecord(pid, "nabo") for pid in conflicts),
    )


def person(
    pid: int,
    present: bool | None = None,
    arrived: float | None = None,
    left: float | None = None,
) -> ParticipantRecord:
    return ParticipantRecord(
        pid,
        f"Person {pid}",
        "case_worker",
        present=present,
        arrived_at=None if arrived is None else at(arrived),
        left_at=None if left is None else at(left),
    )


# -- the arithmetic ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pairs", "now", "expected"),
    [
        ((), 30, 0),
        (((0, 10),), 30, 10),
        (((0, 10), (15, 20)), 30, 15),  # paused between 10 and 15: the pause does not count
        (((0, None),), 7, 7),  # an open stretch counts up to now
        (((0, 5), (10, None)), 12, 7),
        (((10, None),), 5, 0),  # a clock behind the stretch's start counts nothing
        (((0, 10), (40, 45), (60, None)), 62.5, 17.5),  # taken up three times
    ],
)
def test_time_used(pairs, now, expected):
    assert t.time_used(stretches(*pairs), at(now)) == mins(expected)


@pytest.mark.parametrize(
    ("seconds", "minutes"),
    [(0, 0), (29, 0), (30, 1), (89, 1), (90, 2), (1199, 20), (-50, 0)],
)
def test_whole_minutes_round_half_up(seconds, minutes):
    assert t.whole_minutes(dt.timedelta(seconds=seconds)) == minutes


@pytest.mark.parametrize(
    ("pairs", "people", "conflicts", "now", "person_minutes", "took_part"),
    [
        # Everyone there for the whole meeting: three people × 10 minutes.
        (((0, 10),), [person(1), person(2), person(3)], (), 60, 30, [1, 2, 3]),
        # Arrived after 5 minutes of the item; left after 4; came and went within it.
        (((0, 10),), [person(1, arrived=5)], (), 60, 5, [1]),
        (((0, 10),), [person(1, left=4)], (), 60, 4, [1]),
        (((0, 10),), [person(1, arrived=2, left=6)], (), 60, 4, [1]),
        # Left before the item began / arrived after it ended: no part in it.
        (((20, 30),), [person(1, left=15), person(2, arrived=35)], (), 60, 0, []),
        # Recorded as absent: nothing, even with times.
        (((0, 10),), [person(1, present=False), person(2, present=True)], (), 60, 10, [2]),
        # Disqualified (inhabil): excluded from the item's person-minutes and took no part.
        (((0, 10),), [person(1), person(2)], (2,), 60, 10, [1]),
        # A pause: only the stretches count, here 20–25 of the person's 12–25.
        (((0, 10), (20, 30)), [person(1, arrived=12, left=25)], (), 60, 5, [1]),
        # An open stretch counts up to now, and leaving cuts it.
        (((0, None),), [person(1), person(2, left=5)], (), 8, 13, [1, 2]),
    ],
)
def test_person_minutes_and_who_took_part(pairs, people, conflicts, now, person_minutes, took_part):
    record = item(timings=stretches(*pairs), conflicts=conflicts)
    timing = t.item_time(record, people, at(now))
    assert timing.person_minutes == person_minutes
    assert [p.id for p in timing.took_part] == took_part
    assert [p.id for p, _reason in timing.conflicted] == list(conflicts)


def test_without_recorded_time_everyone_not_absent_took_part():
    record = item(conflicts=(3,))
    people = [person(1), person(2, present=False), person(3), person(4, present=True)]
    timing = t.item_time(record, people, at(10))
    assert not timing.timed
    assert [p.id for p in timing.took_part] == [1, 4]
    assert timing.used_minutes == 0 and timing.person_minutes == 0


def test_meeting_time_sums_per_case_and_keeps_totals_equal_to_rows():
    karen = CaseRecord(id=7, area="elderly", citizen_name="Karen Jensen", reference="K-1")
    jorgen = CaseRecord(id=8, area="elderly", citizen_name="Jørgen Ølgaard")
    items = (
        item(1, stretches((0, 4.5)), box=5),
        item(2, stretches((4.5, 27)), box=20, case=karen),
        item(3, stretches((27, 37.4)), box=15, case=jorgen),
        item(4, stretches((50, 53)), box=5, case=karen),  # Karen's case taken up again
        item(5, (), box=5),  # never reached
    )
    meeting = MeetingRecord(1, "Udvalget", "elderly", T0.date(), dt.time(9), "Europe/Copenhagen")
    dossier = MeetingDossier(
        meeting, at(0), at(50), participants=(person(1), person(2, arrived=30)), items=items
    )
    summary = t.meeting_time(dossier, at(60))
    assert [i.used_minutes for i in summary.items] == [5, 23, 10, 3, 0]  # 4.5 rounds up
    by_name = {case.citizen_name: case for case in summary.cases}
    assert by_name["Karen Jensen"].item_numbers == (2, 4)
    assert by_name["Karen Jensen"].planned_minutes == 25
    assert by_name["Karen Jensen"].used_minutes == 26
    assert by_name["Karen Jensen"].difference_minutes == 1
    assert by_name["Karen Jensen"].person_minutes == 23 + 6  # person 2 was there for item 4 only
    other = summary.cases[-1]
    assert other.case_id is None and other.item_numbers == (1, 5)
    assert [c.case_id for c in summary.cases] == [7, 8, None]  # agenda order, others last
    assert summary.planned_minutes == 50
    assert summary.used_minutes == sum(c.used_minutes for c in summary.cases) == 41
    assert summary.person_minutes == sum(c.person_minutes for c in summary.cases)


@pytest.mark.parametrize(
    ("kinds", "paused"),
    [
        ([], False),
        (["started"], False),
        (["started", "paused"], True),
        (["started", "paused", "resumed"], False),
        (["started", "paused", "resumed", "paused"], True),
        (["started", "paused", "ended"], False),
        (["started", "paused", "approved"], True),  # approval says nothing about the clock
    ],
)
def test_is_paused(kinds, paused):
    assert t.is_paused(kinds) is paused


def test_paused_since_and_running_items():
    events = (
        EventRecord("started", at(0)),
        EventRecord("paused", at(10)),
        EventRecord("resumed", at(15)),
        EventRecord("paused", at(30)),
    )
    assert t.paused_since(events) == at(30)
    assert t.paused_since(events[:3]) is None
    items = [item(1, stretches((0, 10))), item(2, stretches((15, 30))), item(3)]
    assert t.running_item_id(items) is None
    assert t.last_timed_item_id(items) == 2
    items[2] = item(3, stretches((31, None)))
    assert t.running_item_id(items) == 3


def test_expected_end_counts_what_is_left_of_each_box():
    items = [
        item(1, stretches((0, 8)), box=5),  # done, over time
        item(2, stretches((8, None)), box=20),  # current: 6 of 20 used at minute 14
        item(3, box=15),
        item(4, box=10),
    ]
    assert t.expected_end(items, 2, at(14)) == at(14 + 14 + 15 + 10)
    assert t.meeting_time_used(items, at(14)) == mins(14)
    # Over its box, the current item adds nothing more.
    assert t.expected_end(items, 2, at(40)) == at(40 + 25)


# -- the services --------------------------------------------------------------------------


@pytest.fixture
def meeting(db):
    meeting = meeting_service.create_meeting(
        db,
        title="Visitationsudvalget",
        area="elderly",
        meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9),
        chair_name="Birgitte Østergaard",
    )
    first = agenda_service.add_standard_item(db, meeting.id, "approve_agenda")
    karen = case_service.create_case(
        db, area="elderly", citizen_name="Karen Jensen", reference="27.12.04-G01-1-26",
        applied_for="Personlig pleje",
    )  # fmt: skip
    jorgen = case_service.create_case(
        db, area="elderly", citizen_name="Jørgen Ølgaard", applied_for="El-kørestol"
    )
    case_1 = agenda_service.add_case_item(db, meeting.id, karen.id, 20)
    case_2 = agenda_service.add_case_item(db, meeting.id, jorgen.id, 15)
    return meeting.id, [first.id, case_1.id, case_2.id]


def timings(db, item_id: int) -> list[tuple[dt.datetime, dt.datetime | None]]:
    with db.session() as session:
        rows = session.exec(
            select(ItemTiming)
            .where(ItemTiming.agenda_item_id == item_id)
            .order_by(col(ItemTiming.id))
        ).all()
        return [(row.started_at, row.ended_at) for row in rows]


def events(db, meeting_id: int) -> list[tuple[str, dt.datetime]]:
    with db.session() as session:
        rows = session.exec(
            select(MeetingEvent)
            .where(MeetingEvent.meeting_id == meeting_id)
            .order_by(col(MeetingEvent.id))
        ).all()
        return [(row.kind, row.at) for row in rows]


def test_starting_an_item_starts_the_meeting_and_next_closes_the_previous(db, meeting):
    meeting_id, (first, case_1, _case_2) = meeting
    timing_service.start_item(db, first, at(0).astimezone(ZONE))
    assert meeting_service.get_meeting(db, meeting_id).status == MeetingStatus.IN_PROGRESS
    assert events(db, meeting_id) == [("started", at(0))]
    assert timings(db, first) == [(at(0), None)]

    timing_service.start_item(db, case_1, at(6))
    assert timings(db, first) == [(at(0), at(6))]
    assert timings(db, case_1) == [(at(6), None)]
    # Taking up the item the meeting is on changes nothing.
    timing_service.start_item(db, case_1, at(7))
    assert timings(db, case_1) == [(at(6), None)]
    assert events(db, meeting_id) == [("started", at(0))]


def test_pause_and_resume(db, meeting):
    meeting_id, (first, case_1, case_2) = meeting
    timing_service.start_item(db, case_1, at(0))
    timing_service.pause_meeting(db, meeting_id, at(12))
    assert timings(db, case_1) == [(at(0), at(12))]
    assert timing_service.is_paused(db, meeting_id)
    with pytest.raises(UserError, match="allerede"):
        timing_service.pause_meeting(db, meeting_id, at(13))

    timing_service.resume_meeting(db, meeting_id, at(20))  # back on the same item
    assert timings(db, case_1) == [(at(0), at(12)), (at(20), None)]
    assert not timing_service.is_paused(db, meeting_id)
    with pytest.raises(UserError):
        timing_service.resume_meeting(db, meeting_id, at(21))

    timing_service.pause_meeting(db, meeting_id, at(25))
    timing_service.resume_meeting(db, meeting_id, at(30), item_id=case_2)  # on another item
    assert timings(db, case_2) == [(at(30), None)]
    kinds = [kind for kind, _at in events(db, meeting_id)]
    assert kinds == ["started", "paused", "resumed", "paused", "resumed"]

    # Taking up an item while paused resumes the meeting.
    timing_service.pause_meeting(db, meeting_id, at(40))
    timing_service.start_item(db, first, at(45))
    assert events(db, meeting_id)[-1] == ("resumed", at(45))
    assert timings(db, first) == [(at(45), None)]
    used = t.time_used(
        next(i for i in load_dossier(db, meeting_id).items if i.id == case_1).timings, at(99)
    )
    assert used == mins(12 + 5)


def test_ending_the_meeting_closes_the_open_stretch(db, meeting):
    meeting_id, (first, case_1, _case_2) = meeting
    timing_service.start_item(db, case_1, at(0))
    meeting_service.end_meeting(db, meeting_id, by="Birgitte", now=at(17))
    assert timings(db, case_1) == [(at(0), at(17))]
    assert events(db, meeting_id)[-1] == ("ended", at(17))
    with pytest.raises(UserError, match="afsluttet"):
        timing_service.start_item(db, first, at(20))
    with pytest.raises(UserError):
        timing_service.pause_meeting(db, meeting_id, at(20))
    assert timing_service.follow_item(db, first, at(20)) is None


def test_pause_before_the_start_is_refused(db, meeting):
    meeting_id, _items = meeting
    with pytest.raises(UserError, match="ikke startet"):
        timing_service.pause_meeting(db, meeting_id, at(0))


def test_follow_item_moves_only_a_running_clock(db, meeting):
    meeting_id, (first, case_1, case_2) = meeting
    meeting_service.start_meeting(db, meeting_id, now=at(0))
    assert timing_service.follow_item(db, case_1, at(1)) is None  # the clock was never started
    assert timings(db, case_1) == []
    timing_service.start_item(db, first, at(2))
    assert timing_service.follow_item(db, case_1, at(5)) == TimingRecord(at(5))
    assert timings(db, first) == [(at(2), at(5))]
    timing_service.pause_meeting(db, meeting_id, at(8))
    assert timing_service.follow_item(db, case_2, at(9)) is None  # browsing during a pause
    assert timings(db, case_2) == []


def test_approved_meeting_refuses_timing(db, meeting):
    meeting_id, (first, case_1, _case_2) = meeting
    timing_service.start_item(db, first, at(0))
    meeting_service.end_meeting(db, meeting_id, now=at(5))
    with db.session() as session:  # approval itself is another feature: set the status
        from visitation_app.store.models import Meeting

        row = session.get(Meeting, meeting_id)
        row.status = MeetingStatus.APPROVED.value
        session.add(row)
    with pytest.raises(MeetingLockedError):
        timing_service.start_item(db, case_1, at(10))
    with pytest.raises(MeetingLockedError):
        timing_service.pause_meeting(db, meeting_id, at(10))
    assert timing_service.follow_item(db, case_1, at(10)) is None
    assert timings(db, case_1) == []


def test_the_clock_must_know_its_time_zone(db, meeting):
    _meeting_id, (first, _c1, _c2) = meeting
    with pytest.raises(ValueError):
        timing_service.start_item(db, first, dt.datetime(2026, 12, 3, 9, 0))


# -- the minutes ---------------------------------------------------------------------------


def pdf_text(pdf: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    return " ".join(text.split())


def test_minutes_print_time_used_who_took_part_and_the_summary(db, meeting):
    meeting_id, (first, case_1, case_2) = meeting
    people = {}
    for name, role in (
        ("Birgitte Østergaard", "chair"),
        ("Søren Ærø", "case_worker"),
        ("Åse Lund", "legal_adviser"),
    ):
        people[name] = participant_service.add_participant(db, meeting_id, name=name, role=role).id
    with db.session() as session:
        late = session.get(Participant, people["Åse Lund"])
        late.arrived_at = at(10)  # came during Karen's case
        late.present = True
        session.add(late)
        session.add(Conflict(agenda_item_id=case_2, participant_id=people["Søren Ærø"]))
    timing_service.start_item(db, first, at(0))
    timing_service.start_item(db, case_1, at(4))
    timing_service.pause_meeting(db, meeting_id, at(14))
    timing_service.resume_meeting(db, meeting_id, at(20))
    timing_service.start_item(db, case_2, at(27))
    meeting_service.end_meeting(db, meeting_id, now=at(45))

    text = pdf_text(minutes_service.minutes_pdf(db, meeting_id))
    # Karen's case: 10 + 7 minutes used, 20 planned; Birgitte and Søren 17 each, Åse 4 + 7.
    assert "Brugt 17 min. (planlagt 20 min.) · 45 personminutter" in text
    assert "Deltog: Birgitte Østergaard, Søren Ærø, Åse Lund" in text
    # Jørgen's case: 18 minutes of 15; Søren was disqualified and did not take part.
    assert "Brugt 18 min. (planlagt 15 min.) · 36 personminutter" in text
    assert "Deltog: Birgitte Østergaard, Åse Lund" in text
    # The agenda item before Åse came.
    assert "Brugt 4 min. (planlagt 5 min.) · 8 personminutter" in text
    assert "Tidsforbrug" in text
    assert "Karen Jensen (27.12.04-G01-1-26) 2 20 min. 17 min. −3 min. 45" in text
    assert "Jørgen Ølgaard 3 15 min. 18 min. +3 min. 36" in text
    assert "Øvrige punkter 1 5 min. 4 min. −1 min. 8" in text
    assert "Hele mødet 40 min. 39 min. −1 min. 89" in text


def test_item_lines_say_one_person_minute_and_nothing_without_time():
    record = item(timings=stretches((0, 1)))
    assert item_time_lines(record, [person(1)], at(5)) == [
        "Brugt 1 min. (planlagt 20 min.) · 1 personminut",
        "Deltog: Person 1",
    ]
    assert item_time_lines(item(), [person(1)], at(5)) == []


def test_minutes_of_a_meeting_run_without_the_clock_have_no_time_section(db, meeting):
    meeting_id, _items = meeting
    meeting_service.start_meeting(db, meeting_id)
    text = pdf_text(minutes_service.minutes_pdf(db, meeting_id))
    assert "Tidsforbrug" not in text
    assert "Brugt" not in text
