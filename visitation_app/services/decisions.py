"""The committee's decision on a case item, saved field by field as the chair types."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from visitation_app.domain import validation as v
from visitation_app.domain.completeness import Consultation
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.money import MAX_ORE
from visitation_app.domain.vocabulary import AgendaItemKind, Outcome
from visitation_app.i18n import _
from visitation_app.services.common import apply_changes, choice, editable_item
from visitation_app.store.database import Database
from visitation_app.store.models import Decision
from visitation_app.store.types import utc_now


def _cost(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("The annual cost must be an amount in øre."), field="cost")
    if abs(value) > MAX_ORE:
        raise ValidationError(_("The amount is too large to be right. Check the number of digits."))
    return value


def _validators() -> dict[str, Any]:
    return {
        "outcome": choice(Outcome, _("Outcome"), optional=True),
        "service": lambda x: v.short_text(x, _("Service")),
        "extent": lambda x: v.short_text(x, _("Extent")),
        "legal_basis": lambda x: v.short_text(x, _("Legal basis")),
        "justification": lambda x: v.long_text(x, _("Justification")),
        "valid_from": lambda x: v.plausible_date(x, _("Valid from")),
        "review_date": lambda x: v.plausible_date(x, _("Review date")),
        "annual_cost_ore": _cost,
        "legal_basis_key": lambda x: v.short_text(x, _("Legal basis")),
        "consultation": choice(Consultation, _("Consultation (partshøring)")),
        "consulted_on": lambda x: v.plausible_date(x, _("Consulted on")),
        "consultation_not_needed_reason": lambda x: v.long_text(
            x, _("Why consultation is not needed")
        ),
        "missing_information": lambda x: v.long_text(x, _("What is missing")),
        "missing_by": lambda x: v.plausible_date(x, _("Missing by")),
    }


def _decision_of(session: Session, item_id: int) -> Decision | None:
    return session.exec(select(Decision).where(Decision.agenda_item_id == item_id)).first()


def get_decision(db: Database, item_id: int) -> Decision | None:
    with db.session() as session:
        return _decision_of(session, item_id)


def save_decision(db: Database, item_id: int, **changes: Any) -> Decision:
    """Create or change the decision on a case item."""
    with db.session() as session:
        item = editable_item(session, item_id)
        if item.kind != AgendaItemKind.CASE:
            raise ValidationError(_("Only a case item has a decision."))
        decision = _decision_of(session, item_id) or Decision(agenda_item_id=item_id)
        apply_changes(decision, changes, _validators())
        if (
            decision.valid_from
            and decision.review_date
            and (decision.review_date < decision.valid_from)
        ):
            raise ValidationError(
                _("The review date lies before the date the decision takes effect."),
                field="review_date",
            )
        decision.updated_at = utc_now()
        session.add(decision)
        session.flush()
        session.refresh(decision)
    return decision
