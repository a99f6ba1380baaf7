"""The meeting package's fixed facts: its format names and version, how a document is
written byte for byte, and how dates, times and moments are written in it.

A document is written with sorted keys and a fixed indentation and holds no time of
export, so the same data always gives the same bytes (see docs/meeting-package.md).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

FORMAT = "visitation-meeting-package"
ENCRYPTED_FORMAT = "visitation-meeting-package-encrypted"
VERSION = 1
"""The newest version this program writes and reads. Raise it when a reader of the old
version would misread a new document; adding an optional field does not need it."""

ENCRYPTED_VERSION = 1

_CLOCK = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def document_bytes(document: dict[str, Any]) -> bytes:
    """The one way a package document is written: sorted keys, two spaces, a final newline."""
    text = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def date_to_json(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def date_from_json(value: str) -> dt.date:
    """A date written YYYY-MM-DD (ValueError for anything else, such as 2026-02-30)."""
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError(value)
    return dt.date.fromisoformat(value)


def moment_to_json(value: dt.datetime | None) -> str | None:
    """A moment in UTC with its offset: 2026-12-03T08:20:00+00:00."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC).isoformat()


def moment_from_json(value: str) -> dt.datetime:
    """An ISO moment that carries its offset, as an aware UTC datetime (ValueError otherwise)."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError(value)
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(value)
    return moment.astimezone(dt.UTC)


def clock_to_json(value: dt.time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def clock_from_json(value: str) -> dt.time:
    """A time of day written HH:MM (ValueError otherwise)."""
    match = _CLOCK.match(value) if isinstance(value, str) else None
    if match is None:
        raise ValueError(value)
    return dt.time(int(match.group(1)), int(match.group(2)))
