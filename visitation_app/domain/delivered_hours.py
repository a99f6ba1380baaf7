"""The hours the committee visitated to a provider unit set against the hours the unit
delivered in a month, and the unit names and months both are matched by.

The delivered hours come from the unit's CSV file, read in `domain/hours_csv.py`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from visitation_app.domain import validation as v
from visitation_app.domain.costing import MONTHS_A_YEAR, WEEKS_A_YEAR, Extent, Frequency


def unit_key(name: str) -> str:
    """A unit's name as compared: without case or extra spaces ('Afd.  B' = 'afd. b')."""
    return unit_name(name).casefold()


def unit_name(name: str) -> str:
    """A unit's name cleaned: NFC, no control characters, single spaces."""
    return " ".join(v.clean_text(name, multiline=False).split())


def first_of_month(day: dt.date) -> dt.date:
    """The first day of the month `day` falls in (how a month is stored and compared)."""
    return day.replace(day=1)


def last_of_month(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


# --- ordered versus delivered -------------------------------------------------------------

_PER_YEAR = {Frequency.PER_WEEK: WEEKS_A_YEAR, Frequency.PER_MONTH: MONTHS_A_YEAR}


def hours_per_month(extents: Iterable[Extent]) -> Decimal:
    """The hours a month of the recurring extents, each a number of hours.

    Per week counts 52/12 a month, per month as it is, per year 1/12; once is no monthly
    hours. The sum is taken over a year and divided by 12 once, so nothing is lost to
    rounding before the result is shown.
    """
    a_year = sum(
        (
            extent.quantity * _PER_YEAR.get(extent.frequency, 1)
            for extent in extents
            if extent.frequency != Frequency.ONCE
        ),
        Decimal(0),
    )
    return a_year / MONTHS_A_YEAR


@dataclass(frozen=True)
class UnitComparison:
    """A provider unit's visitated hours against its delivered hours in one month.

    `delivered_hours` is None when no hours were imported for the unit that month.
    """

    unit: str
    month: dt.date
    visitated_hours: Decimal
    delivered_hours: Decimal | None
    decisions: int = 0
    unknown_tariffs: tuple[str, ...] = ()
    """Tariff keys on the unit's decisions that the catalog does not know (not counted)."""

    @property
    def gap(self) -> Decimal | None:
        """Delivered − visitated: positive when the unit delivered more than was visitated."""
        if self.delivered_hours is None:
            return None
        return self.delivered_hours - self.visitated_hours

    @property
    def gap_percent(self) -> Decimal | None:
        """The gap as a percentage of the visitated hours; None when nothing was visitated."""
        gap = self.gap
        if gap is None or self.visitated_hours == 0:
            return None
        return gap * 100 / self.visitated_hours


def for_display(value: Decimal) -> Decimal:
    """Hours (or a percentage) rounded to 2 decimals, half up: only for showing."""
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
