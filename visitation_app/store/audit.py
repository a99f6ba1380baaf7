"""Capturing the audit trail: every session records the changes it writes to the audited tables.

Imported by store/database.py, which registers the listeners once for every ORM session:
- `before_flush`: changed and deleted rows, with their old values (rows the database
  deletes by itself through ON DELETE CASCADE are read first, so they are recorded too);
- `after_flush`: created rows, now that they have their ids;
- `do_orm_execute`: bulk `update(...)` and `delete(...)` statements, which bypass the
  flush: the rows they touch are read before (and after) the statement runs.

Entries are written with a plain INSERT on the session's connection, inside the same
transaction as the change: a change is never saved without its entry, nor the other way.
Who: `session.info["actor"]` (`Database.session()` sets it from `Database.actor`).

Raw SQL text (`text("UPDATE …")`) is not seen; the services never write that way.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, Session

from visitation_app.store.models import AgendaItem, AuditEntry
from visitation_app.store.types import utc_now

Row = Mapping[str, Any]
Place = tuple[int | None, int | None, str]  # case id, meeting id, context

CREATED, CHANGED, DELETED = "created", "changed", "deleted"
SUSPENDED = "audit_suspended"
"""`session.info` key: the retention service writes its own record instead (no old values)."""

_PENDING = "audit_pending"
_NEW = "audit_new"


@dataclass(frozen=True)
class Audited:
    """What is recorded of one table, and how an entry finds its case and meeting."""

    fields: tuple[str, ...]
    place: Callable[[_Recorder, Row], Place]


def _on_item(context_field: str | None = None):  # noqa: ANN202 - a place function
    def place(recorder: _Recorder, row: Row) -> Place:
        item = recorder.item(row.get("agenda_item_id"))
        context = str(row.get(context_field) or "") if context_field else ""
        return item.get("case_id"), item.get("meeting_id"), context

    return place


def _assessment_place(_recorder: _Recorder, row: Row) -> Place:
    return row.get("case_id"), None, f"{row.get('scheme')}:{row.get('domain_key')}"


# Bookkeeping columns (id, created_at, updated_at) are not content and are never recorded.
AUDITED: dict[str, Audited] = {
    "case": Audited(
        (
            "citizen_name", "cpr", "reference", "area", "applied_for", "legal_paragraph",
            "case_worker", "received_on", "summary", "citizen_goals", "case_type",
            "legal_basis_key", "expected_annual_cost_ore", "contact",
        ),
        lambda _r, row: (row.get("id"), None, ""),
    ),
    "agenda_item": Audited(
        (
            "notes", "citizen_participation", "citizen_represented_by", "citizen_statement",
            "citizen_invited_on", "citizen_absence_reason", "citizen_view", "citizen_view_words",
        ),
        lambda _r, row: (row.get("case_id"), row.get("meeting_id"), ""),
    ),
    "decision": Audited(
        (
            "outcome", "service", "extent", "legal_basis", "legal_basis_key", "justification",
            "valid_from", "review_date", "annual_cost_ore", "consultation", "consulted_on",
            "consultation_not_needed_reason", "missing_information", "missing_by",
            "delay_notified_on", "tariff_key", "extent_quantity", "extent_frequency",
            "previous_quantity", "provider_unit", "cost_override_ore", "cost_override_reason",
            "finalised_at", "override_reason", "override_keys",
        ),
        _on_item(),
    ),
    "involvement_note": Audited(("phase", "prompt", "answer"), _on_item("prompt")),
    "assessment": Audited(("level", "support_need", "note"), _assessment_place),
    "meeting": Audited(
        (
            "title", "area", "meeting_date", "start_time", "timezone", "location", "chair_name",
            "status",
        ),
        lambda _r, row: (None, row.get("id"), ""),
    ),
    "meeting_event": Audited(
        ("kind", "by_name", "reason"), lambda _r, row: (None, row.get("meeting_id"), "")
    ),
    "approved_minutes": Audited(
        ("approved_by", "pdf"), lambda _r, row: (None, row.get("meeting_id"), "")
    ),
}  # fmt: skip

# What the database deletes by itself (ON DELETE CASCADE) when a row of the key goes.
_CASCADES: dict[str, tuple[tuple[str, str], ...]] = {
    "meeting": (("agenda_item", "meeting_id"), ("meeting_event", "meeting_id")),
    "agenda_item": (("decision", "agenda_item_id"), ("involvement_note", "agenda_item_id")),
    "case": (("assessment", "case_id"),),
}


def serialise(value: Any) -> str | None:
    """A value as the text kept in the trail: exact, and readable without the program."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.datetime):
        moment = value.astimezone(dt.UTC) if value.tzinfo else value
        return moment.isoformat(timespec="seconds")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (Decimal, int)):
        return str(value)
    if isinstance(value, bytes):
        return f"sha256:{hashlib.sha256(value).hexdigest()} ({len(value)} bytes)"
    return str(value)


