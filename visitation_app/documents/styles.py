"""The one style sheet of the PDFs: paragraph and table styles.

Black-and-white friendly: meaning is carried by weight, rules and light grey shading,
never by colour, so a page copied on an office printer reads the same.
"""

from __future__ import annotations

from reportlab.lib.colors import Color, black
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from visitation_app.documents.fonts import BOLD, ITALIC, REGULAR

INK = black
MUTED = Color(0.30, 0.30, 0.30)  # labels and secondary text
RULE = Color(0.45, 0.45, 0.45)  # rules under headings and table heads
HAIRLINE = Color(0.72, 0.72, 0.72)  # lines between table rows
SHADE = Color(0.90, 0.90, 0.90)  # table heads and the decision bar
LIGHT_SHADE = Color(0.955, 0.955, 0.955)  # total rows

BODY_SIZE = 9.5
BODY_LEADING = 13.0
SMALL_SIZE = 8.0

# splitLongWords: a word wider than the column (a pasted URL, a 3,000-letter string)
# is broken across lines instead of running off the page.
_BASE = ParagraphStyle(
    "base",
    fontName=REGULAR,
    fontSize=BODY_SIZE,
    leading=BODY_LEADING,
    textColor=INK,
    alignment=TA_LEFT,
    splitLongWords=1,
    wordWrap=None,
)


def _style(name: str, parent: ParagraphStyle = _BASE, **overrides: object) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, **overrides)


BODY = _style("body", spaceAfter=1.5)
BODY_ITALIC = _style("body-italic", fontName=ITALIC, textColor=MUTED)
SMALL = _style("small", fontSize=SMALL_SIZE, leading=10.5, textColor=MUTED)
DOCUMENT_TYPE = _style(
    "document-type", fontName=BOLD, fontSize=11, leading=14, textColor=MUTED, spaceAfter=2
)
TITLE = _style("title", fontName=BOLD, fontSize=17, leading=21, spaceAfter=8)
DRAFT_NOTICE = _style(
    "draft-notice",
    fontName=BOLD,
    fontSize=10,
    leading=13,
    borderColor=INK,
    borderWidth=0.8,
    borderPadding=(4, 6, 4, 6),
    spaceBefore=2,
    spaceAfter=12,
)
HEADING_1 = _style(
    "heading-1", fontName=BOLD, fontSize=13, leading=16, spaceBefore=14, spaceAfter=5,
    keepWithNext=1,
)  # fmt: skip
HEADING_2 = _style(
    "heading-2", fontName=BOLD, fontSize=10.5, leading=13.5, spaceBefore=9, spaceAfter=3,
    keepWithNext=1,
)  # fmt: skip
# Over a table: the table itself splits with its head row, so the heading must not drag
# a whole table to the next page (see blocks.table_heading).
TABLE_HEADING_1 = _style("table-heading-1", parent=HEADING_1, keepWithNext=0)
TABLE_HEADING_2 = _style("table-heading-2", parent=HEADING_2, keepWithNext=0)
LABEL = _style(
    "label", fontName=BOLD, fontSize=8.5, leading=11, textColor=MUTED, spaceBefore=6,
    spaceAfter=1.5, keepWithNext=1,
)  # fmt: skip
ITEM_TIME = _style("item-time", fontSize=9, leading=12, textColor=MUTED, spaceAfter=4)

CELL = _style("cell", fontSize=9, leading=11.5)
CELL_BOLD = _style("cell-bold", parent=CELL, fontName=BOLD)
CELL_RIGHT = _style("cell-right", parent=CELL, alignment=TA_RIGHT)
CELL_BOLD_RIGHT = _style("cell-bold-right", parent=CELL, fontName=BOLD, alignment=TA_RIGHT)
CELL_SMALL = _style("cell-small", fontSize=8, leading=10.5, textColor=MUTED)
CELL_HEAD = _style("cell-head", fontName=BOLD, fontSize=8.5, leading=11)
CELL_HEAD_RIGHT = _style("cell-head-right", parent=CELL_HEAD, alignment=TA_RIGHT)
FACT_LABEL = _style("fact-label", fontSize=9, leading=11.5, textColor=MUTED)
FACT_VALUE = _style("fact-value", fontSize=9, leading=11.5)
# A label that must not be overlooked (a decision made final despite gaps), and a
# value that lists several points, each behind a dash with the text hanging.
FACT_LABEL_STRONG = _style("fact-label-strong", parent=FACT_LABEL, fontName=BOLD, textColor=INK)
FACT_LIST = _style(
    "fact-list", parent=FACT_VALUE, leftIndent=10, bulletIndent=0, bulletFontName=REGULAR,
    bulletFontSize=9, spaceAfter=1,
)  # fmt: skip
DECISION_BAR = _style("decision-bar", fontSize=10.5, leading=13.5)

CELL_PADDING = 3.2
FACT_LABEL_WIDTH = 36 * mm


def grid_table_style(*, total_row: bool = False) -> TableStyle:
    """A list table: shaded head row over a rule, hairlines between rows."""
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PADDING + 0.8),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.3, HAIRLINE),
    ]
    if total_row:
        commands += [
            ("BACKGROUND", (0, -1), (-1, -1), LIGHT_SHADE),
            ("LINEABOVE", (0, -1), (-1, -1), 0.8, RULE),
            ("LINEBELOW", (0, -1), (-1, -1), 0.8, RULE),
        ]
    return TableStyle(commands)


def facts_table_style() -> TableStyle:
    """Label/value pairs: no grid, labels in grey, tight rows."""
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ]
    )


def decision_table_style(rows: int, *, notes_from: int | None = None) -> TableStyle:
    """The decision: a shaded bar with the outcome, the fields framed below it.

    `notes_from` is the first row of the notes under the fields (what was missing, the
    chair's reason); a hairline sets them apart.
    """
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), REGULAR),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.9, INK),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, INK),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.4),
        ("TOPPADDING", (0, 0), (-1, 0), 4.5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
    ]
    if rows > 1:
        commands += [
            ("TOPPADDING", (0, 1), (-1, 1), 5),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
        ]
    if notes_from is not None and 1 < notes_from < rows:
        commands += [
            ("LINEABOVE", (0, notes_from), (-1, notes_from), 0.5, HAIRLINE),
            ("TOPPADDING", (0, notes_from), (-1, notes_from), 5),
        ]
    return TableStyle(commands)
