"""User text made safe for Paragraph markup, and long texts made into flowing paragraphs."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from enum import StrEnum
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph, Spacer

TAB = "    "
BLANK_LINE_SPACE = 5.0
MAX_PIECE = 1500
# Longer texts do not go into a table cell or a framed box but follow it as ordinary
# paragraphs: a row split over many pages reads badly and ReportLab splits it slowly.
INLINE_LIMIT = 2500

# Control, format (soft hyphen, zero-width and direction marks), surrogate, private-use and
# unassigned characters: invisible in the app, but boxes or garbage in a PDF.
_DROP_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean(value: str | None) -> str:
    """Text as it should print: NFC, '\\n' line breaks, no control characters, tabs as spaces.

    NFC and not NFKC: NFKC "compatibility" folding changes what the case worker wrote
    ("½" becomes "1⁄2", "m²" becomes "m2", "ﬁ" becomes "fi", a non-breaking space a plain
    one). NFC only composes letters typed as letter + accent ("e" + "◌́" -> "é"), so
    they print as the single glyph the font has.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\t", TAB).replace("\u2028", "\n").replace("\u2029", "\n")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) not in _DROP_CATEGORIES)


def markup(value: str | None) -> str:
    """One line of user text as Paragraph markup: `<b>` prints as the four characters `<b>`."""
    return escape(clean(value).replace("\n", " "))


def text_flowables(value: str | None, style: ParagraphStyle, *, lead: str = "") -> list[Flowable]:
    """A long user text as small paragraphs: one per line, long lines cut into pieces.

    A single huge paragraph is what makes ReportLab slow (it re-wraps the rest of the
    paragraph at every page break) and what cannot be split inside a table cell or a
    kept-together block. Pieces of at most MAX_PIECE characters never exceed a frame,
    so a 20,000-character note or a pasted document flows across as many pages as it needs.
    `lead` is markup put in front of the first line (e.g. a bold label).
    """
    flowables: list[Flowable] = []
    pending_gap = False
    for line in clean(value).split("\n"):
        if not line.strip():
            pending_gap = bool(flowables)
            continue
        if pending_gap:
            flowables.append(Spacer(1, BLANK_LINE_SPACE))
            pending_gap = False
        for piece in pieces(line.rstrip()):
            text = escape(piece)
            if not flowables and lead:
                text = f"{lead} {text}"
            flowables.append(Paragraph(text, style))
    if not flowables and lead:
        flowables.append(Paragraph(lead, style))
    return flowables


def pieces(line: str, limit: int = MAX_PIECE) -> list[str]:
    """`line` cut into parts of at most `limit` characters.

    Cuts after a sentence where one ends in the second half of a part, else at a space,
    else (a word longer than `limit`, such as a pasted URL) inside the word.
    """
    parts = []
    while len(line) > limit:
        window = line[:limit]
        cut = max(window.rfind(mark) for mark in (". ", "? ", "! ", "; "))
        if cut < limit // 2:
            cut = window.rfind(" ")
        cut = cut + 1 if cut >= limit // 2 else limit
        parts.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    parts.append(line)
    return [part for part in parts if part]


def has_text(value: str | None) -> bool:
    return bool(clean(value).strip())


def too_long_inline(value: str | None) -> bool:
    """Whether a text is too long for a table cell (see INLINE_LIMIT)."""
    return len(clean(value)) > INLINE_LIMIT


def label_of(vocabulary: type[StrEnum], code: str | None) -> str:
    """The translated label of a stored code; the code itself if the vocabulary lacks it."""
    if not code:
        return ""
    try:
        return vocabulary(code).label  # type: ignore[attr-defined]
    except ValueError:
        return code


def joined(parts: Iterable[str], separator: str = " · ") -> str:
    """Non-empty parts joined (parts are already markup)."""
    return separator.join(part for part in parts if part)
