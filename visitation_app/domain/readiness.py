"""Is a case ready for the committee? The preparation a chair checks on the agenda.

A case is ready when its summary is written, a legal basis is chosen, the consultation
(partshøring) status is recorded, the cost is estimated and the citizen is invited.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from visitation_app.domain.completeness import Consultation
from visitation_app.i18n import _


@dataclass(frozen=True)
class ReadinessFacts:
    summary: str = ""
    legal_basis: str = ""
    consultation: str = Consultation.NOT_RECORDED
    consulted_on: dt.date | None = None
    consultation_not_needed_reason: str = ""
    expected_annual_cost_ore: int | None = None
    citizen_invited_on: dt.date | None = None


@dataclass(frozen=True)
class ReadinessPoint:
    key: str
    ready: bool
    # What the chair reads: "Summary written" or what is still to do.
    text: str
    # A word or two for the agenda line: "summary".
    short: str


def check_readiness(facts: ReadinessFacts) -> list[ReadinessPoint]:
    consultation = Consultation(facts.consultation)
    consultation_recorded = (
        consultation == Consultation.DONE and facts.consulted_on is not None
    ) or (
        consultation == Consultation.NOT_NEEDED
        and bool(facts.consultation_not_needed_reason.strip())
    )
    return [
        _point(
            "summary",
            bool(facts.summary.strip()),
            _("Case summary written."),
            _("Write the case summary."),
            _("summary"),
        ),
        _point(
            "legal_basis",
            bool(facts.legal_basis.strip()),
            _("Legal basis chosen."),
            _("Choose the legal basis the case is to be decided under."),
            _("legal basis"),
        ),
        _point(
            "consultation",
            consultation_recorded,
            consultation.label + ".",
            _("Record the consultation (partshøring): done on a date, or not needed and why."),
            _("consultation"),
        ),
        _point(
            "cost",
            facts.expected_annual_cost_ore is not None,
            _("Cost estimated."),
            _("Estimate the expected annual cost."),
            _("cost"),
        ),
        _point(
            "invited",
            facts.citizen_invited_on is not None,
            _("Citizen invited."),
            _("Invite the citizen and enter the date of the invitation."),
            _("invitation"),
        ),
    ]


def _point(key: str, ready: bool, done: str, to_do: str, short: str) -> ReadinessPoint:
    return ReadinessPoint(key, ready, done if ready else to_do, short)


def is_ready(points: Iterable[ReadinessPoint]) -> bool:
    return all(point.ready for point in points)


def readiness_summary(points: Iterable[ReadinessPoint]) -> str:
    """'Ready' or 'Missing: summary, cost' for the agenda line."""
    missing = [point.short for point in points if not point.ready]
    if not missing:
        return _("Ready")
    return _("Missing: {what}").format(what=", ".join(missing))
