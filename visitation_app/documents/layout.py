"""The page of every meeting document: A4 geometry, header, footer, 'Side x af y', metadata.

A renderer subclasses `DocumentRenderer`, names its document type and builds its story;
the base lays it out on a first-page template and an other-pages template.
"""

from __future__ import annotations

import datetime as dt
import io
from abc import ABC, abstractmethod
from collections.abc import Callable
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from visitation_app.documents import styles
from visitation_app.documents.fonts import BOLD, REGULAR, register_fonts
from visitation_app.documents.text import clean, label_of
from visitation_app.domain.records import MeetingDossier
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.formatting import format_date_long
from visitation_app.i18n import _, current_language

PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 22 * mm
RIGHT_MARGIN = 18 * mm
TOP_MARGIN = 12 * mm
BOTTOM_MARGIN = 11 * mm
CONTENT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN

HEADER_SIZE = 8.0
HEADER_BASELINE = PAGE_HEIGHT - TOP_MARGIN - 3 * mm
HEADER_RULE = HEADER_BASELINE - 2.6 * mm
FOOTER_SIZE = 8.0
FOOTER_BASELINE = BOTTOM_MARGIN
FOOTER_RULE = FOOTER_BASELINE + 3.6 * mm

# The body frame sits between the two rules, padded away from both, so the last line
# on a page never touches the footer and the first never touches the header.
FRAME_BOTTOM = FOOTER_RULE
FRAME_TOP = HEADER_RULE
FRAME_PADDING_TOP = 6 * mm
FRAME_PADDING_BOTTOM = 5 * mm
FIRST_PAGE_PADDING_TOP = 5 * mm

PageStamp = Callable[[Canvas, int, int], None]


def draw_page_number(
    canvas: Canvas, number: int, total: int, *, page_width: float = PAGE_WIDTH
) -> None:
    """'Side 2 af 5' at the right of the footer (`page_width` for a landscape page)."""
    canvas.saveState()
    canvas.setFillColor(styles.INK)
    canvas.setFont(REGULAR, FOOTER_SIZE)
    canvas.drawRightString(
        page_width - RIGHT_MARGIN,
        FOOTER_BASELINE,
        _("Page {page} of {pages}").format(page=number, pages=total),
    )
    canvas.restoreState()


