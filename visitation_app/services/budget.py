"""Budget frames per area and year, and the decisions set against them.

The rules for what counts where are in `domain/budget.py`; this module reads the meetings
of an area and year and adds their decisions up the same way for the panel, the minutes
and the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlmodel import col, select

from visitation_app.domain import validation as v
from visitation_app.domain.budget import FrameStatus, frame_status
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.i18n import _
from visitation_app.services.common import choice
from visitation_app.services.dossier import load_dossier, read_dossier
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, BudgetFrame, Case, Meeting

MIN_YEAR, MAX_YEAR = 2000, 2200


def _year(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise ValidationError(
            _("The budget year must be a year between {first} and {last}.").format(
                first=MIN_YEAR, last=MAX_YEAR
            ),
            field="year",
        )
    return value


@dataclass(frozen=True)
class FrameRow:
    area: str
    year: int
    amount_ore: int


def set_frame(db: Database, area: str, year: int, amount_ore: int | None) -> FrameRow | None:
    """Set (or with None remove) the budget frame of `area` in `year`."""
    area = choice(CommitteeArea, _("Committee area"))(area)
    year = _year(year)
    amount = v.amount_ore(amount_ore, _("The budget frame"))
    if amount is not None and amount < 0:
        raise ValidationError(_("A budget frame cannot be negative."), field="amount_ore")
    with db.session() as session:
        row = session.exec(
            select(BudgetFrame).where(BudgetFrame.area == area, BudgetFrame.year == year)
        ).first()
        if amount is None:
            if row is not None:
                session.delete(row)
            return None
        row = row or BudgetFrame(area=area, year=year, amount_ore=amount)
        row.amount_ore = amount
        session.add(row)
    return FrameRow(area, year, amount)


def list_frames(db: Database) -> list[FrameRow]:
    with db.session() as session:
        rows = session.exec(
            select(BudgetFrame).order_by(col(BudgetFrame.year).desc(), col(BudgetFrame.area))
        ).all()
        return [FrameRow(row.area, row.year, row.amount_ore) for row in rows]


def frame_of(db: Database, area: str, year: int) -> int | None:
    with db.session() as session:
        row = session.exec(
            select(BudgetFrame).where(BudgetFrame.area == area, BudgetFrame.year == year)
        ).first()
        return row.amount_ore if row else None


def year_dossiers(db: Database, area: str, year: int) -> list[MeetingDossier]:
    """Every meeting of `area` whose decisions may fall in budget `year` (that year and the
    one before, whose decisions may take effect in the new year)."""
    with db.session() as session:
        ids = session.exec(
            select(Meeting.id)
            .where(
                Meeting.area == area,
                col(Meeting.meeting_date) >= dt.date(year - 1, 1, 1),
                col(Meeting.meeting_date) <= dt.date(year, 12, 31),
            )
            .order_by(col(Meeting.meeting_date), col(Meeting.id))
        ).all()
        return [read_dossier(session, meeting_id) for meeting_id in ids]


def _in_year(item: AgendaItemRecord, year: int) -> int:
    if item.cost is None or item.cost.budget_year != year:
        return 0
    return item.cost.in_year(year)


def committed_in_year(
    dossiers: list[MeetingDossier], year: int, *, leave_out: int | None = None
) -> int:
    """The cost in `year` of the decisions taking effect that year (one meeting left out)."""
    return sum(
        _in_year(item, year)
        for dossier in dossiers
        if dossier.meeting.id != leave_out
        for item in dossier.items
    )


def budget_year_of(dossier: MeetingDossier) -> int:
    """The budget year a meeting's decisions fall in: the meeting's own year, unless all its
    decisions that change anything take effect in a later year (a meeting in late December)."""
    years = {
        item.cost.budget_year
        for item in dossier.items
        if item.cost is not None and item.cost.budget_year and item.cost.change.full_year_ore
    }
    meeting_year = dossier.meeting.meeting_date.year
    return min(years) if years and min(years) > meeting_year else meeting_year


def meeting_budget(db: Database, meeting_id: int) -> FrameStatus:
    """This meeting's decisions against the frame of its area and budget year."""
    dossier = load_dossier(db, meeting_id)
    year = budget_year_of(dossier)
    others = committed_in_year(
        year_dossiers(db, dossier.meeting.area, year), year, leave_out=meeting_id
    )
    return frame_status(
        year,
        frame_of(db, dossier.meeting.area, year),
        [item.cost for item in dossier.items if item.cost and item.cost.budget_year == year],
        others,
    )


@dataclass(frozen=True)
class CitizenCost:
    """What one citizen's active decisions cost a year (Swedish: kostnad per brukare)."""

    citizen_name: str
    cpr: str
    full_year_ore: int
    decisions: int


def cost_per_citizen(db: Database, case_id: int, on: dt.date) -> CitizenCost:
    """The full-year cost of the citizen's decisions in force on `on`.

    The citizen is the case's CPR number (or the case alone without one). Per tariff (or
    service) only the latest decision counts, so a later change replaces an earlier grant;
    a refusal of a continuation stops it.
    """
    with db.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            raise ValidationError(_("There is no case with id {id}.").format(id=case_id))
        same_citizen = (
            select(Case.id).where(Case.cpr == case.cpr)
            if case.cpr
            else select(Case.id).where(Case.id == case.id)
        )
        case_ids = set(session.exec(same_citizen).all())
        # Only the meetings that had the citizen's cases on their agenda.
        meeting_ids = session.exec(
            select(Meeting.id)
            .join(AgendaItem, col(AgendaItem.meeting_id) == col(Meeting.id))
            .where(col(Meeting.meeting_date) <= on, col(AgendaItem.case_id).in_(case_ids))
            .group_by(col(Meeting.id))
            .order_by(col(Meeting.meeting_date), col(Meeting.id))
        ).all()
        dossiers = [read_dossier(session, meeting_id) for meeting_id in meeting_ids]
    latest: dict[str, AgendaItemRecord] = {}
    for dossier in dossiers:
        for item in dossier.items:
            decision = item.decision
            if item.case is None or item.case.id not in case_ids or decision is None:
                continue
            if decision.valid_from is not None and decision.valid_from > on:
                continue
            if item.cost is None or (
                item.cost.cost.full_year_ore == 0 and item.cost.change.full_year_ore == 0
            ):
                continue
            latest[decision.tariff_key or decision.service.strip().casefold()] = item
    active = [item for item in latest.values() if item.cost and item.cost.cost.full_year_ore]
    return CitizenCost(
        case.citizen_name,
        case.cpr,
        sum(item.cost.cost.full_year_ore for item in active if item.cost),
        len(active),
    )
