"""An extent in words: '2,5 timer om ugen', '7 dage om ugen', '1 stk.' — for the minutes, the
budget report and the legal check alike."""

from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal

from visitation_app.catalog.tariffs import TariffUnit
from visitation_app.domain.costing import Frequency
from visitation_app.i18n import _, current_language, ngettext


def format_quantity(quantity: Decimal) -> str:
    """'2,5' in Danish, '2.5' in English; no trailing zeros ('3', not '3,00')."""
    locale = "da_DK" if current_language() == "da" else "en_GB"
    return format_decimal(quantity, format="#,##0.##", locale=locale)


def _units(quantity: Decimal, unit: str) -> str:
    """'2,5 timer', '1 besøg', '7 dage'; the bare number when the unit is unknown."""
    number = format_quantity(quantity)
    n = 1 if quantity == 1 else 2
    if unit == TariffUnit.HOUR:
        return ngettext("{quantity} hour", "{quantity} hours", n).format(quantity=number)
    if unit == TariffUnit.VISIT:
        return ngettext("{quantity} visit", "{quantity} visits", n).format(quantity=number)
    if unit == TariffUnit.DAY:
        return ngettext("{quantity} day", "{quantity} days", n).format(quantity=number)
    if unit == TariffUnit.WEEK:
        return ngettext("{quantity} week", "{quantity} weeks", n).format(quantity=number)
    if unit == TariffUnit.MONTH:
        return ngettext("{quantity} month", "{quantity} months", n).format(quantity=number)
    if unit == TariffUnit.ONE_OFF:
        return _("{quantity} pcs.").format(quantity=number)
    return number


def per_period(amount: str, frequency: str) -> str:
    """'{amount} a week', '{amount} a month'… ('' frequency: the amount alone)."""
    if frequency == Frequency.PER_WEEK:
        return _("{amount} a week").format(amount=amount)
    if frequency == Frequency.PER_MONTH:
        return _("{amount} a month").format(amount=amount)
    if frequency == Frequency.PER_YEAR:
        return _("{amount} a year").format(amount=amount)
    if frequency == Frequency.ONCE:
        return _("{amount}, once").format(amount=amount)
    return amount


def extent_phrase(quantity: Decimal | None, unit: str, frequency: str) -> str:
    """'2,5 timer om ugen'; '' without a quantity.

    A one-off tariff is bought once by nature, so '1 stk.' says it all; a whole week a
    week (or month a month) reads 'hver uge' (hver måned).
    """
    if quantity is None:
        return ""
    if unit == TariffUnit.ONE_OFF:
        return _units(quantity, unit)
    if quantity == 1 and (unit, frequency) == (TariffUnit.WEEK, Frequency.PER_WEEK):
        return _("every week")
    if quantity == 1 and (unit, frequency) == (TariffUnit.MONTH, Frequency.PER_MONTH):
        return _("every month")
    return per_period(_units(quantity, unit), frequency)
