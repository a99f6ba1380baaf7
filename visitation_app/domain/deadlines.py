"""Calendar arithmetic for the legal deadlines around a decision.

The app's assumptions, stated once:
- The complaint period (Retssikkerhedsloven § 67) is 4 weeks = 28 calendar days, counted
  from the decision date. The law counts from when the citizen *received* the decision;
  the app does not know that day, so it uses the decision date, which is never later.
- A deadline that falls on a Saturday, a Sunday or a Danish public holiday (helligdag:
  New Year's Day, Easter, Ascension, Whitsun, Christmas; Store Bededag until 2023) moves
  to the next working day. So does one on Grundlovsdag (5 June), 24 or 31 December: they
  are not public holidays, but public offices are closed, and a deadline printed a day
  later than strictly needed harms no one while one printed too early would.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

COMPLAINT_PERIOD = dt.timedelta(weeks=4)
_SATURDAY = 5
_OFFICES_CLOSED = frozenset({(6, 5), (12, 24), (12, 31)})  # (month, day)


@lru_cache(maxsize=64)
def _danish_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("DK", years=year))


def is_working_day(day: dt.date) -> bool:
    return (
        day.weekday() < _SATURDAY
        and day not in _danish_holidays(day.year)
        and (day.month, day.day) not in _OFFICES_CLOSED
    )


def next_working_day(day: dt.date) -> dt.date:
    """`day` itself when it is a working day; otherwise the first working day after it."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def complaint_deadline(decided_on: dt.date) -> dt.date:
    """The last day to complain: 28 days after `decided_on`, moved to a working day."""
    return next_working_day(decided_on + COMPLAINT_PERIOD)


def processing_days(received_on: dt.date, decided_on: dt.date) -> int:
    """Calendar days from the application being received to the decision."""
    return (decided_on - received_on).days
