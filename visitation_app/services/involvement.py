"""The citizen's involvement in their case: how they took part, their answers to the
conversation guide's questions, and their own view of the decision.

Answers are kept as involvement notes in the citizen's own words (one per question and
phase). Like every change to a meeting, they are refused once its minutes are approved.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, func, select

from visitation_app.catalog.guides import ConversationGuide, ConversationGuides, load_guides
from visitation_app.domain import validation as v
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.records import InvolvementNoteRecord
from visitation_app.domain.vocabulary import ConversationPhase
from visitation_app.i18n import _
from visitation_app.services import agenda as agenda_service
from visitation_app.services.common import apply_changes, choice, editable_item, load
from visitation_app.services.legal import current_catalog
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, InvolvementNote

log = logging.getLogger(__name__)

_guides: ConversationGuides | None = None


def _validators() -> dict[str, Any]:
    return {
        "phase": choice(ConversationPhase, _("Phase")),
        "prompt": lambda x: v.short_text(x, _("Question"), required=True),
        "answer": lambda x: v.long_text(x, _("Answer")),
        "position": _position,
    }


def _position(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValidationError(_("A position is a whole number of 0 or more."))
    return value


def _record(note: InvolvementNote) -> InvolvementNoteRecord:
    return InvolvementNoteRecord(note.id, note.phase, note.prompt, note.answer)


# --- the conversation guides ----------------------------------------------------------


def current_guides() -> ConversationGuides:
    """The guides in use: the shipped examples with the municipality's file, read once."""
    global _guides
    if _guides is None:
        catalog = current_catalog()
        case_types = {key: deadline.area for key, deadline in catalog.deadlines.items()}
        _guides = load_guides(case_types=case_types)
    return _guides


def use_guides(guides: ConversationGuides | None) -> None:
    """Use `guides` from now on (None: read the files again on next use)."""
    global _guides
    _guides = guides


def reload_guides(config_dir: Path | None = None) -> ConversationGuides:
    """Read the guide files again (after the municipality edited theirs) and use them."""
    use_guides(load_guides(config_dir))
    return current_guides()


def guide_for(case_type: str, area: str) -> ConversationGuide:
    """The questions for a case of `case_type` in `area` (the area's default where it has none)."""
    return current_guides().for_case(case_type, area)


# --- answers --------------------------------------------------------------------------


def _case_item(session: Session, item_id: int) -> AgendaItem:
    item = editable_item(session, item_id)
    if item.case_id is None:
        raise ValidationError(_("Answers to the conversation guide belong to a case item."))
    return item


def _editable_note(session: Session, note_id: int) -> InvolvementNote:
    note = load(session, InvolvementNote, note_id, _("answer"))
    editable_item(session, note.agenda_item_id)
    return note


def _next_position(session: Session, item_id: int) -> int:
    last = session.exec(
        select(func.max(InvolvementNote.position)).where(InvolvementNote.agenda_item_id == item_id)
    ).one()
    return 0 if last is None else last + 1


def list_notes(db: Database, item_id: int) -> list[InvolvementNoteRecord]:
    """The answers recorded on an item, in the order they are printed."""
    with db.session() as session:
        rows = session.exec(
            select(InvolvementNote)
            .where(InvolvementNote.agenda_item_id == item_id)
            .order_by(col(InvolvementNote.position), col(InvolvementNote.id))
        ).all()
        return [_record(row) for row in rows]


def add_note(
    db: Database,
    item_id: int,
    phase: str,
    prompt: str,
    answer: str = "",
    position: int | None = None,
) -> InvolvementNoteRecord:
    """Record the citizen's answer to a question (at the end unless `position` is given)."""
    note = InvolvementNote(agenda_item_id=item_id, phase="", prompt="")
    apply_changes(note, {"phase": phase, "prompt": prompt, "answer": answer}, _validators())
    with db.session() as session:
        _case_item(session, item_id)
        note.position = (
            _next_position(session, item_id) if position is None else _position(position)
        )
        session.add(note)
        session.flush()
        session.refresh(note)
        return _record(note)


def update_note(db: Database, note_id: int, **changes: Any) -> InvolvementNoteRecord:
    """Change an answer (or its question, phase or place)."""
    with db.session() as session:
        note = _editable_note(session, note_id)
        apply_changes(note, changes, _validators())
        session.add(note)
        return _record(note)


def remove_note(db: Database, note_id: int) -> None:
    with db.session() as session:
        session.delete(_editable_note(session, note_id))


def save_answer(
    db: Database,
    item_id: int,
    phase: str,
    prompt: str,
    answer: str,
    position: int | None = None,
) -> InvolvementNoteRecord | None:
    """The answer to a question of the guide as it is typed: recorded the first time,
    changed after, and removed again when the answer is emptied. None when removed."""
    checks = _validators()
    phase, prompt, answer = (
        checks["phase"](phase),
        checks["prompt"](prompt),
        checks["answer"](answer),
    )
    with db.session() as session:
        _case_item(session, item_id)
        note = session.exec(
            select(InvolvementNote).where(
                InvolvementNote.agenda_item_id == item_id,
                InvolvementNote.phase == phase,
                InvolvementNote.prompt == prompt,
            )
        ).first()
        if not answer.strip():
            if note is not None:
                session.delete(note)
            return None
        if note is None:
            note = InvolvementNote(agenda_item_id=item_id, phase=phase, prompt=prompt)
            note.position = (
                _next_position(session, item_id) if position is None else _position(position)
            )
        note.answer = answer
        session.add(note)
        session.flush()
        session.refresh(note)
        return _record(note)


# --- participation and the citizen's view ----------------------------------------------


def set_participation(
    db: Database,
    item_id: int,
    participation: str | None,
    *,
    represented_by: str = "",
    absence_reason: str = "",
) -> AgendaItem:
    """How the citizen took part: in person, by phone or video, represented (by whom), not
    at the meeting, or not involved (with the reason, which is then required)."""
    return agenda_service.update_item(
        db,
        item_id,
        citizen_participation=participation,
        citizen_represented_by=represented_by,
        citizen_absence_reason=absence_reason,
    )


def set_citizen_view(db: Database, item_id: int, view: str | None, words: str = "") -> AgendaItem:
    """The citizen's view of the decision (agrees, partly, disagrees) and their own words."""
    return agenda_service.update_item(db, item_id, citizen_view=view, citizen_view_words=words)
