"""Naming the records of a package for a person: "Deltager Birthe Holm", "Afgørelsen på
punkt 3 (Anna Ørsted: Hjemmehjælp)", and showing a conflict's two values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from visitation_app.domain.agenda import item_title
from visitation_app.domain.assessment import domain_label
from visitation_app.domain.package_merge import Disagreement
from visitation_app.domain.package_paths import shown_value
from visitation_app.domain.package_records import (
    ACTION,
    ASSESSMENT,
    CASE,
    CONFLICT,
    DECISION,
    EVENT,
    ITEM,
    MEETING,
    MINUTES,
    NOTE,
    PARTICIPANT,
    TIMING,
    Record,
)
from visitation_app.domain.package_report import ConflictReport
from visitation_app.domain.vocabulary import MeetingEventKind
from visitation_app.i18n import _
from visitation_app.services.meeting_package_fields import KINDS

Records = Mapping[str, Record]


def _short(text: Any, limit: int = 50) -> str:
    value = " ".join(str(text or "").split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _item(uid: str | None, records: Records) -> str:
    item = records.get(uid or "")
    if item is None:
        return _("an agenda item")
    case = records.get(item.fields.get("case") or "")
    title = item_title(
        item.fields.get("kind", ""),
        item.fields.get("title", ""),
        case.fields.get("citizen_name") if case else None,
        case.fields.get("applied_for", "") if case else "",
    )
    return _("item {number} ({title})").format(
        number=item.fields.get("position", "?"), title=_short(title)
    )


def _person(uid: str | None, records: Records) -> str:
    person = records.get(uid or "")
    return _short(person.fields.get("name")) if person else "?"


def describe(uid: str, records: Records) -> str:
    """What the record `uid` is, in a few words."""
    record = records.get(uid)
    if record is None:
        return uid
    fields = record.fields
    if record.kind == MEETING:
        return _("The meeting")
    if record.kind == PARTICIPANT:
        return _("Participant {name}").format(name=_short(fields.get("name")))
    if record.kind == CASE:
        return _("The case of {citizen}").format(citizen=_short(fields.get("citizen_name")))
    if record.kind == ASSESSMENT:
        case = records.get(record.parent or "")
        return _("Assessment of {citizen}: {area}").format(
            citizen=_short(case.fields.get("citizen_name")) if case else "?",
            area=domain_label(fields.get("scheme", "fsiii"), fields.get("domain_key", "")),
        )
    if record.kind == ITEM:
        return _("Agenda {item}").format(item=_item(uid, records))
    if record.kind == DECISION:
        return _("The decision on {item}").format(item=_item(record.parent, records))
    if record.kind == NOTE:
        return _("The answer to “{question}” on {item}").format(
            question=_short(fields.get("prompt"), 40), item=_item(record.parent, records)
        )
    if record.kind == CONFLICT:
        return _("{name} taking no part in {item}").format(
            name=_person(fields.get("participant"), records), item=_item(record.parent, records)
        )
    if record.kind == TIMING:
        return _("Time spent on {item}").format(item=_item(record.parent, records))
    if record.kind == ACTION:
        return _("Action item “{what}”").format(what=_short(fields.get("description"), 40))
    if record.kind == EVENT:
        try:
            kind = MeetingEventKind(fields.get("kind")).label
        except ValueError:
            kind = str(fields.get("kind"))
        return _("Meeting event: {kind}").format(kind=kind)
    if record.kind == MINUTES:
        return _("The approved minutes")
    return uid


def shown(field: str, value: Any) -> str:
    """A conflicting value as shown, a PDF not spelled out. A CPR number is shown in full:
    masked, two different numbers would look the same, and the chair must see which is
    right (the report is shown only to the one importing)."""
    if field == "pdf":
        return _("(a PDF file)")
    return shown_value(value, 80)


def field_name(kind: str, name: str) -> str:
    """'Sted' for a meeting's location; the package's own name for a field it does not know."""
    spec = next((spec for spec in KINDS[kind].fields if spec.name == name), None) if name else None
    return spec.shown_name() if spec else name


def conflict_report(disagreement: Disagreement, records: Records) -> ConflictReport:
    return ConflictReport(
        record=describe(disagreement.uid, records),
        field=field_name(disagreement.kind, disagreement.field),
        local=shown(disagreement.field, disagreement.local),
        incoming=shown(disagreement.field, disagreement.incoming),
        reason=disagreement.reason,
    )
