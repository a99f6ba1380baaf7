"""The demo's recorded time, as the file gives it: when each item was dealt with, who came
and went, who took no part in an item, and when the meeting began and ended.

Read and checked with the rest of the demo file by `services.demo_loader`; placed on the
day and recorded through the services the window uses by `services.demo_run`. Every time
is a clock time "HH:MM" on the meeting's day, in the meeting's time zone:

- an agenda item's "time": a stretch {"from": "09:17", "to": "09:41"}, or a list of them
  (an item taken up again later). A gap between the end of one stretch and the start of
  the next is a pause (a break). Only in a meeting in progress may the last stretch leave
  out "to": the meeting's clock still runs on that item.
- an agenda item's "conflicts": [{"participant": name, "reason": why}], those who took no
  part in the item (inhabilitet); only those who decide can be disqualified.
- a participant's "arrived" and "left": when they came and went; left out, they were there
  from the start or to the end. Not with "present": false.
- the meeting's "lifecycle": "started" (by default when the first item was taken up, or
  the meeting's start time), "ended" for a held meeting (by default when the last stretch
  ended), and "now" for a meeting in progress: the clock time it is shown at, after every
  time recorded on it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from visitation_app.services.conflicts import can_be_disqualified
from visitation_app.services.demo_json import DemoDataError, JsonObject, check_type

LIFECYCLES = ("planned", "started", "ended", "approved")
HELD = ("ended", "approved")
_CLOCK = re.compile(r"^\d{2}:\d{2}$")


@dataclass(frozen=True)
class Stretch:
    """A stretch of time on an item; `end` None while the meeting's clock runs on it."""

    start: dt.time
    end: dt.time | None = None
    where: str = field(default="", compare=False)  # its place in the file, for the errors


@dataclass(frozen=True)
class DemoConflict:
    participant: int  # the index of the participant in the meeting's participants
    reason: str


@dataclass(frozen=True)
class DemoLifecycle:
    """How far the meeting has come, and when; the times are resolved (no defaults left)."""

    status: str  # one of LIFECYCLES
    started: dt.time | None = None  # None: a planned meeting
    ended: dt.time | None = None  # a held meeting
    now: dt.time | None = None  # a meeting in progress: the moment it is shown at
    approved_by: str = ""


def shown(time: dt.time) -> str:
    return f"{time:%H:%M}"


def clock_time(node: JsonObject, key: str) -> dt.time | None:
    """The clock time "HH:MM" under `key`, or None without it."""
    if not node.has(key):
        return None
    text = node.get(key, str)
    try:
        if not _CLOCK.match(text):
            raise ValueError(text)
        return dt.time.fromisoformat(text)
    except ValueError:
        raise DemoDataError(
            f"{node.at(key)}: expected a clock time like 09:07, got {text!r}"
        ) from None


def attendance(person: JsonObject) -> tuple[dt.time | None, dt.time | None]:
    """A participant's arrival and leaving."""
    arrived, left = clock_time(person, "arrived"), clock_time(person, "left")
    for key in ("arrived", "left"):
        if person.has(key) and person.value.get("present") is False:
            raise DemoDataError(f'{person.at(key)}: not with "present": false')
    if arrived is not None and left is not None and left <= arrived:
        raise DemoDataError(
            f"{person.at('left')}: {shown(left)} is not after the arrival at {shown(arrived)}"
        )
    return arrived, left


def stretches(item: JsonObject) -> tuple[Stretch, ...]:
    """The stretches of time under the item's "time" (one object or a list of them)."""
    if not item.has("time"):
        return ()
    value = item.value["time"]
    many = isinstance(value, list)
    found = []
    for index, spec in enumerate(value if many else [value]):
        where = f"{item.at('time')}[{index}]" if many else item.at("time")
        node = JsonObject(spec, where, "from", "to")
        start, end = clock_time(node, "from"), clock_time(node, "to")
        assert start is not None
        if end is not None and end <= start:
            raise DemoDataError(f"{node.at('to')}: {shown(end)} is not after {shown(start)}")
        found.append(Stretch(start, end, where))
    if many and not found:
        raise DemoDataError(f"{item.at('time')}: empty; leave it out instead")
    return tuple(found)


