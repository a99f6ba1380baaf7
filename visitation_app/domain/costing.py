"""What a decision costs: extent × tariff, per week, month and year, and in the budget year.

The arithmetic, stated once (money is whole øre; see `domain/money.py`):
- An extent is a quantity of the tariff's unit (hours, visits, days, weeks, months) that
  recurs per week, per month or per year, or happens once.
- The full-year effect is quantity × price × recurrences a year, with a year of 52 weeks or
  12 months. It is computed exactly (Decimal) and rounded once, half up, to whole øre.
- Per week and per month are the full-year effect divided by 52 and by 12, each rounded
  once, half up; they are shown for reading, the year figure is what is added up.
- The cost in a budget year is the full-year effect × the days the decision runs in that
  year (from valid-from to 31 December, both included) / the days of that year, rounded
  half up; what falls in the following year is the rest, so the two always add up to the
  full-year effect exactly.
- A one-off amount is quantity × price, rounded once, and falls in the year of valid-from.
- A change is the new extent's cost minus the previous extent's: a reduction or a stopped
  service (quantity 0) is a negative change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from visitation_app.domain.errors import ValidationError
from visitation_app.i18n import N_, _

WEEKS_A_YEAR = 52
MONTHS_A_YEAR = 12
MAX_QUANTITY = Decimal(100_000)


class Frequency(StrEnum):
    """How often the extent's quantity recurs."""

    PER_WEEK = "per_week"
    PER_MONTH = "per_month"
    PER_YEAR = "per_year"
    ONCE = "once"

    @property
    def label(self) -> str:
        return _(_FREQUENCY_LABELS[self])

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(member.value, member.label) for member in cls]


_FREQUENCY_LABELS = {
    Frequency.PER_WEEK: N_("per week"),
    Frequency.PER_MONTH: N_("per month"),
    Frequency.PER_YEAR: N_("per year"),
    Frequency.ONCE: N_("once"),
}

_RECURRENCES = {
    Frequency.PER_WEEK: WEEKS_A_YEAR,
    Frequency.PER_MONTH: MONTHS_A_YEAR,
    Frequency.PER_YEAR: 1,
}


def round_ore(amount: Decimal) -> int:
    """The one rounding rule: to whole øre, half up (away from zero at exactly ½)."""
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Extent:
    quantity: Decimal
    frequency: Frequency

    def __post_init__(self) -> None:
        if not isinstance(self.quantity, Decimal) or not self.quantity.is_finite():
            raise ValidationError(_("The extent must be a number."), field="quantity")
        if self.quantity < 0 or self.quantity > MAX_QUANTITY:
            raise ValidationError(
                _("The extent must be between 0 and {most}.").format(most=MAX_QUANTITY),
                field="quantity",
            )


@dataclass(frozen=True)
class Cost:
    """A decision's cost in øre; one-off and recurring kept apart."""

    full_year_ore: int = 0
    one_off_ore: int = 0

    @property
    def per_week_ore(self) -> int:
        return round_ore(Decimal(self.full_year_ore) / WEEKS_A_YEAR)

    @property
    def per_month_ore(self) -> int:
        return round_ore(Decimal(self.full_year_ore) / MONTHS_A_YEAR)

    def __sub__(self, other: Cost) -> Cost:
        return Cost(self.full_year_ore - other.full_year_ore, self.one_off_ore - other.one_off_ore)


def cost_of(extent: Extent, price_ore: int) -> Cost:
    """The cost of `extent` at `price_ore` per unit."""
    if extent.frequency == Frequency.ONCE:
        return Cost(one_off_ore=round_ore(extent.quantity * price_ore))
    return Cost(
        full_year_ore=round_ore(extent.quantity * price_ore * _RECURRENCES[extent.frequency])
    )


def change_of(new: Extent, previous: Extent | None, price_ore: int) -> Cost:
    """What the decision changes: the new cost minus the cost of the extent it replaces."""
    before = cost_of(previous, price_ore) if previous is not None else Cost()
    return cost_of(new, price_ore) - before


def days_in_year(year: int) -> int:
    return (dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days


@dataclass(frozen=True)
class YearSplit:
    """A recurring cost split at the year end: this budget year and the year after."""

    this_year_ore: int
    next_year_ore: int


def split_at_year_end(full_year_ore: int, valid_from: dt.date) -> YearSplit:
    """The part of a year's cost that falls from `valid_from` to 31 December, and the rest."""
    year = valid_from.year
    running = (dt.date(year, 12, 31) - valid_from).days + 1
    this_year = round_ore(Decimal(full_year_ore) * running / days_in_year(year))
    return YearSplit(this_year, full_year_ore - this_year)


def cost_in_year(cost: Cost, valid_from: dt.date | None, year: int) -> int:
    """What the decision costs in budget year `year` (nothing before it takes effect).

    Without a valid-from date the decision is taken to run the whole year.
    """
    if valid_from is None:
        return cost.full_year_ore + cost.one_off_ore
    if valid_from.year > year:
        return 0
    if valid_from.year < year:
        return cost.full_year_ore
    return split_at_year_end(cost.full_year_ore, valid_from).this_year_ore + cost.one_off_ore
