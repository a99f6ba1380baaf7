"""Meetings: create, change, list, and move through their phases."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session, col, func, select

from visitation_app.domain import meeting as rules
from visitation_app.domain import validation as v
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.vocabulary import CommitteeArea, MeetingEventKind, MeetingStatus
from visitation_app.i18n import _
from visitation_app.services.common import apply_changes, choice, editable_meeting, load
from visitation_app.store.database import Database
from visitation_app.store.models import (
    AgendaItem,
    ApprovedMinutes,
    Decision,
    ItemTiming,
    Meeting,
    MeetingEvent,
)
from visitation_app.store.types import utc_now

DEFAULT_TIMEZONE = "Europe/Copenhagen"


def _time(value: Any) -> dt.time:
    if not isinstance(value, dt.time):
        raise ValidationError(_("The start time must be a time of day."), field="start_time")
    return value.replace(second=0, microsecond=0, tzinfo=None)


def _zone(value: Any) -> str:
    try:
        ZoneInfo(str(value))
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("'{zone}' is not a known time zone.").format(zone=value), field="timezone"
        ) from error
    return str(value)


def _validators() -> dict[str, Any]:
    return {
        "title": lambda x: v.short_text(x, _("Title"), required=True),
        "area": choice(CommitteeArea, _("Committee area")),
        "meeting_date": lambda x: v.plausible_date(x, _("Meeting date"), required=True),
        "start_time": _time,
        "timezone": _zone,
        "location": lambda x: v.short_text(x, _("Place")),
        "chair_name": lambda x: v.short_text(x, _("Chair")),
    }


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meeting list."""

    id: int
    meeting_date: dt.date
    start_time: dt.time
    title: str
    area: str
    status: str
    item_count: int


def create_meeting(
    db: Database,
    *,
    title: str,
    area: str,
    meeting_date: dt.date,
    start_time: dt.time,
    location: str = "",
    chair_name: str = "",
    timezone: str = DEFAULT_TIMEZONE,
) -> Meeting:
    meeting = Meeting(
        title="", area="", meeting_date=meeting_date, start_time=start_time, timezone=timezone
    )
    apply_changes(
        meeting,
        {
            "title": title,
            "area": area,
            "meeting_date": meeting_date,
            "start_time": start_time,
            "timezone": timezone,
            "location": location,
            "chair_name": chair_name,
        },
        _validators(),
    )
    with db.session() as session:
        session.add(meeting)
        session.flush()
        session.refresh(meeting)
    return meeting


def update_meeting(db: Database, meeting_id: int, **changes: Any) -> Meeting:
    """Change a meeting's details.

    The area cannot change while cases are on the agenda (they belong to their area, and the
    area decides where a complaint goes). A new date or time zone makes the decisions drafts
    again: the legal basis, the deadlines and the complaint period all hang on the date.
    """
    with db.session() as session:
        meeting = editable_meeting(session, meeting_id)
        changed = apply_changes(meeting, changes, _validators())
        case_items = session.exec(
            select(AgendaItem.id).where(
                AgendaItem.meeting_id == meeting_id, col(AgendaItem.case_id).is_not(None)
            )
        ).all()
        if "area" in changed and case_items:
            raise ValidationError(
                _(
                    "The committee area cannot change while cases are on the agenda. Remove "
                    "the cases first, or create a meeting for the other area."
                ),
                field="area",
            )
        if changed & {"meeting_date", "timezone"} and case_items:
            for decision in session.exec(
                select(Decision).where(col(Decision.agenda_item_id).in_(case_items))
            ):
                if decision.finalised_at is not None:
                    decision.finalised_at = None
                    decision.override_reason = ""
                    decision.override_keys = ""
                    session.add(decision)
        session.add(meeting)
    return meeting


def get_meeting(db: Database, meeting_id: int) -> Meeting:
    with db.session() as session:
        return load(session, Meeting, meeting_id, _("meeting"))


