"""Action items: what is to be done, by whom, by when."""

from __future__ import annotations

from typing import Any

from sqlmodel import col, select

from visitation_app.domain import validation as v
from visitation_app.domain.errors import ValidationError
from visitation_app.i18n import _
from visitation_app.services.common import (
    append_to_meeting,
    apply_changes,
    editable_meeting,
    editable_row,
    load,
    strict_bool,
)
from visitation_app.store.database import Database
from visitation_app.store.models import ActionItem, AgendaItem


def _validators() -> dict[str, Any]:
    return {
        "description": lambda x: v.long_text(x, _("What")),
        "owner": lambda x: v.short_text(x, _("Owner")),
        "due_date": lambda x: v.plausible_date(x, _("Due date")),
        "done": strict_bool,
    }


def add_action(
    db: Database,
    meeting_id: int,
    *,
    description: str,
    owner: str = "",
    due_date=None,
    agenda_item_id: int | None = None,
) -> ActionItem:
    action = ActionItem(meeting_id=meeting_id, agenda_item_id=agenda_item_id, description="")
    apply_changes(
        action, {"description": description, "owner": owner, "due_date": due_date}, _validators()
    )
    with db.session() as session:
        editable_meeting(session, meeting_id)
        if agenda_item_id is not None:
            item = load(session, AgendaItem, agenda_item_id, _("agenda item"))
            if item.meeting_id != meeting_id:
                raise ValidationError(_("The agenda item belongs to another meeting."))
        return append_to_meeting(session, action)


def update_action(db: Database, action_id: int, **changes: Any) -> ActionItem:
    with db.session() as session:
        action = editable_row(session, ActionItem, action_id, _("action item"))
        apply_changes(action, changes, _validators())
        session.add(action)
    return action


def remove_action(db: Database, action_id: int) -> None:
    with db.session() as session:
        session.delete(editable_row(session, ActionItem, action_id, _("action item")))


def list_actions(
    db: Database, meeting_id: int, agenda_item_id: int | None = None
) -> list[ActionItem]:
    query = select(ActionItem).where(ActionItem.meeting_id == meeting_id)
    if agenda_item_id is not None:
        query = query.where(ActionItem.agenda_item_id == agenda_item_id)
    with db.session() as session:
        return list(session.exec(query.order_by(col(ActionItem.position))).all())
