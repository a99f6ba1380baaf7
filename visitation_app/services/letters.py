"""After the meeting: the decision letter to each citizen, and the list of decisions.

The window and the command line both find a decision by its id (`list_decisions`) and
make its letter here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import col, select

from visitation_app.atomic_files import write_atomically
from visitation_app.domain.errors import UserError
from visitation_app.domain.letters import DecisionLetter
from visitation_app.i18n import _
from visitation_app.services.common import load
from visitation_app.services.dossier import read_dossier
from visitation_app.services.legal import notification_date
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Decision, Meeting


@dataclass(frozen=True)
class DecisionRow:
    """One decision in the list: where it was made, on whom, and how far it is."""

    decision_id: int
    meeting_id: int
    meeting_date: dt.date
    item_id: int
    item_number: int
    citizen_name: str
    outcome: str | None
    final: bool
    complete: bool


def decision_letter(db: Database, decision_id: int) -> DecisionLetter:
    """What the letter on decision `decision_id` says; UserError while nothing is decided."""
    with db.session() as session:
        decision = load(session, Decision, decision_id, _("decision"))
        item_row = load(session, AgendaItem, decision.agenda_item_id, _("agenda item"))
        dossier = read_dossier(session, item_row.meeting_id)
    item = next(item for item in dossier.items if item.id == item_row.id)
    if item.case is None or item.check is None:
        raise UserError(
            _("Decision {id} is not on a case, so there is no citizen to write to.").format(
                id=decision_id
            )
        )
    if item.decision is None or not item.decision.outcome:
        raise UserError(
            _(
                "Nothing has been decided yet in decision {id} (item {number}, {citizen}): "
                "choose the outcome before making the letter."
            ).format(id=decision_id, number=item.number, citizen=item.case.citizen_name)
        )
    return DecisionLetter(
        meeting=dossier.meeting,
        item=item,
        letter_date=notification_date(dossier.meeting, item.decision),
    )


def decision_letter_pdf(db: Database, decision_id: int) -> bytes:
    """The decision letter as PDF bytes (marked as a draft unless the decision is final)."""
    from visitation_app.documents.letter import render_decision_letter

    return render_decision_letter(decision_letter(db, decision_id))


def export_decision_letter(db: Database, decision_id: int, path: str | os.PathLike[str]) -> Path:
    """Save the decision letter as a PDF file, whole or not at all."""
    return write_atomically(path, decision_letter_pdf(db, decision_id))


def list_decisions(db: Database, meeting_id: int | None = None) -> list[DecisionRow]:
    """Every recorded decision (of one meeting, if given): the newest meeting first,
    each meeting's in agenda order, each judged by the same legal check as the minutes."""
    with db.session() as session:
        if meeting_id is not None:
            meeting_ids = [load(session, Meeting, meeting_id, _("meeting")).id]
        else:
            meeting_ids = list(
                session.exec(
                    select(Meeting.id)
                    .join(AgendaItem, col(AgendaItem.meeting_id) == Meeting.id)
                    .join(Decision, col(Decision.agenda_item_id) == AgendaItem.id)
                    .group_by(col(Meeting.id))
                    .order_by(col(Meeting.meeting_date).desc(), col(Meeting.start_time).desc())
                )
            )
        rows = []
        for each in meeting_ids:
            dossier = read_dossier(session, each)
            for item in dossier.items:
                if item.decision is None or item.case is None:
                    continue
                check = item.check
                rows.append(
                    DecisionRow(
                        decision_id=item.decision.id,
                        meeting_id=dossier.meeting.id,
                        meeting_date=dossier.meeting.meeting_date,
                        item_id=item.id,
                        item_number=item.number,
                        citizen_name=item.case.citizen_name,
                        outcome=item.decision.outcome,
                        final=item.decision.is_final,
                        complete=bool(check and check.complete),
                    )
                )
    return rows


def decision_ids_by_meeting(db: Database) -> dict[int, list[int]]:
    """The ids of each meeting's decisions in agenda order (one query, no legal check)."""
    query = (
        select(AgendaItem.meeting_id, Decision.id)
        .join(Decision, col(Decision.agenda_item_id) == AgendaItem.id)
        .order_by(col(AgendaItem.meeting_id), col(AgendaItem.position), col(AgendaItem.id))
    )
    ids: dict[int, list[int]] = defaultdict(list)
    with db.session() as session:
        for meeting_id, decision_id in session.exec(query):
            ids[meeting_id].append(decision_id)
    return dict(ids)
