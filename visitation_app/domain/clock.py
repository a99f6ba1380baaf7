"""The meeting clock's arithmetic: time spent on an item, its time box, and the plan.

The chair sees three things while an item runs: how long it has taken, whether it is
nearing or past its time box (neutral → amber in the last fifth → red when exceeded), and
whether the meeting as a whole runs behind or ahead of the planned agenda.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

AMBER_SHARE = 0.8
"""From this share of the time box on, the clock turns amber (the last 20 %)."""

FAR_FROM_PLAN = dt.timedelta(hours=12)
"""Beyond this, comparing with the plan is meaningless (the meeting is held on another day)."""


class ClockSignal(StrEnum):
    NEUTRAL = "neutral"
    AMBER = "amber"
    RED = "red"


@dataclass(frozen=True)
class ItemTiming:
    """Where one running agenda item stands at one moment."""

    elapsed: dt.timedelta
    time_box: dt.timedelta
    signal: ClockSignal
    plan_offset: dt.timedelta | None
    """Positive: the meeting runs behind its plan; negative: ahead; None: not comparable."""

    @property
    def remaining(self) -> dt.timedelta:
        """Time left of the time box; negative once it is exceeded."""
        return self.time_box - self.elapsed

    @property
    def plan_offset_minutes(self) -> int | None:
        """The plan offset rounded to whole minutes (half a minute and more rounds away from 0)."""
        if self.plan_offset is None:
            return None
        seconds = self.plan_offset.total_seconds()
        minutes = int((abs(seconds) + 30) // 60)
        return minutes if seconds >= 0 else -minutes


def signal_for(elapsed: dt.timedelta, time_box: dt.timedelta) -> ClockSignal:
    """Red once the time box is exceeded, amber in its last 20 %, neutral before that."""
    if elapsed > time_box:
        return ClockSignal.RED
    if elapsed >= time_box * AMBER_SHARE:
        return ClockSignal.AMBER
    return ClockSignal.NEUTRAL


def plan_offset(
    *,
    now: dt.datetime,
    item_started_at: dt.datetime,
    time_box: dt.timedelta,
    planned_end: dt.datetime,
) -> dt.timedelta | None:
    """How far the meeting runs behind (+) or ahead (−) of the planned agenda.

    The current item is expected to end when its time box runs out, or now if it has
    already overrun; that expected end compared with the item's planned end tells how much
    later (or earlier) the rest of the agenda will run. At the moment an item is begun this
    equals "now minus the item's planned start".
    """
    expected_end = max(now, item_started_at + time_box)
    offset = expected_end - planned_end
    if abs(offset) > FAR_FROM_PLAN:
        return None
    return offset


def item_timing(
    *,
    now: dt.datetime,
    item_started_at: dt.datetime,
    time_box_minutes: int,
    planned_start: dt.datetime,
    planned_end: dt.datetime | None = None,
) -> ItemTiming:
    """The clock reading for an item begun at `item_started_at`, at the moment `now`.

    All datetimes must be aware. `planned_end` defaults to the planned start plus the box.
    """
    time_box = dt.timedelta(minutes=max(time_box_minutes, 0))
    elapsed = max(now - item_started_at, dt.timedelta(0))
    end = planned_end if planned_end is not None else planned_start + time_box
    return ItemTiming(
        elapsed=elapsed,
        time_box=time_box,
        signal=signal_for(elapsed, time_box),
        plan_offset=plan_offset(
            now=now, item_started_at=item_started_at, time_box=time_box, planned_end=end
        ),
    )


def split_duration(duration: dt.timedelta) -> tuple[int, int, int]:
    """(hours, minutes, seconds) of the absolute value of `duration`, whole seconds."""
    total = int(abs(duration.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return hours, minutes, seconds