class NumberedCanvas(Canvas):
    """Holds every laid-out page until the end, then stamps 'Side x af y' on each.

    The page count is only known when layout is finished, so `showPage` keeps the page's
    drawing state, and `save` replays the pages with the total in hand.
    """

    def __init__(
        self, *args: Any, stamp: PageStamp, document_date: dt.datetime, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._stamp = stamp
        self._held_pages: list[dict[str, Any]] = []
        stamp_text = pdf_date(document_date)
        self.setDateFormatter(lambda *_parts: stamp_text)

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self._stamp(self, number, total)
            Canvas.showPage(self)
        Canvas.save(self)


def pdf_date(moment: dt.datetime) -> str:
    """A PDF date string in UTC ('D:20261203140500+00'00'')."""
    utc = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return f"D:{utc:%Y%m%d%H%M%S}+00'00'"


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text` shortened with '…' to fit `width` (for one-line header texts only)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


class DocumentRenderer(ABC):
    """Lays out one meeting document; subclasses provide the type, the story and labels."""

    def __init__(self, dossier: MeetingDossier) -> None:
        register_fonts()  # Paragraphs need the fonts the moment they are made
        self.dossier = dossier
        self.meeting = dossier.meeting
        self.zone = meeting_zone(dossier)

    # What a subclass says about itself -------------------------------------------------

    @property
    @abstractmethod
    def document_type(self) -> str:
        """'Dagsorden' or 'Referat'."""

    @abstractmethod
    def story(self) -> list[Flowable]:
        """The body of the document."""

    def header_label(self) -> str:
        """The document's name as the header prints it (the minutes add 'UDKAST')."""
        return self.document_type

    def footer_note(self) -> str:
        return _("{document}, meeting {date}").format(
            document=self.document_type, date=format_date_long(self.meeting.meeting_date)
        )

    def document_date(self) -> dt.datetime:
        """The moment the PDF's dates record: the last event, else the meeting's start.

        Rendering the same meeting twice gives the same bytes, so an approved PDF can be
        compared with a fresh rendering.
        """
        moments = [event.at for event in self.dossier.events if event.at is not None]
        return max(moments) if moments else self.dossier.starts_at

    def metadata_title(self) -> str:
        return _("{document}: {title}, {date}").format(
            document=self.header_label(),
            title=clean(self.meeting.title).replace("\n", " "),
            date=format_date_long(self.meeting.meeting_date),
        )

    def metadata_subject(self) -> str:
        return _("{document} of the visitation meeting on {date}").format(
            document=self.document_type, date=format_date_long(self.meeting.meeting_date)
        )

    # Layout ----------------------------------------------------------------------------

    def render(self) -> bytes:
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=LEFT_MARGIN,
            rightMargin=RIGHT_MARGIN,
            topMargin=PAGE_HEIGHT - FRAME_TOP,
            bottomMargin=FRAME_BOTTOM,
            title=self.metadata_title(),
            author=clean(self.meeting.chair_name),
            subject=self.metadata_subject(),
            creator="visitation_app",
            producer="visitation_app (ReportLab)",
            lang="da-DK" if current_language() == "da" else "en-GB",
            displayDocTitle=True,
            invariant=1,
            initialFontName=REGULAR,
        )
        template.addPageTemplates(
            [
                PageTemplate(
                    id="first",
                    frames=[self._frame("first-body", FIRST_PAGE_PADDING_TOP)],
                    onPage=self._draw_first_page,
                    autoNextPageTemplate="later",
                ),
                PageTemplate(
                    id="later",
                    frames=[self._frame("body", FRAME_PADDING_TOP)],
                    onPage=self._draw_later_page,
                ),
            ]
        )
        canvasmaker = partial(
            NumberedCanvas, stamp=draw_page_number, document_date=self.document_date()
        )
        template.build(self.story(), canvasmaker=canvasmaker)
        return buffer.getvalue()

    @staticmethod
    def _frame(frame_id: str, padding_top: float) -> Frame:
        return Frame(
            LEFT_MARGIN,
            FRAME_BOTTOM,
            CONTENT_WIDTH,
            FRAME_TOP - FRAME_BOTTOM,
            leftPadding=0,
            rightPadding=0,
            topPadding=padding_top,
            bottomPadding=FRAME_PADDING_BOTTOM,
            id=frame_id,
        )

    def _draw_first_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        left = _("Visitation meeting · {area}").format(area=self._area_label())
        self._draw_header(canvas, left, self.header_label())
        self._draw_footer(canvas)

    def _draw_later_page(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        date = format_date_long(self.meeting.meeting_date)
        title = clean(self.meeting.title).replace("\n", " ")
        left = f"{self.header_label()} · {title}"
        date_width = stringWidth(date, REGULAR, HEADER_SIZE)
        left = fit(left, BOLD, HEADER_SIZE, CONTENT_WIDTH - date_width - 10 * mm)
        self._draw_header(canvas, left, date, bold_left=True)
        self._draw_footer(canvas)

    def _draw_header(
        self, canvas: Canvas, left: str, right: str, *, bold_left: bool = False
    ) -> None:
        canvas.saveState()
        canvas.setFillColor(styles.INK)
        right_font = REGULAR if bold_left else BOLD
        right_width = stringWidth(right, right_font, HEADER_SIZE)
        left_font = BOLD if bold_left else REGULAR
        left = fit(left, left_font, HEADER_SIZE, CONTENT_WIDTH - right_width - 8 * mm)
        canvas.setFont(left_font, HEADER_SIZE)
        canvas.drawString(LEFT_MARGIN, HEADER_BASELINE, left)
        canvas.setFont(right_font, HEADER_SIZE)
        canvas.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, HEADER_BASELINE, right)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(LEFT_MARGIN, HEADER_RULE, PAGE_WIDTH - RIGHT_MARGIN, HEADER_RULE)
        canvas.restoreState()

    def _draw_footer(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(LEFT_MARGIN, FOOTER_RULE, PAGE_WIDTH - RIGHT_MARGIN, FOOTER_RULE)
        canvas.setFillColor(styles.MUTED)
        canvas.setFont(REGULAR, FOOTER_SIZE)
        note = fit(self.footer_note(), REGULAR, FOOTER_SIZE, CONTENT_WIDTH - 35 * mm)
        canvas.drawString(LEFT_MARGIN, FOOTER_BASELINE, note)
        canvas.restoreState()

    def _area_label(self) -> str:
        return label_of(CommitteeArea, self.meeting.area)

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A recorded moment (UTC) as the meeting's wall-clock time."""
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        return moment.astimezone(self.zone)


def meeting_zone(dossier: MeetingDossier) -> dt.tzinfo:
    try:
        return ZoneInfo(dossier.meeting.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return dossier.starts_at.tzinfo or dt.UTC
