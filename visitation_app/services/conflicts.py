"""Conflicts of interest (inhabilitet): a participant who takes no part in an agenda item.

The person is recorded per item with the reason, and the minutes say that they did not
take part. Only those who deal with the case can be disqualified: the citizen, a
relative, a bisidder or an interpreter are there for the citizen, not to decide.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from visitation_app.domain import validation as v
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import ConflictRecord
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.i18n import _
from visitation_app.services.common import editable_item, load
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Conflict, Participant

CITIZEN_SIDE = frozenset(
    {
        ParticipantRole.CITIZEN,
        ParticipantRole.RELATIVE,
        ParticipantRole.ADVOCATE,
        ParticipantRole.INTERPRETER,
    }
)
"""Roles that take part for the citizen; they cannot be disqualified from an item."""


def can_be_disqualified(role: str) -> bool:
    """Whether someone in `role` takes part in deciding and so can be inhabil."""
    return role not in CITIZEN_SIDE


def declare_conflict(db: Database, item_id: int, participant_id: int, reason: str = "") -> Conflict:
    """Record that the participant takes no part in the item, and why (again: a new reason).

    Refused when the minutes are approved, when the person belongs to another meeting,
    and for those who take part for the citizen.
    """
    cleaned = v.short_text(reason, _("Reason"))
    with db.session() as session:
        item = editable_item(session, item_id)
        participant = load(session, Participant, participant_id, _("participant"))
        if participant.meeting_id != item.meeting_id:
            raise UserError(
                _(
                    "{name} is not a participant of this meeting. Add the person to the "
                    "meeting's participants first."
                ).format(name=participant.name)
            )
        if not can_be_disqualified(participant.role):
            raise UserError(
                _(
                    "{name} takes part as {role} and does not decide, so cannot be "
                    "disqualified from an item."
                ).format(name=participant.name, role=ParticipantRole(participant.role).label)
            )
        conflict = _find(session, item_id, participant_id) or Conflict(
            agenda_item_id=item_id, participant_id=participant_id
        )
        conflict.reason = cleaned
        session.add(conflict)
        session.flush()
        session.refresh(conflict)
        return conflict


def withdraw_conflict(db: Database, item_id: int, participant_id: int) -> bool:
    """The participant takes part in the item after all; False if no conflict was recorded."""
    with db.session() as session:
        editable_item(session, item_id)
        conflict = _find(session, item_id, participant_id)
        if conflict is None:
            return False
        session.delete(conflict)
    return True


def item_conflicts(db: Database, item_id: int) -> list[ConflictRecord]:
    """Who takes no part in the item, in the order declared."""
    with db.session() as session:
        load(session, AgendaItem, item_id, _("agenda item"))
        rows = session.exec(
            select(Conflict).where(Conflict.agenda_item_id == item_id).order_by(col(Conflict.id))
        ).all()
        return [ConflictRecord(row.participant_id, row.reason) for row in rows]


def _find(session: Session, item_id: int, participant_id: int) -> Conflict | None:
    return session.exec(
        select(Conflict).where(
            Conflict.agenda_item_id == item_id, Conflict.participant_id == participant_id
        )
    ).first()
