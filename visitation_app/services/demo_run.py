"""Running the demo's meetings as the chair runs them: the recorded time, attendance and
conflicts of interest of the demo file (`services.demo_clock`), placed on the meeting's day
and recorded through the services the window uses, with `now` set to each moment.

A held meeting is replayed as it went: started, each item taken up when the file says
(`services.timing.start_item`), a gap between stretches recorded as a pause, ended.

A meeting in progress is dated today, and shown as if the demo were built at its "now".
Built at another time of day, the whole meeting (its start time, every stretch, arrival and
leaving) moves by whole quarter hours, so that the moment of building falls up to a quarter
of an hour after "now": the clock runs on the current item for as long as the file says,
whatever the hour, and no time lies in the future. Only where moving it would take the
meeting off its day (built shortly after midnight) does it stay within the day; then what
would lie after the moment of building is not recorded: stretches not yet begun are left
out, the one going on keeps running, and whoever has not arrived yet is not recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from visitation_app.services.conflicts import declare_conflict
from visitation_app.services.demo_clock import HELD
from visitation_app.services.demo_loader import DemoMeeting
from visitation_app.services.meetings import DEFAULT_TIMEZONE, end_meeting, start_meeting
from visitation_app.services.participants import set_arrival, set_leaving, update_participant
from visitation_app.services.timing import pause_meeting, start_item
from visitation_app.store.database import Database

QUARTER = dt.timedelta(minutes=15)
_LAST_MINUTE = dt.time(23, 59)

Stretch = tuple[dt.datetime, dt.datetime | None, int]
"""A stretch of time placed on the day: start, end (None: running), agenda item id."""


@dataclass(frozen=True)
class Placement:
    """Where a meeting's clock times fall: on its day in its time zone, moved by `shift`.

    `until`: the moment the demo is built (a meeting in progress); nothing after it is recorded.
    """

    day: dt.date
    zone: ZoneInfo
    shift: dt.timedelta = dt.timedelta(0)
    until: dt.datetime | None = None

    def at(self, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(self.day, time, tzinfo=self.zone) + self.shift

    def fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The meeting's fields for `create_meeting`, its start time moved with the rest."""
        return {**fields, "start_time": self.at(fields["start_time"]).time()}


def place(plan: DemoMeeting, now: dt.datetime | None) -> Placement:
    """Where the meeting's times fall when the demo is built at `now` (an aware moment).

    Without `now`, a meeting in progress is shown exactly at its "now" (the demo is built
    for a given day, as in the tests).
    """
    day = plan.fields["meeting_date"]
    zone = ZoneInfo(plan.fields.get("timezone", DEFAULT_TIMEZONE))
    life = plan.life
    if life.status != "started" or life.now is None:
        return Placement(day, zone)
    if now is None:
        return Placement(day, zone, until=dt.datetime.combine(day, life.now, tzinfo=zone))
    wall = now.astimezone(zone).replace(tzinfo=None)
    shown_at = dt.datetime.combine(day, life.now)
    shift = (wall - shown_at) // QUARTER * QUARTER
    times = [plan.fields["start_time"], life.now, *_clock_times(plan)]
    earliest = dt.datetime.combine(day, min(times))
    latest = dt.datetime.combine(day, max(times))
    shift = max(shift, dt.datetime.combine(day, dt.time.min) - earliest)
    shift = min(shift, dt.datetime.combine(day, _LAST_MINUTE) - latest)
    return Placement(day, zone, shift, now.astimezone(zone))


def _clock_times(plan: DemoMeeting) -> list[dt.time]:
    times = [time for person in plan.participants for time in (person.arrived, person.left)]
    times += [time for item in plan.items for s in item.time for time in (s.start, s.end)]
    if plan.life.started is not None:
        times.append(plan.life.started)
    return [time for time in times if time is not None]


def record_time(
    db: Database,
    meeting_id: int,
    plan: DemoMeeting,
    placement: Placement,
    item_ids: Sequence[int],
    participant_ids: Sequence[int],
) -> None:
    """Record attendance, conflicts of interest and the meeting's run as the plan has them."""
    until = placement.until
    for participant_id, person in zip(participant_ids, plan.participants, strict=True):
        arrived = placement.at(person.arrived) if person.arrived else None
        left = placement.at(person.left) if person.left else None
        if until is not None and arrived is not None and arrived > until:
            update_participant(db, participant_id, present=None)  # has not come yet
            continue
        if arrived is not None:
            set_arrival(db, participant_id, arrived)
        if left is not None and (until is None or left <= until):
            set_leaving(db, participant_id, left)
    for item_id, item in zip(item_ids, plan.items, strict=True):
        for conflict in item.conflicts:
            person = participant_ids[conflict.participant]
            declare_conflict(db, item_id, person, conflict.reason)
    _run(db, meeting_id, plan, placement, item_ids)


def _run(
    db: Database, meeting_id: int, plan: DemoMeeting, placement: Placement, item_ids: Sequence[int]
) -> None:
    """Start the meeting, take up its items as timed, pause in the gaps, end it if held."""
    life, chair = plan.life, plan.fields.get("chair_name", "")
    if life.started is None:
        return
    started = placement.at(life.started)
    timeline: list[Stretch] = sorted(
        (placement.at(s.start), placement.at(s.end) if s.end else None, item_id)
        for item_id, item in zip(item_ids, plan.items, strict=True)
        for s in item.time
    )
    if placement.until is not None:
        timeline = _before(timeline, placement.until)
        started = min(started, placement.until)
    start_meeting(db, meeting_id, by=chair, now=started)
    stopped: dt.datetime | None = None  # when the clock last stopped on an item
    for start, end, item_id in timeline:
        if stopped is not None and stopped < start:
            pause_meeting(db, meeting_id, now=stopped)
        start_item(db, item_id, now=start)
        stopped = end
    if life.status in HELD and life.ended is not None:
        ended = placement.at(life.ended)
        if stopped is not None and stopped < ended:
            pause_meeting(db, meeting_id, now=stopped)
        end_meeting(db, meeting_id, by=chair, now=ended)
    elif stopped is not None:  # the clock stopped at the last stretch: the meeting is paused
        pause_meeting(db, meeting_id, now=stopped)


def _before(timeline: Sequence[Stretch], until: dt.datetime) -> list[Stretch]:
    """The stretches begun before `until`; one going on at `until` still runs."""
    kept: list[Stretch] = []
    for start, end, item_id in timeline:
        if start >= until:
            break
        if end is None or end > until:
            kept.append((start, None, item_id))
            break
        kept.append((start, end, item_id))
    return kept
