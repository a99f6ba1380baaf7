"""Tariffs (takster): the price of one unit of a service, from a date on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from visitation_app.i18n import N_, _


class TariffUnit(StrEnum):
    """What one price buys."""

    HOUR = "hour"
    VISIT = "visit"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    ONE_OFF = "one_off"

    @property
    def label(self) -> str:
        return _(_UNIT_LABELS[self])


_UNIT_LABELS = {
    TariffUnit.HOUR: N_("hour"),
    TariffUnit.VISIT: N_("visit"),
    TariffUnit.DAY: N_("day"),
    TariffUnit.WEEK: N_("week"),
    TariffUnit.MONTH: N_("month"),
    TariffUnit.ONE_OFF: N_("one-off"),
}


@dataclass(frozen=True)
class Tariff:
    """One price of a service: `price_ore` per `unit`, valid from `valid_from`.

    A service may have several entries with the same key and different valid_from dates
    (a new price each year); the one in force on a day is the latest that has begun.
    """

    key: str
    service: str
    unit: TariffUnit
    price_ore: int
    valid_from: dt.date
    areas: tuple[str, ...] = ()
    # False when the municipality's own file set it; True for the shipped example.
    is_default: bool = True


def tariff_on(versions: list[Tariff], on: dt.date) -> Tariff | None:
    """The version in force on `on` (the latest valid_from not after it), or None."""
    started = [tariff for tariff in versions if tariff.valid_from <= on]
    return max(started, key=lambda tariff: tariff.valid_from) if started else None
