"""The one typeface of every PDF: DejaVu Sans, embedded, so any Nordic or European name prints.

The built-in PDF fonts (Helvetica and friends) only know Latin-1: they lose "–", "€", "ő",
"ł" and many names a municipality meets. DejaVu Sans covers them, and is embedded as a subset.
"""

from __future__ import annotations

import threading

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from visitation_app.assets import get_asset
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FAMILY = REGULAR

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

_lock = threading.Lock()
_registered = False


class FontMissingError(UserError):
    """A font file of the program is missing: the installation is damaged."""


def register_fonts() -> None:
    """Register the DejaVu Sans family with ReportLab (once; later calls do nothing)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            path = get_asset("fonts", filename)
            if not path.is_file():
                raise FontMissingError(
                    _(
                        "The font file {path} is missing, so no PDF can be made. "
                        "Install the program again."
                    ).format(path=path)
                )
            pdfmetrics.registerFont(TTFont(name, str(path)))
        # <b> and <i> in Paragraph markup pick the right face of the family.
        pdfmetrics.registerFontFamily(
            FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
        )
        _registered = True
