"""Documents on an A4 page lying on its side (wide tables: the budget report, the audit
trail): one page template with the margins, header and footer of the minutes.

documents/layout.py draws those for an upright meeting document only; this module does the
same for a document that is not about one meeting.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import partial

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from visitation_app.documents import styles
from visitation_app.documents.fonts import BOLD, REGULAR
from visitation_app.documents.layout import (
    BOTTOM_MARGIN,
    FOOTER_SIZE,
    FRAME_PADDING_BOTTOM,
    FRAME_PADDING_TOP,
    HEADER_SIZE,
    LEFT_MARGIN,
    RIGHT_MARGIN,
    TOP_MARGIN,
    NumberedCanvas,
    draw_page_number,
    fit,
)
from visitation_app.i18n import current_language

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CONTENT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
HEADER_BASELINE = PAGE_HEIGHT - TOP_MARGIN - 3 * mm
HEADER_RULE = HEADER_BASELINE - 2.6 * mm
FOOTER_BASELINE = BOTTOM_MARGIN
FOOTER_RULE = FOOTER_BASELINE + 3.6 * mm


def render_landscape(
    story: list[Flowable],
    *,
    title: str,
    subject: str,
    made_at: dt.datetime,
    header_left: str,
    header_right: str,
    footer: str,
) -> bytes:
    """The story as PDF bytes: `header_left` and (bold) `header_right` above a rule on every
    page, `footer` and 'Side x af y' below one; `title`/`subject` go into the metadata."""
    buffer = io.BytesIO()
    template = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=PAGE_HEIGHT - HEADER_RULE,
        bottomMargin=FOOTER_RULE,
        title=title,
        subject=subject,
        creator="visitation_app",
        producer="visitation_app (ReportLab)",
        lang="da-DK" if current_language() == "da" else "en-GB",
        displayDocTitle=True,
        invariant=1,
        initialFontName=REGULAR,
    )
    frame = Frame(
        LEFT_MARGIN,
        FOOTER_RULE,
        CONTENT_WIDTH,
        HEADER_RULE - FOOTER_RULE,
        leftPadding=0,
        rightPadding=0,
        topPadding=FRAME_PADDING_TOP,
        bottomPadding=FRAME_PADDING_BOTTOM,
        id="body",
    )

    def draw_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        _draw_header_and_footer(canvas, header_left, header_right, footer)

    template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=draw_page)])
    canvasmaker = partial(
        NumberedCanvas,
        stamp=partial(draw_page_number, page_width=PAGE_WIDTH),
        document_date=made_at,
    )
    template.build(story, canvasmaker=canvasmaker)
    return buffer.getvalue()


def _draw_header_and_footer(canvas: Canvas, left: str, right: str, footer: str) -> None:
    canvas.saveState()
    canvas.setFillColor(styles.INK)
    right_width = stringWidth(right, BOLD, HEADER_SIZE)
    canvas.setFont(REGULAR, HEADER_SIZE)
    canvas.drawString(
        LEFT_MARGIN,
        HEADER_BASELINE,
        fit(left, REGULAR, HEADER_SIZE, CONTENT_WIDTH - right_width - 8 * mm),
    )
    canvas.setFont(BOLD, HEADER_SIZE)
    canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, HEADER_BASELINE, right)
    canvas.setStrokeColor(styles.RULE)
    canvas.setLineWidth(0.6)
    canvas.line(LEFT_MARGIN, HEADER_RULE, PAGE_WIDTH - RIGHT_MARGIN, HEADER_RULE)
    canvas.line(LEFT_MARGIN, FOOTER_RULE, PAGE_WIDTH - RIGHT_MARGIN, FOOTER_RULE)
    canvas.setFillColor(styles.MUTED)
    canvas.setFont(REGULAR, FOOTER_SIZE)
    canvas.drawString(
        LEFT_MARGIN, FOOTER_BASELINE, fit(footer, REGULAR, FOOTER_SIZE, CONTENT_WIDTH - 35 * mm)
    )
    canvas.restoreState()
