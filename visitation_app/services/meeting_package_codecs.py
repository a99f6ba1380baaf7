"""How each kind of value is written in a meeting package and read back.

`to_json` turns a stored value into its JSON form; `from_json` turns a JSON value into what
the app stores, through the app's own validators (the same sentences as the forms), and
raises ValidationError when it cannot. See services/meeting_package_fields.py for which
field uses which.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from visitation_app.domain import validation as v
from visitation_app.domain.agenda import validate_time_box
from visitation_app.domain.assessment import LEVELS, SUPPORT_NEEDS
from visitation_app.domain.errors import ValidationError
from visitation_app.domain.package_format import (
    clock_from_json,
    clock_to_json,
    date_from_json,
    date_to_json,
    moment_from_json,
    moment_to_json,
)
from visitation_app.domain.package_paths import shown_value
from visitation_app.i18n import _

MAX_POSITION = 100_000
MAX_PDF_BYTES = 20 * 1024 * 1024


class Codec(Protocol):
    def to_json(self, value: Any) -> Any: ...

    def from_json(self, value: Any) -> Any:
        """The value to store; ValidationError (a sentence) when it cannot be."""


def _expected(what: str) -> ValidationError:
    return ValidationError(_("Expected {what}.").format(what=what))


@dataclass(frozen=True)
class Text:
    label: str
    long: bool = False
    required: bool = False

    def to_json(self, value: str | None) -> str:
        return value or ""

    def from_json(self, value: Any) -> str:
        if not isinstance(value, str):
            raise _expected(_("a text"))
        if self.long:
            text = v.long_text(value, _(self.label))
            if self.required and not text.strip():
                raise ValidationError(_("{field} must be filled in.").format(field=_(self.label)))
            return text
        return v.short_text(value, _(self.label), required=self.required)


@dataclass(frozen=True)
class Cpr:
    def to_json(self, value: str | None) -> str:
        return value or ""

    def from_json(self, value: Any) -> str:
        if not isinstance(value, str):
            raise _expected(_("a text"))
        return v.cpr_number(value)


@dataclass(frozen=True)
class Day:
    label: str
    required: bool = False

    def to_json(self, value: dt.date | None) -> str | None:
        return date_to_json(value)

    def from_json(self, value: Any) -> dt.date | None:
        if value is None:
            return v.plausible_date(None, _(self.label), required=self.required)
        try:
            day = date_from_json(value)
        except (TypeError, ValueError):
            raise ValidationError(
                _("{field}: {value} is not a real date written as YYYY-MM-DD.").format(
                    field=_(self.label), value=_shown(value)
                )
            ) from None
        return v.plausible_date(day, _(self.label))


@dataclass(frozen=True)
class Moment:
    label: str
    required: bool = False

    def to_json(self, value: dt.datetime | None) -> str | None:
        return moment_to_json(value)

    def from_json(self, value: Any) -> dt.datetime | None:
        if value is None:
            if self.required:
                raise ValidationError(_("{field} must be filled in.").format(field=_(self.label)))
            return None
        try:
            moment = moment_from_json(value)
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(
                _(
                    "{field}: {value} is not a moment with its time zone, such as "
                    "2026-12-03T09:15:00+00:00."
                ).format(field=_(self.label), value=_shown(value))
            ) from None
        v.plausible_date(moment.date(), _(self.label))
        return moment


@dataclass(frozen=True)
class Clock:
    label: str

    def to_json(self, value: dt.time) -> str:
        return clock_to_json(value)

    def from_json(self, value: Any) -> dt.time:
        try:
            return clock_from_json(value)
        except (TypeError, ValueError):
            raise ValidationError(
                _("{field}: {value} is not a time of day written as HH:MM.").format(
                    field=_(self.label), value=_shown(value)
                )
            ) from None


@dataclass(frozen=True)
class Zone:
    def to_json(self, value: str) -> str:
        return value

    def from_json(self, value: Any) -> str:
        if not isinstance(value, str) or not value or len(value) > 60:
            raise _expected(_("a time zone such as Europe/Copenhagen"))
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise ValidationError(
                _("'{zone}' is not a known time zone.").format(zone=_shown(value, bare=True))
            ) from None
        return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _expected(_("a whole number"))
    return value


@dataclass(frozen=True)
class Ore:
    label: str

    def to_json(self, value: int | None) -> int | None:
        return value

    def from_json(self, value: Any) -> int | None:
        return None if value is None else v.amount_ore(_whole(value), _(self.label))


@dataclass(frozen=True)
class Whole:
    """A whole number from `low` to `high` (a position, or a time box in minutes)."""

    low: int = 0
    high: int = MAX_POSITION
    time_box: bool = False

    def to_json(self, value: int) -> int:
        return value

    def from_json(self, value: Any) -> int:
        number = _whole(value)
        if self.time_box:
            return validate_time_box(number)
        if not self.low <= number <= self.high:
            raise ValidationError(
                _("Expected a whole number from {low} to {high}.").format(
                    low=self.low, high=self.high
                )
            )
        return number


@dataclass(frozen=True)
class Flag:
    optional: bool = False

    def to_json(self, value: bool | None) -> bool | None:
        return value

    def from_json(self, value: Any) -> bool | None:
        if value is None and self.optional:
            return None
        if not isinstance(value, bool):
            raise _expected(_("true or false") if not self.optional else _("true, false or null"))
        return value


@dataclass(frozen=True)
class Choice:
    """A code of `enum`; `empty` is how "nothing chosen" is stored (None or ""), or
    `required` when something must be chosen."""

    enum: type[StrEnum]
    label: str
    empty: str | None = None
    required: bool = True

    def to_json(self, value: str | None) -> str | None:
        return value

    def from_json(self, value: Any) -> str | None:
        if not self.required and value in (None, ""):
            return self.empty
        codes = [member.value for member in self.enum]
        if not isinstance(value, str) or value not in codes:
            raise ValidationError(
                _("{field}: {value} is not one of {choices}.").format(
                    field=_(self.label), value=_shown(value), choices=", ".join(codes)
                )
            )
        return value


@dataclass(frozen=True)
class Quantity:
    label: str

    def to_json(self, value: Decimal | None) -> str | None:
        return None if value is None else str(value)

    def from_json(self, value: Any) -> Decimal | None:
        if value is None:
            return None
        if not isinstance(value, str) or len(value) > 20:
            raise _expected(_('a number written as text, such as "2.50"'))
        return v.quantity(value, _(self.label))


@dataclass(frozen=True)
class Level:
    def to_json(self, value: int | None) -> int | None:
        return value

    def from_json(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value not in LEVELS:
            raise ValidationError(
                _(
                    "A functional level is 0, 1, 2, 3 or 4, or 9 for not relevant; {value} is "
                    "none of these."
                ).format(value=_shown(value))
            )
        return value


@dataclass(frozen=True)
class SupportNeed:
    def to_json(self, value: str) -> str:
        return value or ""

    def from_json(self, value: Any) -> str:
        codes = [str(grade.code) for grade in SUPPORT_NEEDS]
        if value == "":
            return ""
        if not isinstance(value, str) or value not in codes:
            raise ValidationError(
                _("{value} is not a support need; use one of: {needs}.").format(
                    value=_shown(value), needs=", ".join(codes)
                )
            )
        return value


@dataclass(frozen=True)
class Ref:
    """The uid of another record of the package (`kind`); the column holds its row id."""

    kind: str
    optional: bool = False

    def to_json(self, value: str | None) -> str | None:
        return value

    def from_json(self, value: Any) -> str | None:
        if value is None and self.optional:
            return None
        if not isinstance(value, str):
            raise _expected(_("the uid of a record in the package"))
        return value


@dataclass(frozen=True)
class Pdf:
    def to_json(self, value: bytes) -> str:
        return base64.b64encode(value).decode("ascii")

    def from_json(self, value: Any) -> bytes:
        if not isinstance(value, str) or len(value) > MAX_PDF_BYTES * 4 // 3 + 4:
            raise _expected(_("a PDF file written in base64"))
        try:
            data = base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise _expected(_("a PDF file written in base64")) from None
        if not data.startswith(b"%PDF-"):
            raise ValidationError(_("The approved minutes are not a PDF file."))
        return data


def _shown(value: Any, *, bare: bool = False) -> str:
    text = shown_value(value, 40)
    return text[1:-1] if bare and text.startswith('"') and text.endswith('"') else text
