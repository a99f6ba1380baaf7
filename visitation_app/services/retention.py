"""Deleting a citizen's data after the retention period (docs/audit-and-retention.md).

A citizen is the cases with one CPR number (a case without one is a citizen of its own).
Their data may be deleted when their last activity (a meeting their case was on, a
decision, a change to the case or its trail) lies more than the retention period back,
and no service of theirs is under way with a review date still to come.

The deletion runs in one transaction (services.retention_erase), is recorded without
personal data, and is then pressed out of the file: the write-ahead log is checkpointed
and truncated and the file rebuilt (VACUUM); deleted rows are overwritten anyway
(PRAGMA secure_delete). The automatic backups from before the deletion are replaced by
a fresh one; copies kept elsewhere are named in the report.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from visitation_app.domain import validation as v
from visitation_app.domain.errors import NotFoundError, UserError
from visitation_app.domain.vocabulary import Outcome
from visitation_app.i18n import _
from visitation_app.services import retention_erase as erase
from visitation_app.store import rotating_backups
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, AuditEntry, Case, Decision, Meeting

log = logging.getLogger(__name__)

DEFAULT_YEARS = 5
# A service of one of these outcomes is under way until its review date.
SERVICE_OUTCOMES = (
    Outcome.GRANTED.value,
    Outcome.PARTLY_GRANTED.value,
    Outcome.STOPPED_OR_CHANGED.value,
)


@dataclass(frozen=True)
class CitizenRetention:
    """One citizen's cases, the last activity on them, and whether they may be deleted."""

    case_ids: tuple[int, ...]
    citizen_name: str
    cpr: str
    last_activity: dt.date
    due_on: dt.date  # the first day the data may be deleted (if no service is under way)
    review_pending: dt.date | None  # the latest review date still to come, if any
    grant_without_review: bool  # a grant with no review date: check the service has ended

    def is_due(self, today: dt.date) -> bool:
        return today >= self.due_on and self.review_pending is None


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class _Member:
    """A case of a citizen: one in the database, or one deleted whose audit trail is left."""

    id: int
    citizen_name: str
    cpr: str


def _last_value(session: Session, case_id: int, name: str) -> str:
    """The field's last known value (a deletion's entry holds it as the value before)."""
    value = session.exec(
        select(func.coalesce(AuditEntry.new_value, AuditEntry.old_value))
        .where(
            AuditEntry.case_id == case_id,
            AuditEntry.entity == "case",
            AuditEntry.field == name,
        )
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
    ).first()
    return value or ""


def _deleted_cases(session: Session, existing: set[int]) -> list[_Member]:
    """Cases deleted from the database whose audit trail (with the citizen's data) is left:
    they are due for deletion like any other, named as the trail last knew them."""
    ids = session.exec(
        select(AuditEntry.case_id).where(col(AuditEntry.case_id).is_not(None)).distinct()
    ).all()
    return [
        _Member(
            case_id,
            _last_value(session, case_id, "citizen_name"),
            _last_value(session, case_id, "cpr"),
        )
        for case_id in sorted(set(ids) - existing)
    ]


def citizens(db: Database, today: dt.date, years: int) -> list[CitizenRetention]:
    """Every citizen with their retention, the longest inactive first."""
    if years < 1:
        raise UserError(_("The retention period must be at least one year."))
    activity: dict[int, dt.date] = {}
    reviews: dict[int, dt.date] = {}
    open_grants: set[int] = set()

    def seen(case_id: int | None, day: dt.date | dt.datetime | None) -> None:
        if case_id is None or day is None:
            return
        day = day.date() if isinstance(day, dt.datetime) else day
        activity[case_id] = max(activity.get(case_id, day), day)

    with db.session() as session:
        rows = session.exec(select(Case)).all()
        for case in rows:
            for day in (case.received_on, case.created_at, case.updated_at):
                seen(case.id, day)
        for case_id, day in session.exec(
            select(AgendaItem.case_id, func.max(Meeting.meeting_date))
            .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
            .where(col(AgendaItem.case_id).is_not(None))
            .group_by(AgendaItem.case_id)
        ):
            seen(case_id, day)
        for case_id, day in session.exec(
            select(AuditEntry.case_id, func.max(AuditEntry.at))
            .where(col(AuditEntry.case_id).is_not(None))
            .group_by(AuditEntry.case_id)
        ):
            # max() over the column gives SQLite's text back, not the typed value.
            seen(case_id, dt.date.fromisoformat(str(day)[:10]) if day else None)
        for case_id, decision in session.exec(
            select(AgendaItem.case_id, Decision).join(
                AgendaItem, col(AgendaItem.id) == col(Decision.agenda_item_id)
            )
        ):
            seen(case_id, decision.updated_at)
            seen(case_id, decision.valid_from)
            if decision.outcome in SERVICE_OUTCOMES:
                if decision.review_date is None:
                    open_grants.add(case_id)
                elif decision.review_date >= today:
                    reviews[case_id] = max(reviews.get(case_id, today), decision.review_date)
        members: list[_Member] = [_Member(c.id, c.citizen_name, c.cpr) for c in rows]
        members += _deleted_cases(session, {case.id for case in rows})
    groups: dict[str, list[_Member]] = defaultdict(list)
    for case in members:
        groups[case.cpr or f"case:{case.id}"].append(case)
    result = []
    for group in groups.values():
        group.sort(key=lambda case: (activity[case.id], case.id))
        ids = [case.id for case in group]
        last = max(activity[case_id] for case_id in ids)
        pending = [reviews[case_id] for case_id in ids if case_id in reviews]
        result.append(
            CitizenRetention(
                case_ids=tuple(sorted(ids)),
                citizen_name=group[-1].citizen_name,
                cpr=group[-1].cpr,
                last_activity=last,
                due_on=add_years(last, years) + dt.timedelta(days=1),
                review_pending=max(pending) if pending else None,
                grant_without_review=any(case_id in open_grants for case_id in ids),
            )
        )
    result.sort(key=lambda citizen: (citizen.last_activity, citizen.case_ids))
    return result


