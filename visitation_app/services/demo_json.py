"""Reading the demo file's JSON: objects that know their place in the file, relative dates.

Every error is a `DemoDataError` naming the key at fault ("meetings[0].agenda[2].case"),
so a wrong demo file is fixed at the right line. Used by `services.demo_loader`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from enum import StrEnum
from typing import Any

_NO_VALUE = object()


class DemoDataError(ValueError):
    """The demo file does not describe a demo; the message names the key at fault."""


def check_type(value: Any, where: str, kind: type) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DemoDataError(f"{where}: expected {kind.__name__}, got {value!r}")
    return value


def _place(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


class JsonObject:
    """A JSON object and its place in the file ("meetings[0].agenda[2]"), for the errors."""

    def __init__(self, value: Any, where: str, required: str, optional: str = "") -> None:
        if not isinstance(value, dict):
            raise DemoDataError(f"{where or 'the file'}: expected an object, got {value!r}")
        need, may = set(required.split()), set(optional.split())
        for key in value:
            if key not in need | may:
                raise DemoDataError(f"{_place(where, key)}: unknown key")
        missing = sorted(need - set(value))
        if missing:
            raise DemoDataError(f"{_place(where, missing[0])}: missing")
        self.value, self.where = value, where

    def at(self, key: str) -> str:
        return _place(self.where, key)

    def has(self, key: str) -> bool:
        return key in self.value

    def get(self, key: str, kind: type, default: Any = _NO_VALUE) -> Any:
        if key not in self.value and default is not _NO_VALUE:
            return default
        return check_type(self.value[key], self.at(key), kind)

    def choice(
        self, key: str, allowed: type[StrEnum] | tuple[str, ...], default: Any = None
    ) -> Any:
        value = self.get(key, str, default)
        if value is not None and value not in tuple(allowed):
            names = ", ".join(str(option) for option in allowed)
            raise DemoDataError(f"{self.at(key)}: {value!r} is not one of {names}")
        return value

    def template(self, key: str, **values: Any) -> str:
        try:
            return self.get(key, str).format(**values)
        except (KeyError, IndexError, ValueError) as error:
            known = ", ".join(f"{{{name}}}" for name in values)
            raise DemoDataError(f"{self.at(key)}: bad placeholder {error}; use {known}") from None

    def items(self, key: str, required: str, optional: str = "") -> list[JsonObject]:
        return [
            JsonObject(value, f"{self.at(key)}[{index}]", required, optional)
            for index, value in enumerate(self.get(key, list, []))
        ]


# --- dates -------------------------------------------------------------------------------


def _months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day where it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        with contextlib.suppress(ValueError):
            return dt.date(year, month, last_day)
    raise AssertionError("unreachable")


def relative_date(
    node: JsonObject, key: str, meeting_on: dt.date, today: dt.date
) -> dt.date | None:
    """Days after the meeting, or {"days", "months", "from": "meeting" | "today"}."""
    value = node.value.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return meeting_on + dt.timedelta(days=value)
    spec = JsonObject(value, node.at(key), "days", "months from")
    anchor = (
        today if spec.choice("from", ("meeting", "today"), "meeting") == "today" else meeting_on
    )
    day = anchor + dt.timedelta(days=spec.get("days", int))
    return _months_after(day, spec.get("months", int, 0))


def meeting_day(node: JsonObject, today: dt.date) -> dt.date:
    """Days from today, moved to the nearest weekday "earlier" or "later" if it says so."""
    spec = JsonObject(node.value["date"], node.at("date"), "days", "weekend")
    day = today + dt.timedelta(days=spec.get("days", int))
    step = {"earlier": -1, "later": 1, None: 0}[spec.choice("weekend", ("earlier", "later"))]
    while step and day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def fictitious_cpr(node: JsonObject, today: dt.date) -> str:
    """A fictitious CPR number (DDMMYY-CXXX) of someone who is "age" years old today."""
    spec = JsonObject(node.value["cpr"], node.at("cpr"), "age month day last_digits")
    age, month, day = (spec.get(key, int) for key in ("age", "month", "day"))
    last_digits = spec.get("last_digits", str)
    if not (len(last_digits) == 3 and last_digits.isdigit()):
        raise DemoDataError(f"{spec.at('last_digits')}: expected three digits")
    had_birthday = (month, day) <= (today.month, today.day)
    try:
        born = dt.date(today.year - age - (0 if had_birthday else 1), month, day)
    except ValueError as error:
        raise DemoDataError(f"{spec.where}: {error}") from None
    century_digit = "4" if 2000 <= born.year <= 2036 else "1"
    return f"{born:%d%m%y}-{century_digit}{last_digits}"
