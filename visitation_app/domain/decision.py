"""What a recorded decision lacks before the minutes are approved.

A first, small part of the legal checks: the full completeness check (consultation,
complaint guidance, deadlines) builds on this.
"""

from __future__ import annotations

from visitation_app.domain.records import DecisionRecord
from visitation_app.domain.vocabulary import Outcome
from visitation_app.i18n import _

# Outcomes under which the municipality pays: only these count in the cost totals.
PAYING_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED})
# Outcomes that decide the application and so must cite the rule they rest on.
DECIDING_OUTCOMES = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.REFUSED})


def counts_as_cost(outcome: str | None) -> bool:
    return outcome in PAYING_OUTCOMES


def decision_gaps(decision: DecisionRecord | None) -> list[str]:
    """Short Danish sentences naming what the decision still lacks; empty when nothing does."""
    if decision is None or not decision.outcome:
        return [_("no outcome has been recorded")]
    gaps = []
    if decision.outcome in DECIDING_OUTCOMES and not decision.legal_basis.strip():
        gaps.append(_("the legal basis is missing"))
    if decision.outcome != Outcome.GRANTED and not decision.justification.strip():
        # Forvaltningsloven § 22: reasons are required unless everything applied for is granted.
        gaps.append(_("the justification is missing"))
    return gaps
