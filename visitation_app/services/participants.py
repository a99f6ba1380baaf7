"""Who takes part in a meeting, in which role, and whether they came."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from visitation_app.domain import validation as v
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.i18n import _
from visitation_app.services.common import (
    append_to_meeting,
    apply_changes,
    choice,
    editable_meeting,
    editable_row,
    strict_bool,
)
from visitation_app.store.database import Database
from visitation_app.store.models import Participant


def _validators() -> dict[str, Any]:
    return {
        "name": lambda x: v.short_text(x, _("Name"), required=True),
        "role": choice(ParticipantRole, _("Role")),
        "organisation": lambda x: v.short_text(x, _("Organisation")),
        "present": lambda x: None if x is None else strict_bool(x),
    }


def add_participant(
    db: Database, meeting_id: int, *, name: str, role: str, organisation: str = ""
) -> Participant:
    participant = Participant(meeting_id=meeting_id, name="", role="")
    apply_changes(
        participant, {"name": name, "role": role, "organisation": organisation}, _validators()
    )
    with db.session() as session:
        editable_meeting(session, meeting_id)
        return append_to_meeting(session, participant)


def update_participant(db: Database, participant_id: int, **changes: Any) -> Participant:
    with db.session() as session:
        participant = editable_row(session, Participant, participant_id, _("participant"))
        apply_changes(participant, changes, _validators())
        session.add(participant)
    return participant


def remove_participant(db: Database, participant_id: int) -> None:
    with db.session() as session:
        session.delete(editable_row(session, Participant, participant_id, _("participant")))


def list_participants(db: Database, meeting_id: int) -> list[Participant]:
    with db.session() as session:
        query = (
            select(Participant)
            .where(Participant.meeting_id == meeting_id)
            .order_by(col(Participant.position), col(Participant.id))
        )
        return list(session.exec(query).all())
