"""Dates and amounts as a Danish reader expects them, and English on request."""

from __future__ import annotations

import datetime as dt

from visitation_app.formatting import (
    format_date_long,
    format_date_short,
    format_minutes,
    format_money,
    format_time,
    format_weekday_date,
)
from visitation_app.i18n import set_language


def test_danish_dates():
    day = dt.date(2026, 12, 3)
    assert format_date_long(day) == "3. december 2026"
    assert format_weekday_date(day) == "torsdag 3. december 2026"
    assert format_date_short(day) == "03.12.2026"
    assert format_date_long(None) == ""


def test_danish_amounts():
    assert format_money(123450) == "1.234,50 kr."
    assert format_money(125000000) == "1.250.000,00 kr."
    assert format_money(-50) == "-0,50 kr."
    assert format_money(0) == "0,00 kr."
    assert format_money(None) == ""


def test_times_and_durations():
    assert format_time(dt.time(9, 5)) == "09:05"
    assert format_minutes(45) == "45 min."
    assert format_minutes(90) == "1 t. 30 min."
    assert format_minutes(120) == "2 timer"


def test_english_on_request():
    set_language("en")
    assert format_date_long(dt.date(2026, 12, 3)) == "3 December 2026"
    assert format_money(123450) == "1,234.50 kr."
    assert format_minutes(60) == "1 hour"


def test_times_show_the_wall_clock_of_their_own_zone():
    from zoneinfo import ZoneInfo

    from visitation_app.formatting import format_timestamp

    moment = dt.datetime(2026, 12, 3, 13, 5, tzinfo=dt.UTC)
    assert format_time(moment.astimezone(ZoneInfo("Europe/Copenhagen"))) == "14:05"
    assert format_timestamp(moment, "Europe/Copenhagen") == "3. december 2026 kl. 14:05"
    assert format_timestamp(moment, "Europe/Stockholm") == "3. december 2026 kl. 14:05"
    assert format_timestamp(moment, "Atlantic/Faroe") == "3. december 2026 kl. 13:05"
