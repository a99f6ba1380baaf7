"""The time a meeting actually spends on its items, and the people who spend it.

An item's time is the sum of its stretches (TimingRecord): the chair may pause, or come
back to an item later; a stretch still going on counts up to `now`. A participant takes
part in an item for the time the item's stretches overlap with their presence (arrived
at / left at; None means from the start or to the end of the meeting), unless they were
absent (`present is False`) or had a conflict of interest (inhabilitet) on the item.
Person-minutes are those overlaps summed over the participants: what an item cost in
staff time.

Minutes are whole minutes rounded half up per item; the sums per case and per meeting add
up the rounded item figures, so a printed total always equals its rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from visitation_app.domain.records import (
    AgendaItemRecord,
    EventRecord,
    MeetingDossier,
    ParticipantRecord,
    TimingRecord,
)
from visitation_app.domain.vocabulary import MeetingEventKind

ZERO = dt.timedelta(0)

# Events that change whether the meeting's clock runs, in the order they were recorded.
_RUN_EVENTS = frozenset(
    {
        MeetingEventKind.STARTED,
        MeetingEventKind.PAUSED,
        MeetingEventKind.RESUMED,
        MeetingEventKind.ENDED,
        MeetingEventKind.REOPENED,
    }
)


def whole_minutes(duration: dt.timedelta) -> int:
    """A duration in whole minutes, half a minute and more rounding up (never negative)."""
    seconds = max(duration.total_seconds(), 0.0)
    return int((seconds + 30) // 60)


def stretch_end(timing: TimingRecord, now: dt.datetime) -> dt.datetime:
    """When a stretch ended; a stretch still going on ends `now` (never before it began)."""
    if timing.ended_at is not None:
        return max(timing.ended_at, timing.started_at)
    return max(now, timing.started_at)


def overlap(
    start: dt.datetime,
    end: dt.datetime,
    other_start: dt.datetime | None,
    other_end: dt.datetime | None,
) -> dt.timedelta:
    """How long [start, end] and [other_start, other_end] share; None bounds are open."""
    begin = start if other_start is None else max(start, other_start)
    finish = end if other_end is None else min(end, other_end)
    return max(finish - begin, ZERO)


def time_used(timings: Iterable[TimingRecord], now: dt.datetime) -> dt.timedelta:
    """The time spent on an item: all its stretches, an open one up to `now`."""
    return sum((stretch_end(t, now) - t.started_at for t in timings), ZERO)


def is_open(item: AgendaItemRecord) -> bool:
    """Whether the meeting is on this item right now (it has a stretch still going on)."""
    return any(timing.ended_at is None for timing in item.timings)


def time_present(
    person: ParticipantRecord, timings: Iterable[TimingRecord], now: dt.datetime
) -> dt.timedelta:
    """How much of the item's time `person` was at the meeting (nothing if absent)."""
    if person.present is False:
        return ZERO
    return sum(
        (
            overlap(t.started_at, stretch_end(t, now), person.arrived_at, person.left_at)
            for t in timings
        ),
        ZERO,
    )


def conflicted_ids(item: AgendaItemRecord) -> frozenset[int]:
    """The participants who take no part in the item because of a conflict of interest."""
    return frozenset(conflict.participant_id for conflict in item.conflicts)


def participants_of_item(
    item: AgendaItemRecord, participants: Sequence[ParticipantRecord], now: dt.datetime
) -> tuple[ParticipantRecord, ...]:
    """Who took part in the item, in the participant list's order.

    With recorded time: those present for some of it. Without (the meeting was not run
    with the clock): everyone not recorded as absent. Conflicted participants never.
    """
    excluded = conflicted_ids(item)
    candidates = [p for p in participants if p.id not in excluded and p.present is not False]
    if not item.timings:
        return tuple(candidates)
    return tuple(p for p in candidates if time_present(p, item.timings, now) > ZERO)


def person_time(
    item: AgendaItemRecord, participants: Sequence[ParticipantRecord], now: dt.datetime
) -> dt.timedelta:
    """The item's time summed over everyone taking part (conflicted participants excluded)."""
    excluded = conflicted_ids(item)
    return sum(
        (time_present(p, item.timings, now) for p in participants if p.id not in excluded), ZERO
    )


@dataclass(frozen=True)
class ItemTime:
    """Planned against actual time of one item, and who spent it."""

    item_id: int
    number: int
    planned_minutes: int
    used_minutes: int
    person_minutes: int
    timed: bool
    """Whether any time was recorded on the item (False: it was never taken up with the clock)."""
    took_part: tuple[ParticipantRecord, ...] = ()
    conflicted: tuple[tuple[ParticipantRecord, str], ...] = ()
    """Participants who took no part because of a conflict of interest, with the reason."""

    @property
    def difference_minutes(self) -> int:
        """Positive: the item took longer than planned."""
        return self.used_minutes - self.planned_minutes


