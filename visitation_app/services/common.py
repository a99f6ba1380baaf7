"""Loading rows by id and guarding approved meetings, shared by every service."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, func, select

from visitation_app.domain.errors import NotFoundError, ValidationError
from visitation_app.domain.meeting import ensure_editable
from visitation_app.i18n import _
from visitation_app.store.models import AgendaItem, Meeting
from visitation_app.store.types import utc_now

Row = TypeVar("Row", bound=SQLModel)
Validator = Callable[[Any], Any]


def load(session: Session, model: type[Row], row_id: int, what: str) -> Row:
    """The row, or NotFoundError naming `what` (e.g. 'meeting 12')."""
    row = session.get(model, row_id)
    if row is None:
        message = _("There is no {what} with id {id}.").format(what=what, id=row_id)
        raise NotFoundError(message[:1].upper() + message[1:])
    return row


def editable_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, after checking that its minutes are not approved; marks it as changed."""
    meeting = load(session, Meeting, meeting_id, _("meeting"))
    ensure_editable(meeting.status)
    meeting.updated_at = utc_now()
    session.add(meeting)
    return meeting


def editable_row(session: Session, model: type[Row], row_id: int, what: str) -> Row:
    """A row of a meeting (participant, action item…), after checking the meeting is editable."""
    row = load(session, model, row_id, what)
    editable_meeting(session, row.meeting_id)
    return row


def append_to_meeting(session: Session, row: Row) -> Row:
    """Add `row` after the last of its kind in its meeting (by `position`) and return it saved."""
    model = type(row)
    last = session.exec(
        select(func.max(model.position)).where(model.meeting_id == row.meeting_id)
    ).one()
    row.position = (last or 0) + 1
    session.add(row)
    session.flush()
    session.refresh(row)
    return row


def editable_item(session: Session, item_id: int) -> AgendaItem:
    return editable_row(session, AgendaItem, item_id, _("agenda item"))


def apply_changes(
    row: SQLModel, changes: Mapping[str, Any], validators: Mapping[str, Validator]
) -> set[str]:
    """Validate each field with its validator, then set it; unknown fields are refused.

    Returns the names of the fields whose value actually changed.
    """
    unknown = set(changes) - set(validators)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: {fields}.").format(fields=", ".join(sorted(unknown)))
        )
    cleaned = {name: validators[name](value) for name, value in changes.items()}
    changed = {name for name, value in cleaned.items() if getattr(row, name) != value}
    for name, value in cleaned.items():
        setattr(row, name, value)
    return changed


def choice(enum: type, label: str, *, optional: bool = False) -> Validator:
    """A validator accepting one code of `enum` (or None, when optional)."""

    def check(value: Any) -> Any:
        if value in (None, "") and optional:
            return None
        try:
            return enum(value).value
        except ValueError as error:
            raise ValidationError(
                _("{field}: '{value}' is not one of the choices.").format(field=label, value=value)
            ) from error

    return check


def strict_bool(value: Any) -> bool:
    """True or False only: a string such as "false" is refused rather than read as True."""
    if not isinstance(value, bool):
        raise ValidationError(_("Expected yes or no, got '{value}'.").format(value=value))
    return value
