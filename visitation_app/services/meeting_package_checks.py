"""The checks of a package beyond its schema: every value through the app's own validators,
uids used once, references that lead somewhere, the catalog's keys, and the rules the
forms enforce (a case on the agenda belongs to the meeting's area, a review date after
the date a decision takes effect…).

`check_document` collects every problem with its path and, when there are none, returns
the document as this program would write it (texts cleaned, numbers in their one form), so
that the merge compares like with like.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from visitation_app.catalog import Catalog
from visitation_app.domain.assessment import check_domain, check_scheme, check_support_need
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.package_format import FORMAT, VERSION
from visitation_app.domain.package_paths import PackageProblem, child
from visitation_app.domain.package_records import (
    CASE,
    CONFLICT,
    DECISION,
    ITEM,
    NOTE,
    PARTICIPANT,
    REFERENCES,
    SECTIONS,
    Section,
)
from visitation_app.domain.vocabulary import (
    AgendaItemKind,
    CitizenParticipation,
    CommitteeArea,
    ParticipantRole,
)
from visitation_app.i18n import _
from visitation_app.services.conflicts import can_be_disqualified
from visitation_app.services.meeting_package_codecs import Ref
from visitation_app.services.meeting_package_fields import KINDS

MAX_ENTRIES = 1000
"""More entries than any list may hold are refused by the schema; they are not read further."""
_UID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@dataclass
class Entry:
    """One record as read: where it is, its uid, the values that passed their checks."""

    kind: str
    path: str
    uid: str | None
    raw: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)
    normal: dict[str, Any] = field(default_factory=dict)
    parent: Entry | None = None


class _Checker:
    def __init__(self, catalog: Catalog, broken: set[str]) -> None:
        self.catalog = catalog
        self.broken = broken
        self.problems: list[PackageProblem] = []
        self.entries: list[Entry] = []
        self.by_uid: dict[str, Entry] = {}

    def problem(self, path: str, message: str) -> None:
        self.problems.append(PackageProblem(path, message))

    def is_broken(self, path: str) -> bool:
        """Whether the schema already found this value (or what holds it) wrong."""
        if path in self.broken:
            return True
        cuts = [index for index, char in enumerate(path) if char in ".[" and index > 0]
        return any(path[:index] in self.broken for index in cuts)

    # --- reading values ------------------------------------------------------------------

    def read(self, kind: str, raw: dict[str, Any], path: str, parent: Entry | None) -> Entry:
        uid = raw.get("uid")
        entry = Entry(kind, path, uid if isinstance(uid, str) and _UID.match(uid) else None, raw)
        entry.parent = parent
        for spec in KINDS[kind].fields:
            where = child(path, spec.name)
            if spec.name not in raw or self.is_broken(where):
                continue
            try:
                value = spec.codec.from_json(raw[spec.name])
            except ValidationError as error:
                self.problem(where, str(error))
                continue
            entry.values[spec.name] = value
            entry.normal[spec.name] = (
                value if isinstance(spec.codec, Ref) else spec.codec.to_json(value)
            )
        if entry.uid is not None:
            first = self.by_uid.get(entry.uid)
            if first is not None:
                self.problem(
                    child(path, "uid"),
                    _("The uid is used twice in the package (also at {path}).").format(
                        path=first.path
                    ),
                )
            else:
                self.by_uid[entry.uid] = entry
        self.entries.append(entry)
        return entry

    def walk(self, container: dict[str, Any], sections: tuple[Section, ...], path: str,
             parent: Entry | None, normal: dict[str, Any]) -> None:  # fmt: skip
        for section in sections:
            value = container.get(section.key)
            where = child(path, section.key)
            if section.many:
                listed: list[Any] = []
                entries = value[:MAX_ENTRIES] if isinstance(value, list) else []
                for index, raw in enumerate(entries):
                    if isinstance(raw, dict):
                        listed.append(self._record(section, raw, child(where, index), parent))
                normal[section.key] = listed
            elif isinstance(value, dict):
                normal[section.key] = self._record(section, value, where, parent)
            else:
                normal[section.key] = None

    def _record(
        self, section: Section, raw: dict[str, Any], path: str, parent: Entry | None
    ) -> dict[str, Any]:
        entry = self.read(section.kind, raw, path, parent)
        normal = {"uid": entry.uid, **entry.normal}
        self.walk(raw, section.children, path, entry, normal)
        return normal

    # --- rules across records ------------------------------------------------------------

    def of_kind(self, kind: str) -> list[Entry]:
        return [entry for entry in self.entries if entry.kind == kind]

    def references(self) -> None:
        what = {CASE: _("case"), PARTICIPANT: _("participant"), ITEM: _("agenda item")}
        for entry in self.entries:
            for name, kind in REFERENCES.get(entry.kind, {}).items():
                uid = entry.values.get(name)
                if uid is None:
                    continue
                target = self.by_uid.get(uid)
                if target is None or target.kind != kind:
                    self.problem(
                        child(entry.path, name),
                        _("No {what} in the package has the uid {uid}.").format(
                            what=what[kind], uid=uid if _UID.match(uid) else "…"
                        ),
                    )

    def target(self, entry: Entry, name: str, kind: str) -> Entry | None:
        found = self.by_uid.get(entry.values.get(name) or "")
        return found if found is not None and found.kind == kind else None

    def unique(self, entries: list[Entry], key: Callable[[Entry], Any], name: str,
               message: str) -> None:  # fmt: skip
        seen: set[Any] = set()
        for entry in entries:
            value = key(entry)
            if value is None:
                continue
            if value in seen:
                self.problem(child(entry.path, name), message)
            seen.add(value)


def _check_catalog(checker: _Checker, entry: Entry) -> None:
    catalog = checker.catalog
    basis = entry.values.get("legal_basis_key")
    if basis and catalog.basis(basis) is None:
        checker.problem(
            child(entry.path, "legal_basis_key"),
            _("There is no legal basis '{key}' in the catalog on this computer.").format(key=basis),
        )
    tariff = entry.values.get("tariff_key")
    if tariff and tariff not in catalog.tariffs:
        checker.problem(
            child(entry.path, "tariff_key"),
            _("There is no tariff '{key}' in the catalog.").format(key=tariff),
        )
    case_type = entry.values.get("case_type")
    if case_type and catalog.deadline(case_type) is None:
        checker.problem(
            child(entry.path, "case_type"),
            _("There is no type of case '{key}' in the catalog on this computer.").format(
                key=case_type
            ),
        )


def _check_items(checker: _Checker, meeting: Entry | None) -> None:
    area = meeting.values.get("area") if meeting else None
    on_agenda: set[str] = set()
    for item in checker.of_kind(ITEM):
        kind, case = item.values.get("kind"), checker.target(item, "case", CASE)
        if case is not None:
            on_agenda.add(case.uid or "")
        named = item.values.get("case")
        if "kind" in item.values and "case" in item.values:
            if kind == AgendaItemKind.CASE and named is None:
                checker.problem(child(item.path, "case"), _("A case item must name its case."))
            elif kind != AgendaItemKind.CASE and named is not None:
                checker.problem(child(item.path, "case"), _("Only a case item names a case."))
        if case is not None and area and case.values.get("area") not in (None, area):
            checker.problem(
                child(case.path, "area"),
                _(
                    "The case belongs to another committee area ({case_area}) than the meeting "
                    "({meeting_area})."
                ).format(
                    case_area=CommitteeArea(case.values["area"]).label,
                    meeting_area=CommitteeArea(area).label,
                ),
            )
        if (
            item.values.get("citizen_participation") == CitizenParticipation.NOT_INVOLVED
            and "citizen_absence_reason" in item.values
            and not item.values["citizen_absence_reason"].strip()
        ):
            checker.problem(
                child(item.path, "citizen_absence_reason"),
                _("Write why the citizen was not involved; the reason is printed in the minutes."),
            )
    for entry in checker.of_kind(DECISION) + checker.of_kind(NOTE):
        item = entry.parent
        if item is not None and item.values.get("kind") not in (None, AgendaItemKind.CASE):
            checker.problem(
                entry.path,
                _("Only a case item has a decision.")
                if entry.kind == DECISION
                else _("Answers to the conversation guide belong to a case item."),
            )
    checker.unique(
        [item for item in checker.of_kind(ITEM) if item.values.get("case")],
        lambda item: item.values.get("case"),
        "case",
        _("The case is on the agenda twice."),
    )
    for case in checker.of_kind(CASE):
        if case.uid is not None and case.uid not in on_agenda:
            checker.problem(
                case.path,
                _("The case is on none of the meeting's agenda items; a package holds only "
                  "the cases on its agenda."),
            )  # fmt: skip


def _check_people(checker: _Checker) -> None:
    for person in checker.of_kind(PARTICIPANT):
        arrived, left = person.values.get("arrived_at"), person.values.get("left_at")
        if arrived is not None and left is not None and left <= arrived:
            checker.problem(
                child(person.path, "left_at"),
                _("The leaving time must be after the arrival."),
            )
        if person.values.get("present") is False and (arrived or left):
            checker.problem(
                child(person.path, "present"),
                _("Someone who was not present has no arrival or leaving time."),
            )
    for conflict in checker.of_kind(CONFLICT):
        person = checker.target(conflict, "participant", PARTICIPANT)
        role = person.values.get("role") if person else None
        if role and not can_be_disqualified(role):
            checker.problem(
                child(conflict.path, "participant"),
                _(
                    "{name} takes part as {role} and does not decide, so cannot be "
                    "disqualified from an item."
                ).format(name=person.values.get("name", ""), role=ParticipantRole(role).label),
            )
    checker.unique(
        checker.of_kind(CONFLICT),
        lambda c: (id(c.parent), c.values["participant"]) if c.values.get("participant") else None,
        "participant",
        _("The participant is recorded twice as taking no part in this item."),
    )


def _check_assessment(checker: _Checker, assessment: Entry, area: str | None) -> None:
    """The method fits the case's area, the area or theme belongs to the method, and only
    VUM 2.0 records a support need."""
    scheme = assessment.values.get("scheme")
    if area is None or scheme is None:
        return
    try:
        chosen = check_scheme(scheme, area)
    except ValidationError as error:
        checker.problem(child(assessment.path, "scheme"), str(error))
        return
    checks = (
        ("domain_key", lambda value: check_domain(chosen, value)),
        ("support_need", lambda value: check_support_need(chosen, value)),
    )
    for name, check in checks:
        value = assessment.values.get(name)
        if value:
            try:
                check(value)
            except ValidationError as error:
                checker.problem(child(assessment.path, name), str(error))


def _check_details(checker: _Checker) -> None:
    for decision in checker.of_kind(DECISION):
        start, review = decision.values.get("valid_from"), decision.values.get("review_date")
        if start and review and review < start:
            checker.problem(
                child(decision.path, "review_date"),
                _("The review date lies before the date the decision takes effect."),
            )
    for timing in checker.of_kind("timing"):
        start, end = timing.values.get("started_at"), timing.values.get("ended_at")
        if start and end and end < start:
            checker.problem(
                child(timing.path, "ended_at"), _("The time on the item ends before it starts.")
            )
    assessments = checker.of_kind("assessment")
    for assessment in assessments:
        case = assessment.parent
        _check_assessment(checker, assessment, case.values.get("area") if case else None)
    checker.unique(
        assessments,
        lambda a: (
            (id(a.parent), a.values["scheme"], a.values["domain_key"])
            if a.values.get("scheme") and a.values.get("domain_key")
            else None
        ),
        "domain_key",
        _("The same area is assessed twice in this case."),
    )


def check_document(
    document: dict[str, Any], catalog: Catalog, broken: set[str]
) -> tuple[list[PackageProblem], dict[str, Any]]:
    """The problems found beyond the schema (whose problem paths are `broken`), and the
    document as this program writes it (meaningful only when there are no problems)."""
    checker = _Checker(catalog, broken)
    normal: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    checker.walk(document, SECTIONS, "$", None, normal)
    meetings = checker.of_kind("meeting")
    checker.references()
    for entry in checker.entries:
        _check_catalog(checker, entry)
    _check_items(checker, meetings[0] if meetings else None)
    _check_people(checker)
    _check_details(checker)
    return checker.problems, normal
