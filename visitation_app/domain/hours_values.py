"""The two values of a row of delivered hours, read from the text a spreadsheet writes: the
month (YYYY-MM) and the number of hours (a decimal comma or point, at most 2 decimals).

The file around them is read in `domain/hours_csv.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from visitation_app.domain import validation as v
from visitation_app.domain.delivered_hours import first_of_month
from visitation_app.i18n import _

MAX_DECIMALS = 2
MAX_HOURS = Decimal(1_000_000)
"""More hours than this for one unit in one month is a mistake (a CPR number, say)."""


class BadValueError(Exception):
    """A field value that cannot be used; the message says why."""


_MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


def parse_month(value: str, latest: dt.date | None = None) -> dt.date:
    """'2026-01' → 1 January 2026; BadValueError otherwise, or for a month after `latest`."""
    text = value.strip()
    if not text:
        raise BadValueError(_("The month is missing: write it as YYYY-MM, e.g. 2026-01."))
    match = _MONTH.fullmatch(text)
    year, month = (int(match[1]), int(match[2])) if match else (0, 0)
    if not 1 <= month <= 12 or not v.EARLIEST_YEAR <= year <= v.LATEST_YEAR:
        message = _(
            "'{value}' is not a month: write it as YYYY-MM, e.g. 2026-01 (in Excel, format the "
            "column as text, or it may become a date)."
        )
        raise BadValueError(message.format(value=text))
    first = dt.date(year, month, 1)
    if latest is not None and first > first_of_month(latest):
        raise BadValueError(_("The month {value} has not begun yet.").format(value=text))
    return first


_NUMBER_FORMS = tuple(
    re.compile(pattern, re.ASCII)
    for pattern in (
        r"(?P<whole>\d*)(?:[.,](?P<frac>\d+))?",
        r"(?P<whole>\d{1,3}(?:\.\d{3})+)(?:,(?P<frac>\d+))?",
        r"(?P<whole>\d{1,3}(?:,\d{3})+)(?:\.(?P<frac>\d+))?",
        r"(?P<whole>\d{1,3}(?:[ \u00a0\u202f]\d{3})+)(?:[.,](?P<frac>\d+))?",
    )
)


def parse_hours(value: str) -> Decimal:
    """'1.234,5', '1234.5', '1234,50' or '12' → an exact Decimal; BadValueError otherwise.

    Where both '.' and ',' occur, the last is the decimal separator and the other groups
    thousands. A single separator is a decimal one, so '1.234' is 1.234 hours and is
    refused for its 3 decimals rather than read as a thousand.
    """
    text = value.strip()
    if not text:
        raise BadValueError(_("The hours are missing."))
    negative = text[0] in "-\u2212"
    digits = text[1:].strip() if text[0] in "+-\u2212" else text
    match = next((m for form in _NUMBER_FORMS if (m := form.fullmatch(digits))), None)
    if match is None or not (match["whole"] or match["frac"]):
        raise BadValueError(_("'{value}' is not a number of hours.").format(value=text))
    whole = re.sub(r"[^0-9]", "", match["whole"]) or "0"
    frac = match["frac"] or ""
    if len(frac) > MAX_DECIMALS:
        message = _(
            "'{value}' has more than 2 decimals: round to 2 (e.g. 12,25), and write thousands "
            "without a separator or as 1.234,50."
        )
        raise BadValueError(message.format(value=text))
    hours = Decimal(f"{whole}.{frac}" if frac else whole)
    if negative and hours != 0:
        raise BadValueError(_("The hours cannot be negative ({value}).").format(value=text))
    if hours > MAX_HOURS:
        message = _("{value} hours for one unit in one month cannot be right.")
        raise BadValueError(message.format(value=text))
    return hours
