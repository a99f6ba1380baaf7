"""What meeting mode shows at one moment, worked out without Qt (the window only paints it).

The item clock counts down the current item's time box from the time recorded on it
(every stretch, an open one up to now); the meeting clock counts down the sum of the
time boxes from the time recorded on all items, so a late start or a pause does not eat
into it. Colours follow `domain.clock.signal_for`: amber in the last fifth, red when over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from visitation_app.domain.clock import ClockSignal, signal_for
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.domain.timing import (
    expected_end,
    is_paused,
    meeting_time_used,
    paused_since,
    running_item_id,
    time_used,
)
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.formatting import format_minutes, format_time, format_weekday_date
from visitation_app.i18n import _
from visitation_app.ui.clock import format_duration

ZERO = dt.timedelta(0)
SEPARATOR = "  ·  "
ENDED = (MeetingStatus.HELD, MeetingStatus.APPROVED)


def signed_duration(remaining: dt.timedelta) -> str:
    """'12:28' while time is left, '+03:10' once it is exceeded."""
    if remaining < ZERO:
        return "+" + format_duration(remaining)
    return format_duration(remaining)


@dataclass(frozen=True)
class Reading:
    """What one clock panel shows."""

    time: str
    caption: str
    detail: str = ""
    signal: ClockSignal = ClockSignal.NEUTRAL


@dataclass(frozen=True)
class Screen:
    """Every text of meeting mode at one moment."""

    header: str
    state: str
    paused: bool
    position: str
    title: str
    following: str
    item: Reading
    meeting: Reading


def read_screen(dossier: MeetingDossier, current_id: int | None, now: dt.datetime) -> Screen:
    """Meeting mode for `dossier` with `current_id` as the item on screen, at `now`."""
    meeting = dossier.meeting
    paused = is_paused(event.kind for event in dossier.events)
    items = list(dossier.items)
    ids = [item.id for item in items]
    header = SEPARATOR.join((meeting.title, format_weekday_date(meeting.meeting_date)))
    since = paused_since(dossier.events) if paused else None
    pause = max(now - since, ZERO) if since is not None else None
    state = _state(dossier.meeting.status, pause)
    meeting_reading = _meeting_reading(dossier, current_id, now)
    if current_id not in ids:
        empty = _("The agenda is empty. Add items under 'Before the meeting'.")
        item_reading = Reading("--:--", _("No item"))
        return Screen(header, state, paused, "", empty, "", item_reading, meeting_reading)
    index = ids.index(current_id)
    item = items[index]
    position = SEPARATOR.join(
        (
            _("Item {number} of {count}").format(number=index + 1, count=len(items)),
            _("Time box {minutes}").format(minutes=format_minutes(item.time_box_minutes)),
            _("Planned {start}–{end}").format(
                start=format_time(item.slot.starts_at), end=format_time(item.slot.ends_at)
            ),
        )
    )
    if index + 1 < len(items):
        following = items[index + 1]
        next_text = _("Next: {number}. {title} ({minutes})").format(
            number=following.number,
            title=following.title,
            minutes=format_minutes(following.time_box_minutes),
        )
    else:
        next_text = _("Next: nothing – this is the last item.")
    return Screen(
        header=header,
        state=state,
        paused=paused,
        position=position,
        title=f"{item.number}. {item.title}",
        following=next_text,
        item=_item_reading(meeting.status, item, now, pause),
        meeting=meeting_reading,
    )


def toggle_text(dossier: MeetingDossier) -> str:
    """The start/pause button's words for where the meeting stands."""
    status = dossier.meeting.status
    if status == MeetingStatus.IN_PROGRESS:
        if is_paused(event.kind for event in dossier.events):
            return "▶  " + _("Resume")
        if running_item_id(dossier.items) is not None:
            return "❚❚  " + _("Pause")
        return "▶  " + _("Start the item")
    return "▶  " + _("Start the meeting")


def _state(status: str, pause: dt.timedelta | None) -> str:
    if pause is not None:
        return _("PAUSE {duration}").format(duration=format_duration(pause))
    return {
        MeetingStatus.PLANNED: _("The meeting has not started"),
        MeetingStatus.IN_PROGRESS: _("The meeting is running"),
        MeetingStatus.HELD: _("The meeting has ended"),
        MeetingStatus.APPROVED: _("The minutes are approved"),
    }.get(status, "")


def _item_reading(
    status: str, item: AgendaItemRecord, now: dt.datetime, pause: dt.timedelta | None = None
) -> Reading:
    box = dt.timedelta(minutes=item.time_box_minutes)
    used = time_used(item.timings, now)
    box_text = format_minutes(item.time_box_minutes)
    if status in ENDED:
        if not item.timings:
            return Reading("--:--", _("No time was recorded on the item"))
        return Reading(
            format_duration(used),
            _("Used on the item"),
            _("Time box {minutes}").format(minutes=box_text),
            signal_for(used, box),
        )
    if not item.timings:
        hint = (
            _("Press Space to start the meeting")
            if status == MeetingStatus.PLANNED
            else _("Press Space to start the item")
        )
        return Reading(format_duration(box), _("Time box of the item"), hint)
    remaining = box - used
    caption = _("Left of the item") if remaining >= ZERO else _("Over the item's time box")
    detail = _("Used {used} of {box}").format(used=format_duration(used), box=box_text)
    if pause is not None:  # said in the big panel too: the pause must be seen across the table
        detail = _("Paused for {duration} – press Space to resume").format(
            duration=format_duration(pause)
        )
    return Reading(signed_duration(remaining), caption, detail, signal_for(used, box))


def _meeting_reading(dossier: MeetingDossier, current_id: int | None, now: dt.datetime) -> Reading:
    status = dossier.meeting.status
    planned = dt.timedelta(minutes=dossier.planned_minutes)
    used = meeting_time_used(dossier.items, now)
    if status == MeetingStatus.PLANNED or not any(item.timings for item in dossier.items):
        planned_range = _("Planned {start}–{end}").format(
            start=format_time(dossier.starts_at), end=format_time(dossier.ends_at)
        )
        return Reading(format_duration(planned), _("Planned length of the meeting"), planned_range)
    if status in ENDED:
        return Reading(
            format_duration(used),
            _("Used by the meeting"),
            _("Planned {duration}").format(duration=format_minutes(dossier.planned_minutes)),
            signal_for(used, planned),
        )
    remaining = planned - used
    caption = _("Left of the meeting") if remaining >= ZERO else _("The meeting is over its time")
    expected = expected_end(dossier.items, current_id, now).astimezone(dossier.starts_at.tzinfo)
    detail = _("Planned end {planned} · expected end {expected}").format(
        planned=format_time(dossier.ends_at), expected=format_time(expected)
    )
    return Reading(signed_duration(remaining), caption, detail, signal_for(used, planned))
