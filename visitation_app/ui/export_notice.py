"""Saying plainly, once per session, that a PDF saved from an encrypted database is not
encrypted: the file lies outside the database's protection and holds personal data."""

from __future__ import annotations

from visitation_app.export_warning import unencrypted_output_sentence
from visitation_app.store.database import Database

_told = False


def unencrypted_export_note(db: Database | None) -> str | None:
    """The sentence for the first PDF saved in this session from an encrypted database;
    None afterwards, and for a database that is not encrypted itself."""
    global _told
    if _told or db is None or not db.encrypted:
        return None
    _told = True
    return unencrypted_output_sentence()
