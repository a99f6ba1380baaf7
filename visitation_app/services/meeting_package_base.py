"""The base of a meeting: the last package exchanged for it (exported or imported), the
common ancestor a later import is compared with field by field.

It is a copy of the meeting's data and so holds personal data: it lives inside the
database (as protected as the rest), goes when the meeting is deleted, and
`forget_bases_mentioning` removes every base that names a case being deleted.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlmodel import Session, select

from visitation_app.store.models import PackageBase
from visitation_app.store.types import utc_now

log = logging.getLogger(__name__)


def store_base(session: Session, meeting_id: int, document: bytes) -> None:
    """Keep `document` (a package's bytes, not encrypted) as the meeting's base."""
    row = session.get(PackageBase, meeting_id) or PackageBase(meeting_id=meeting_id, document="")
    row.document = document.decode("utf-8")
    row.exchanged_at = utc_now()
    session.add(row)


def load_base(session: Session, meeting_id: int) -> dict[str, Any] | None:
    """The meeting's base document, or None when none was exchanged (or it is unreadable,
    in which case the import treats the meeting as never exchanged)."""
    row = session.get(PackageBase, meeting_id)
    if row is None:
        return None
    try:
        document = json.loads(row.document)
    except ValueError:
        log.warning("the package base of meeting %s is unreadable; ignored", meeting_id)
        return None
    return document if isinstance(document, dict) else None


def forget_bases_mentioning(session: Session, case_uid: str) -> int:
    """Delete every base that holds the case `case_uid` (when the citizen's data is deleted);
    the number deleted. A meeting without a base is merged as never exchanged."""
    removed = 0
    for row in session.exec(select(PackageBase)).all():
        if case_uid in row.document:
            session.delete(row)
            removed += 1
    session.flush()
    return removed
