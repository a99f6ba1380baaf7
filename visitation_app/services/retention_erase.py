"""The deletion itself, in one transaction, and pressing the deleted data out of the file.

What goes, for each citizen's cases:
- the cases with their functional assessments;
- on a meeting not yet held (planned), the case's agenda item with everything on it;
- on a meeting that was held (running, held, approved), the item keeps its place, so the
  numbering of the minutes stays, as an item "Case deleted after the retention period
  (date)": its decision, the citizen's answers and view, the notes, conflicts of interest
  and action items on it are deleted;
- people on the citizen's side (citizen, relative, bisidder, interpreter) of those meetings
  whose name is the citizen's, whose organisation names the citizen, or whom the case
  names as its contact; all of them on a meeting left without cases;
- the audit trail of the cases, and the meeting package base of those meetings (a copy);
- approved minutes of those meetings are made again from what is left (with the budget
  figures as they were before the deletion) and replace the approved PDFs.
The deletion itself is recorded: a deletion record and audit entries, no personal data.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, or_, update
from sqlmodel import Session, SQLModel, col, select

from visitation_app.domain.budget import FrameStatus
from visitation_app.domain.vocabulary import AgendaItemKind, MeetingStatus
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _
from visitation_app.services.budget import meeting_budget
from visitation_app.services.budget_report import tariffs_of
from visitation_app.services.conflicts import CITIZEN_SIDE
from visitation_app.services.dossier import read_dossier
from visitation_app.services.meeting_package_base import forget_bases_mentioning
from visitation_app.store.audit import CHANGED, CREATED, SUSPENDED, serialise
from visitation_app.store.database import Database
from visitation_app.store.models import (
    ActionItem,
    AgendaItem,
    ApprovedMinutes,
    Assessment,
    AuditDeletionPermit,
    AuditEntry,
    Case,
    Conflict,
    Decision,
    DeletedUid,
    DeletionRecord,
    InvolvementNote,
    Meeting,
    MeetingEvent,
    PackageBase,
    Participant,
)

if TYPE_CHECKING:
    from visitation_app.services.retention import CitizenRetention

log = logging.getLogger(__name__)

# What is on an agenda item and goes with the citizen's data (counted by these names).
_ON_ITEM = (
    ("decision", Decision),
    ("involvement_note", InvolvementNote),
    ("conflict", Conflict),
    ("action_item", ActionItem),
)
_CLEARED_ITEM = {
    "case_id": None,
    "kind": AgendaItemKind.OTHER.value,
    "notes": "",
    "citizen_participation": None,
    "citizen_represented_by": "",
    "citizen_statement": "",
    "citizen_invited_on": None,
    "citizen_absence_reason": "",
    "citizen_view": "",
    "citizen_view_words": "",
}
# The meeting package's common ancestor (a copy of the whole meeting), where it exists.


@dataclass(frozen=True)
class Erased:
    """What the transaction did."""

    record_id: int
    at: dt.datetime
    counts: dict[str, int]
    minutes_redone: tuple[str, ...]
    participants_left: int
    mentions_left: tuple[str, ...]


def _norm(text: str) -> str:
    return " ".join(text.casefold().split())


def _meeting_label(meeting: Meeting) -> str:
    return _("{date} ({title})").format(
        date=format_date_long(meeting.meeting_date), title=meeting.title
    )


def _ids(rows: Iterable[Any]) -> list[int]:
    return [row.id for row in rows]


def _count(session: Session, model: type[SQLModel], *where: Any) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def erase_citizens(
    db: Database, chosen: list[CitizenRetention], reason: str, today: dt.date
) -> Erased:
    """Delete the citizens' data and record the deletion, all or nothing."""
    case_ids = sorted({case_id for citizen in chosen for case_id in citizen.case_ids})
    with db.session() as session:
        meeting_ids = set(
            session.exec(
                select(AgendaItem.meeting_id).where(col(AgendaItem.case_id).in_(case_ids))
            ).all()
        )
        minuted = set(
            session.exec(
                select(ApprovedMinutes.meeting_id).where(
                    col(ApprovedMinutes.meeting_id).in_(meeting_ids)
                )
            ).all()
        )
    # Read first, on their own: the figures as approved, not a second read during the write.
    budgets = {meeting_id: meeting_budget(db, meeting_id) for meeting_id in minuted}
    with db.session() as session:
        session.info[SUSPENDED] = True  # recorded below, without the values deleted
        counts: Counter[str] = Counter()
        cases = list(session.exec(select(Case).where(col(Case.id).in_(case_ids))).all())
        meetings = {
            m.id: m for m in session.exec(select(Meeting).where(col(Meeting.id).in_(meeting_ids)))
        }
        _erase_items(session, case_ids, meetings, today, counts)
        left = _erase_participants(session, cases, meetings, counts)
        counts["assessment"] = _count(session, Assessment, col(Assessment.case_id).in_(case_ids))
        session.execute(delete(Case).where(col(Case.id).in_(case_ids)))
        # Remembered (random uids only), so a meeting package cannot bring them back.
        session.add_all(DeletedUid(uid=case.uid) for case in cases)
        counts["case"] = len(cases)
        counts["package_base"] = _erase_package_bases(session, meeting_ids, cases)
        counts["audit_entry"] = _erase_trail(session, case_ids)
        record = DeletionRecord(actor=db.actor, reason=reason, citizens=len(chosen), counts="{}")
        counts = Counter({kind: n for kind, n in counts.items() if n})
        record.counts = json.dumps(dict(sorted(counts.items())))
        session.add(record)
        session.flush()
        redone = _redo_minutes(session, sorted(minuted), meetings, budgets, record, db.actor)
        _record(session, record, db.actor)
        needles = {c.citizen_name.strip() for c in cases if c.citizen_name.strip()}
        for cpr in (c.cpr for c in cases if c.cpr):
            needles |= {cpr, cpr.replace("-", "")}
        mentions = _mentions(session, sorted(needles))
        return Erased(record.id, record.at, dict(counts), redone, left, mentions)


