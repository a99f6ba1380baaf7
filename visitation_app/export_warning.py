"""The sentence that tells the chair a file written from an encrypted database is not
encrypted itself (PDFs, CSV files); the window and the commands say it the same way."""

from __future__ import annotations

from visitation_app.i18n import _


def unencrypted_output_sentence() -> str:
    return _(
        "The PDF file is not encrypted, and it holds personal data. Keep it only where "
        "others cannot read it, and delete it when it is no longer needed."
    )
