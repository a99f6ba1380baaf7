"""Money as integer øre; parsing accepts what a Dane types: '1.234,50', '1234', '12 500 kr.'."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from visitation_app.domain.errors import ValidationError
from visitation_app.i18n import _

ORE_PER_KRONE = 100
# A ceiling that no single decision reaches (1 billion kroner) but that keeps typos out.
MAX_ORE = 1_000_000_000 * ORE_PER_KRONE

# Kroner with this many digits before the decimal mark cannot be rounded to øre in
# Decimal's default precision; MAX_ORE is far below it.
_TOO_MANY_DIGITS = 20

_CURRENCY = re.compile(r"(?i)\s*(kr\.?|dkk|,-)\s*$")


def ore_to_decimal(ore: int) -> Decimal:
    return (Decimal(ore) / ORE_PER_KRONE).quantize(Decimal("0.01"))


def kroner_to_ore(kroner: Decimal) -> int:
    """Rounds half up to whole øre (the one rounding rule for money in the app)."""
    return int((kroner * ORE_PER_KRONE).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_money(text: str, decimal_comma: bool = True) -> int | None:
    """Øre from a typed amount; None for an empty field; ValidationError otherwise.

    With `decimal_comma` (Danish) '.' and spaces group thousands and ',' is the decimal
    mark; without it (English) ',' groups and '.' is the decimal mark.
    """
    cleaned = _CURRENCY.sub("", text.strip()).replace("\u00a0", " ").strip()
    if not cleaned:
        return None
    group, decimal = (".", ",") if decimal_comma else (",", ".")
    negative = cleaned.startswith("-")
    digits = cleaned.removeprefix("-").strip().replace(" ", "")  # one minus sign, not '--5'
    if not re.fullmatch(
        rf"\d{{1,3}}(\{group}\d{{3}})*(\{decimal}\d{{1,2}})?|\d+(\{decimal}\d{{1,2}})?", digits
    ):
        raise ValidationError(
            _("'{text}' is not an amount. Write it in kroner, for example 12.500,00.").format(
                text=text.strip()[:40]
            )
        )
    normal = digits.replace(group, "").replace(decimal, ".")
    try:
        amount = Decimal(normal)
    except InvalidOperation as error:  # pragma: no cover - the pattern above rules this out
        raise ValidationError(_("'{text}' is not an amount.").format(text=text[:40])) from error
    if amount.adjusted() >= _TOO_MANY_DIGITS:  # too long to round (and far above MAX_ORE)
        raise ValidationError(_("The amount is too large to be right. Check the number of digits."))
    ore = kroner_to_ore(-amount if negative else amount)
    if abs(ore) > MAX_ORE:
        raise ValidationError(_("The amount is too large to be right. Check the number of digits."))
    return ore