def _erase_items(
    session: Session,
    case_ids: list[int],
    meetings: dict[int, Meeting],
    today: dt.date,
    counts: Counter[str],
) -> None:
    items = session.exec(select(AgendaItem).where(col(AgendaItem.case_id).in_(case_ids))).all()
    item_ids = _ids(items)
    for kind, model in _ON_ITEM:
        where = col(model.agenda_item_id).in_(item_ids)
        counts[kind] += _count(session, model, where)
        session.execute(delete(model).where(where))
    not_held = [i.id for i in items if meetings[i.meeting_id].status == MeetingStatus.PLANNED]
    held = [item_id for item_id in item_ids if item_id not in not_held]
    if not_held:
        session.execute(delete(AgendaItem).where(col(AgendaItem.id).in_(not_held)))
        counts["agenda_item"] += len(not_held)
        for meeting_id in {i.meeting_id for i in items if i.id in not_held}:
            _renumber(session, meeting_id)
    if held:
        title = _("Case deleted after the retention period ({date})").format(
            date=format_date_long(today)
        )
        session.execute(
            update(AgendaItem)
            .where(col(AgendaItem.id).in_(held))
            .values(title=title, **_CLEARED_ITEM)
        )
        counts["agenda_item_kept"] += len(held)


def _renumber(session: Session, meeting_id: int) -> None:
    rest = session.exec(
        select(AgendaItem.id)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    ).all()
    for position, item_id in enumerate(rest, start=1):
        session.execute(
            update(AgendaItem).where(col(AgendaItem.id) == item_id).values(position=position)
        )


def _belongs_to(name: str, organisation: str, names: set[str], contacts: str) -> bool:
    """Whether a person on the citizen's side is one of `names` or there for one of them."""
    return name in names or any(n in organisation for n in names) or bool(name and name in contacts)


def _erase_participants(
    session: Session, cases: list[Case], meetings: dict[int, Meeting], counts: Counter[str]
) -> int:
    """Delete the citizen's side of the meetings; the number kept that belong to nobody
    still on those agendas (they could not be tied to the deleted citizen either)."""
    names = {_norm(case.citizen_name) for case in cases if case.citizen_name.strip()}
    contacts = " ".join(_norm(case.contact) for case in cases)
    others: dict[int, list[Case]] = {}
    for meeting_id, case in session.exec(
        select(AgendaItem.meeting_id, Case)
        .join(Case, col(Case.id) == col(AgendaItem.case_id))
        .where(col(AgendaItem.meeting_id).in_(meetings))
    ).all():
        others.setdefault(meeting_id, []).append(case)
    side = session.exec(
        select(Participant).where(
            col(Participant.meeting_id).in_(meetings),
            col(Participant.role).in_([role.value for role in CITIZEN_SIDE]),
        )
    ).all()
    gone, unknown = [], 0
    for person in side:
        name, organisation = _norm(person.name), _norm(person.organisation)
        rest = others.get(person.meeting_id, [])
        if not rest or _belongs_to(name, organisation, names, contacts):
            gone.append(person.id)
        elif not _belongs_to(
            name,
            organisation,
            {_norm(case.citizen_name) for case in rest},
            " ".join(_norm(case.contact) for case in rest),
        ):
            unknown += 1
    if gone:
        session.execute(delete(Participant).where(col(Participant.id).in_(gone)))
    counts["participant"] += len(gone)
    return unknown


def _erase_package_bases(session: Session, meeting_ids: set[int], cases: list[Case]) -> int:
    """The packages last exchanged for the citizen's meetings, and any other that still
    holds one of the cases (a meeting the case has left since)."""
    removed = 0
    if meeting_ids:
        removed = session.execute(
            delete(PackageBase).where(col(PackageBase.meeting_id).in_(meeting_ids))
        ).rowcount
    for case in cases:
        removed += forget_bases_mentioning(session, case.uid)
    return removed


