"""The time-boxed agenda: start times computed from the meeting start and each time box."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from visitation_app.domain.errors import ValidationError
from visitation_app.i18n import _

MIN_TIME_BOX = 1
MAX_TIME_BOX = 8 * 60


@dataclass(frozen=True)
class Slot:
    """When one agenda item is planned to run, as aware datetimes in the meeting's zone."""

    starts_at: dt.datetime
    ends_at: dt.datetime

    @property
    def minutes(self) -> int:
        # In UTC: Python subtracts two datetimes of the same zone as wall-clock times,
        # which is an hour off across a daylight-saving change.
        elapsed = self.ends_at.astimezone(dt.UTC) - self.starts_at.astimezone(dt.UTC)
        return int(elapsed.total_seconds() // 60)


def meeting_start(day: dt.date, start: dt.time, timezone: str) -> dt.datetime:
    """The meeting's start as an aware datetime (a wall-clock time in its own zone)."""
    return dt.datetime.combine(day, start, tzinfo=ZoneInfo(timezone))


def schedule(start: dt.datetime, time_boxes: Sequence[int]) -> list[Slot]:
    """Each item starts where the one before it ends.

    Arithmetic is done in UTC, so an agenda across a daylight-saving change still
    gives each item exactly its minutes; the result is shown in the meeting's zone.
    """
    zone = start.tzinfo
    cursor = start.astimezone(dt.UTC)
    slots = []
    for minutes in time_boxes:
        end = cursor + dt.timedelta(minutes=minutes)
        slots.append(Slot(cursor.astimezone(zone), end.astimezone(zone)))
        cursor = end
    return slots


def planned_end(start: dt.datetime, time_boxes: Sequence[int]) -> dt.datetime:
    end = start.astimezone(dt.UTC) + dt.timedelta(minutes=sum(time_boxes))
    return end.astimezone(start.tzinfo)


def validate_time_box(minutes: int) -> int:
    if not MIN_TIME_BOX <= minutes <= MAX_TIME_BOX:
        raise ValidationError(
            _("A time box must be between {low} and {high} minutes.").format(
                low=MIN_TIME_BOX, high=MAX_TIME_BOX
            ),
            field="time_box_minutes",
        )
    return minutes


def moved(order: Sequence[int], from_index: int, to_index: int) -> list[int]:
    """`order` with the element at `from_index` moved to `to_index` (clamped to the ends)."""
    items = list(order)
    if not items or not 0 <= from_index < len(items):
        return items
    to_index = max(0, min(to_index, len(items) - 1))
    item = items.pop(from_index)
    items.insert(to_index, item)
    return items


def item_title(kind: str, title: str, citizen_name: str | None, applied_for: str = "") -> str:
    """What an agenda line says: a case's citizen and application, or the item's own title."""
    from visitation_app.domain.vocabulary import AgendaItemKind

    if kind == AgendaItemKind.CASE and citizen_name is not None:
        first_line = applied_for.strip().splitlines()[0] if applied_for.strip() else ""
        if len(first_line) > 80:
            first_line = first_line[:79].rstrip() + "…"
        return f"{citizen_name}: {first_line}" if first_line else citizen_name
    return title or AgendaItemKind(kind).label
