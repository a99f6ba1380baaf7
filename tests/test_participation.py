"""Who took part: arrival and leaving times, conflicts of interest (inhabilitet), and what
the minutes say about both, read back from the PDF."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from test_documents import text_of

from visitation_app.domain.errors import (
    MeetingLockedError,
    NotFoundError,
    UserError,
    ValidationError,
)
from visitation_app.services import agenda, cases, conflicts, meetings, participants
from visitation_app.services.dossier import load_dossier
from visitation_app.services.minutes import approve_minutes, minutes_pdf

ZONE = ZoneInfo("Europe/Copenhagen")
DAY = dt.date(2026, 12, 3)  # winter: Copenhagen is UTC+1


@pytest.fixture
def meeting(db):
    return meetings.create_meeting(
        db,
        title="Visitationsudvalget Ældre",
        area="elderly",
        meeting_date=DAY,
        start_time=dt.time(9, 0),
        location="Rådhuset, mødelokale 2",
        chair_name="Birgitte Østergaard",
    )


@pytest.fixture
def people(db, meeting):
    """Chair, case worker, legal adviser and a citizen, by name."""
    return {
        name: participants.add_participant(db, meeting.id, name=name, role=role).id
        for name, role in (
            ("Birgitte Østergaard", "chair"),
            ("Søren Ærø", "case_worker"),
            ("Åse Lund", "legal_adviser"),
            ("Karen Jensen", "citizen"),
        )
    }


@pytest.fixture
def item(db, meeting):
    case = cases.create_case(
        db, area="elderly", citizen_name="Karen Jensen", applied_for="Personlig pleje"
    )
    return agenda.add_case_item(db, meeting.id, case.id).id


def participant(db, meeting_id: int, participant_id: int):
    return next(p for p in load_dossier(db, meeting_id).participants if p.id == participant_id)


def local(moment: dt.datetime) -> tuple[dt.date, dt.time]:
    wall = moment.astimezone(ZONE)
    return wall.date(), wall.time()


# --- arrival and leaving -----------------------------------------------------------------


def test_typed_times_are_on_the_meeting_day_in_its_zone_and_mark_present(db, meeting, people):
    pid = people["Søren Ærø"]
    participants.set_arrival(db, pid, "9.20")
    participants.set_leaving(db, pid, "10:05")
    stored = participant(db, meeting.id, pid)
    assert stored.present is True
    assert local(stored.arrived_at) == (DAY, dt.time(9, 20))
    assert local(stored.left_at) == (DAY, dt.time(10, 5))
    # Stored as UTC: 09:20 in Copenhagen in December is 08:20 UTC.
    assert stored.arrived_at.astimezone(dt.UTC).time() == dt.time(8, 20)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("09:20", dt.time(9, 20)), ("920", dt.time(9, 20)), ("0920", dt.time(9, 20)),
     ("kl. 9", dt.time(9, 0)), (" 13.05 ", dt.time(13, 5)), ("", None), ("   ", None)],
)  # fmt: skip
def test_times_as_a_dane_types_them(typed, expected):
    assert participants.parse_clock_time(typed) == expected


@pytest.mark.parametrize("typed", ["25:00", "9:75", "ni", "9:2", "12:30:15", "-1"])
def test_what_is_not_a_time_is_refused_with_the_format_to_use(db, meeting, people, typed):
    with pytest.raises(ValidationError, match="TT:MM"):
        participants.set_arrival(db, people["Søren Ærø"], typed)


def test_a_moment_counts_by_its_wall_clock_time_on_the_meeting_day(db, meeting, people):
    """'Ankommer nu' on another day (a rehearsal) still records the time on the meeting day."""
    pid = people["Åse Lund"]
    now = dt.datetime(2026, 11, 1, 13, 47, 31, tzinfo=dt.UTC)  # 14:47:31 in Copenhagen
    participants.set_arrival(db, pid, now)
    assert local(participant(db, meeting.id, pid).arrived_at) == (DAY, dt.time(14, 47))


def test_a_moment_without_a_time_zone_is_refused(db, meeting, people):
    with pytest.raises(ValidationError):
        participants.set_arrival(db, people["Åse Lund"], dt.datetime(2026, 12, 3, 9, 30))


def test_leaving_must_be_after_arriving(db, meeting, people):
    pid = people["Søren Ærø"]
    participants.set_arrival(db, pid, "10:00")
    with pytest.raises(ValidationError, match=r"Søren Ærø kan ikke gå kl\. 09:30"):
        participants.set_leaving(db, pid, "09:30")
    with pytest.raises(ValidationError):
        participants.set_leaving(db, pid, "10:00")  # the same minute is not after
    participants.set_leaving(db, pid, "11:15")
    with pytest.raises(ValidationError, match="Ret et af tidspunkterne"):
        participants.set_arrival(db, pid, "11:30")
    stored = participant(db, meeting.id, pid)
    assert local(stored.arrived_at)[1] == dt.time(10, 0)  # the refused change left no trace
    assert local(stored.left_at)[1] == dt.time(11, 15)


def test_clearing_a_time_means_the_whole_meeting(db, meeting, people):
    pid = people["Søren Ærø"]
    participants.set_arrival(db, pid, "09:20")
    participants.set_arrival(db, pid, "")
    stored = participant(db, meeting.id, pid)
    assert stored.arrived_at is None and stored.present is True


def test_marking_someone_absent_forgets_their_times(db, meeting, people):
    pid = people["Søren Ærø"]
    participants.set_arrival(db, pid, "09:20")
    participants.set_leaving(db, pid, "10:05")
    participants.update_participant(db, pid, present=False)
    stored = participant(db, meeting.id, pid)
    assert (stored.present, stored.arrived_at, stored.left_at) == (False, None, None)


def test_times_of_approved_minutes_cannot_change(db, meeting, people):
    approve_minutes(db, meeting.id, by="Birgitte Østergaard")
    with pytest.raises(MeetingLockedError):
        participants.set_arrival(db, people["Søren Ærø"], "09:20")


# --- conflicts of interest ---------------------------------------------------------------


def test_declare_change_reason_and_withdraw_a_conflict(db, meeting, people, item):
    pid = people["Søren Ærø"]
    conflicts.declare_conflict(db, item, pid, "Nabo til borgeren")
    conflicts.declare_conflict(db, item, pid, "  Er nabo til borgeren ")  # a new reason
    assert [(c.participant_id, c.reason) for c in conflicts.item_conflicts(db, item)] == [
        (pid, "Er nabo til borgeren")
    ]
    record = next(i for i in load_dossier(db, meeting.id).items if i.id == item)
    assert [c.participant_id for c in record.conflicts] == [pid]
    assert conflicts.withdraw_conflict(db, item, pid) is True
    assert conflicts.withdraw_conflict(db, item, pid) is False
    assert conflicts.item_conflicts(db, item) == []


def test_a_participant_of_another_meeting_is_refused(db, meeting, item):
    other = meetings.create_meeting(
        db, title="Et andet møde", area="elderly", meeting_date=DAY, start_time=dt.time(13, 0)
    )
    stranger = participants.add_participant(db, other.id, name="Ida Holm", role="case_worker")
    with pytest.raises(UserError, match="Ida Holm er ikke deltager i dette møde"):
        conflicts.declare_conflict(db, item, stranger.id, "Familie")
    assert conflicts.item_conflicts(db, item) == []


def test_those_taking_part_for_the_citizen_cannot_be_disqualified(db, meeting, people, item):
    with pytest.raises(UserError, match="Karen Jensen deltager som Borger"):
        conflicts.declare_conflict(db, item, people["Karen Jensen"])
    assert conflicts.can_be_disqualified("legal_adviser")
    assert not conflicts.can_be_disqualified("interpreter")


def test_conflicts_of_approved_minutes_cannot_change(db, meeting, people):
    # A standard item: the minutes of a case without a decision could not be approved.
    item = agenda.add_standard_item(db, meeting.id, "follow_up").id
    pid = people["Åse Lund"]
    conflicts.declare_conflict(db, item, pid, "Har tidligere rådgivet borgeren")
    approve_minutes(db, meeting.id, by="Birgitte Østergaard")
    with pytest.raises(MeetingLockedError):
        conflicts.declare_conflict(db, item, people["Søren Ærø"], "Nabo")
    with pytest.raises(MeetingLockedError):
        conflicts.withdraw_conflict(db, item, pid)


def test_unknown_item_or_participant(db, meeting, people, item):
    with pytest.raises(NotFoundError):
        conflicts.declare_conflict(db, 999, people["Åse Lund"])
    with pytest.raises(NotFoundError):
        conflicts.declare_conflict(db, item, 999)


# --- the minutes ---------------------------------------------------------------------------


def test_minutes_name_who_did_not_take_part_in_an_item_and_why(db, meeting, people, item):
    second_case = cases.create_case(db, area="elderly", citizen_name="Jørgen Ølgaard")
    second = agenda.add_case_item(db, meeting.id, second_case.id).id
    conflicts.declare_conflict(db, item, people["Søren Ærø"], "Nabo til borgeren")
    conflicts.declare_conflict(db, item, people["Åse Lund"])
    text = " ".join(text_of(minutes_pdf(db, meeting.id)).split())
    assert "Deltog ikke (inhabil): Søren Ærø – Nabo til borgeren" in text
    assert "Deltog ikke (inhabil): Åse Lund" in text
    # Only under the item concerned: the second case's part says nothing of it.
    second_part = text.split("Jørgen Ølgaard")[1]
    assert "inhabil" not in second_part
    assert second  # the second item exists, and is printed after the first


def test_minutes_print_arrival_and_leaving_in_the_attendance_table(db, meeting, people):
    participants.update_participant(db, people["Birgitte Østergaard"], present=True)
    participants.set_arrival(db, people["Søren Ærø"], "09:20")
    participants.set_leaving(db, people["Åse Lund"], "10:05")
    participants.update_participant(db, people["Karen Jensen"], present=False)
    text = " ".join(text_of(minutes_pdf(db, meeting.id)).split())
    assert "Navn Rolle Organisation Fremmøde Kom Gik" in text
    assert "Søren Ærø Sagsbehandler Til stede 09:20" in text
    assert "Åse Lund Juridisk konsulent Til stede 10:05" in text
    assert "Karen Jensen Borger Fraværende" in text
    assert "Birgitte Østergaard Mødeleder Til stede Søren" in text  # the whole meeting


def test_minutes_without_times_keep_the_plain_attendance_table(db, meeting, people):
    participants.update_participant(db, people["Søren Ærø"], present=True)
    text = " ".join(text_of(minutes_pdf(db, meeting.id)).split())
    assert "Navn Rolle Organisation Fremmøde Birgitte Østergaard" in text
    assert "Søren Ærø Sagsbehandler Til stede" in text