def _table(name: str) -> Table:
    return AuditEntry.metadata.tables[name]


class _Recorder:
    """The entries of one flush or one bulk statement."""

    def __init__(self, session: Session, connection: Connection) -> None:
        self.session = session
        self.connection = connection
        self.actor = str(session.info.get("actor") or "")
        self.at = utc_now()
        self.items: dict[int, Row] = {}
        self.entries: list[dict[str, Any]] = []
        self.deleted: set[tuple[str, int]] = set()

    def item(self, item_id: int | None) -> Row:
        """An agenda item's case and meeting: from the session if it holds the item (no
        query while the chair types), else read (and kept for the rest of the flush)."""
        if item_id is None:
            return {}
        if item_id not in self.items:
            key = self.session.identity_key(AgendaItem, item_id)
            held = self.session.identity_map.get(key)
            if held is not None:
                return {"case_id": held.case_id, "meeting_id": held.meeting_id}
            table = _table("agenda_item")
            found = self.connection.execute(
                select(table.c.case_id, table.c.meeting_id).where(table.c.id == item_id)
            ).first()
            self.items[item_id] = dict(found._mapping) if found else {}
        return self.items[item_id]

    def add(self, table: str, row: Row, action: str, field: str, old: Any, new: Any) -> None:
        case_id, meeting_id, context = AUDITED[table].place(self, row)
        self.entries.append(
            {
                "at": self.at, "actor": self.actor, "entity": table, "entity_id": row["id"],
                "case_id": case_id, "meeting_id": meeting_id, "context": context,
                "action": action, "field": field, "old_value": old, "new_value": new,
            }
        )  # fmt: skip

    def whole_row(self, table: str, row: Row, action: str) -> None:
        """A created or deleted row: its non-empty fields, or one entry without a field."""
        recorded = False
        for field in AUDITED[table].fields:
            text = serialise(row.get(field))
            if text in (None, ""):
                continue
            old, new = (None, text) if action == CREATED else (text, None)
            self.add(table, row, action, field, old, new)
            recorded = True
        if not recorded:
            self.add(table, row, action, "", None, None)

    def changes(
        self, table: str, row: Row, before: Row, fields: Iterable[str] | None = None
    ) -> None:
        for field in AUDITED[table].fields if fields is None else fields:
            old, new = serialise(before.get(field)), serialise(row.get(field))
            if old != new:
                self.add(table, row, CHANGED, field, old, new)

    def deleted_with_cascade(self, table: str, rows: Iterable[Row]) -> None:
        """Deleted rows, and first the rows the database will delete with them."""
        rows = [row for row in rows if (table, row["id"]) not in self.deleted]
        self.deleted.update((table, row["id"]) for row in rows)
        if table == "agenda_item":
            self.items.update({row["id"]: row for row in rows})
        ids = [row["id"] for row in rows]
        for child, key in _CASCADES.get(table, ()):
            if ids:
                child_table = _table(child)
                found = self.connection.execute(
                    select(child_table).where(child_table.c[key].in_(ids))
                )
                self.deleted_with_cascade(child, [dict(r._mapping) for r in found])
        for row in rows:
            self.whole_row(table, row, DELETED)

    def write(self) -> None:
        if self.entries:
            self.connection.execute(AuditEntry.__table__.insert(), self.entries)
            self.entries = []


