"""The demo content as data: reads resources/demo/demo_da.json into a plan to build.

The file holds keyed cases and the meetings that use them; its "about" text describes the
format. This module checks the file and turns its relative dates into real ones for a given
`today`; it opens no database (`services.demo` hands the plan to the services). A malformed
file is a programming error, raised as `DemoDataError` with the place of the wrong key,
e.g. "meetings[1].agenda[3].case: no case with the key 'x' in cases".

Catalog keys (a case's `case_type`, a legal basis' `legal_basis_key`) are checked against the
shipped catalog (resources/catalog/): the key must exist, belong to the case's area and, for
a legal basis, be in force on the date of the meeting the case is on, so the demo is
legally right whatever day it is built. A decision's tariff, extent and amount set by hand,
the budget frames and the delivered hours are read by `services.demo_budget`.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from visitation_app.assets import get_asset
from visitation_app.catalog import Catalog, LegalBasis, load_catalog
from visitation_app.domain.completeness import Consultation
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    CommitteeArea,
    Outcome,
    ParticipantRole,
)
from visitation_app.services.demo_budget import (
    ECONOMY_KEYS,
    DemoFrame,
    DemoHours,
    economy,
    plan_frames,
    plan_hours,
)
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
LIFECYCLES = ("planned", "started", "ended", "approved")
_CASE_TEXTS = "citizen_name applied_for case_worker summary citizen_goals"
_CASE_OPTIONAL = (
    "legal_paragraph legal_basis_key case_type expected_annual_cost_ore contact assessment"
)
_DECISION_TEXTS = (
    "service", "extent", "legal_basis", "justification",
    "consultation_not_needed_reason", "missing_information",
)  # fmt: skip
_DECISION_DATES = ("valid_from", "review_date", "consulted_on", "missing_by")
_DECISION_KEYS = " ".join(
    (
        *_DECISION_TEXTS,
        *_DECISION_DATES,
        "outcome annual_cost_ore legal_basis_key consultation",
        ECONOMY_KEYS,
    ),
)
_CASE_ITEM_ONLY = ("citizen_voice", "citizen_invited_on", "decision", "answers", "citizen_view")
# A decision field that only makes sense with a certain other value: (field, key, values).
_DECISION_NEEDS = (
    ("consulted_on", "consultation", {Consultation.DONE}),
    ("consultation_not_needed_reason", "consultation", {Consultation.NOT_NEEDED}),
    ("missing_information", "outcome", {Outcome.POSTPONED}),
    ("missing_by", "outcome", {Outcome.POSTPONED}),
)


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
    invited_on: dt.date | None = None  # when the citizen was invited to the meeting
    decision: dict[str, Any] | None = None  # fields for services.decisions.save_decision
    # Marked final after saving (services.decisions.finalise_decision), with the reason for
    # overriding what the decision still lacks, if anything.
    final: bool = False
    override_reason: str = ""
    # The answers to the conversation guide, the citizen's view and the case's assessment.
    involvement: DemoInvolvement = DemoInvolvement()


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
            "agenda",
            "",
            "standard case minutes notes citizen_voice citizen_invited_on decision actions "
            "answers citizen_view",
        )
        referred = node.get("referred_cases", list, [])
        for key in referred:
            if isinstance(key, str) and "assessment" in self.cases.get(key, {}):
                raise DemoDataError(
                    f"cases.{key}.assessment: only a case on an agenda can be assessed"
                )
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

    def _lifecycle(self, meeting: JsonObject) -> dict[str, Any]:
        life = JsonObject(
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

    def _participant(self, node: JsonObject) -> DemoParticipant:
        present = node.value.get("present")  # null or absent: not recorded yet
        if present is not None:
            check_type(present, node.at("present"), bool)
        return DemoParticipant(
            name=node.get("name", str),
            role=node.choice("role", ParticipantRole),
            organisation=node.get("organisation", str, ""),
            present=present,
        )

    def _item(self, node: JsonObject, day: dt.date, area: str) -> DemoItem:
        if node.has("standard") == node.has("case"):
            raise DemoDataError(f"{node.where}: give either 'standard' (an item kind) or 'case'")
        common = {
            "minutes": node.get("minutes", int, None),
            "notes": node.get("notes", str, ""),
            "actions": self._actions(node, day),
        }
        if node.has("standard"):
            for key in _CASE_ITEM_ONLY:
                if node.has(key):
                    raise DemoDataError(f"{node.at(key)}: only a case item has this")
            kinds = tuple(kind for kind in AgendaItemKind if kind != AgendaItemKind.CASE)
            return DemoItem(kind=node.choice("standard", kinds), **common)
        case = self._case(node.get("case", str), node.at("case"), day, area)
        decision, final, override_reason = (
            self._decision(node, day, area) if node.has("decision") else (None, False, "")
        )
        view, view_words = citizen_view(node, decision)
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
            decision=decision,
            final=final,
            override_reason=override_reason,
            **common,
        )

    def _decision(
        self, item: JsonObject, day: dt.date, area: str
    ) -> tuple[dict[str, Any], bool, str]:
        """The fields to save, and whether (and why) the decision is then made final.

        A decision may hold only the consultation status, and the tariff and extent the
        case worker proposes: that is how a case prepared for a planned meeting records
        them before the committee decides (a decision without an outcome costs nothing).
        """
        node = JsonObject(
            item.value["decision"],
            item.at("decision"),
            "",
            f"{_DECISION_KEYS} final override_reason",
        )
        fields: dict[str, Any] = {}
        if node.has("outcome"):
            fields["outcome"] = node.choice("outcome", Outcome)
        if node.has("legal_basis_key"):
            basis = self._basis(node, day, area)
            fields["legal_basis_key"] = basis.key
            fields["legal_basis"] = node.get("legal_basis", str, basis.citation)
        if node.has("consultation"):
            fields["consultation"] = node.choice("consultation", Consultation)
        for key in _DECISION_TEXTS:
            if node.has(key):
                fields.setdefault(key, node.get(key, str))
        for key in _DECISION_DATES:
            if node.has(key):
                fields[key] = relative_date(node, key, day, self.today)
        if node.has("annual_cost_ore"):
            fields["annual_cost_ore"] = node.get("annual_cost_ore", int)
        fields.update(economy(node, area, fields.get("valid_from") or day, self.catalog))
        if "annual_cost_ore" in fields and "tariff_key" in fields:
            raise DemoDataError(
                f"{node.at('annual_cost_ore')}: not with a tariff, whose cost is computed; "
                "set an amount by hand with cost_override_ore and cost_override_reason"
            )
        if not fields:
            raise DemoDataError(f"{node.where}: empty; give at least an outcome or consultation")
        for key, needs, values in _DECISION_NEEDS:
            if node.has(key) and fields.get(needs) not in values:
                wanted = " or ".join(repr(str(value)) for value in values)
                raise DemoDataError(f"{node.at(key)}: only with {needs} {wanted}")
        final = node.get("final", bool, False)
        if final and "outcome" not in fields:
            raise DemoDataError(f"{node.at('final')}: a decision needs an outcome to be final")
        if node.has("override_reason") and not final:
            raise DemoDataError(f'{node.at("override_reason")}: only with "final": true')
        return fields, final, node.get("override_reason", str, "")

    def _basis(self, node: JsonObject, day: dt.date, area: str) -> LegalBasis:
        """The catalog's legal basis named by `legal_basis_key`, in force for `area` on `day`."""
        key = node.get("legal_basis_key", str)
        basis = self.catalog.basis(key)
        if basis is None:
            raise DemoDataError(
                f"{node.at('legal_basis_key')}: {key!r} is not a legal basis in the catalog "
                "(resources/catalog/legal_bases.json)"
            )
        if not basis.is_valid(area, day):
            raise DemoDataError(
                f"{node.at('legal_basis_key')}: {basis.citation} ({key!r}) does not apply "
                f"to the area {area!r} on {day.isoformat()}, the date of the meeting"
            )
        return basis

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
            basis = self._basis(node, day, area)
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
