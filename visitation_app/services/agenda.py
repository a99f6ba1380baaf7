"""Building the agenda: cases and standard items, their order and their time boxes."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from visitation_app.domain import validation as v
from visitation_app.domain.agenda import moved, validate_time_box
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.vocabulary import (
    DEFAULT_CASE_MINUTES,
    STANDARD_ITEM_MINUTES,
    AgendaItemKind,
    CitizenParticipation,
    CitizenView,
    CommitteeArea,
)
from visitation_app.i18n import _
from visitation_app.services.common import (
    apply_changes,
    choice,
    editable_item,
    editable_meeting,
    load,
)
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Case


def _time_box(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("A time box is a whole number of minutes."))
    return validate_time_box(value)


def _validators() -> dict[str, Any]:
    return {
        "title": lambda x: v.short_text(x, _("Title")),
        "time_box_minutes": _time_box,
        "notes": lambda x: v.long_text(x, _("Notes")),
        "citizen_participation": choice(
            CitizenParticipation, _("The citizen's participation"), optional=True
        ),
        "citizen_represented_by": lambda x: v.short_text(x, _("Represented by")),
        "citizen_statement": lambda x: v.long_text(x, _("The citizen's own words")),
        "citizen_invited_on": lambda x: v.plausible_date(x, _("Citizen invited on")),
        "citizen_absence_reason": lambda x: v.long_text(x, _("Why the citizen is not involved")),
        "citizen_view": lambda x: (
            choice(CitizenView, _("The citizen's view of the decision"), optional=True)(x) or ""
        ),
        "citizen_view_words": lambda x: v.long_text(x, _("The citizen's view in their own words")),
    }


def _check_involvement(item: AgendaItem) -> None:
    """A citizen who was not involved needs the reason why (retssikkerhedsloven § 4)."""
    if (
        item.citizen_participation == CitizenParticipation.NOT_INVOLVED
        and not item.citizen_absence_reason.strip()
    ):
        raise ValidationError(
            _("Write why the citizen was not involved; the reason is printed in the minutes."),
            field="citizen_absence_reason",
        )


def _items(session: Session, meeting_id: int) -> list[AgendaItem]:
    query = (
        select(AgendaItem)
        .where(AgendaItem.meeting_id == meeting_id)
        .order_by(col(AgendaItem.position), col(AgendaItem.id))
    )
    return list(session.exec(query).all())


def _append(session: Session, item: AgendaItem) -> AgendaItem:
    item.position = len(_items(session, item.meeting_id)) + 1
    session.add(item)
    session.flush()
    session.refresh(item)
    return item


def add_case_item(
    db: Database, meeting_id: int, case_id: int, time_box_minutes: int = DEFAULT_CASE_MINUTES
) -> AgendaItem:
    """Put a case on the meeting's agenda (once per meeting), at the end."""
    with db.session() as session:
        meeting = editable_meeting(session, meeting_id)
        case = load(session, Case, case_id, _("case"))
        if case.area != meeting.area:
            raise UserError(
                _(
                    "The case belongs to another committee area ({case_area}) than the meeting "
                    "({meeting_area})."
                ).format(
                    case_area=CommitteeArea(case.area).label,
                    meeting_area=CommitteeArea(meeting.area).label,
                )
            )
        if any(item.case_id == case_id for item in _items(session, meeting_id)):
            raise UserError(_("The case is already on this meeting's agenda."))
        item = AgendaItem(
            meeting_id=meeting_id,
            kind=AgendaItemKind.CASE.value,
            case_id=case_id,
            time_box_minutes=_time_box(time_box_minutes),
        )
        return _append(session, item)


def add_standard_item(
    db: Database, meeting_id: int, kind: str, title: str = "", time_box_minutes: int | None = None
) -> AgendaItem:
    """Add a standard item (approval of the agenda, follow-up, any other business, other)."""
    item_kind = AgendaItemKind(choice(AgendaItemKind, _("Item type"))(kind))
    if item_kind == AgendaItemKind.CASE:
        raise ValidationError(_("Add a case item from the list of cases."))
    minutes = STANDARD_ITEM_MINUTES[item_kind] if time_box_minutes is None else time_box_minutes
    item = AgendaItem(meeting_id=meeting_id, kind=item_kind.value)
    apply_changes(item, {"title": title, "time_box_minutes": minutes}, _validators())
    if item_kind == AgendaItemKind.OTHER and not item.title:
        raise ValidationError(_("Give the item a title."), field="title")
    with db.session() as session:
        editable_meeting(session, meeting_id)
        return _append(session, item)


def update_item(db: Database, item_id: int, **changes: Any) -> AgendaItem:
    """Change an item's title, time box, notes or the citizen's voice."""
    with db.session() as session:
        item = editable_item(session, item_id)
        apply_changes(item, changes, _validators())
        _check_involvement(item)
        session.add(item)
    return item


def move_item(db: Database, item_id: int, to_index: int) -> None:
    """Move an item to a 0-based place on its agenda; the others close up around it."""
    with db.session() as session:
        item = editable_item(session, item_id)
        items = _items(session, item.meeting_id)
        order = moved([i.id for i in items], [i.id for i in items].index(item_id), to_index)
        by_id = {i.id: i for i in items}
        for position, row_id in enumerate(order, start=1):
            by_id[row_id].position = position
            session.add(by_id[row_id])


def remove_item(db: Database, item_id: int) -> None:
    """Take an item off the agenda, with its notes, decision and action items."""
    with db.session() as session:
        item = editable_item(session, item_id)
        meeting_id = item.meeting_id
        session.delete(item)
        session.flush()
        for position, rest in enumerate(_items(session, meeting_id), start=1):
            rest.position = position
            session.add(rest)