def conflicts(
    item: JsonObject, participants: Sequence[tuple[str, str]]
) -> tuple[DemoConflict, ...]:
    """The item's conflicts of interest; `participants` are the meeting's (name, role)."""
    names = [name for name, _role in participants]
    found: list[DemoConflict] = []
    for node in item.items("conflicts", "participant reason"):
        name = node.get("participant", str)
        if name not in names:
            raise DemoDataError(f"{node.at('participant')}: {name!r} is not a participant")
        index = names.index(name)
        if not can_be_disqualified(participants[index][1]):
            raise DemoDataError(
                f"{node.at('participant')}: {name!r} takes part for the citizen "
                f"({participants[index][1]}) and cannot be disqualified"
            )
        if any(conflict.participant == index for conflict in found):
            raise DemoDataError(f"{node.at('participant')}: {name!r} is named twice")
        reason = check_type(node.value["reason"], node.at("reason"), str).strip()
        if not reason:
            raise DemoDataError(f"{node.at('reason')}: empty; say why {name} took no part")
        found.append(DemoConflict(index, reason))
    return tuple(found)


def lifecycle(
    meeting: JsonObject,
    start_time: dt.time,
    items: Sequence[Sequence[Stretch]],
    moments: Sequence[tuple[str, dt.time]],
) -> DemoLifecycle:
    """The meeting's "lifecycle", checked against the time recorded on its items (`items`,
    in agenda order) and the other times recorded on it (`moments`, with their place)."""
    life = JsonObject(
        meeting.value["lifecycle"],
        meeting.at("lifecycle"),
        "status",
        "started ended now approved_by",
    )
    status = life.choice("status", LIFECYCLES)
    allowed = {
        "started": status != "planned",
        "ended": status in HELD,
        "now": status == "started",
        "approved_by": status == "approved",
    }
    for key, fits in allowed.items():
        if life.has(key) and not fits:
            raise DemoDataError(f"{life.at(key)}: does not fit the status {status!r}")
    if status == "approved" and not life.has("approved_by"):
        raise DemoDataError(f"{life.at('approved_by')}: missing (who approved the minutes)")
    if status == "started" and not life.has("now"):
        raise DemoDataError(
            f"{life.at('now')}: missing (the clock time the meeting in progress is shown at)"
        )
    timeline = sorted((s for stretches in items for s in stretches), key=lambda s: s.start)
    if status == "planned":
        recorded = [s.where for s in timeline] + [where for where, _time in moments]
        if recorded:
            raise DemoDataError(f"{recorded[0]}: a planned meeting has no recorded times")
        return DemoLifecycle(status)
    _check_timeline(timeline, status)
    started = clock_time(life, "started") or (timeline[0].start if timeline else start_time)
    if timeline and started > timeline[0].start:
        raise DemoDataError(
            f"{life.at('started')}: {shown(started)} is after the first item was taken up, "
            f"at {shown(timeline[0].start)} ({timeline[0].where})"
        )
    if status == "started":
        limit = clock_time(life, "now")
        assert limit is not None
        what = f"the meeting is shown at {shown(limit)} ({life.at('now')})"
        ended = None
    else:
        ended = clock_time(life, "ended") or (timeline[-1].end if timeline else None)
        if ended is None:
            raise DemoDataError(f"{life.at('ended')}: missing (when the meeting ended)")
        limit, what = ended, f"the meeting ended at {shown(ended)}"
    checked = [
        (life.at("started"), started),
        *((f"{s.where}.to", s.end) if s.end else (f"{s.where}.from", s.start) for s in timeline),
        *moments,
    ]
    for where, time in checked:
        if time > limit:
            raise DemoDataError(f"{where}: {shown(time)} is after {what}")
    if ended == started:
        raise DemoDataError(f"{life.at('ended')}: the meeting cannot end when it starts")
    return DemoLifecycle(
        status,
        started=started,
        ended=ended,
        now=limit if status == "started" else None,
        approved_by=life.get("approved_by", str, ""),
    )


def _check_timeline(timeline: Sequence[Stretch], status: str) -> None:
    """Stretches do not overlap, and only the last one of a meeting in progress runs on."""
    for before, after in pairwise(timeline):
        if before.end is None:
            raise DemoDataError(
                f"{before.where}.to: missing; only the last stretch of a meeting in progress "
                "may run on"
            )
        if after.start < before.end:
            raise DemoDataError(
                f"{after.where}.from: {shown(after.start)} is before {shown(before.end)}, "
                f"when the stretch at {before.where} ended; stretches must not overlap"
            )
    if timeline and timeline[-1].end is None and status != "started":
        raise DemoDataError(
            f"{timeline[-1].where}.to: missing; the clock runs on an item only in a meeting "
            "in progress"
        )