def citizens_due_for_deletion(db: Database, today: dt.date, years: int) -> list[CitizenRetention]:
    """The citizens whose data may be deleted today, the longest inactive first."""
    return [citizen for citizen in citizens(db, today, years) if citizen.is_due(today)]


def citizen_of_case(db: Database, case_id: int, today: dt.date, years: int) -> CitizenRetention:
    """The citizen a case belongs to (all their cases), or NotFoundError."""
    for citizen in citizens(db, today, years):
        if case_id in citizen.case_ids:
            return citizen
    raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))


def not_due_reason(citizen: CitizenRetention, case_id: int, today: dt.date) -> str:
    """Why the citizen of `case_id` may not be deleted yet, and from when they may be."""
    if citizen.review_pending is not None:
        return _(
            "The data of case {id} cannot be deleted yet: a service of the citizen is under "
            "way until its review on {review}. The retention period runs from the last "
            "activity on the case."
        ).format(id=case_id, review=_long(citizen.review_pending))
    return _(
        "The data of case {id} cannot be deleted yet: the last activity was on {last}, so "
        "it may be deleted from {due}."
    ).format(id=case_id, last=_long(citizen.last_activity), due=_long(citizen.due_on))


def _long(day: dt.date) -> str:
    from visitation_app.formatting import format_date_long

    return format_date_long(day)


@dataclass(frozen=True)
class DeletionReport:
    """What a deletion removed and what became of the copies of the database."""

    record_id: int
    at: dt.datetime
    citizens: int
    counts: dict[str, int]
    minutes_redone: tuple[str, ...]  # the meetings whose approved minutes were made anew
    participants_left: int  # people on the citizen's side who could not be tied to them
    mentions_left: tuple[str, ...]  # where the name or CPR number is still written
    compacted: bool
    backups_removed: tuple[Path, ...] = ()
    fresh_backup: Path | None = None
    other_copies: tuple[Path, ...] = field(default_factory=tuple)

    def lines(self) -> list[str]:
        """The report as sentences, for the window and the command line."""
        from visitation_app.services.retention_report import report_lines

        return report_lines(self)


def _check_reason(reason: str, chosen: list[CitizenRetention]) -> str:
    text = v.long_text(reason, _("Reason")).strip()
    if not text:
        raise UserError(_("Write why the data is deleted; the reason is kept with the record."))
    folded = " ".join(text.casefold().split())
    digits = "".join(c for c in text if c.isdigit())
    for citizen in chosen:
        name = " ".join(citizen.citizen_name.casefold().split())
        cpr = citizen.cpr.replace("-", "")
        if (name and name in folded) or (cpr and cpr in digits):
            raise UserError(
                _(
                    "Write the reason without the citizen's name or CPR number: the record "
                    "of the deletion is kept after the data is gone."
                )
            )
    return text


def delete_citizen_data(
    db: Database, case_ids: list[int], reason: str, today: dt.date, *, years: int
) -> DeletionReport:
    """Delete every trace of the citizens of `case_ids` whose retention period has run out.

    `years` is required: only citizens due under the retention period in force may go.
    Each case id stands for its citizen (all of their cases). Refused as a whole, with a
    sentence saying why, if any of them is not due.
    """
    if not case_ids:
        raise UserError(_("Choose the citizens whose data is to be deleted."))
    everyone = citizens(db, today, years)
    chosen: dict[tuple[int, ...], CitizenRetention] = {}
    for case_id in case_ids:
        citizen = next((c for c in everyone if case_id in c.case_ids), None)
        if citizen is None:
            raise NotFoundError(_("There is no case with id {id}.").format(id=case_id))
        if not citizen.is_due(today):
            raise UserError(not_due_reason(citizen, case_id, today))
        chosen[citizen.case_ids] = citizen
    text = _check_reason(reason, list(chosen.values()))
    outcome = erase.erase_citizens(db, list(chosen.values()), text, today)
    compacted = erase.compact(db)
    removed, fresh = rotating_backups.restart_backups(db.path, passphrase=db.passphrase)
    others = tuple(sorted(db.path.parent.glob(f"{glob.escape(db.path.name)}.before-*.bak")))
    log.info("deleted the data of %d citizens (record %d)", len(chosen), outcome.record_id)
    return DeletionReport(
        record_id=outcome.record_id,
        at=outcome.at,
        citizens=len(chosen),
        counts=outcome.counts,
        minutes_redone=outcome.minutes_redone,
        participants_left=outcome.participants_left,
        mentions_left=outcome.mentions_left,
        compacted=compacted,
        backups_removed=tuple(removed),
        fresh_backup=fresh,
        other_copies=others,
    )
