"""Checks of what a person types, each failing with a sentence that says how to fix it."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation

from visitation_app.domain.errors import ValidationError
from visitation_app.i18n import _

SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 200_000
EARLIEST_YEAR = 1900
LATEST_YEAR = 2200

_CONTROL = {"Cc", "Cs", "Co"}
_KEEP = {"\n", "\t"}
# Bidirectional embeddings, overrides and isolates: invisible, and they reorder the text
# shown after them (a name could then read differently in a list than it was typed).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(value: str | None, *, multiline: bool) -> str:
    """Normalise to NFC and drop control characters (keeping line breaks and tabs in long texts)."""
    if value is None:
        return ""
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    keep = _KEEP if multiline else set()
    kept = "".join(
        c
        for c in text
        if c in keep or (unicodedata.category(c) not in _CONTROL and c not in _BIDI_CONTROLS)
    )
    # Normalised last: a dropped character may have stood between a letter and its accent.
    return unicodedata.normalize("NFC", kept)


def short_text(value: str | None, label: str, *, required: bool = False) -> str:
    text = clean_text(value, multiline=False).strip()
    if required and not text:
        raise ValidationError(_("{field} must be filled in.").format(field=label))
    if len(text) > SHORT_TEXT_MAX:
        raise ValidationError(
            _("{field} is too long ({length} characters); at most {limit} fit.").format(
                field=label, length=len(text), limit=SHORT_TEXT_MAX
            )
        )
    return text


def person_name(value: str | None, label: str, *, required: bool = False) -> str:
    """A person's name: a short text with its spaces tidied, and at least one letter in it."""
    text = " ".join(short_text(value, label, required=required).split())
    if text and not any(character.isalpha() for character in text):
        raise ValidationError(
            _("{field} must be a name, written with letters.").format(field=label)
        )
    return text


def long_text(value: str | None, label: str) -> str:
    text = clean_text(value, multiline=True)
    if len(text) > LONG_TEXT_MAX:
        raise ValidationError(
            _("{field} is too long ({length} characters); at most {limit} fit.").format(
                field=label, length=len(text), limit=LONG_TEXT_MAX
            )
        )
    return text


def plausible_date(value: dt.date | None, label: str, *, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise ValidationError(_("{field} must be filled in.").format(field=label))
        return None
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValidationError(
            _("{field}: the year {year} cannot be right.").format(field=label, year=value.year)
        )
    return value


_CPR = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})-?([0-9]{4})")
# What a pasted number may use for the dash: hyphen, non-breaking hyphen, en dash, minus.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2212", "-"))
MASKED_SERIAL = "xxxx"
FULLY_MASKED_CPR = "xxxxxx-xxxx"


def cpr_number(value: str | None) -> str:
    """'' or a CPR number as DDMMYY-XXXX with a real birth date.

    Typed with or without the dash, with spaces anywhere. The century comes from the 7th
    digit (`cpr_century`). The modulus-11 check is deliberately not applied: numbers issued
    since 2007 need not pass it.
    """
    text = "".join(clean_text(value, multiline=False).translate(_DASHES).split())
    if not text:
        return ""
    match = _CPR.fullmatch(text)
    if not match:
        raise ValidationError(
            _("A CPR number has ten digits, written as DDMMÅÅ-XXXX."), field="cpr"
        )
    day, month, year2, serial = match.groups()
    if birth_date_from_cpr(text) is None:
        raise ValidationError(
            _("The CPR number does not begin with a real date of birth (DDMMÅÅ)."), field="cpr"
        )
    return f"{day}{month}{year2}-{serial}"


def birth_date_from_cpr(cpr: str) -> dt.date | None:
    """The birth date a (validated) CPR number begins with; None when there is none."""
    match = _CPR.fullmatch(cpr.strip())
    if not match:
        return None
    day, month, year2, serial = match.groups()
    try:
        return dt.date(cpr_century(int(year2), int(serial[0])) + int(year2), int(month), int(day))
    except ValueError:
        return None


def amount_ore(value: object, label: str) -> int | None:
    """None or a whole number of øre within the range the app accepts."""
    from visitation_app.domain.money import MAX_ORE

    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(_("{field} must be an amount in øre.").format(field=label))
    if abs(value) > MAX_ORE:
        raise ValidationError(_("The amount is too large to be right. Check the number of digits."))
    return value


def quantity(value: object, label: str) -> Decimal | None:
    """None, or a number of at most two decimals from 0 to 100.000 ("2,5" or "2.5" typed)."""
    from visitation_app.domain.costing import MAX_QUANTITY

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValidationError(_("{field} must be a number.").format(field=label))
    try:
        number = _typed_quantity(value, label) if isinstance(value, str) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(
            _("{field}: '{value}' is not a number.").format(field=label, value=str(value)[:40])
        ) from None
    if not number.is_finite() or number < 0 or number > MAX_QUANTITY:
        raise ValidationError(
            _("{field} must be between 0 and {most}.").format(field=label, most=MAX_QUANTITY)
        )
    if number != number.quantize(Decimal("0.01")):
        raise ValidationError(_("{field} has at most two decimals.").format(field=label))
    return number.quantize(Decimal("0.01")) + 0  # + 0: never '-0.00'


_QUANTITY = re.compile(r"([+-]?)([0-9]*)(?:[.,]([0-9]*))?")


def _typed_quantity(value: str, label: str) -> Decimal:
    """A number as typed: digits with one decimal comma or point (ValueError otherwise).

    More than two digits after the mark are refused even when they are noughts: '1.500'
    may be a thousand and five hundred written the Danish way, and must not become 1,5.
    """
    match = _QUANTITY.fullmatch(value.strip())
    if match is None or not (match[2] or match[3]):
        raise ValueError(value)
    sign, whole, decimals = match[1], match[2] or "0", match[3] or ""
    if len(decimals) > 2:
        raise ValidationError(
            _(
                "{field}: '{value}' has more than two decimals. Write thousands without a "
                "point (1500) and at most two decimals (2,5)."
            ).format(field=label, value=value.strip()[:40])
        )
    return Decimal(f"{sign}{whole}.{decimals or '0'}")


def cpr_century(year2: int, seventh_digit: int) -> int:
    """The century of a CPR birth year from the 7th digit (the CPR office's table)."""
    if seventh_digit in (0, 1, 2, 3):
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year2 <= 36 else 1900
    return 2000 if year2 <= 57 else 1800


def mask_cpr(cpr: str) -> str:
    """'010190-xxxx': the birth date only, for lists, agendas and minutes; '' for none.

    Anything stored that is not a CPR number is masked whole, so no part of it shows.
    """
    text = "".join(cpr.split())
    if not text:
        return ""
    match = _CPR.fullmatch(text)
    if not match:
        return FULLY_MASKED_CPR
    day, month, year2, _serial = match.groups()
    return f"{day}{month}{year2}-{MASKED_SERIAL}"


def display_cpr(cpr: str, *, full: bool = False) -> str:
    """A CPR number as a list or document shows it: masked, or whole when `full`."""
    return cpr.strip() if full else mask_cpr(cpr)
