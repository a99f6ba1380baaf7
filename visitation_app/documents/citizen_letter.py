"""A letter to the citizen of one case on the agenda: the page, the addresses, the signature.

The decision letter and the invitation share it: the committee as the sender in the
header, the citizen on the left where an envelope's window shows the address, the date
and the case's facts on the right, and the closing signed by the case worker on behalf of
the committee. The decision letter prints the full CPR number, the invitation only the
birth date (`cpr_shown`); either stands with the case's facts on the right, never in the
address an envelope's window shows. A draft carries 'UDKAST' across every page.
"""

from __future__ import annotations

import datetime as dt

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Paragraph, Spacer, Table

from visitation_app.documents import styles
from visitation_app.documents.blocks import facts_table
from visitation_app.documents.fonts import BOLD, REGULAR
from visitation_app.documents.layout import (
    CONTENT_WIDTH,
    HEADER_SIZE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    DocumentRenderer,
    fit,
)
from visitation_app.documents.text import clean, label_of, markup
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier, MeetingRecord
from visitation_app.domain.validation import display_cpr
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _

SENDER_WIDTH = 80 * mm
SENDER_LABEL_WIDTH = 26 * mm
AFTER_ADDRESSES = 9 * mm
WATERMARK = Color(0.86, 0.86, 0.86)
WATERMARK_SIZE = 96


class CitizenLetterRenderer(DocumentRenderer):
    """The frame of a letter about the case of agenda item `item`, dated `letter_date`."""

    def __init__(
        self, meeting: MeetingRecord, item: AgendaItemRecord, letter_date: dt.date
    ) -> None:
        if item.case is None:
            raise ValueError("a letter to the citizen needs a case item")
        # The page machinery works on a dossier: here, the meeting with the one item.
        super().__init__(
            MeetingDossier(
                meeting=meeting,
                starts_at=item.slot.starts_at,
                ends_at=item.slot.ends_at,
                items=(item,),
            )
        )
        self.item = item
        self.case = item.case
        self.letter_date = letter_date

    @property
    def is_draft(self) -> bool:
        """A draft has 'UDKAST' across every page (it must never reach the citizen)."""
        return False

    def cpr_shown(self) -> str:
        """The CPR number as the letter prints it: whole (a letter names its citizen exactly)."""
        return display_cpr(clean(self.case.cpr), full=True)

    # Page furniture: the committee as sender, and the draft mark ----------------------

    def _draw_first_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._draw_watermark(canvas)
        sender = clean(self.meeting.title).replace("\n", " ")
        self._draw_header(canvas, sender, self.header_label())
        self._draw_footer(canvas)

    def _draw_later_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._draw_watermark(canvas)
        date = format_date_long(self.letter_date)
        left = f"{self.header_label()} · {clean(self.case.citizen_name).strip()}"
        date_width = stringWidth(date, REGULAR, HEADER_SIZE)
        left = fit(left, BOLD, HEADER_SIZE, CONTENT_WIDTH - date_width - 10 * mm)
        self._draw_header(canvas, left, date, bold_left=True)
        self._draw_footer(canvas)

    def _draw_watermark(self, canvas: Canvas) -> None:
        """'UDKAST' across the page, under the text: seen at a glance, even on a copy."""
        if not self.is_draft:
            return
        canvas.saveState()
        canvas.setFillColor(WATERMARK)
        canvas.setFont(BOLD, WATERMARK_SIZE)
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        canvas.rotate(55)
        canvas.drawCentredString(0, -WATERMARK_SIZE / 3, _("DRAFT"))
        canvas.restoreState()

    # The parts of every letter --------------------------------------------------------

    def _addresses(self) -> Flowable:
        """The citizen on the left, where an envelope's window shows it; the sender on the right."""
        case = self.case
        recipient: list[Flowable] = [Paragraph(f"<b>{markup(case.citizen_name)}</b>", styles.BODY)]
        sender: list[Flowable] = [
            Paragraph(f"<b>{markup(self.meeting.title)}</b>", styles.FACT_VALUE),
            Paragraph(markup(label_of(CommitteeArea, self.meeting.area)), styles.FACT_LABEL),
            Spacer(1, 4),
            facts_table(
                [
                    (_("Date"), markup(format_date_long(self.letter_date))),
                    (_("CPR no."), markup(self.cpr_shown())),
                    (_("Case no."), markup(case.reference)),
                    (_("Case worker"), markup(case.case_worker)),
                    (_("Contact"), markup(case.contact)),
                ],
                label_width=SENDER_LABEL_WIDTH,
                width=SENDER_WIDTH,
            ),
        ]
        table = Table(
            [[recipient, sender]],
            colWidths=[CONTENT_WIDTH - SENDER_WIDTH, SENDER_WIDTH],
            hAlign="LEFT",
        )
        table.setStyle(styles.facts_table_style())
        return table

    def _section(self, heading: str, flowables: list[Flowable]) -> list[Flowable]:
        """A heading over its text; the heading never stays behind at the foot of a page."""
        return [Paragraph(markup(heading), styles.HEADING_2), *flowables]

    def _closing(self, contact_sentence: str) -> list[Flowable]:
        """Whom to ask, and the signature: kept together, so the greeting is never alone."""
        case_worker = clean(self.case.case_worker).strip()
        signer = case_worker or clean(self.meeting.chair_name).strip()
        role = _("Case worker") if case_worker else _("Chair")
        closing: list[Flowable] = [
            Spacer(1, 9),
            Paragraph(markup(contact_sentence), styles.BODY),
            Spacer(1, 7),
            Paragraph(markup(_("Yours sincerely")), styles.BODY),
            Spacer(1, 5),
        ]
        if signer:
            closing += [
                Paragraph(f"<b>{markup(signer)}</b>", styles.BODY),
                Paragraph(markup(role), styles.BODY),
            ]
        on_behalf = _("on behalf of {committee}").format(committee=clean(self.meeting.title))
        closing.append(Paragraph(markup(on_behalf), styles.BODY))
        return [KeepTogether(closing)]
