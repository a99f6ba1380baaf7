"""Dates, times, minutes and money as a Danish (or English) reader expects them."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from babel.dates import format_date as _babel_date
from babel.dates import format_time as _babel_time
from babel.numbers import format_decimal

from visitation_app.domain.money import ore_to_decimal
from visitation_app.i18n import _, current_language, ngettext


def _locale() -> str:
    return "da_DK" if current_language() == "da" else "en_GB"


def format_date_long(day: dt.date | None) -> str:
    """'3. december 2026' in Danish, '3 December 2026' in English; '' for no date."""
    if day is None:
        return ""
    pattern = "d. MMMM y" if current_language() == "da" else "d MMMM y"
    return _babel_date(day, format=pattern, locale=_locale())


def format_weekday_date(day: dt.date | None) -> str:
    """'torsdag 3. december 2026'."""
    if day is None:
        return ""
    pattern = "EEEE d. MMMM y" if current_language() == "da" else "EEEE d MMMM y"
    return _babel_date(day, format=pattern, locale=_locale())


def format_date_short(day: dt.date | None) -> str:
    """'03.12.2026' in Danish, '03/12/2026' in English."""
    if day is None:
        return ""
    pattern = "dd.MM.y" if current_language() == "da" else "dd/MM/y"
    return _babel_date(day, format=pattern, locale=_locale())


def format_time(moment: dt.time | dt.datetime | None) -> str:
    """'09:30' (24-hour clock in both languages); a datetime shows its own wall-clock time."""
    if moment is None:
        return ""
    if isinstance(moment, dt.datetime):
        moment = moment.time()
    return _babel_time(moment.replace(tzinfo=None), format="HH:mm", locale=_locale())


def format_timestamp(moment: dt.datetime | None, zone: str | None = None) -> str:
    """A recorded moment, '3. december 2026 kl. 14:05', in `zone` (default: this computer's)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        local = moment
    else:
        local = moment.astimezone(ZoneInfo(zone)) if zone else moment.astimezone()
    return _("{date} at {time}").format(
        date=format_date_long(local.date()), time=format_time(local.time())
    )


def format_amount(ore: int | None) -> str:
    """'1.234,50' from 123450 øre (no currency), as typed in an amount field; '' for none."""
    if ore is None:
        return ""
    return format_decimal(ore_to_decimal(ore), format="#,##0.00", locale=_locale())


def format_money(ore: int | None) -> str:
    """'1.234,50 kr.' from 123450 øre; '' for no amount."""
    if ore is None:
        return ""
    return _("{amount} kr.").format(amount=format_amount(ore))


def format_minutes(minutes: int) -> str:
    """'45 min.' or '1 t. 30 min.'."""
    hours, rest = divmod(max(minutes, 0), 60)
    if hours and rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    if hours:
        return ngettext("{n} hour", "{n} hours", hours).format(n=hours)
    return _("{minutes} min").format(minutes=rest)