def _erase_trail(session: Session, case_ids: list[int]) -> int:
    """The cases' audit entries: the trigger lets them go only while they are permitted."""
    session.execute(insert(AuditDeletionPermit), [{"case_id": case_id} for case_id in case_ids])
    removed = session.execute(
        delete(AuditEntry).where(col(AuditEntry.case_id).in_(case_ids))
    ).rowcount
    session.execute(delete(AuditDeletionPermit))
    return removed


def _redo_minutes(
    session: Session,
    meeting_ids: list[int],
    meetings: dict[int, Meeting],
    budgets: dict[int, FrameStatus],
    record: DeletionRecord,
    actor: str,
) -> tuple[str, ...]:
    """Approved minutes made again without the citizen; every approved copy is replaced."""
    from visitation_app.documents.minutes import render_minutes

    redone = []
    for meeting_id in meeting_ids:
        dossier = read_dossier(session, meeting_id)
        pdf = render_minutes(dossier, budgets[meeting_id], tariffs=tariffs_of(dossier))
        for row in session.exec(
            select(ApprovedMinutes).where(ApprovedMinutes.meeting_id == meeting_id)
        ).all():
            session.add(
                AuditEntry(
                    at=record.at, actor=actor, entity="approved_minutes", entity_id=row.id,
                    meeting_id=meeting_id, context=f"deletion:{record.id}", action=CHANGED,
                    field="pdf", old_value=serialise(row.pdf), new_value=serialise(pdf),
                )
            )  # fmt: skip
            session.execute(
                update(ApprovedMinutes).where(col(ApprovedMinutes.id) == row.id).values(pdf=pdf)
            )
        redone.append(_meeting_label(meetings[meeting_id]))
    return tuple(redone)


def _record(session: Session, record: DeletionRecord, actor: str) -> None:
    for field in ("reason", "citizens", "counts"):
        session.add(
            AuditEntry(
                at=record.at, actor=actor, entity="deletion_record", entity_id=record.id,
                action=CREATED, field=field, new_value=serialise(getattr(record, field)),
            )
        )  # fmt: skip


def _mentions(session: Session, needles: list[str]) -> tuple[str, ...]:
    """Where the name or CPR number is still written (free text about other things)."""
    if not needles:
        return ()

    def matching(*columns: Any) -> Any:
        return or_(*(func.instr(column, needle) > 0 for column in columns for needle in needles))

    places: list[str] = []
    meetings = {m.id: m for m in session.exec(select(Meeting)).all()}

    def at_meeting(meeting_id: int | None, what: str) -> str:
        meeting = meetings.get(meeting_id)
        where = _meeting_label(meeting) if meeting else _("meeting {id}").format(id=meeting_id)
        return _("Meeting {meeting}: {what}").format(meeting=where, what=what)

    for meeting in meetings.values():
        if any(needle in meeting.title for needle in needles):
            places.append(at_meeting(meeting.id, _("title")))
    for item in session.exec(
        select(AgendaItem).where(matching(AgendaItem.title, AgendaItem.notes))
    ).all():
        places.append(at_meeting(item.meeting_id, _("item {number}").format(number=item.position)))
    for action in session.exec(select(ActionItem).where(matching(ActionItem.description))).all():
        places.append(at_meeting(action.meeting_id, _("action item")))
    for event in session.exec(select(MeetingEvent).where(matching(MeetingEvent.reason))).all():
        places.append(at_meeting(event.meeting_id, _("reason for reopening")))
    for person in session.exec(
        select(Participant).where(matching(Participant.name, Participant.organisation))
    ).all():
        places.append(at_meeting(person.meeting_id, _("a participant")))
    for case in session.exec(
        select(Case).where(
            matching(Case.summary, Case.citizen_goals, Case.contact, Case.applied_for)
        )
    ).all():
        places.append(_("Case {id} of another citizen").format(id=case.id))
    trail = session.exec(
        select(func.count())
        .select_from(AuditEntry)
        .where(matching(AuditEntry.old_value, AuditEntry.new_value))
    ).one()
    if trail:
        places.append(_("{count} entries of the audit trail about those texts").format(count=trail))
    return tuple(dict.fromkeys(places))


def compact(db: Database, attempts: int = 5) -> bool:
    """Fold the write-ahead log into the file, rebuild the file, and empty the log again.

    False when another connection kept the log busy (the deleted rows are overwritten
    in the file all the same; the log is emptied when the last connection closes).
    """
    try:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.exec_driver_sql("VACUUM")
            for attempt in range(attempts):
                busy = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
                if not busy:
                    return True
                time.sleep(0.1 * (attempt + 1))
    except Exception:  # noqa: BLE001 - the deletion is committed; report, do not fail
        log.exception("could not compact %s after a deletion", db.path)
    return False
