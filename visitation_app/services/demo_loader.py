"""The demo content as data: reads resources/demo/demo_da.json into a plan to build.

The file holds keyed cases and the meetings that use them; its "about" text describes the
format. This module checks the file and turns its relative dates into real ones for a given
`today`; it opens no database (`services.demo` hands the plan to the services). A malformed
file is a programming error, raised as `DemoDataError` with the place of the wrong key,
e.g. "meetings[1].agenda[3].case: no case with the key 'x' in cases".

Catalog keys (a case's `case_type`, a legal basis' `legal_basis_key`) are checked against the
shipped catalog (resources/catalog/): the key must exist, belong to the case's area and, for
a legal basis, be in force on the date of the meeting the case is on, so the demo is
legally right whatever day it is built. Parts of the file are read by their own modules:
the decisions by `services.demo_decisions`; a decision's tariff, extent and amount set by
hand, the budget frames and the delivered hours by `services.demo_budget`; the citizen's
involvement by `services.demo_involvement`; the time recorded on the items, arrival and
leaving, conflicts of interest and the meeting's lifecycle by `services.demo_clock`.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from visitation_app.assets import get_asset
from visitation_app.catalog import Catalog, load_catalog
from visitation_app.domain.vocabulary import AgendaItemKind, CommitteeArea, ParticipantRole
from visitation_app.services.demo_budget import DemoFrame, DemoHours, plan_frames, plan_hours
from visitation_app.services.demo_clock import (
    DemoConflict,
    DemoLifecycle,
    Stretch,
    attendance,
    clock_time,
    conflicts,
    lifecycle,
    stretches,
)
from visitation_app.services.demo_decisions import decision, legal_basis
from visitation_app.services.demo_involvement import (
    DemoInvolvement,
    answers,
    assessment,
    citizen_view,
    shipped_guides,
    voice,
)
from visitation_app.services.demo_json import (
    DemoDataError,
    JsonObject,
    check_type,
    fictitious_cpr,
    meeting_day,
    relative_date,
)

DEMO_FILE = ("demo", "demo_da.json")
_CASE_TEXTS = "citizen_name applied_for case_worker summary citizen_goals"
_CASE_OPTIONAL = (
    "legal_paragraph legal_basis_key case_type expected_annual_cost_ore contact assessment"
)
_CASE_ITEM_ONLY = ("citizen_voice", "citizen_invited_on", "decision", "answers", "citizen_view")


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
    arrived: dt.time | None = None  # clock times on the meeting's day (services.demo_clock)
    left: dt.time | None = None


@dataclass(frozen=True)
class DemoItem:
    """A standard item (`case` is None) or a case item, with what was recorded on it."""

    kind: str
    minutes: int | None
    notes: str
    actions: tuple[DemoAction, ...]
    case: dict[str, Any] | None = None  # fields for services.cases.create_case
    voice: dict[str, str] | None = None  # citizen_* fields for services.agenda.update_item
    invited_on: dt.date | None = None  # when the citizen was invited to the meeting
    decision: dict[str, Any] | None = None  # fields for services.decisions.save_decision
    # Marked final after saving (services.decisions.finalise_decision), with the reason for
    # overriding what the decision still lacks, if anything.
    final: bool = False
    override_reason: str = ""
    # The answers to the conversation guide, the citizen's view and the case's assessment.
    involvement: DemoInvolvement = DemoInvolvement()
    time: tuple[Stretch, ...] = ()  # when the meeting dealt with the item
    conflicts: tuple[DemoConflict, ...] = ()  # who took no part in it (inhabilitet)


@dataclass(frozen=True)
class DemoMeeting:
    fields: dict[str, Any]  # for services.meetings.create_meeting
    participants: tuple[DemoParticipant, ...]
    items: tuple[DemoItem, ...]
    actions: tuple[DemoAction, ...]  # not tied to an agenda item
    referred: tuple[dict[str, Any], ...]  # cases referred but not on this agenda
    life: DemoLifecycle  # how far it has come, and when


@dataclass(frozen=True)
class DemoPlan:
    """The whole demo: its meetings, the budget frames and the delivered hours to import."""

    meetings: tuple[DemoMeeting, ...]
    frames: tuple[DemoFrame, ...]
    hours: DemoHours | None


# --- the plan ----------------------------------------------------------------------------


class _Planner:
    """Turns the meetings into plans, taking each case from `cases` where it is used."""

    def __init__(self, cases: dict[str, Any], today: dt.date, catalog: Catalog) -> None:
        self.cases, self.today, self.catalog = cases, today, catalog
        self.guides = shipped_guides(catalog)
        self.placed: dict[str, str] = {}

    def meeting(self, node: JsonObject) -> DemoMeeting:
        day = meeting_day(node, self.today)
        area = node.choice("area", CommitteeArea)
        start_time = clock_time(node, "start_time")
        fields = {
            "title": node.template("title", week=day.isocalendar().week, year=day.year),
            "area": area,
            "meeting_date": day,
            "start_time": start_time,
            "location": node.get("location", str, ""),
            "chair_name": node.get("chair", str),
        }
        participants = [
            self._participant(person)
            for person in node.items(
                "participants", "name role", "organisation present arrived left"
            )
        ]
        people = [(person.name, person.role) for person in participants]
        agenda = node.items(
            "agenda",
            "",
            "standard case minutes notes citizen_voice citizen_invited_on decision actions "
            "answers citizen_view time conflicts",
        )
        items = tuple(self._item(item, day, area, people) for item in agenda)
        referred = node.get("referred_cases", list, [])
        for key in referred:
            if isinstance(key, str) and "assessment" in self.cases.get(key, {}):
                raise DemoDataError(
                    f"cases.{key}.assessment: only a case on an agenda can be assessed"
                )
        where = node.at("participants")
        moments = [
            (f"{where}[{index}].{key}", time)
            for index, person in enumerate(participants)
            for key, time in (("arrived", person.arrived), ("left", person.left))
            if time is not None
        ]
        life = lifecycle(node, start_time, [item.time for item in items], moments)
        if life.status == "started" and day != self.today:
            raise DemoDataError(f'{node.at("date")}: a meeting in progress is today ("days": 0)')
        return DemoMeeting(
            fields=fields,
            participants=tuple(participants),
            items=items,
            actions=self._actions(node, day),
            referred=tuple(
                self._case(key, f"{node.at('referred_cases')}[{index}]", day, area)
                for index, key in enumerate(referred)
            ),
            life=life,
        )

    def _participant(self, node: JsonObject) -> DemoParticipant:
        present = node.value.get("present")  # null or absent: not recorded yet
        if present is not None:
            check_type(present, node.at("present"), bool)
        arrived, left = attendance(node)
        return DemoParticipant(
            name=node.get("name", str),
            role=node.choice("role", ParticipantRole),
            organisation=node.get("organisation", str, ""),
            present=present,
            arrived=arrived,
            left=left,
        )

    def _item(
        self, node: JsonObject, day: dt.date, area: str, people: list[tuple[str, str]]
    ) -> DemoItem:
        if node.has("standard") == node.has("case"):
            raise DemoDataError(f"{node.where}: give either 'standard' (an item kind) or 'case'")
        common = {
            "minutes": node.get("minutes", int, None),
            "notes": node.get("notes", str, ""),
            "actions": self._actions(node, day),
            "time": stretches(node),
            "conflicts": conflicts(node, people),
        }
        if node.has("standard"):
            for key in _CASE_ITEM_ONLY:
                if node.has(key):
                    raise DemoDataError(f"{node.at(key)}: only a case item has this")
            kinds = tuple(kind for kind in AgendaItemKind if kind != AgendaItemKind.CASE)
            return DemoItem(kind=node.choice("standard", kinds), **common)
        case = self._case(node.get("case", str), node.at("case"), day, area)
        planned, final, override_reason = (
            decision(node, day, area, self.today, self.catalog)
            if node.has("decision")
            else (None, False, "")
        )
        view, view_words = citizen_view(node, planned)
        key = node.value["case"]
        guide = self.guides.for_case(case.get("case_type", ""), area)
        involvement = DemoInvolvement(
            answers=answers(node, guide),
            view=view,
            view_words=view_words,
            assessments=assessment(self.cases[key], f"cases.{key}", area),
        )
        return DemoItem(
            kind=AgendaItemKind.CASE.value,
            case=case,
            voice=voice(node),
            involvement=involvement,
            invited_on=relative_date(node, "citizen_invited_on", day, self.today),
            decision=planned,
            final=final,
            override_reason=override_reason,
            **common,
        )

    def _case_type(self, node: JsonObject, area: str) -> str:
        """A processing-deadline key of the catalog for a case of `area`."""
        key = node.get("case_type", str)
        deadline = self.catalog.deadline(key)
        if deadline is None or deadline.area != area:
            known = ", ".join(d.key for d in self.catalog.deadlines_for(area)) or "none"
            raise DemoDataError(
                f"{node.at('case_type')}: {key!r} is not a case type for the area {area!r} "
                f"in the catalog (resources/catalog/processing_deadlines.json); use one of "
                f"{known}"
            )
        return key

    def _actions(self, node: JsonObject, day: dt.date) -> tuple[DemoAction, ...]:
        return tuple(
            DemoAction(
                description=action.get("description", str),
                owner=action.get("owner", str, ""),
                due_date=relative_date(action, "due_date", day, self.today),
                done=action.get("done", bool, False),
            )
            for action in node.items("actions", "description", "owner due_date done")
        )

    def _case(self, key: Any, where: str, day: dt.date, area: str) -> dict[str, Any]:
        """The fields of case `key`, dated from the meeting (`day`) it is first used in."""
        check_type(key, where, str)
        if key not in self.cases:
            raise DemoDataError(f"{where}: no case with the key {key!r} in cases")
        if key in self.placed:
            raise DemoDataError(f"{where}: case {key!r} is already used at {self.placed[key]}")
        self.placed[key] = where
        node = JsonObject(
            self.cases[key],
            f"cases.{key}",
            f"area reference cpr received_on {_CASE_TEXTS}",
            _CASE_OPTIONAL,
        )
        case_area = node.choice("area", CommitteeArea)
        if case_area != area:
            raise DemoDataError(
                f"{node.at('area')}: {case_area!r}, but {where} is a meeting for {area!r}"
            )
        fields = {key: node.get(key, str) for key in _CASE_TEXTS.split()}
        if node.has("legal_basis_key"):
            basis = legal_basis(node, day, area, self.catalog)
            fields["legal_basis_key"] = basis.key
            fields["legal_paragraph"] = node.get("legal_paragraph", str, basis.citation)
        else:
            fields["legal_paragraph"] = node.get("legal_paragraph", str)
        if node.has("case_type"):
            fields["case_type"] = self._case_type(node, area)
        if node.has("expected_annual_cost_ore"):
            fields["expected_annual_cost_ore"] = node.get("expected_annual_cost_ore", int)
        if node.has("contact"):
            fields["contact"] = node.get("contact", str)
        return {
            "area": area,
            "reference": node.template("reference", year=day.year),
            "cpr": fictitious_cpr(node, self.today),
            "received_on": relative_date(node, "received_on", day, self.today),
            **fields,
        }


def shipped_catalog() -> Catalog:
    """The reference catalog as shipped in resources/catalog, without a municipality's files.

    The demo is written against it, so a municipality's own deadlines or bases neither
    break the demo file nor change what it means.
    """
    with tempfile.TemporaryDirectory() as no_overrides:
        catalog = load_catalog(Path(no_overrides))
    if catalog.problems:
        problems = "; ".join(str(problem) for problem in catalog.problems)
        raise DemoDataError(f"the shipped catalog cannot be used: {problems}")
    return catalog


def plan_demo(
    data: Any,
    today: dt.date,
    catalog: Catalog | None = None,
    folder: Path | None = None,
) -> DemoPlan:
    """The demo described by the demo JSON `data`, dated around `today`.

    Catalog keys are checked against `catalog` (the shipped one unless given); the
    delivered-hours file the data names is read from `folder` (the shipped demo folder
    unless given).
    """
    root = JsonObject(data, "", "cases meetings", "about budget_frames delivered_hours")
    cases = check_type(root.value["cases"], root.at("cases"), dict)
    catalog = catalog or shipped_catalog()
    planner = _Planner(cases, today, catalog)
    meetings = tuple(
        planner.meeting(node)
        for node in root.items(
            "meetings",
            "title area date start_time chair participants agenda lifecycle",
            "location actions referred_cases",
        )
    )
    for key in cases:
        if key not in planner.placed:
            raise DemoDataError(f"cases.{key}: on no meeting's agenda and in no referred_cases")
    meeting_years: dict[str, int] = {}
    for meeting in meetings:
        meeting_years.setdefault(meeting.fields["area"], meeting.fields["meeting_date"].year)
    decisions = [
        (meeting.fields["meeting_date"], item.decision)
        for meeting in meetings
        for item in meeting.items
        if item.decision
    ]
    hours = plan_hours(root, folder or get_asset(*DEMO_FILE).parent, decisions, today, catalog)
    return DemoPlan(meetings, plan_frames(root, meeting_years, today), hours)


def load_demo(
    today: dt.date, path: str | Path | None = None, catalog: Catalog | None = None
) -> DemoPlan:
    """Read the demo file (resources/demo/demo_da.json unless `path`) and plan it."""
    source = Path(path) if path is not None else get_asset(*DEMO_FILE)
    try:
        data = json.loads(source.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DemoDataError(f"{source}: cannot read the demo data: {error}") from error
    try:
        return plan_demo(data, today, catalog, source.parent)
    except DemoDataError as error:
        raise DemoDataError(f"{source}: {error}") from None
