"""Cases referred to the committee: a citizen, what they applied for, and the preparation."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from visitation_app.domain import validation as v
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.vocabulary import CommitteeArea, MeetingStatus, Outcome
from visitation_app.i18n import _
from visitation_app.services.common import apply_changes, choice, load
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Case, Decision, Meeting
from visitation_app.store.types import utc_now

# Outcomes that settle an application; a postponed case comes back to the committee.
FINAL_OUTCOMES = frozenset(
    {
        Outcome.GRANTED,
        Outcome.PARTLY_GRANTED,
        Outcome.REFUSED,
        Outcome.REFERRED,
        Outcome.STOPPED_OR_CHANGED,
    }
)
UPCOMING = frozenset({MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS})


def _validators() -> dict[str, Any]:
    return {
        "area": choice(CommitteeArea, _("Committee area")),
        "reference": lambda x: v.short_text(x, _("Case number")),
        "citizen_name": lambda x: v.short_text(x, _("Citizen's name"), required=True),
        "cpr": v.cpr_number,
        "applied_for": lambda x: v.long_text(x, _("Applied for")),
        "legal_paragraph": lambda x: v.short_text(x, _("Legal paragraph")),
        "case_worker": lambda x: v.short_text(x, _("Case worker")),
        "received_on": lambda x: v.plausible_date(x, _("Date received")),
        "summary": lambda x: v.long_text(x, _("Case summary")),
        "citizen_goals": lambda x: v.long_text(x, _("The citizen's wishes and goals")),
        "case_type": lambda x: v.short_text(x, _("Type of case")),
        "legal_basis_key": lambda x: v.short_text(x, _("Legal basis")),
        "expected_annual_cost_ore": lambda x: v.amount_ore(x, _("The expected annual cost")),
        "contact": lambda x: v.short_text(x, _("Contact")),
    }


def create_case(db: Database, *, area: str, citizen_name: str, **fields: Any) -> Case:
    case = Case(area="", citizen_name="")
    apply_changes(case, {"area": area, "citizen_name": citizen_name, **fields}, _validators())
    with db.session() as session:
        session.add(case)
        session.flush()
        session.refresh(case)
    return case


def update_case(db: Database, case_id: int, **changes: Any) -> Case:
    """Change a case; its area only while it is on no meeting's agenda."""
    with db.session() as session:
        case = load(session, Case, case_id, _("case"))
        changed = apply_changes(case, changes, _validators())
        on_agenda = session.exec(select(AgendaItem.id).where(AgendaItem.case_id == case_id)).first()
        if "area" in changed and on_agenda is not None:
            raise ValidationError(
                _(
                    "The case is on a meeting's agenda, so its committee area cannot change. "
                    "Remove it from the agenda first."
                ),
                field="area",
            )
        case.updated_at = utc_now()
        session.add(case)
    return case


def get_case(db: Database, case_id: int) -> Case:
    with db.session() as session:
        return load(session, Case, case_id, _("case"))


def list_cases(db: Database, area: str | None = None) -> list[Case]:
    """Cases, the most recently received first; only one area's when `area` is given."""
    query = select(Case).order_by(col(Case.received_on).desc(), col(Case.id).desc())
    if area:
        query = query.where(Case.area == area)
    with db.session() as session:
        return list(session.exec(query).all())


def list_awaiting_cases(db: Database, area: str, meeting_id: int | None = None) -> list[Case]:
    """The area's cases still waiting for the committee, for the list to build an agenda from.

    A case waits until a meeting decides it (granted, partly granted, refused or referred);
    a postponed case waits again. A case already on the agenda of another meeting that has
    not been held yet is not offered twice; the meeting `meeting_id` itself is not counted.
    """
    waiting = []
    with db.session() as session:
        area_cases = session.exec(
            select(Case)
            .where(Case.area == area)
            .order_by(col(Case.received_on).desc(), col(Case.id).desc())
        ).all()
        placements = session.exec(
            select(AgendaItem.case_id, AgendaItem.meeting_id, Meeting.status, Decision.outcome)
            .join(Meeting, col(Meeting.id) == col(AgendaItem.meeting_id))
            .join(Decision, col(Decision.agenda_item_id) == col(AgendaItem.id), isouter=True)
            .where(col(AgendaItem.case_id).in_([case.id for case in area_cases]))
        ).all()
        blocked = {
            case_id
            for case_id, on_meeting, status, outcome in placements
            if outcome in FINAL_OUTCOMES
            or (on_meeting != meeting_id and status in UPCOMING and outcome is None)
        }
        waiting = [case for case in area_cases if case.id not in blocked]
    return waiting


def meetings_of_case(db: Database, case_id: int) -> list[Meeting]:
    query = (
        select(Meeting)
        .join(AgendaItem, col(AgendaItem.meeting_id) == col(Meeting.id))
        .where(AgendaItem.case_id == case_id)
        .order_by(col(Meeting.meeting_date))
    )
    with db.session() as session:
        return list(session.exec(query).all())


def delete_case(db: Database, case_id: int) -> None:
    """Delete a case that is on no agenda (remove it from the agendas first)."""
    if meetings_of_case(db, case_id):
        raise UserError(
            _("The case is on a meeting's agenda. Remove it from the agenda before deleting it.")
        )
    with db.session() as session:
        session.delete(load(session, Case, case_id, _("case")))
