"""Calendar arithmetic for the legal deadlines around a decision.

The app's assumptions, stated once:
- The complaint period (Retssikkerhedsloven § 67) is 4 weeks = 28 calendar days, counted
  from the decision date. The law counts from when the citizen *received* the decision;
  the app does not know that day, so it uses the decision date, which is never later.
- A deadline that falls on a Saturday or Sunday moves to the following Monday.
  Public holidays are not handled.
"""

from __future__ import annotations

import datetime as dt

COMPLAINT_PERIOD = dt.timedelta(weeks=4)
_SATURDAY = 5


def next_weekday(day: dt.date) -> dt.date:
    """`day` itself on Monday-Friday; the following Monday on a Saturday or Sunday."""
    if day.weekday() >= _SATURDAY:
        return day + dt.timedelta(days=7 - day.weekday())
    return day


def complaint_deadline(decided_on: dt.date) -> dt.date:
    """The last day to complain: 28 days after `decided_on`, moved off a weekend."""
    return next_weekday(decided_on + COMPLAINT_PERIOD)


def processing_days(received_on: dt.date, decided_on: dt.date) -> int:
    """Calendar days from the application being received to the decision."""
    return (decided_on - received_on).days
