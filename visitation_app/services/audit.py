"""The audit trail per case and per meeting, in words, on screen and as a PDF.

What is recorded, and how, is store/audit.py; the labels and values in words are
services/audit_labels.py.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path

from sqlmodel import Session, col, or_, select

from visitation_app.atomic_files import write_atomically
from visitation_app.domain.audit_trail import AuditLine, AuditTrail
from visitation_app.domain.errors import NotFoundError
from visitation_app.domain.validation import mask_cpr
from visitation_app.domain.vocabulary import CommitteeArea, MeetingEventKind
from visitation_app.formatting import format_date_long, format_date_short, format_time
from visitation_app.i18n import _
from visitation_app.services import audit_labels as words
from visitation_app.services.common import load
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, AuditEntry, Case, Meeting
from visitation_app.store.types import utc_now

# Of the meetings a case was on, the entries that say what happened to them as a whole:
# the minutes approved (and the PDF kept) and reopened, with who and why.
_MEETING_ENTITIES = ("meeting_event", "approved_minutes")
_CASE_EVENTS = (MeetingEventKind.APPROVED.value, MeetingEventKind.REOPENED.value)


def _meeting_words(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = {meeting_id for meeting_id in ids if meeting_id is not None}
    rows = session.exec(select(Meeting).where(col(Meeting.id).in_(wanted))).all()
    found = {
        row.id: _("meeting {date}").format(date=format_date_long(row.meeting_date)) for row in rows
    }
    for meeting_id in wanted - set(found):
        found[meeting_id] = _("meeting {id} (deleted)").format(id=meeting_id)
    return found


def _context(entry: AuditEntry, meetings: dict[int, str]) -> str:
    parts = []
    if entry.entity == "assessment":
        parts.append(words.assessment_context(entry.context))
    elif entry.entity == "involvement_note" and entry.context:
        parts.append(entry.context)
    if entry.meeting_id is not None and entry.entity not in ("meeting",):
        parts.append(meetings[entry.meeting_id])
    return " · ".join(parts)


def _event_kinds(entries: list[AuditEntry]) -> dict[int, str]:
    """What each meeting event was (started, approved, reopened…), by its id."""
    return {
        entry.entity_id: entry.new_value or ""
        for entry in entries
        if entry.entity == "meeting_event" and entry.field == "kind"
    }


def short_moment(moment: dt.datetime) -> str:
    """'22.11.2026 14:05' on this computer's clock."""
    local = moment.astimezone()
    return f"{format_date_short(local.date())} {format_time(local)}"


def _line(entry: AuditEntry, meetings: dict[int, str], kinds: dict[int, str]) -> AuditLine:
    what = words.what(entry.entity, entry.action, _context(entry, meetings))
    if entry.entity == "meeting_event" and entry.entity_id in kinds:
        # 'Referat godkendt · møde 3. december 2026', then who and why on its own lines.
        label = words.value_text(entry.entity, "kind", kinds[entry.entity_id])
        what = " · ".join(part for part in (label, _context(entry, meetings)) if part)
    return AuditLine(
        at=entry.at,
        when=short_moment(entry.at),
        actor=entry.actor,
        what=what,
        field=words.field_label(entry.field),
        before=words.value_text(entry.entity, entry.field, entry.old_value, entry.context),
        after=words.value_text(entry.entity, entry.field, entry.new_value, entry.context),
    )


def _lines(
    session: Session, entries: list[AuditEntry], event_kinds: Iterable[str] | None = None
) -> tuple[AuditLine, ...]:
    """The entries in words; of meeting events only the kinds in `event_kinds` (None: all),
    each as one line per name or reason rather than a line for the kind itself."""
    kinds = _event_kinds(entries)
    wanted = None if event_kinds is None else set(event_kinds)
    shown = []
    for entry in entries:
        if entry.entity == "meeting_event":
            kind = kinds.get(entry.entity_id, "")
            if wanted is not None and kind not in wanted:
                continue
            if entry.field == "kind" and _has_more(entries, entry.entity_id):
                continue
        shown.append(entry)
    meetings = _meeting_words(session, (entry.meeting_id for entry in shown))
    return tuple(_line(entry, meetings, kinds) for entry in shown)


