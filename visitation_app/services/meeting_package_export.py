"""Writing a meeting as a package: the meeting, its participants, its agenda with the cases
on it (their assessments), the decisions, the citizen's involvement, conflicts of interest,
the time spent per item, action items, the meeting's events and its approved minutes.

Records are listed in a fixed order (by position, time or uid) and the document holds no
time of export, so the same meeting always gives the same bytes. The document written is
kept as the meeting's base for the next import (services/meeting_package_base.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from visitation_app.atomic_files import write_atomically
from visitation_app.domain.package_format import FORMAT, VERSION, document_bytes
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
)
from visitation_app.i18n import _
from visitation_app.services.common import load
from visitation_app.services.meeting_package_base import store_base
from visitation_app.services.meeting_package_codecs import Ref
from visitation_app.services.meeting_package_fields import KINDS
from visitation_app.services.package_crypto import encrypt_package
from visitation_app.store.database import Database
from visitation_app.store.models import (
    ActionItem,
    AgendaItem,
    ApprovedMinutes,
    Assessment,
    Case,
    Conflict,
    Decision,
    InvolvementNote,
    ItemTiming,
    Meeting,
    MeetingEvent,
    Participant,
)

UidOf = Callable[[str, int | None], str | None]


def record_json(kind: str, row: SQLModel, uid_of: UidOf) -> dict[str, Any]:
    """One record's fields as JSON values, with its uid (references as uids)."""
    document: dict[str, Any] = {"uid": row.uid}
    for spec in KINDS[kind].fields:
        value = getattr(row, spec.attr)
        if isinstance(spec.codec, Ref):
            document[spec.name] = uid_of(spec.codec.kind, value)
        else:
            document[spec.name] = spec.codec.to_json(value)
    return document


def _by_position(rows: Iterable[Any]) -> list[Any]:
    return sorted(rows, key=lambda row: (row.position, row.uid))


def _rows(session: Session, model: type, column: Any, ids: Sequence[int]) -> list[Any]:
    if not ids:
        return []
    return list(session.exec(select(model).where(col(column).in_(list(ids)))).all())


def cases_json(session: Session, cases: Sequence[Case]) -> list[dict[str, Any]]:
    """Cases with their assessments, as the package lists them."""
    assessments = _rows(session, Assessment, Assessment.case_id, [case.id for case in cases])
    listed = []
    for case in sorted(cases, key=lambda case: case.uid):
        entry = record_json(CASE, case, _no_refs)
        entry["assessments"] = [
            record_json(ASSESSMENT, row, _no_refs)
            for row in sorted(assessments, key=lambda row: row.uid)
            if row.case_id == case.id
        ]
        listed.append(entry)
    return listed


def _no_refs(kind: str, row_id: int | None) -> str | None:  # pragma: no cover - never called
    raise AssertionError(f"{kind} has no references")


def package_document(session: Session, meeting_id: int) -> dict[str, Any]:
    """The package of meeting `meeting_id` as a JSON document (a dict)."""
    meeting = load(session, Meeting, meeting_id, _("meeting"))
    participants = _rows(session, Participant, Participant.meeting_id, [meeting_id])
    items = _rows(session, AgendaItem, AgendaItem.meeting_id, [meeting_id])
    item_ids = [item.id for item in items]
    cases = _rows(session, Case, Case.id, [item.case_id for item in items if item.case_id])
    uids = {
        CASE: {row.id: row.uid for row in cases},
        PARTICIPANT: {row.id: row.uid for row in participants},
        ITEM: {row.id: row.uid for row in items},
    }

    def uid_of(kind: str, row_id: int | None) -> str | None:
        return None if row_id is None else uids[kind][row_id]

    decisions = _rows(session, Decision, Decision.agenda_item_id, item_ids)
    notes = _rows(session, InvolvementNote, InvolvementNote.agenda_item_id, item_ids)
    conflicts = _rows(session, Conflict, Conflict.agenda_item_id, item_ids)
    timings = _rows(session, ItemTiming, ItemTiming.agenda_item_id, item_ids)
    listed_items = []
    for item in _by_position(items):
        entry = record_json(ITEM, item, uid_of)
        decision = next((row for row in decisions if row.agenda_item_id == item.id), None)
        entry["decision"] = None if decision is None else record_json(DECISION, decision, uid_of)
        entry["involvement_notes"] = [
            record_json(NOTE, row, uid_of)
            for row in _by_position(row for row in notes if row.agenda_item_id == item.id)
        ]
        entry["conflicts"] = [
            record_json(CONFLICT, row, uid_of)
            for row in sorted(conflicts, key=lambda row: row.uid)
            if row.agenda_item_id == item.id
        ]
        entry["timings"] = [
            record_json(TIMING, row, uid_of)
            for row in sorted(timings, key=lambda row: (row.started_at, row.uid))
            if row.agenda_item_id == item.id
        ]
        listed_items.append(entry)
    actions = _rows(session, ActionItem, ActionItem.meeting_id, [meeting_id])
    events = _rows(session, MeetingEvent, MeetingEvent.meeting_id, [meeting_id])
    minutes = _rows(session, ApprovedMinutes, ApprovedMinutes.meeting_id, [meeting_id])
    return {
        "format": FORMAT,
        "version": VERSION,
        "meeting": record_json(MEETING, meeting, uid_of),
        "participants": [
            record_json(PARTICIPANT, row, uid_of) for row in _by_position(participants)
        ],
        "cases": cases_json(session, cases),
        "items": listed_items,
        "actions": [record_json(ACTION, row, uid_of) for row in _by_position(actions)],
        "events": [
            record_json(EVENT, row, uid_of)
            for row in sorted(events, key=lambda row: (row.at, row.uid))
        ],
        "approved_minutes": [
            record_json(MINUTES, row, uid_of)
            for row in sorted(minutes, key=lambda row: (row.approved_at, row.uid))
        ],
    }


def export_meeting_package(
    db: Database,
    meeting_id: int,
    path: str | os.PathLike[str],
    *,
    passphrase: str | None = None,
) -> Path:
    """Write the package of a meeting to `path` (readable by its owner only), encrypted
    with `passphrase` when one is given. The document becomes the meeting's base only
    once the file is written."""
    with db.session() as session:
        document = package_document(session, meeting_id)
        data = document_bytes(document)
        written = write_atomically(path, encrypt_package(data, passphrase) if passphrase else data)
        store_base(session, meeting_id, data)
    return written
