"""The audit trail as it is shown and printed: plain lines, already in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class AuditLine:
    """One recorded change: when, who, what (the record and what happened), field, values."""

    at: dt.datetime
    when: str  # the moment as shown: '22.11.2026 14:05' on this computer's clock
    actor: str
    what: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class AuditTrail:
    """The trail of one case (or meeting): a heading, facts about it, and the lines."""

    title: str
    facts: tuple[tuple[str, str], ...]
    lines: tuple[AuditLine, ...]
    made_at: dt.datetime