def _has_more(entries: list[AuditEntry], event_id: int) -> bool:
    return any(
        e.entity == "meeting_event" and e.entity_id == event_id and e.field != "kind"
        for e in entries
    )


def _ordered(query):  # noqa: ANN001, ANN202 - a select of AuditEntry
    return query.order_by(col(AuditEntry.at), col(AuditEntry.id))


def case_trail(db: Database, case_id: int) -> AuditTrail:
    """Every change to the case, its items' involvement, answers, assessments and decisions,
    and the approval and reopening of the meetings it was on; the oldest first."""
    with db.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise _no_case(case_id)
        meeting_ids = set(
            session.exec(
                select(AuditEntry.meeting_id).where(
                    AuditEntry.case_id == case_id, col(AuditEntry.meeting_id).is_not(None)
                )
            ).all()
        )
        meeting_ids |= set(
            session.exec(select(AgendaItem.meeting_id).where(AgendaItem.case_id == case_id)).all()
        )
        entries = session.exec(
            _ordered(
                select(AuditEntry).where(
                    or_(
                        AuditEntry.case_id == case_id,
                        col(AuditEntry.meeting_id).in_(meeting_ids)
                        & col(AuditEntry.case_id).is_(None)
                        & col(AuditEntry.entity).in_(_MEETING_ENTITIES),
                    ),
                    # SQLite gives a deleted case's id to the next new case: what was
                    # recorded before this case was made belongs to another citizen.
                    col(AuditEntry.at) >= case.created_at,
                )
            )
        ).all()
        facts = (
            (_("Citizen"), case.citizen_name),
            (_("CPR number"), mask_cpr(case.cpr)),
            (_("Case number"), case.reference),
            (_("Committee area"), _area(case.area)),
            (_("Case id"), str(case.id)),
        )
        title = _("History of case {id}: {name}").format(id=case.id, name=case.citizen_name)
        lines = _lines(session, list(entries), _CASE_EVENTS)
        return AuditTrail(title, facts, lines, utc_now())


def meeting_trail(db: Database, meeting_id: int) -> AuditTrail:
    """Every change recorded about the meeting and everything on its agenda."""
    with db.session() as session:
        meeting = load(session, Meeting, meeting_id, _("meeting"))
        entries = session.exec(
            _ordered(
                select(AuditEntry).where(
                    AuditEntry.meeting_id == meeting_id,
                    col(AuditEntry.at) >= meeting.created_at,  # not a deleted namesake's
                )
            )
        ).all()
        facts = (
            (_("Meeting"), meeting.title),
            (_("Meeting date"), format_date_long(meeting.meeting_date)),
            (_("Committee area"), _area(meeting.area)),
        )
        title = _("History of the meeting on {date}").format(
            date=format_date_long(meeting.meeting_date)
        )
        return AuditTrail(title, facts, _lines(session, list(entries)), utc_now())


def _area(code: str) -> str:
    try:
        return CommitteeArea(code).label
    except ValueError:
        return code


def case_trail_pdf(db: Database, case_id: int) -> bytes:
    from visitation_app.documents.audit_report import render_audit_report

    return render_audit_report(case_trail(db, case_id))


def export_case_trail(db: Database, case_id: int, path: str | os.PathLike[str]) -> Path:
    """Save the case's history as a PDF file (replaced whole, never half written)."""
    return write_atomically(path, case_trail_pdf(db, case_id))


def _no_case(case_id: int) -> NotFoundError:
    """The error for a case that is not (or no longer) in the database."""
    return NotFoundError(
        _(
            "There is no case with id {id}. If its data was deleted after the retention "
            "period, its history was deleted with it; the deletion itself is recorded."
        ).format(id=case_id)
    )
