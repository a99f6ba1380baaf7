"""The Danish state pension age (folkepensionsalder), which decides when Ældreloven applies.

Ældreloven covers citizens of pension age, so a home-care decision for them after
2025-07-01 rests on Ældreloven, not Serviceloven § 83. The pension age depends on the
date of birth, as the Folketing has fixed it (lov om social pension § 1 a); births after
the last fixed group get the latest fixed age until the Folketing decides more.
"""

from __future__ import annotations

import datetime as dt

# (born on or before, pension age in months), in order of birth date.
_AGE_BY_BIRTH: tuple[tuple[dt.date, int], ...] = (
    (dt.date(1953, 12, 31), 65 * 12),
    (dt.date(1954, 6, 30), 65 * 12 + 6),
    (dt.date(1954, 12, 31), 66 * 12),
    (dt.date(1955, 6, 30), 66 * 12 + 6),
    (dt.date(1962, 12, 31), 67 * 12),
    (dt.date(1966, 12, 31), 68 * 12),
    (dt.date(1970, 12, 31), 69 * 12),
)
# Born from 1971: 70, as the Folketing decided in May 2025 (from 2040).
_LATEST_FIXED_AGE = 70 * 12


def pension_age_months(born: dt.date) -> int:
    for last_birth_date, months in _AGE_BY_BIRTH:
        if born <= last_birth_date:
            return months
    return _LATEST_FIXED_AGE


def pension_date(born: dt.date) -> dt.date:
    """The day the citizen reaches pension age (the same day of the month, or the last)."""
    months = born.month - 1 + pension_age_months(born)
    year, month = born.year + months // 12, months % 12 + 1
    for day in (born.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # every month has a 28th


def has_pension_age(born: dt.date, on: dt.date) -> bool:
    return on >= pension_date(born)
