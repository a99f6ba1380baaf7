"""Who takes part in a meeting, in which role, whether they came, and when they came and went."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import col, select

from visitation_app.domain import validation as v
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.records import ParticipantRecord
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.formatting import format_time
from visitation_app.i18n import _
from visitation_app.services.common import (
    append_to_meeting,
    apply_changes,
    choice,
    editable_meeting,
    editable_row,
    load,
    strict_bool,
)
from visitation_app.store.database import Database
from visitation_app.store.models import Meeting, Participant

# "9", "09", "9:20", "09.20", "920", "0920", with or without "kl." in front.
_CLOCK = re.compile(r"^(?:kl\.?\s*)?(\d{1,2})(?:[:.]?(\d{2}))?$", re.IGNORECASE)

Moment = dt.datetime | dt.time | str | None
"""A time as the chair gives it: 'HH:MM' typed, a time of day, a moment, or None/'' (none)."""


def _validators() -> dict[str, Any]:
    return {
        "name": lambda x: v.short_text(x, _("Name"), required=True),
        "role": choice(ParticipantRole, _("Role")),
        "organisation": lambda x: v.short_text(x, _("Organisation")),
        "present": lambda x: None if x is None else strict_bool(x),
    }


def add_participant(
    db: Database, meeting_id: int, *, name: str, role: str, organisation: str = ""
) -> Participant:
    participant = Participant(meeting_id=meeting_id, name="", role="")
    apply_changes(
        participant, {"name": name, "role": role, "organisation": organisation}, _validators()
    )
    with db.session() as session:
        editable_meeting(session, meeting_id)
        return append_to_meeting(session, participant)


def update_participant(db: Database, participant_id: int, **changes: Any) -> Participant:
    """Change name, role, organisation or attendance.

    Marking someone as not present forgets their arrival and leaving times: a person who
    was not there came and went at no time.
    """
    with db.session() as session:
        participant = editable_row(session, Participant, participant_id, _("participant"))
        apply_changes(participant, changes, _validators())
        if participant.present is False:
            participant.arrived_at = None
            participant.left_at = None
        session.add(participant)
    return participant


def remove_participant(db: Database, participant_id: int) -> None:
    with db.session() as session:
        session.delete(editable_row(session, Participant, participant_id, _("participant")))


def list_participants(db: Database, meeting_id: int) -> list[Participant]:
    with db.session() as session:
        query = (
            select(Participant)
            .where(Participant.meeting_id == meeting_id)
            .order_by(col(Participant.position), col(Participant.id))
        )
        return list(session.exec(query).all())


def participant_records(db: Database, meeting_id: int) -> list[ParticipantRecord]:
    """The meeting's participants in their order, as the plain records the views read."""
    with db.session() as session:
        load(session, Meeting, meeting_id, _("meeting"))
    return [
        ParticipantRecord(p.id, p.name, p.role, p.organisation, p.present, p.arrived_at, p.left_at)
        for p in list_participants(db, meeting_id)
    ]


# -- arrival and leaving -------------------------------------------------------------------


def parse_clock_time(text: str) -> dt.time | None:
    """A time of day as a Dane types it ('9:20', '09.20', '0920', 'kl. 9'); None for ''."""
    typed = " ".join(str(text).split())
    if not typed:
        return None
    match = _CLOCK.match(typed)
    hours = int(match.group(1)) if match else -1
    minutes = int(match.group(2) or 0) if match else -1
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        raise ValidationError(
            _("'{value}' is not a time of day. Write it as HH:MM, for example 09:20.").format(
                value=typed[:20]
            )
        )
    return dt.time(hours, minutes)


def meeting_zone(meeting: Meeting) -> dt.tzinfo:
    try:
        return ZoneInfo(meeting.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dt.UTC


def on_meeting_day(meeting: Meeting, value: Moment) -> dt.datetime | None:
    """`value` as a moment on the meeting's day, in whole minutes; None for no time.

    Attendance is a time of day on the meeting day, in the meeting's own time zone: a typed
    'HH:MM' or a time of day is placed on that day, and a moment (such as 'now') counts by
    its wall-clock time there. A moment without a time zone is refused.
    """
    if isinstance(value, str):
        value = parse_clock_time(value)
    if value is None:
        return None
    zone = meeting_zone(meeting)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValidationError(_("A moment must carry its time zone."))
        value = value.astimezone(zone).time()
    if not isinstance(value, dt.time):
        raise ValidationError(
            _("'{value}' is not a time of day. Write it as HH:MM, for example 09:20.").format(
                value=str(value)[:20]
            )
        )
    wall = value.replace(second=0, microsecond=0, tzinfo=None)
    return dt.datetime.combine(meeting.meeting_date, wall, tzinfo=zone)


def _shown(moment: dt.datetime, meeting: Meeting) -> str:
    return format_time(moment.astimezone(meeting_zone(meeting)))


def _check_order(participant: Participant, meeting: Meeting) -> None:
    arrived, left = participant.arrived_at, participant.left_at
    if arrived is not None and left is not None and left <= arrived:
        raise ValidationError(
            _(
                "{name} cannot leave at {left} when arriving at {arrived}: the leaving time "
                "must be after the arrival. Correct one of the times."
            ).format(
                name=participant.name,
                left=_shown(left, meeting),
                arrived=_shown(arrived, meeting),
            )
        )


def _set_time(db: Database, participant_id: int, field: str, at: Moment) -> Participant:
    with db.session() as session:
        participant = load(session, Participant, participant_id, _("participant"))
        meeting = editable_meeting(session, participant.meeting_id)
        moment = on_meeting_day(meeting, at)
        setattr(participant, field, moment)
        _check_order(participant, meeting)
        if moment is not None:
            participant.present = True  # whoever came or went was there
        session.add(participant)
    return participant


def set_arrival(db: Database, participant_id: int, at: Moment) -> Participant:
    """Record when the person arrived (None or '': there from the start); marks them present."""
    return _set_time(db, participant_id, "arrived_at", at)


def set_leaving(db: Database, participant_id: int, at: Moment) -> Participant:
    """Record when the person left (None or '': stayed to the end); marks them present."""
    return _set_time(db, participant_id, "left_at", at)


def attendance_zone(db: Database, participant_id: int) -> dt.tzinfo:
    """The time zone the participant's meeting keeps its clock in (for showing times)."""
    with db.session() as session:
        participant = load(session, Participant, participant_id, _("participant"))
        return meeting_zone(load(session, Meeting, participant.meeting_id, _("meeting")))
