"""The audit trail of a case as a printable PDF, in the look of the other documents.

A4 on its side, so that six columns (when, who, what, field, before, after) have room;
the header, footer and 'Side x af y' as in the budget report. A value too long for a
table cell is cut there and printed whole after the table, under its line number.
"""

from __future__ import annotations

import io
from functools import partial

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Spacer

from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    Cell,
    cell,
    data_table,
    facts_table,
    table_heading,
    title_block,
)
from visitation_app.documents.fonts import BOLD, REGULAR, register_fonts
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
from visitation_app.documents.text import clean, markup, text_flowables
from visitation_app.domain.audit_trail import AuditLine, AuditTrail
from visitation_app.formatting import format_timestamp
from visitation_app.i18n import _, current_language

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
CONTENT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
HEADER_BASELINE = PAGE_HEIGHT - TOP_MARGIN - 3 * mm
HEADER_RULE = HEADER_BASELINE - 2.6 * mm
FOOTER_BASELINE = BOTTOM_MARGIN
FOOTER_RULE = FOOTER_BASELINE + 3.6 * mm
FACTS_WIDTH = 150 * mm
FACTS_LABEL_WIDTH = 40 * mm

# No., when, who, what, field, before, after (mm); before and after share what is left.
_FIXED = (9, 30, 27, 50, 32)
_VALUE = (CONTENT_WIDTH / mm - sum(_FIXED)) / 2
COLUMNS = (*_FIXED, _VALUE, _VALUE)
CELL_LIMIT = 200  # characters of a value printed in its cell; the rest after the table


def render_audit_report(trail: AuditTrail) -> bytes:
    """The trail as PDF bytes."""
    return AuditReportRenderer(trail).render()


class AuditReportRenderer:
    """Lays out the trail: facts about the case, the table of changes, the long values."""

    def __init__(self, trail: AuditTrail) -> None:
        register_fonts()  # Paragraphs need the fonts the moment they are made
        self.trail = trail

    @property
    def document_type(self) -> str:
        return _("Audit trail")

    def render(self) -> bytes:
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=PAGE_HEIGHT - HEADER_RULE,
            bottomMargin=FOOTER_RULE,
            title=clean(self.trail.title),
            subject=self.document_type,
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
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._page)])
        canvasmaker = partial(
            NumberedCanvas,
            stamp=partial(draw_page_number, page_width=PAGE_WIDTH),
            document_date=self.trail.made_at,
        )
        template.build(self.story(), canvasmaker=canvasmaker)
        return buffer.getvalue()

    def _page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        """The document's name and the case left, the day it was made right; the footer."""
        canvas.saveState()
        canvas.setFillColor(styles.INK)
        right = format_timestamp(self.trail.made_at)
        right_width = stringWidth(right, BOLD, HEADER_SIZE)
        left = _("{document} · {title}").format(
            document=self.document_type, title=clean(self.trail.title)
        )
        left = fit(left, REGULAR, HEADER_SIZE, CONTENT_WIDTH - right_width - 8 * mm)
        canvas.setFont(REGULAR, HEADER_SIZE)
        canvas.drawString(LEFT_MARGIN, HEADER_BASELINE, left)
        canvas.setFont(BOLD, HEADER_SIZE)
        canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, HEADER_BASELINE, right)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(LEFT_MARGIN, HEADER_RULE, PAGE_WIDTH - RIGHT_MARGIN, HEADER_RULE)
        canvas.line(LEFT_MARGIN, FOOTER_RULE, PAGE_WIDTH - RIGHT_MARGIN, FOOTER_RULE)
        canvas.setFillColor(styles.MUTED)
        canvas.setFont(REGULAR, FOOTER_SIZE)
        note = _(
            "Printed from the audit trail, which cannot be changed afterwards. Times on "
            "this computer's clock."
        )
        canvas.drawString(
            LEFT_MARGIN, FOOTER_BASELINE, fit(note, REGULAR, FOOTER_SIZE, CONTENT_WIDTH - 35 * mm)
        )
        canvas.restoreState()

    # The story -------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        trail = self.trail
        facts = [(label, markup(value)) for label, value in trail.facts]
        story: list[Flowable] = [
            *title_block(self.document_type, trail.title),
            facts_table(facts, label_width=FACTS_LABEL_WIDTH, width=FACTS_WIDTH),
        ]
        story += table_heading(_("Changes, the oldest first"))
        if not trail.lines:
            story.append(Paragraph(markup(_("No changes are recorded.")), styles.BODY_ITALIC))
            return story
        head = [_("No."), _("Time"), _("Who"), _("What"), _("Field"), _("Before"), _("After")]
        rows = [self._row(number, line) for number, line in enumerate(trail.lines, start=1)]
        table = data_table(head, rows, [width * mm for width in COLUMNS])
        table.splitInRow = 0  # a change is never cut across two pages
        story.append(table)
        story += self._long_values()
        return story

    @staticmethod
    def _value(text: str, number: int) -> Cell:
        if len(text) <= CELL_LIMIT:
            return cell(markup(text))
        shown = text[:CELL_LIMIT].rstrip() + " …"
        more = _("The whole text follows the table, under no. {number}.").format(number=number)
        return [cell(markup(shown)), cell(markup(more), styles.CELL_SMALL)]

    def _row(self, number: int, line: AuditLine) -> list[Cell]:
        return [
            cell(f"{number}."),
            cell(markup(line.when)),
            cell(markup(line.actor or _("(not known)"))),
            cell(markup(line.what)),
            cell(markup(line.field)),
            self._value(line.before, number),
            self._value(line.after, number),
        ]

    def _long_values(self) -> list[Flowable]:
        story: list[Flowable] = []
        for number, line in enumerate(self.trail.lines, start=1):
            for label, text in ((_("Before"), line.before), (_("After"), line.after)):
                if len(text) <= CELL_LIMIT:
                    continue
                if not story:  # the heading is kept with the first value under it
                    story.append(Paragraph(markup(_("Long values in full")), styles.HEADING_1))
                heading = _("No. {number}, {field}: {which}").format(
                    number=number, field=line.field, which=label.lower()
                )
                story += [Spacer(1, 4), Paragraph(markup(heading), styles.LABEL)]
                story += text_flowables(text, styles.BODY)
        return story