def _columns(obj: Any) -> dict[str, Any]:
    """The row's current values (loaded ones; a deleted row's as they were)."""
    state = inspect(obj)
    return {column.key: state.dict.get(column.key) for column in state.mapper.column_attrs}


def _audited_table(obj: Any) -> str | None:
    name = getattr(type(obj), "__tablename__", None)
    return name if name in AUDITED else None


def _old_values(recorder: _Recorder, table: str, obj: Any, fields: list[str]) -> dict[str, Any]:
    """The values the changed row had, from its history (or the database, if not loaded)."""
    state = inspect(obj)
    before = {}
    unknown = []
    for field in fields:
        history = state.attrs[field].history
        if history.deleted:
            before[field] = history.deleted[0]
        elif history.added:  # set without having been loaded: the old value is unknown
            unknown.append(field)
        else:  # set to the value it had
            before[field] = history.unchanged[0] if history.unchanged else None
    if unknown:
        source = _table(table)
        found = recorder.connection.execute(
            select(*(source.c[f] for f in unknown)).where(source.c.id == state.identity[0])
        ).first()
        if found is not None:
            before.update(found._mapping)
    return before


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    session.info[_PENDING] = []
    session.info[_NEW] = []
    if session.info.get(SUSPENDED):
        return
    recorder: _Recorder | None = None
    with session.no_autoflush:
        for obj in session.new:
            if _audited_table(obj):
                session.info[_NEW].append(obj)
        for obj in session.dirty:
            table = _audited_table(obj)
            if not table:
                continue
            touched = inspect(obj).committed_state  # the attributes set since loading
            fields = [field for field in AUDITED[table].fields if field in touched]
            if fields:  # e.g. not when only updated_at was set
                recorder = recorder or _Recorder(session, session.connection())
                before = _old_values(recorder, table, obj, fields)
                recorder.changes(table, _columns(obj), before, fields)
        for obj in session.deleted:
            table = _audited_table(obj)
            if table:
                recorder = recorder or _Recorder(session, session.connection())
                recorder.deleted_with_cascade(table, [_columns(obj)])
    if recorder is not None:
        session.info[_PENDING] = recorder.entries


def _after_flush(session: Session, _context: Any) -> None:
    pending = session.info.pop(_PENDING, [])
    created = session.info.pop(_NEW, [])
    if session.info.get(SUSPENDED) or not (pending or created):
        return
    recorder = _Recorder(session, session.connection())
    recorder.entries = pending
    for obj in created:
        recorder.whole_row(_audited_table(obj), _columns(obj), CREATED)
    recorder.write()


def _bulk_statement(state: ORMExecuteState) -> Any:
    """A bulk UPDATE or DELETE on an audited table: record the rows it touches."""
    if not (state.is_update or state.is_delete) or state.session.info.get(SUSPENDED):
        return None
    target = getattr(state.statement, "table", None)
    if not isinstance(target, Table) or target.name not in AUDITED:
        return None
    session = state.session
    recorder = _Recorder(session, session.connection())
    parameters = state.parameters
    if isinstance(parameters, list):  # update(Model) with a list of rows by primary key
        where = target.c.id.in_([row["id"] for row in parameters])
        parameters = {}
    else:
        where = state.statement.whereclause
    query = select(target) if where is None else select(target).where(where)
    before = {row.id: dict(row._mapping) for row in recorder.connection.execute(query, parameters)}
    if state.is_delete:
        recorder.deleted_with_cascade(target.name, before.values())
    result = state.invoke_statement()
    if state.is_update and before:
        after = recorder.connection.execute(select(target).where(target.c.id.in_(before)))
        for row in after:
            recorder.changes(target.name, dict(row._mapping), before[row.id])
    recorder.write()
    return result


event.listen(Session, "before_flush", _before_flush)
event.listen(Session, "after_flush", _after_flush)
event.listen(Session, "do_orm_execute", _bulk_statement)
