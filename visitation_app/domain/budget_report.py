"""The budget report of an area and year: every decision taking effect that year, in a table.

A plain record built by `services/budget_report.py` and printed by
`documents/budget_report.py` (PDF and CSV). The figures are the ones `domain/budget.py`
defines, so the report, the minutes and the budget panel agree to the øre:
- *change this year* is what the decision changes from the day it takes effect to
  31 December (`DecisionCost.in_year`), and its sum is the year's committed total;
- *full-year effect* is what the change amounts to in a whole year (a one-off amount
  counts once, in full).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from visitation_app.domain.budget import DecisionCost


def full_year_effect(cost: DecisionCost) -> int:
    """The change of one decision over a whole year, one-off amounts included, in øre."""
    return cost.change.full_year_ore + cost.change.one_off_ore


@dataclass(frozen=True)
class YearEffect:
    """Decisions taking effect in one budget year: their cost that year and in a full year."""

    year: int
    this_year_ore: int = 0
    full_year_ore: int = 0
    decisions: int = 0


def effect_in_year(costs: Iterable[DecisionCost | None], year: int) -> YearEffect:
    """What the decisions taking effect in `year` change that year and in a full year.

    Decisions taking effect in another year count in that year's budget, not here.
    """
    counted = [cost for cost in costs if cost is not None and cost.budget_year == year]
    return YearEffect(
        year,
        sum(cost.in_year(year) for cost in counted),
        sum(full_year_effect(cost) for cost in counted),
        len(counted),
    )


@dataclass(frozen=True)
class BudgetLine:
    """One decision in the budget report."""

    meeting_id: int
    meeting_date: dt.date
    item_number: int
    decision_id: int
    citizen_name: str
    cpr_masked: str
    outcome: str | None
    # The tariff's service (or the service as typed when no tariff was chosen).
    service: str
    tariff_key: str = ""
    unit: str = ""  # the tariff's unit code, "" without a tariff
    price_ore: int | None = None  # the tariff's price per unit on the day it takes effect
    quantity: Decimal | None = None
    frequency: str = ""
    previous_quantity: Decimal | None = None
    extent_text: str = ""  # the extent as typed on the decision, for decisions without a tariff
    provider_unit: str = ""
    takes_effect: dt.date | None = None
    this_year_ore: int = 0  # the change in the report's year
    full_year_ore: int = 0  # the change in a whole year
    overridden: bool = False
    override_reason: str = ""


@dataclass(frozen=True)
class BudgetReport:
    """An area's decisions taking effect in `year` against the area's frame for that year."""

    area: str
    year: int
    lines: tuple[BudgetLine, ...]
    frame_ore: int | None
    committed_ore: int
    made_at: dt.datetime

    @property
    def this_year_ore(self) -> int:
        return sum(line.this_year_ore for line in self.lines)

    @property
    def full_year_ore(self) -> int:
        return sum(line.full_year_ore for line in self.lines)

    @property
    def left_ore(self) -> int | None:
        return None if self.frame_ore is None else self.frame_ore - self.committed_ore

    @property
    def over(self) -> bool:
        return self.left_ore is not None and self.left_ore < 0