def item_time(
    item: AgendaItemRecord, participants: Sequence[ParticipantRecord], now: dt.datetime
) -> ItemTime:
    by_id = {p.id: p for p in participants}
    return ItemTime(
        item_id=item.id,
        number=item.number,
        planned_minutes=item.time_box_minutes,
        used_minutes=whole_minutes(time_used(item.timings, now)),
        person_minutes=whole_minutes(person_time(item, participants, now)),
        timed=bool(item.timings),
        took_part=participants_of_item(item, participants, now),
        conflicted=tuple(
            (by_id[c.participant_id], c.reason) for c in item.conflicts if c.participant_id in by_id
        ),
    )


@dataclass(frozen=True)
class CaseTime:
    """Planned against actual minutes of one case (all its items), or of the other items."""

    case_id: int | None
    """None: the meeting's items that are not cases (agenda approval, any other business)."""
    citizen_name: str
    reference: str
    item_numbers: tuple[int, ...]
    planned_minutes: int
    used_minutes: int
    person_minutes: int

    @property
    def difference_minutes(self) -> int:
        return self.used_minutes - self.planned_minutes


@dataclass(frozen=True)
class MeetingTime:
    """The meeting's planned against actual minutes, per item, per case and in all."""

    items: tuple[ItemTime, ...]
    cases: tuple[CaseTime, ...]
    """One per case in agenda order, then (if any) one for the items that are not cases."""

    @property
    def planned_minutes(self) -> int:
        return sum(item.planned_minutes for item in self.items)

    @property
    def used_minutes(self) -> int:
        return sum(item.used_minutes for item in self.items)

    @property
    def person_minutes(self) -> int:
        return sum(item.person_minutes for item in self.items)

    @property
    def timed(self) -> bool:
        """Whether any time was recorded at all."""
        return any(item.timed for item in self.items)

    def item(self, item_id: int) -> ItemTime | None:
        return next((item for item in self.items if item.item_id == item_id), None)


def meeting_time(dossier: MeetingDossier, now: dt.datetime) -> MeetingTime:
    """Each item's time, summed per case (agenda order) and for the other items."""
    items = tuple(item_time(item, dossier.participants, now) for item in dossier.items)
    groups: dict[int | None, list[tuple[AgendaItemRecord, ItemTime]]] = {}
    for record, timing in zip(dossier.items, items, strict=True):
        key = record.case.id if record.case is not None else None
        groups.setdefault(key, []).append((record, timing))
    cases = [_case_time(key, rows) for key, rows in groups.items() if key is not None]
    if None in groups:
        cases.append(_case_time(None, groups[None]))
    return MeetingTime(items=items, cases=tuple(cases))


def _case_time(case_id: int | None, rows: Sequence[tuple[AgendaItemRecord, ItemTime]]) -> CaseTime:
    case = rows[0][0].case if case_id is not None else None
    return CaseTime(
        case_id=case_id,
        citizen_name=case.citizen_name if case else "",
        reference=case.reference if case else "",
        item_numbers=tuple(timing.number for _record, timing in rows),
        planned_minutes=sum(timing.planned_minutes for _record, timing in rows),
        used_minutes=sum(timing.used_minutes for _record, timing in rows),
        person_minutes=sum(timing.person_minutes for _record, timing in rows),
    )


# The meeting's clock ---------------------------------------------------------------------


def is_paused(kinds: Iterable[str]) -> bool:
    """Whether the meeting stands paused, given its event kinds in the order recorded."""
    last = None
    for kind in kinds:
        if kind in _RUN_EVENTS:
            last = kind
    return last == MeetingEventKind.PAUSED


def paused_since(events: Sequence[EventRecord]) -> dt.datetime | None:
    """When the pause the meeting stands in began; None when it is not paused."""
    if not is_paused(event.kind for event in events):
        return None
    return next(e.at for e in reversed(events) if e.kind == MeetingEventKind.PAUSED)


def running_item_id(items: Iterable[AgendaItemRecord]) -> int | None:
    """The item the meeting is on now (the one with a stretch going on), if any."""
    return next((item.id for item in items if is_open(item)), None)


def last_timed_item_id(items: Iterable[AgendaItemRecord]) -> int | None:
    """The item most recently taken up (the latest stretch began on it), if any."""
    latest: tuple[dt.datetime, int] | None = None
    for item in items:
        for timing in item.timings:
            if latest is None or timing.started_at >= latest[0]:
                latest = (timing.started_at, item.id)
    return latest[1] if latest else None


def current_item_id(items: Sequence[AgendaItemRecord]) -> int | None:
    """The item the meeting is on, or was on when it paused: the running item, else the
    one most recently taken up."""
    running = running_item_id(items)
    return running if running is not None else last_timed_item_id(items)


def meeting_time_used(items: Iterable[AgendaItemRecord], now: dt.datetime) -> dt.timedelta:
    """All the time spent on the meeting's items so far (pauses are not in it)."""
    return sum((time_used(item.timings, now) for item in items), ZERO)


def expected_end(
    items: Sequence[AgendaItemRecord], current_id: int | None, now: dt.datetime
) -> dt.datetime:
    """When the meeting will end if the current item keeps its time box and every item not
    yet taken up keeps its own."""
    left = ZERO
    for item in items:
        box = dt.timedelta(minutes=item.time_box_minutes)
        if item.id == current_id:
            left += max(box - time_used(item.timings, now), ZERO)
        elif not item.timings:
            left += box
    return now + left
