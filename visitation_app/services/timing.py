"""The time the meeting spends on each item: taking an item up, pausing, resuming.

While the meeting runs, exactly one item at most has a stretch of time going on (an
ItemTiming without an end). Taking up another item ends it and begins one on the new
item; a pause ends it and is recorded as an event, and resuming begins a new stretch.
Ending the meeting (`services.meetings.end_meeting`) ends it too. Every moment is passed
in as `now` (an aware datetime, stored in UTC), so the clock can be a test's.
"""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, col, select

from visitation_app.domain import timing as rules
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.meeting import ensure_editable
from visitation_app.domain.records import TimingRecord
from visitation_app.domain.vocabulary import MeetingEventKind, MeetingStatus
from visitation_app.i18n import _
from visitation_app.services.common import editable_item, editable_meeting, load
from visitation_app.services.meetings import close_open_timings, start_meeting
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, ItemTiming, Meeting, MeetingEvent


def _utc(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("the meeting clock needs an aware datetime")
    return now.astimezone(dt.UTC)


def _record(row: ItemTiming) -> TimingRecord:
    return TimingRecord(row.started_at, row.ended_at)


def _paused(session: Session, meeting_id: int) -> bool:
    kinds = session.exec(
        select(MeetingEvent.kind)
        .where(MeetingEvent.meeting_id == meeting_id)
        .order_by(col(MeetingEvent.id))
    ).all()
    return rules.is_paused(kinds)


def _event(session: Session, meeting: Meeting, kind: MeetingEventKind, at: dt.datetime) -> None:
    session.add(
        MeetingEvent(meeting_id=meeting.id, kind=kind.value, at=at, by_name=meeting.chair_name)
    )


def _ensure_not_ended(meeting: Meeting) -> None:
    if meeting.status == MeetingStatus.HELD:
        raise UserError(
            _(
                "The meeting has ended, so no more time is recorded on its items. "
                "Notes and decisions can still be edited."
            )
        )


def _open(session: Session, item_id: int, at: dt.datetime) -> ItemTiming:
    row = ItemTiming(agenda_item_id=item_id, started_at=at)
    session.add(row)
    session.flush()
    session.refresh(row)
    return row


def start_item(db: Database, item_id: int, now: dt.datetime) -> TimingRecord:
    """The meeting takes up this item now: the stretch on any other item ends.

    A planned meeting is started; a paused one resumes. Taking up the item the meeting
    is already on changes nothing. Refused for a meeting that has ended or is approved.
    """
    now = _utc(now)
    with db.session() as session:
        item = editable_item(session, item_id)
        meeting = load(session, Meeting, item.meeting_id, _("meeting"))
        _ensure_not_ended(meeting)
        planned = meeting.status == MeetingStatus.PLANNED
        meeting_id, chair = meeting.id, meeting.chair_name
    if planned:
        start_meeting(db, meeting_id, by=chair, now=now)
    with db.session() as session:
        meeting = editable_meeting(session, meeting_id)
        current = session.exec(
            select(ItemTiming).where(
                ItemTiming.agenda_item_id == item_id, col(ItemTiming.ended_at).is_(None)
            )
        ).first()
        if current is not None:
            return _record(current)
        if _paused(session, meeting_id):
            _event(session, meeting, MeetingEventKind.RESUMED, now)
        close_open_timings(session, meeting_id, now)
        return _record(_open(session, item_id, now))


def follow_item(db: Database, item_id: int, now: dt.datetime) -> TimingRecord | None:
    """The chair opened `item_id`: if the meeting's clock runs on an item, it moves here.

    Nothing happens while the clock does not run (not started, paused, ended, approved).
    """
    with db.session() as session:
        item = load(session, AgendaItem, item_id, _("agenda item"))
        running = _open_timing(session, item.meeting_id)
        if running is None:
            return None
        if running.agenda_item_id == item_id:
            return _record(running)
    return start_item(db, item_id, now)


def _open_timing(session: Session, meeting_id: int) -> ItemTiming | None:
    return session.exec(
        select(ItemTiming)
        .join(AgendaItem, col(AgendaItem.id) == col(ItemTiming.agenda_item_id))
        .where(AgendaItem.meeting_id == meeting_id, col(ItemTiming.ended_at).is_(None))
    ).first()


def _running_meeting(session: Session, meeting_id: int) -> Meeting:
    meeting = load(session, Meeting, meeting_id, _("meeting"))
    ensure_editable(meeting.status)
    _ensure_not_ended(meeting)
    if meeting.status == MeetingStatus.PLANNED:
        raise UserError(_("The meeting has not started yet. Start it first."))
    return meeting


def pause_meeting(db: Database, meeting_id: int, now: dt.datetime) -> None:
    """Pause the running meeting: the time on the current item stops until it resumes."""
    now = _utc(now)
    with db.session() as session:
        meeting = _running_meeting(session, meeting_id)
        if _paused(session, meeting_id):
            raise UserError(_("The meeting is already paused."))
        close_open_timings(session, meeting_id, now)
        _event(session, meeting, MeetingEventKind.PAUSED, now)
        editable_meeting(session, meeting_id)


def resume_meeting(
    db: Database, meeting_id: int, now: dt.datetime, item_id: int | None = None
) -> TimingRecord | None:
    """Resume a paused meeting on `item_id`, or on the item it was on before the pause.

    Returns the new stretch of time, or None when no item had been taken up yet.
    """
    now = _utc(now)
    with db.session() as session:
        meeting = _running_meeting(session, meeting_id)
        if not _paused(session, meeting_id):
            raise UserError(_("The meeting is not paused."))
        if item_id is None:
            item_id = _last_timed_item(session, meeting_id)
        elif load(session, AgendaItem, item_id, _("agenda item")).meeting_id != meeting_id:
            raise ValidationError(_("That item is on the agenda of another meeting."))
        _event(session, meeting, MeetingEventKind.RESUMED, now)
        editable_meeting(session, meeting_id)
        if item_id is None:
            return None
        close_open_timings(session, meeting_id, now)
        return _record(_open(session, item_id, now))


def _last_timed_item(session: Session, meeting_id: int) -> int | None:
    return session.exec(
        select(ItemTiming.agenda_item_id)
        .join(AgendaItem, col(AgendaItem.id) == col(ItemTiming.agenda_item_id))
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(ItemTiming.started_at).desc(), col(ItemTiming.id).desc())
    ).first()


def is_paused(db: Database, meeting_id: int) -> bool:
    """Whether the meeting stands paused."""
    with db.session() as session:
        return _paused(session, meeting_id)
