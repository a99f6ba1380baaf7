"""Carrying out a merge plan on the database, with ordinary ORM objects (so the audit trail
sees every change), inside the import's one transaction.

Deletes go first (what a record holds before the record), then changed fields, then new
records (owners before what they own); each is flushed at once, so a row id is known to
what refers to it and a broken rule stops the import where it happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlmodel import Session, SQLModel, select

from visitation_app.domain.package_merge import MergePlan, same
from visitation_app.domain.package_records import (
    ASSESSMENT,
    CASE,
    CONFLICT,
    DECISION,
    ITEM,
    MEETING,
    NOTE,
    TIMING,
    Record,
    renamed,
)
from visitation_app.services.meeting_package_codecs import Ref
from visitation_app.services.meeting_package_fields import KINDS
from visitation_app.store.types import utc_now

_TOUCHED = {MEETING, CASE, DECISION}
"""Kinds that keep the time they were last changed (`updated_at`)."""


class Applier:
    """Finds rows by uid (caching them) and changes them as the plan says."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._rows: dict[str, SQLModel] = {}

    def row(self, kind: str, uid: str) -> SQLModel:
        found = self._rows.get(uid)
        if found is None:
            model = KINDS[kind].model
            found = self.session.exec(select(model).where(model.uid == uid)).one()
            self._rows[uid] = found
        return found

    def row_id(self, kind: str, uid: str | None) -> int | None:
        return None if uid is None else self.row(kind, uid).id

    def _set(self, kind: str, row: SQLModel, name: str, value: Any) -> None:
        spec = KINDS[kind].field(name)
        if isinstance(spec.codec, Ref):
            setattr(row, spec.attr, self.row_id(spec.codec.kind, value))
        else:
            setattr(row, spec.attr, spec.codec.from_json(value))

    def rename(self, kind: str, old: str, new: str) -> None:
        row = self.row(kind, old)
        row.uid = new
        self.session.add(row)
        self.session.flush()
        self._rows[new] = self._rows.pop(old)

    def delete(self, record: Record) -> None:
        self.session.delete(self.row(record.kind, record.uid))
        self.session.flush()
        self._rows.pop(record.uid, None)

    def update(self, kind: str, uid: str, changes: Mapping[str, Any]) -> None:
        row = self.row(kind, uid)
        for name, value in changes.items():
            self._set(kind, row, name, value)
        if kind in _TOUCHED:
            row.updated_at = utc_now()
        self.session.add(row)
        self.session.flush()

    def add(self, record: Record) -> SQLModel:
        kind = KINDS[record.kind]
        row = kind.model(uid=record.uid)
        for spec in kind.fields:
            self._set(record.kind, row, spec.name, record.fields[spec.name])
        if kind.owner_column is not None:
            owner_kind = _owner_kind(record.kind)
            setattr(row, kind.owner_column, self.row_id(owner_kind, record.parent))
        self.session.add(row)
        self.session.flush()
        self._rows[record.uid] = row
        return row

    def draft_again(self, uid: str) -> None:
        """A decision that is final but now mixes changes from both sides is a draft again,
        as any change to a final decision makes it (services.decisions.save_decision)."""
        row = self.row(DECISION, uid)
        row.finalised_at = None
        row.override_reason = ""
        row.override_keys = ""
        self.session.add(row)
        self.session.flush()


def _owner_kind(kind: str) -> str:
    if kind == ASSESSMENT:
        return CASE
    if kind in (DECISION, NOTE, CONFLICT, TIMING):
        return ITEM
    return MEETING


def mixed_decisions(
    plan: MergePlan, local: Mapping[str, Record], incoming: Mapping[str, Record]
) -> list[str]:
    """Final decisions the merge changed into something neither side had."""
    mixed = []
    for uid, changes in plan.updates.items():
        ours, theirs = local.get(uid), incoming.get(uid)
        if ours is None or theirs is None or ours.kind != DECISION:
            continue
        merged = {**ours.fields, **changes}
        if merged.get("finalised_at") is not None and not same(merged, dict(theirs.fields)):
            mixed.append(uid)
    return mixed


def apply_plan(
    session: Session,
    plan: MergePlan,
    local: Mapping[str, Record],
    incoming: Mapping[str, Record],
) -> list[str]:
    """Change the database as `plan` says; the uids of decisions made drafts again."""
    applier = Applier(session)
    for old, new in plan.renames.items():
        applier.rename(local[old].kind, old, new)
    for record in plan.deletes:
        applier.delete(record)
    for uid, changes in plan.updates.items():
        applier.update(incoming[uid].kind, uid, changes)
    for record in plan.adds:
        applier.add(record)
    drafts = mixed_decisions(plan, _renamed_local(local, plan.renames), incoming)
    for uid in drafts:
        applier.draft_again(uid)
    return drafts


def _renamed_local(local: Mapping[str, Record], renames: Mapping[str, str]) -> dict[str, Record]:
    result = dict(local)
    for old, new in renames.items():
        result = renamed(result, old, new)
    return result
