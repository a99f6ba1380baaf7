"""After the meeting: the agenda and minutes as PDF, approval and reopening.

CPR numbers in the agenda and the minutes show the birth date only (010190-xxxx) unless
`full_cpr` is given: the window passes the chair's setting, the command line `--full-cpr`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlmodel import col, select

from visitation_app.atomic_files import write_atomically
from visitation_app.domain import meeting as rules
from visitation_app.domain import validation as v
from visitation_app.domain.budget import FrameStatus
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import MeetingDossier
from visitation_app.domain.vocabulary import MeetingEventKind, MeetingStatus
from visitation_app.i18n import _
from visitation_app.services.budget import meeting_budget
from visitation_app.services.budget_report import tariffs_of
from visitation_app.services.common import load
from visitation_app.services.dossier import load_dossier, read_dossier
from visitation_app.services.legal import unfinished_decisions
from visitation_app.store.database import Database
from visitation_app.store.models import ApprovedMinutes, Decision, Meeting, MeetingEvent
from visitation_app.store.types import utc_now


def agenda_pdf(db: Database, meeting_id: int, *, full_cpr: bool = False) -> bytes:
    from visitation_app.documents.agenda import render_agenda

    return render_agenda(load_dossier(db, meeting_id), full_cpr=full_cpr)


def minutes_pdf(db: Database, meeting_id: int, *, full_cpr: bool = False) -> bytes:
    """The approved minutes exactly as approved; otherwise a draft made from the data now.

    `full_cpr` applies to a draft: approved minutes show the CPR numbers as they were
    approved (see `approve_minutes`).
    """
    with db.session() as session:
        approved = session.exec(
            select(ApprovedMinutes)
            .where(ApprovedMinutes.meeting_id == meeting_id)
            .order_by(col(ApprovedMinutes.id).desc())
        ).first()
        meeting = load(session, Meeting, meeting_id, _("meeting"))
        if approved is not None and meeting.status == MeetingStatus.APPROVED:
            return approved.pdf
    return _render_minutes(db, load_dossier(db, meeting_id), full_cpr=full_cpr)


def _render_minutes(
    db: Database,
    dossier: MeetingDossier,
    budget: FrameStatus | None = None,
    *,
    full_cpr: bool = False,
) -> bytes:
    """The minutes of `dossier` with its decisions' tariffs and the budget of its year."""
    from visitation_app.documents.minutes import render_minutes

    if budget is None:
        budget = meeting_budget(db, dossier.meeting.id)
    return render_minutes(dossier, budget, tariffs=tariffs_of(dossier), full_cpr=full_cpr)


def export_agenda(
    db: Database, meeting_id: int, path: str | os.PathLike[str], *, full_cpr: bool = False
) -> Path:
    return write_atomically(path, agenda_pdf(db, meeting_id, full_cpr=full_cpr))


def export_minutes(
    db: Database, meeting_id: int, path: str | os.PathLike[str], *, full_cpr: bool = False
) -> Path:
    return write_atomically(path, minutes_pdf(db, meeting_id, full_cpr=full_cpr))


def approve_minutes(db: Database, meeting_id: int, *, by: str, full_cpr: bool = False) -> Meeting:
    """Approve the minutes: the meeting is locked and the approved PDF is kept as it is now.

    A meeting still running is ended in the same transaction, so it is never left half done.
    Refused while a decision lacks something the law requires and was not overridden with
    a reason; every other decision is marked final with the approval.

    The budget section is computed first, in its own read: approving changes nothing it
    counts (no amount, date or outcome), and SQLite is then not asked to read the year's
    meetings on a second connection while this one holds the write lock.

    The kept PDF shows CPR numbers masked, or whole with `full_cpr` (the approving chair's
    setting): the approved minutes are then always printed that way.
    """
    approver = v.short_text(by, _("Name"), required=True)
    budget = meeting_budget(db, meeting_id)
    with db.session() as session:
        meeting = load(session, Meeting, meeting_id, _("meeting"))
        rules.status_after_approval(meeting.status)  # refuses an approved meeting first
        dossier = read_dossier(session, meeting_id)
        unfinished = unfinished_decisions(dossier)
        if unfinished:
            raise UserError(
                _(
                    "The minutes cannot be approved while a decision lacks what the law "
                    "requires. Complete it, or mark it final with a reason. {items}"
                ).format(items=" ".join(unfinished))
            )
        now = utc_now()
        case_items = [item.id for item in dossier.items if item.is_case]
        for decision in session.exec(
            select(Decision).where(col(Decision.agenda_item_id).in_(case_items))
        ):
            if decision.finalised_at is None:
                decision.finalised_at = now
                session.add(decision)
        if meeting.status == MeetingStatus.IN_PROGRESS:
            session.add(
                MeetingEvent(
                    meeting_id=meeting_id, kind=MeetingEventKind.ENDED.value, by_name=approver
                )
            )
        meeting.status = rules.status_after_approval(meeting.status).value
        meeting.updated_at = utc_now()
        session.add(meeting)
        session.add(
            MeetingEvent(
                meeting_id=meeting_id, kind=MeetingEventKind.APPROVED.value, by_name=approver
            )
        )
        session.flush()
        pdf = _render_minutes(db, read_dossier(session, meeting_id), budget, full_cpr=full_cpr)
        session.add(ApprovedMinutes(meeting_id=meeting_id, approved_by=approver, pdf=pdf))
    return meeting


def approval_warnings(db: Database, meeting_id: int) -> list[str]:
    """What stops approval: case items whose decision lacks something and was not overridden."""
    return unfinished_decisions(load_dossier(db, meeting_id))
