"""Functional assessment of a case: an FSIII level per area, or a VUM 2.0 functional level
and support need per theme.

The assessment belongs to the case, so every meeting the case comes to shows the same one;
it is changed through one of the case's agenda items, and refused while that meeting's
minutes are approved (approved minutes keep the assessment they were approved with).
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from visitation_app.domain import validation as v
from visitation_app.domain.assessment import (
    check_domain,
    check_level,
    check_scheme,
    check_support_need,
)
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.records import AssessmentRecord
from visitation_app.i18n import _
from visitation_app.services.common import editable_item, load
from visitation_app.store.database import Database
from visitation_app.store.models import Assessment, Case

_FIELDS = ("level", "support_need", "note")


def _record(row: Assessment) -> AssessmentRecord:
    return AssessmentRecord(row.scheme, row.domain_key, row.level, row.support_need, row.note)


def _case_of_item(session: Session, item_id: int) -> Case:
    item = editable_item(session, item_id)
    if item.case_id is None:
        raise ValidationError(_("A functional assessment belongs to a case item."))
    return load(session, Case, item.case_id, _("case"))


def _row(session: Session, case_id: int, scheme: str, domain_key: str) -> Assessment | None:
    return session.exec(
        select(Assessment).where(
            Assessment.case_id == case_id,
            Assessment.scheme == scheme,
            Assessment.domain_key == domain_key,
        )
    ).first()


def list_assessments(db: Database, case_id: int) -> list[AssessmentRecord]:
    """The case's assessment, scheme by scheme, in the order the areas were first recorded."""
    with db.session() as session:
        rows = session.exec(
            select(Assessment)
            .where(Assessment.case_id == case_id)
            .order_by(col(Assessment.scheme), col(Assessment.id))
        ).all()
        return [_record(row) for row in rows]


def set_assessment(
    db: Database, item_id: int, scheme: str, domain_key: str, **changes: Any
) -> AssessmentRecord | None:
    """Set the level (0–4, or 9), the support need (VUM 2.0 only) or the note of one area
    of the case on `item_id`; fields not named keep their value.

    An area left with nothing recorded is removed; None is then returned.
    """
    unknown = set(changes) - set(_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: {fields}.").format(fields=", ".join(sorted(unknown)))
        )
    with db.session() as session:
        case = _case_of_item(session, item_id)
        chosen = check_scheme(scheme, case.area)
        key = check_domain(chosen, domain_key)
        cleaned: dict[str, Any] = {}
        if "level" in changes:
            cleaned["level"] = check_level(changes["level"])
        if "support_need" in changes:
            cleaned["support_need"] = check_support_need(chosen, changes["support_need"])
        if "note" in changes:
            cleaned["note"] = v.short_text(changes["note"], _("Note on the assessment"))
        row = _row(session, case.id, chosen.value, key)
        if row is None:
            row = Assessment(case_id=case.id, scheme=chosen.value, domain_key=key)
        for name, value in cleaned.items():
            setattr(row, name, value)
        if row.level is None and not row.support_need and not row.note:
            if row.id is not None:
                session.delete(row)
            return None
        session.add(row)
        session.flush()
        return _record(row)


def set_level(
    db: Database, item_id: int, scheme: str, domain_key: str, level: int | None
) -> AssessmentRecord | None:
    """The level of one FSIII area or VUM theme; None clears it."""
    return set_assessment(db, item_id, scheme, domain_key, level=level)


def set_support_need(
    db: Database, item_id: int, domain_key: str, support_need: str
) -> AssessmentRecord | None:
    """The support need of one VUM 2.0 theme; '' clears it."""
    return set_assessment(db, item_id, "vum", domain_key, support_need=support_need)


def clear_assessment(db: Database, item_id: int, scheme: str, domain_key: str) -> None:
    """Forget what was recorded for one area or theme."""
    set_assessment(db, item_id, scheme, domain_key, level=None, support_need="", note="")
