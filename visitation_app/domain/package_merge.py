"""The three-way merge of a meeting package with the database, record by record and field
by field, against the last package the two sides exchanged (the base).

The rule, per field of a record both sides have:
- the same on both sides: nothing to do;
- changed only in the package (here it is still as in the base): take the package's value;
- changed only here (the package still has the base's value): keep ours;
- changed on both sides to different values, or no base to tell: a conflict; ours is kept.
Fields that say what a record is (an item's case, an assessment's area…) are never changed.

Records only on one side:
- only in the package and never exchanged: added;
- only here and never exchanged: kept (added here);
- deleted on the other side (in the base, here, not in the package): deleted here too when
  neither it nor anything it holds was changed here since; otherwise kept, as a conflict;
- deleted here (in the base and the package, not here): stays deleted; a conflict when the
  other side changed it since (its changes are then not taken).
Without a base nothing counts as deleted: records are only added, never removed. A case is
never deleted by an import (it may be on other agendas); when it leaves the agenda, it and
its assessments stay as they are here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from visitation_app.domain.package_records import (
    ASSESSMENT,
    CASCADES,
    CASE,
    IDENTITY_FIELDS,
    NATURAL_KEYS,
    ORDER,
    Record,
    dependents,
    renamed,
)

BOTH_CHANGED = "both_changed"
NO_BASE = "no_base"
FIXED = "fixed"
DELETED_HERE = "deleted_here"
DELETED_THERE = "deleted_there"

Records = Mapping[str, Record]


@dataclass(frozen=True)
class Disagreement:
    """A conflict: the value here is kept, the package's is reported. For a deletion on one
    side `field` is "" and the values are None."""

    uid: str
    kind: str
    field: str
    local: Any
    incoming: Any
    reason: str


@dataclass
class MergePlan:
    adds: list[Record] = field(default_factory=list)
    updates: dict[str, dict[str, Any]] = field(default_factory=dict)
    deletes: list[Record] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)
    unchanged: int = 0
    conflicts: list[Disagreement] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.adds or self.updates or self.deletes or self.renames)


def same(a: Any, b: Any) -> bool:
    """Equal JSON values of the same type (True is not 1)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _ordered(records: Records) -> list[Record]:
    return sorted(records.values(), key=lambda record: (ORDER.index(record.kind), record.path))


def match_natural_keys(local: Records, incoming: Records) -> dict[str, str]:
    """Local uids to rename: records made on both sides independently that are one and the
    same (the same case on the agenda, the decision on the same item…)."""
    renames: dict[str, str] = {}
    current = dict(local)
    for kind in NATURAL_KEYS:
        ours = {
            record.natural_key(): record
            for record in _ordered(current)
            if record.kind == kind and record.uid not in incoming
        }
        for record in _ordered(incoming):
            if record.kind != kind or record.uid in current:
                continue
            key = record.natural_key()
            match = ours.pop(key, None) if key is not None else None
            if match is not None:
                renames[match.uid] = record.uid
                current = renamed(current, match.uid, record.uid)
    return renames


def _merge_fields(ours: Record, theirs: Record, base: Record | None, plan: MergePlan) -> None:
    fixed = IDENTITY_FIELDS.get(ours.kind, ())
    changes: dict[str, Any] = {}
    disagreements = 0
    for name in sorted(set(ours.fields) | set(theirs.fields)):
        here, there = ours.fields.get(name), theirs.fields.get(name)
        if same(here, there):
            continue
        before = base.fields.get(name) if base is not None else None
        if name in fixed:
            reason = FIXED
        elif base is None:
            reason = NO_BASE
        elif same(here, before):
            changes[name] = there
            continue
        elif same(there, before):
            continue  # changed here only: ours stays
        else:
            reason = BOTH_CHANGED
        plan.conflicts.append(Disagreement(ours.uid, ours.kind, name, here, there, reason))
        disagreements += 1
    if changes:
        plan.updates[ours.uid] = changes
    elif not disagreements:
        plan.unchanged += 1


def _unchanged_since(record: Record, base: Records) -> bool:
    before = base.get(record.uid)
    return before is not None and same(dict(before.fields), dict(record.fields))


def merge(base: Records | None, local: Records, incoming: Records) -> MergePlan:
    """What to do to the database so it holds the package's changes; see the module rule."""
    plan = MergePlan(renames=match_natural_keys(local, incoming))
    local, base_records = dict(local), dict(base or {})
    for old, new in plan.renames.items():
        local = renamed(local, old, new)
        if old in base_records and new not in base_records:
            base_records = renamed(base_records, old, new)
    have_base = base is not None
    skipped: set[str] = set()
    for record in _ordered(incoming):
        cascade = CASCADES.get(record.kind)
        if record.parent in skipped or (cascade and record.fields.get(cascade) in skipped):
            skipped.add(record.uid)
        elif record.uid in local:
            _merge_fields(local[record.uid], record, base_records.get(record.uid), plan)
        elif have_base and record.uid in base_records:
            # Deleted here since the last exchange: it stays deleted.
            held = [record, *dependents(incoming, record.uid)]
            if not all(_unchanged_since(r, base_records) for r in held):
                plan.conflicts.append(
                    Disagreement(record.uid, record.kind, "", None, None, DELETED_HERE)
                )
            skipped.update(r.uid for r in held)
        else:
            plan.adds.append(record)
    if not have_base:
        return plan
    handled: set[str] = set()
    for record in _ordered(local):
        if record.uid in incoming or record.uid in handled or record.uid not in base_records:
            continue
        if record.kind == CASE or (record.kind == ASSESSMENT and record.parent not in incoming):
            continue  # a case left the agenda: it is not deleted, nor what it holds
        # Deleted on the other side since the last exchange.
        held = [record, *dependents(local, record.uid)]
        handled.update(r.uid for r in held)
        if all(_unchanged_since(r, base_records) for r in held):
            plan.deletes.extend(reversed(held))
        else:
            plan.conflicts.append(
                Disagreement(record.uid, record.kind, "", None, None, DELETED_THERE)
            )
    plan.deletes.sort(key=lambda record: -ORDER.index(record.kind))
    return plan