def list_meetings(db: Database) -> list[MeetingRow]:
    """All meetings, the newest first."""
    counts = (
        select(AgendaItem.meeting_id, func.count(col(AgendaItem.id)).label("n"))
        .group_by(AgendaItem.meeting_id)
        .subquery()
    )
    query = (
        select(Meeting, func.coalesce(counts.c.n, 0))
        .join(counts, counts.c.meeting_id == Meeting.id, isouter=True)
        .order_by(col(Meeting.meeting_date).desc(), col(Meeting.start_time).desc())
    )
    with db.session() as session:
        return [
            MeetingRow(m.id, m.meeting_date, m.start_time, m.title, m.area, m.status, n)
            for m, n in session.exec(query).all()
        ]


def delete_meeting(db: Database, meeting_id: int) -> None:
    """Delete a meeting whose minutes were never approved; its cases stay.

    Minutes once approved are a signed record: reopening a meeting does not make it deletable.
    """
    with db.session() as session:
        meeting = editable_meeting(session, meeting_id)
        approved = session.exec(
            select(ApprovedMinutes.id).where(ApprovedMinutes.meeting_id == meeting_id)
        ).first()
        if approved is not None:
            raise UserError(
                _(
                    "The minutes of this meeting have been approved, "
                    "so the meeting cannot be deleted."
                )
            )
        session.delete(meeting)


def _record_event(
    db: Database,
    meeting_id: int,
    kind: MeetingEventKind,
    new_status: Callable[[str], MeetingStatus],
    by: str,
    reason: str = "",
    *,
    at: dt.datetime | None = None,
) -> Meeting:
    moment = at or utc_now()
    with db.session() as session:
        meeting = load(session, Meeting, meeting_id, _("meeting"))
        meeting.status = new_status(meeting.status).value
        meeting.updated_at = utc_now()
        session.add(meeting)
        if kind == MeetingEventKind.ENDED:
            close_open_timings(session, meeting_id, moment)
        session.add(
            MeetingEvent(
                meeting_id=meeting_id,
                kind=kind.value,
                at=moment,
                by_name=v.short_text(by, _("Name")),
                reason=v.long_text(reason, _("Reason")),
            )
        )
    return meeting


def close_open_timings(session: Session, meeting_id: int, at: dt.datetime) -> list[ItemTiming]:
    """End the stretch of time the meeting is spending on an item (there is at most one)."""
    open_rows = session.exec(
        select(ItemTiming)
        .join(AgendaItem, col(AgendaItem.id) == col(ItemTiming.agenda_item_id))
        .where(AgendaItem.meeting_id == meeting_id, col(ItemTiming.ended_at).is_(None))
    ).all()
    for row in open_rows:
        row.ended_at = max(at, row.started_at)
        session.add(row)
    return list(open_rows)


def start_meeting(
    db: Database, meeting_id: int, by: str = "", *, now: dt.datetime | None = None
) -> Meeting:
    """Mark a planned meeting as running; a meeting already under way is left as it is."""
    meeting = get_meeting(db, meeting_id)
    if meeting.status != MeetingStatus.PLANNED:
        return meeting
    return _record_event(
        db, meeting_id, MeetingEventKind.STARTED, rules.status_after_start, by, at=now
    )


def end_meeting(
    db: Database, meeting_id: int, by: str = "", *, now: dt.datetime | None = None
) -> Meeting:
    """Mark the meeting as held; the time on the item it was on stops (at `now`)."""
    return _record_event(db, meeting_id, MeetingEventKind.ENDED, rules.status_after_end, by, at=now)


def reopen_meeting(db: Database, meeting_id: int, *, by: str, reason: str) -> Meeting:
    """Unlock approved minutes for changes; the reason is kept and printed in the minutes."""
    return _record_event(
        db,
        meeting_id,
        MeetingEventKind.REOPENED,
        lambda status: rules.status_after_reopen(status, reason),
        by,
        reason,
    )
