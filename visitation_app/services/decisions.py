"""The committee's decision on a case item, saved field by field as the chair types."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from visitation_app.domain import validation as v
from visitation_app.domain.completeness import Consultation, DecisionCheck
from visitation_app.domain.costing import Frequency
from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.records import AgendaItemRecord
from visitation_app.domain.vocabulary import AgendaItemKind, Outcome
from visitation_app.i18n import _
from visitation_app.services.common import apply_changes, choice, editable_item, load
from visitation_app.services.dossier import load_dossier
from visitation_app.services.legal import current_catalog
from visitation_app.store.database import Database
from visitation_app.store.models import AgendaItem, Decision
from visitation_app.store.types import utc_now


def _validators() -> dict[str, Any]:
    return {
        "outcome": choice(Outcome, _("Outcome"), optional=True),
        "service": lambda x: v.short_text(x, _("Service")),
        "extent": lambda x: v.short_text(x, _("Extent")),
        "legal_basis": lambda x: v.short_text(x, _("Legal basis")),
        "justification": lambda x: v.long_text(x, _("Justification")),
        "valid_from": lambda x: v.plausible_date(x, _("Valid from")),
        "review_date": lambda x: v.plausible_date(x, _("Review date")),
        "annual_cost_ore": lambda x: v.amount_ore(x, _("The annual cost")),
        "legal_basis_key": lambda x: v.short_text(x, _("Legal basis")),
        "consultation": choice(Consultation, _("Consultation (partshøring)")),
        "consulted_on": lambda x: v.plausible_date(x, _("Consulted on")),
        "consultation_not_needed_reason": lambda x: v.long_text(
            x, _("Why consultation is not needed")
        ),
        "missing_information": lambda x: v.long_text(x, _("What is missing")),
        "missing_by": lambda x: v.plausible_date(x, _("Missing by")),
        "delay_notified_on": lambda x: v.plausible_date(x, _("Delay told to the citizen on")),
        "tariff_key": _tariff_key,
        "extent_quantity": lambda x: v.quantity(x, _("Extent")),
        "extent_frequency": lambda x: choice(Frequency, _("Frequency"), optional=True)(x) or "",
        "previous_quantity": lambda x: v.quantity(x, _("Previous extent")),
        "provider_unit": lambda x: v.short_text(x, _("Provider unit")),
        "cost_override_ore": lambda x: v.amount_ore(x, _("The amount set by hand")),
        "cost_override_reason": lambda x: v.long_text(x, _("Reason for the amount")),
    }


def _tariff_key(value: Any) -> str:
    key = v.short_text(value, _("Tariff"))
    if key and key not in current_catalog().tariffs:
        raise ValidationError(
            _("There is no tariff '{key}' in the catalog.").format(key=key), field="tariff_key"
        )
    return key


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
        changed = apply_changes(decision, changes, _validators())
        if changed and decision.finalised_at is not None:
            # A changed decision is a draft again: it is checked and marked final anew.
            decision.finalised_at = None
            decision.override_reason = ""
            decision.override_keys = ""
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


def _dossier_item(db: Database, item_id: int) -> AgendaItemRecord:
    with db.session() as session:
        meeting_id = load(session, AgendaItem, item_id, _("agenda item")).meeting_id
    return next(item for item in load_dossier(db, meeting_id).items if item.id == item_id)


def check_decision_on(db: Database, item_id: int) -> DecisionCheck:
    """The legal check of the decision on a case item, as it stands in the database."""
    item = _dossier_item(db, item_id)
    return item.check or DecisionCheck()


def finalise_decision(db: Database, item_id: int, *, override_reason: str = "") -> DecisionCheck:
    """Mark the decision final. While something is missing, only with a reason for overriding.

    The reason is stored with the decision and printed in the minutes. Any later change to
    the decision makes it a draft again (see `save_decision`).
    """
    reason = v.long_text(override_reason, _("Reason for overriding")).strip()
    item = _dossier_item(db, item_id)
    if not item.is_case or item.check is None:
        raise UserError(_("Only a case item has a decision."))
    if item.decision is None or not item.decision.outcome:
        raise UserError(_("Choose the outcome before marking the decision final."))
    check = item.check
    if not check.complete and not reason:
        raise UserError(
            _(
                "The decision lacks: {missing} Give a reason for making it final anyway, "
                "or complete it first."
            ).format(missing=" ".join(r.explanation for r in check.missing))
        )
    with db.session() as session:
        editable_item(session, item_id)
        decision = session.exec(select(Decision).where(Decision.agenda_item_id == item_id)).one()
        decision.finalised_at = utc_now()
        decision.override_reason = "" if check.complete else reason
        decision.override_keys = "" if check.complete else ",".join(r.key for r in check.missing)
        session.add(decision)
    return check_decision_on(db, item_id)


def make_draft(db: Database, item_id: int) -> DecisionCheck:
    """Take back "final": the decision can be changed and is checked again."""
    with db.session() as session:
        editable_item(session, item_id)
        decision = _decision_of(session, item_id)
        if decision is not None:
            decision.finalised_at = None
            decision.override_reason = ""
            decision.override_keys = ""
            session.add(decision)
    return check_decision_on(db, item_id)
