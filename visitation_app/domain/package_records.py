"""The records of a meeting package, taken out of their nesting: one flat record per uid.

A package nests what belongs to something inside it (a decision inside its agenda item, an
assessment inside its case); the merge compares records one by one, so it reads them as
`Record`s that know their kind, their owner (`parent`) and their own fields.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from visitation_app.domain.package_paths import PathPart, json_path

MEETING = "meeting"
PARTICIPANT = "participant"
CASE = "case"
ASSESSMENT = "assessment"
ITEM = "item"
DECISION = "decision"
NOTE = "involvement_note"
CONFLICT = "conflict"
TIMING = "timing"
ACTION = "action"
EVENT = "event"
MINUTES = "approved_minutes"


@dataclass(frozen=True)
class Section:
    """Where records of one kind sit in a document: under `key`, one object or a list."""

    key: str
    kind: str
    many: bool = True
    children: tuple[Section, ...] = ()


ITEM_SECTIONS = (
    Section("decision", DECISION, many=False),
    Section("involvement_notes", NOTE),
    Section("conflicts", CONFLICT),
    Section("timings", TIMING),
)
CASE_SECTIONS = (Section("assessments", ASSESSMENT),)
SECTIONS = (
    Section("meeting", MEETING, many=False),
    Section("participants", PARTICIPANT),
    Section("cases", CASE, children=CASE_SECTIONS),
    Section("items", ITEM, children=ITEM_SECTIONS),
    Section("actions", ACTION),
    Section("events", EVENT),
    Section("approved_minutes", MINUTES),
)
ORDER = (MEETING, CASE, ASSESSMENT, PARTICIPANT, ITEM, DECISION, NOTE, CONFLICT, TIMING)
ORDER += (ACTION, EVENT, MINUTES)
"""Owners before what they own: the order records are added in (and deleted in reverse)."""

REFERENCES: dict[str, dict[str, str]] = {
    ITEM: {"case": CASE},
    CONFLICT: {"participant": PARTICIPANT},
    ACTION: {"item": ITEM},
}
"""Fields that name another record by its uid, and the kind they name."""

CASCADES = {CONFLICT: "participant", ACTION: "item"}
"""References whose target takes the referring record with it when deleted."""

IDENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    ITEM: ("kind", "case"),
    CONFLICT: ("participant",),
    ASSESSMENT: ("scheme", "domain_key"),
    ACTION: ("item",),
    EVENT: ("kind", "at"),
    MINUTES: ("approved_at", "approved_by", "pdf"),
}
"""Fields that say what a record is rather than what it holds: never changed by a merge."""

NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    ITEM: ("case",),
    DECISION: (),
    CONFLICT: ("participant",),
    ASSESSMENT: ("scheme", "domain_key"),
}
"""Records that are one and the same when these fields (and the owner) agree, whatever
their uids: one decision per item, one conflict per person and item, one assessment per
area, and a case only once on an agenda."""


@dataclass(frozen=True)
class Record:
    kind: str
    uid: str
    parent: str | None
    fields: Mapping[str, Any] = field(default_factory=dict)
    path: str = "$"

    def natural_key(self) -> tuple | None:
        names = NATURAL_KEYS.get(self.kind)
        if names is None:
            return None
        values = tuple(self.fields.get(name) for name in names)
        if self.kind == ITEM and values == (None,):
            return None  # a standard item is not tied to anything
        return (self.kind, self.parent, *values)


def _entries(value: Any, section: Section, path: list[PathPart]) -> Iterator[tuple[dict, list]]:
    if section.many:
        for index, entry in enumerate(value if isinstance(value, list) else []):
            if isinstance(entry, dict):
                yield entry, [*path, section.key, index]
    elif isinstance(value, dict):
        yield value, [*path, section.key]


def _walk(
    container: Mapping[str, Any],
    sections: tuple[Section, ...],
    parent: str | None,
    meeting_uid: str | None,
    path: list[PathPart],
) -> Iterator[Record]:
    for section in sections:
        for entry, where in _entries(container.get(section.key), section, path):
            uid = entry.get("uid")
            if not isinstance(uid, str):
                continue
            nested = {child.key for child in section.children}
            fields = {k: v for k, v in entry.items() if k != "uid" and k not in nested}
            owner = parent
            if section.kind == CASE:
                owner = None
            elif section.kind != MEETING and owner is None:
                owner = meeting_uid
            yield Record(section.kind, uid, owner, fields, json_path(where))
            yield from _walk(entry, section.children, uid, meeting_uid, where)


def flatten(document: Mapping[str, Any]) -> dict[str, Record]:
    """Every record of a (checked) document by its uid."""
    meeting = document.get("meeting")
    meeting_uid = meeting.get("uid") if isinstance(meeting, dict) else None
    return {record.uid: record for record in _walk(document, SECTIONS, None, meeting_uid, [])}


def renamed(records: Mapping[str, Record], old: str, new: str) -> dict[str, Record]:
    """`records` with the uid `old` replaced by `new` wherever it appears."""
    result: dict[str, Record] = {}
    for record in records.values():
        changed = record
        if record.uid == old:
            changed = replace(changed, uid=new)
        if record.parent == old:
            changed = replace(changed, parent=new)
        refs = {
            name: new for name in REFERENCES.get(record.kind, {}) if record.fields.get(name) == old
        }
        if refs:
            changed = replace(changed, fields={**record.fields, **refs})
        result[changed.uid] = changed
    return result


def dependents(records: Mapping[str, Record], uid: str) -> list[Record]:
    """What goes with the record `uid` when it is deleted: what it owns and what refers to
    it with a cascading reference, recursively, owners before what they own."""
    by_owner: dict[str, list[Record]] = {}
    for record in records.values():
        if record.parent is not None:
            by_owner.setdefault(record.parent, []).append(record)
        cascade = CASCADES.get(record.kind)
        target = record.fields.get(cascade) if cascade else None
        if isinstance(target, str) and target != record.parent:
            by_owner.setdefault(target, []).append(record)
    found: dict[str, Record] = {}
    queue = [uid]
    while queue:
        for record in by_owner.get(queue.pop(0), []):
            if record.uid not in found and record.uid != uid:
                found[record.uid] = record
                queue.append(record.uid)
    return sorted(found.values(), key=lambda record: ORDER.index(record.kind))
