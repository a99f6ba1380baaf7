"""A decision's economic consequence, and a meeting's decisions against the area's frame.

Which figure counts where, stated once:
- A decision's *cost* is its extent × tariff (see `costing.py`); the chair may set another
  full-year amount (or one-off amount) instead, with a reason.
- What a decision *changes* is its cost minus the cost of the extent it replaces (the
  previous extent, same tariff and frequency). A refusal of a continuation with a previous
  extent stops the service: its change is minus the previous cost. Only granted, partly
  granted and such refusals change anything; a postponement or referral costs nothing.
- A decision's *budget year* is the year it takes effect (valid-from, else the meeting day).
  The frame of an area and year is set against the cost in that year of the changes taking
  effect that year (from valid-from to 31 December); the full-year effect shows what they
  cost in a whole year, and the rest falls in the next year's budget base, not its frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from visitation_app.catalog.tariffs import Tariff
from visitation_app.domain.costing import Cost, Extent, Frequency, cost_in_year, cost_of
from visitation_app.domain.vocabulary import Outcome

if TYPE_CHECKING:
    from visitation_app.domain.records import DecisionRecord
from visitation_app.i18n import _

# Outcomes whose extent the municipality pays for (a stop is a change to 0).
PAYING = frozenset({Outcome.GRANTED, Outcome.PARTLY_GRANTED, Outcome.STOPPED_OR_CHANGED})


@dataclass(frozen=True)
class CostFacts:
    """What costing needs to know about one decision."""

    outcome: str | None = None
    tariff: Tariff | None = None
    quantity: Decimal | None = None
    frequency: str = ""
    previous_quantity: Decimal | None = None
    override_ore: int | None = None
    override_reason: str = ""
    valid_from: dt.date | None = None
    decided_on: dt.date | None = None
    # The amount typed by hand before tariffs existed (a full-year amount).
    typed_annual_ore: int | None = None


@dataclass(frozen=True)
class DecisionCost:
    """The economic consequence of one decision."""

    computed: Cost | None
    cost: Cost
    change: Cost
    starts_on: dt.date | None
    overridden: bool = False
    problems: tuple[str, ...] = ()

    @property
    def budget_year(self) -> int | None:
        return self.starts_on.year if self.starts_on else None

    def in_year(self, year: int) -> int:
        """What the decision changes in budget year `year`, in øre."""
        return cost_in_year(self.change, self.starts_on, year)

    @property
    def this_year_ore(self) -> int:
        return self.in_year(self.starts_on.year) if self.starts_on else 0


NO_COST = DecisionCost(computed=None, cost=Cost(), change=Cost(), starts_on=None)


def cost_of_decision(
    decision: DecisionRecord | None, decided_on: dt.date, tariff: Tariff | None
) -> DecisionCost:
    """What a recorded decision costs and changes, with the tariff in force (if known)."""
    if decision is None:
        return NO_COST
    return cost_decision(
        CostFacts(
            outcome=decision.outcome,
            tariff=tariff,
            quantity=decision.extent_quantity,
            frequency=decision.extent_frequency,
            previous_quantity=decision.previous_quantity,
            override_ore=decision.cost_override_ore,
            override_reason=decision.cost_override_reason,
            valid_from=decision.valid_from,
            decided_on=decided_on,
            typed_annual_ore=decision.annual_cost_ore,
        )
    )


def _extent(quantity: Decimal | None, frequency: str) -> Extent | None:
    if quantity is None or frequency not in set(Frequency):
        return None
    return Extent(quantity, Frequency(frequency))


def cost_decision(facts: CostFacts) -> DecisionCost:
    """The cost and the change of one decision, with what is wrong in its figures."""
    starts_on = facts.valid_from or facts.decided_on
    problems: list[str] = []
    extent = _extent(facts.quantity, facts.frequency)
    previous = _extent(facts.previous_quantity, facts.frequency)
    computed = None
    if facts.tariff is not None and extent is not None:
        computed = cost_of(extent, facts.tariff.price_ore)
        one_off_tariff = facts.tariff.unit == "one_off"
        if one_off_tariff != (extent.frequency == Frequency.ONCE):
            problems.append(
                _("A one-off tariff goes with 'once', and a recurring tariff with a frequency.")
            )
    elif (facts.tariff is None) != (extent is None) and facts.outcome in PAYING:
        problems.append(_("Choose both the tariff and the extent to compute the cost."))

    if facts.override_ore is not None:
        once = extent is not None and extent.frequency == Frequency.ONCE
        cost = (
            Cost(one_off_ore=facts.override_ore) if once else Cost(full_year_ore=facts.override_ore)
        )
        if not facts.override_reason.strip():
            problems.append(_("Give the reason for setting the amount by hand."))
    elif computed is not None:
        cost = computed
    elif facts.typed_annual_ore is not None:
        cost = Cost(full_year_ore=facts.typed_annual_ore)
    else:
        cost = Cost()

    before = (
        cost_of(previous, facts.tariff.price_ore)
        if previous is not None and facts.tariff is not None
        else Cost()
    )
    if facts.outcome in PAYING:
        change = cost - before
    elif facts.outcome == Outcome.REFUSED and previous is not None:
        change = Cost() - before  # the service stops
    else:
        change = Cost()
    return DecisionCost(
        computed=computed,
        cost=cost if facts.outcome in PAYING else Cost(),
        change=change,
        starts_on=starts_on,
        overridden=facts.override_ore is not None,
        problems=tuple(problems),
    )


@dataclass(frozen=True)
class FrameStatus:
    """An area's budget frame for a year against what its meetings have decided."""

    year: int
    frame_ore: int | None
    committed_ore: int
    this_meeting_ore: int

    @property
    def left_ore(self) -> int | None:
        return None if self.frame_ore is None else self.frame_ore - self.committed_ore

    @property
    def over(self) -> bool:
        return self.left_ore is not None and self.left_ore < 0


def frame_status(
    year: int,
    frame_ore: int | None,
    meeting_costs: Iterable[DecisionCost],
    other_meetings_ore: int,
) -> FrameStatus:
    """This meeting's decisions in `year` added to what the year's other meetings committed."""
    this_meeting = sum(cost.in_year(year) for cost in meeting_costs)
    return FrameStatus(year, frame_ore, other_meetings_ore + this_meeting, this_meeting)
