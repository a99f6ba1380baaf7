"""The demo content as data: reads resources/demo/demo_da.json into a plan to build.

The file holds keyed cases and the meetings that use them; its "about" text describes the
format. This module checks the file and turns its relative dates into real ones for a given
`today`; it opens no database (`services.demo` hands the plan to the services). A malformed
file is a programming error, raised as `DemoDataError` with the place of the wrong key,
e.g. "meetings[1].agenda[3].case: no case with the key 'x' in cases".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from visitation_app.assets import get_asset
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    CitizenParticipation,
    CommitteeArea,
    Outcome,
    ParticipantRole,
)

DEMO_FILE = ("demo", "demo_da.json")
LIFECYCLES = ("planned", "started", "ended", "approved")
_CASE_TEXTS = "citizen_name applied_for legal_paragraph case_worker summary citizen_goals"
_DECISION_TEXTS = ("service", "extent", "legal_basis", "justification")
_NO_VALUE = object()


class DemoDataError(ValueError):
    """The demo file does not describe a demo; the message names the key at fault."""


@dataclass(frozen=True)
class DemoAction:
    description: str
    owner: str
    due_date: dt.date | None
    done: bool


@dataclass(frozen=True)
class DemoParticipant:
    name: str
    role: str
    organisation: str
    present: bool | None


@dataclass(frozen=True)
class DemoItem:
    """A standard item (`case` is None) or a case item, with what was recorded on it."""

    kind: str
    minutes: int | None
    notes: str
    actions: tuple[DemoAction, ...]
    case: dict[str, Any] | None = None  # fields for services.cases.create_case
    voice: dict[str, str] | None = None  # citizen_* fields for services.agenda.update_item
    decision: dict[str, Any] | None = None  # fields for services.decisions.save_decision


@dataclass(frozen=True)
class DemoMeeting:
    fields: dict[str, Any]  # for services.meetings.create_meeting
    participants: tuple[DemoParticipant, ...]
    items: tuple[DemoItem, ...]
    actions: tuple[DemoAction, ...]  # not tied to an agenda item
    referred: tuple[dict[str, Any], ...]  # cases referred but not on this agenda
    lifecycle: str  # one of LIFECYCLES
    started_after: dt.timedelta | None  # when it began, counted from the planned start
    ended_after: dt.timedelta | None
    approved_by: str


def _check(value: Any, where: str, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DemoDataError(f"{where}: expected {kind.__name__}, got {value!r}")
    return value


def _place(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class _Object:
    """A JSON object and its place in the file ("meetings[0].agenda[2]"), for the errors."""

    def __init__(self, value: Any, where: str, required: str, optional: str = "") -> None:
        if not isinstance(value, dict):
            raise DemoDataError(f"{where or 'the file'}: expected an object, got {value!r}")
        need, may = set(required.split()), set(optional.split())
        for key in value:
            if key not in need | may:
                raise DemoDataError(f"{_place(where, key)}: unknown key")
        missing = sorted(need - set(value))
        if missing:
            raise DemoDataError(f"{_place(where, missing[0])}: missing")
        self.value, self.where = value, where

    def at(self, key: str) -> str:
        return _place(self.where, key)

    def has(self, key: str) -> bool:
        return key in self.value

    def get(self, key: str, kind: type, default: Any = _NO_VALUE) -> Any:
        if key not in self.value and default is not _NO_VALUE:
            return default
        return _check(self.value[key], self.at(key), kind)

    def choice(
        self, key: str, allowed: type[StrEnum] | tuple[str, ...], default: Any = None
    ) -> Any:
        value = self.get(key, str, default)
        if value is not None and value not in tuple(allowed):
            names = ", ".join(str(option) for option in allowed)
            raise DemoDataError(f"{self.at(key)}: {value!r} is not one of {names}")
        return value

    def template(self, key: str, **values: Any) -> str:
        try:
            return self.get(key, str).format(**values)
        except (KeyError, IndexError, ValueError) as error:
            known = ", ".join(f"{{{name}}}" for name in values)
            raise DemoDataError(f"{self.at(key)}: bad placeholder {error}; use {known}") from None

    def items(self, key: str, required: str, optional: str = "") -> list[_Object]:
        return [
            _Object(value, f"{self.at(key)}[{index}]", required, optional)
            for index, value in enumerate(self.get(key, list, []))
        ]


# --- dates -------------------------------------------------------------------------------


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day where it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        with contextlib.suppress(ValueError):
            return dt.date(year, month, last_day)
    raise AssertionError("unreachable")


def _date(node: _Object, key: str, meeting_day: dt.date, today: dt.date) -> dt.date | None:
    """Days after the meeting, or {"days", "months", "from": "meeting" | "today"}."""
    value = node.value.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return meeting_day + dt.timedelta(days=value)
    spec = _Object(value, node.at(key), "days", "months from")
    anchor = (
        today if spec.choice("from", ("meeting", "today"), "meeting") == "today" else meeting_day
    )
    day = anchor + dt.timedelta(days=spec.get("days", int))
    return _months_after(day, spec.get("months", int, 0))


def _meeting_day(node: _Object, today: dt.date) -> dt.date:
    """Days from today, moved to the nearest weekday "earlier" or "later" if it says so."""
    spec = _Object(node.value["date"], node.at("date"), "days", "weekend")
    day = today + dt.timedelta(days=spec.get("days", int))
    step = {"earlier": -1, "later": 1, None: 0}[spec.choice("weekend", ("earlier", "later"))]
    while step and day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def _cpr(node: _Object, today: dt.date) -> str:
    """A fictitious CPR number (DDMMYY-CXXX) of someone who is "age" years old today."""
    spec = _Object(node.value["cpr"], node.at("cpr"), "age month day last_digits")
    age, month, day = (spec.get(key, int) for key in ("age", "month", "day"))
    last_digits = spec.get("last_digits", str)
    if not (len(last_digits) == 3 and last_digits.isdigit()):
        raise DemoDataError(f"{spec.at('last_digits')}: expected three digits")
    had_birthday = (month, day) <= (today.month, today.day)
    try:
        born = dt.date(today.year - age - (0 if had_birthday else 1), month, day)
    except ValueError as error:
        raise DemoDataError(f"{spec.where}: {error}") from None
    century_digit = "4" if 2000 <= born.year <= 2036 else "1"
    return f"{born:%d%m%y}-{century_digit}{last_digits}"


# --- the plan ----------------------------------------------------------------------------


class _Planner:
    """Turns the meetings into plans, taking each case from `cases` where it is used."""

    def __init__(self, cases: dict[str, Any], today: dt.date) -> None:
        self.cases, self.today = cases, today
        self.placed: dict[str, str] = {}

    def meeting(self, node: _Object) -> DemoMeeting:
        day = _meeting_day(node, self.today)
        area = node.choice("area", CommitteeArea)
        try:
            start_time = dt.time.fromisoformat(node.get("start_time", str))
        except ValueError:
            raise DemoDataError(f"{node.at('start_time')}: expected a time like 09:00") from None
        fields = {
            "title": node.template("title", week=day.isocalendar().week, year=day.year),
            "area": area,
            "meeting_date": day,
            "start_time": start_time,
            "location": node.get("location", str, ""),
            "chair_name": node.get("chair", str),
        }
        participants = node.items("participants", "name role", "organisation present")
        agenda = node.items(
            "agenda", "", "standard case minutes notes citizen_voice decision actions"
        )
        referred = node.get("referred_cases", list, [])
        return DemoMeeting(
            fields=fields,
            participants=tuple(self._participant(person) for person in participants),
            items=tuple(self._item(item, day, area) for item in agenda),
            actions=self._actions(node, day),
            referred=tuple(
                self._case(key, f"{node.at('referred_cases')}[{index}]", day, area)
                for index, key in enumerate(referred)
            ),
            **self._lifecycle(node),
        )

    def _lifecycle(self, meeting: _Object) -> dict[str, Any]:
        life = _Object(
            meeting.value["lifecycle"],
            meeting.at("lifecycle"),
            "status",
            "started_after_minutes ended_after_minutes approved_by",
        )
        status = life.choice("status", LIFECYCLES)
        allowed = {
            "started_after_minutes": status != "planned",
            "ended_after_minutes": status in ("ended", "approved"),
            "approved_by": status == "approved",
        }
        for key, fits in allowed.items():
            if life.has(key) and not fits:
                raise DemoDataError(f"{life.at(key)}: does not fit the status {status!r}")
        if status == "approved" and not life.has("approved_by"):
            raise DemoDataError(f"{life.at('approved_by')}: missing (who approved the minutes)")
        started = life.get("started_after_minutes", int, None)
        ended = life.get("ended_after_minutes", int, None)
        return {
            "lifecycle": status,
            "started_after": None if started is None else dt.timedelta(minutes=started),
            "ended_after": None if ended is None else dt.timedelta(minutes=ended),
            "approved_by": life.get("approved_by", str, ""),
        }

    def _participant(self, node: _Object) -> DemoParticipant:
        present = node.value.get("present")  # null or absent: not recorded yet
        if present is not None:
            _check(present, node.at("present"), bool)
        return DemoParticipant(
            name=node.get("name", str),
            role=node.choice("role", ParticipantRole),
            organisation=node.get("organisation", str, ""),
            present=present,
        )

    def _item(self, node: _Object, day: dt.date, area: str) -> DemoItem:
        if node.has("standard") == node.has("case"):
            raise DemoDataError(f"{node.where}: give either 'standard' (an item kind) or 'case'")
        common = {
            "minutes": node.get("minutes", int, None),
            "notes": node.get("notes", str, ""),
            "actions": self._actions(node, day),
        }
        if node.has("standard"):
            for key in ("citizen_voice", "decision"):
                if node.has(key):
                    raise DemoDataError(f"{node.at(key)}: only a case item has this")
            kinds = tuple(kind for kind in AgendaItemKind if kind != AgendaItemKind.CASE)
            return DemoItem(kind=node.choice("standard", kinds), **common)
        voice = None
        if node.has("citizen_voice"):
            spoken = _Object(
                node.value["citizen_voice"],
                node.at("citizen_voice"),
                "participation statement",
                "represented_by",
            )
            voice = {
                "citizen_participation": spoken.choice("participation", CitizenParticipation),
                "citizen_statement": spoken.get("statement", str),
                "citizen_represented_by": spoken.get("represented_by", str, ""),
            }
        return DemoItem(
            kind=AgendaItemKind.CASE.value,
            case=self._case(node.get("case", str), node.at("case"), day, area),
            voice=voice,
            decision=self._decision(node, day) if node.has("decision") else None,
            **common,
        )

    def _decision(self, item: _Object, day: dt.date) -> dict[str, Any]:
        node = _Object(
            item.value["decision"],
            item.at("decision"),
            "outcome",
            " ".join(_DECISION_TEXTS) + " valid_from review_date annual_cost_ore",
        )
        fields: dict[str, Any] = {"outcome": node.choice("outcome", Outcome)}
        for key in _DECISION_TEXTS:
            if node.has(key):
                fields[key] = node.get(key, str)
        for key in ("valid_from", "review_date"):
            if node.has(key):
                fields[key] = _date(node, key, day, self.today)
        if node.has("annual_cost_ore"):
            fields["annual_cost_ore"] = node.get("annual_cost_ore", int)
        return fields

    def _actions(self, node: _Object, day: dt.date) -> tuple[DemoAction, ...]:
        return tuple(
            DemoAction(
                description=action.get("description", str),
                owner=action.get("owner", str, ""),
                due_date=_date(action, "due_date", day, self.today),
                done=action.get("done", bool, False),
            )
            for action in node.items("actions", "description", "owner due_date done")
        )

    def _case(self, key: Any, where: str, day: dt.date, area: str) -> dict[str, Any]:
        """The fields of case `key`, dated from the meeting (`day`) it is first used in."""
        _check(key, where, str)
        if key not in self.cases:
            raise DemoDataError(f"{where}: no case with the key {key!r} in cases")
        if key in self.placed:
            raise DemoDataError(f"{where}: case {key!r} is already used at {self.placed[key]}")
        self.placed[key] = where
        node = _Object(
            self.cases[key],
            f"cases.{key}",
            f"area reference cpr received_on {_CASE_TEXTS}",
        )
        case_area = node.choice("area", CommitteeArea)
        if case_area != area:
            raise DemoDataError(
                f"{node.at('area')}: {case_area!r}, but {where} is a meeting for {area!r}"
            )
        fields = {key: node.get(key, str) for key in _CASE_TEXTS.split()}
        return {
            "area": area,
            "reference": node.template("reference", year=day.year),
            "cpr": _cpr(node, self.today),
            "received_on": _date(node, "received_on", day, self.today),
            **fields,
        }


def plan_demo(data: Any, today: dt.date) -> list[DemoMeeting]:
    """The meetings described by the demo JSON `data`, dated around `today`."""
    root = _Object(data, "", "cases meetings", "about")
    cases = _check(root.value["cases"], root.at("cases"), dict)
    planner = _Planner(cases, today)
    meetings = [
        planner.meeting(node)
        for node in root.items(
            "meetings",
            "title area date start_time chair participants agenda lifecycle",
            "location actions referred_cases",
        )
    ]
    for key in cases:
        if key not in planner.placed:
            raise DemoDataError(f"cases.{key}: on no meeting's agenda and in no referred_cases")
    return meetings


def load_demo(today: dt.date, path: str | Path | None = None) -> list[DemoMeeting]:
    """Read the demo file (resources/demo/demo_da.json unless `path`) and plan it."""
    source = Path(path) if path is not None else get_asset(*DEMO_FILE)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoDataError(f"{source}: cannot read the demo data: {error}") from error
    try:
        return plan_demo(data, today)
    except DemoDataError as error:
        raise DemoDataError(f"{source}: {error}") from None
