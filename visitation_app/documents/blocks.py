"""Building blocks shared by the agenda and the minutes: title, fact lists, tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, HRFlowable, Paragraph, Spacer, Table

from visitation_app.documents import styles
from visitation_app.documents.layout import CONTENT_WIDTH
from visitation_app.documents.text import label_of, markup
from visitation_app.domain.records import ParticipantRecord
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.formatting import format_time
from visitation_app.i18n import _, pgettext

Cell = Flowable | list[Flowable]
DASH = "–"
TABLE_START_ROOM = 38 * mm  # a heading, the table's head row and two or three rows


def cell(text_markup: str, style: ParagraphStyle = styles.CELL) -> Paragraph:
    """A table cell from markup (user text must already be escaped with `markup`)."""
    return Paragraph(text_markup, style)


def clock(moment: dt.datetime, zone: dt.tzinfo) -> str:
    """'09:30' on the meeting's wall clock, whatever zone the computer is in."""
    return format_time(moment.astimezone(zone).time())


def time_range(start: dt.datetime, end: dt.datetime, zone: dt.tzinfo) -> str:
    return f"{clock(start, zone)}{DASH}{clock(end, zone)}"


def title_block(document_label: str, title: str) -> list[Flowable]:
    """The document's name above the meeting's title."""
    return [
        Paragraph(markup(document_label), styles.DOCUMENT_TYPE),
        Paragraph(markup(title) or DASH, styles.TITLE),
    ]


class SeparatorRule(HRFlowable):
    """A thin rule between agenda items, left out at the top of a page (under the header rule)."""

    def __init__(self, space_before: float = 6.0) -> None:
        super().__init__(width="100%", thickness=0.6, color=styles.RULE, spaceBefore=space_before)
        self._hidden = False

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        frame = getattr(self, "_frame", None)
        self._hidden = bool(frame is not None and getattr(frame, "_atTop", False))
        if self._hidden:
            return availWidth, 0
        return super().wrap(availWidth, availHeight)

    def draw(self) -> None:
        if not self._hidden:
            super().draw()


def table_heading(text: str, *, level: int = 1) -> list[Flowable]:
    """A heading over a table, moved to a new page only if the table's start would not fit.

    `keepWithNext` would keep the heading with the whole table and push a table that
    could start here to the next page, leaving half a page empty.
    """
    style = styles.TABLE_HEADING_1 if level == 1 else styles.TABLE_HEADING_2
    room = TABLE_START_ROOM if level == 1 else TABLE_START_ROOM * 0.7
    return [CondPageBreak(room), Paragraph(markup(text), style)]


def facts_table(
    rows: Sequence[tuple[str, str | Cell]], *, label_width: float = styles.FACT_LABEL_WIDTH,
    width: float = CONTENT_WIDTH,
) -> Table | Spacer:  # fmt: skip
    """Label/value pairs, labels in grey on the left; rows with an empty value are left out.

    A value is markup (already escaped) or ready flowables; rows may split across pages.
    """
    data = fact_rows(rows)
    if not data:
        return Spacer(1, 0)
    table = Table(data, colWidths=[label_width, width - label_width], hAlign="LEFT", splitInRow=1)
    table.setStyle(styles.facts_table_style())
    return table


def fact_rows(
    rows: Sequence[tuple[str, str | Cell]], label_style: ParagraphStyle = styles.FACT_LABEL
) -> list[list[Cell]]:
    """Label/value pairs as table rows, leaving out the rows whose value is empty.

    A value is markup (already escaped) or ready flowables.
    """
    data: list[list[Cell]] = []
    for label, value in rows:
        if isinstance(value, str):
            if not value.strip():
                continue
            value = Paragraph(value, styles.FACT_VALUE)
        elif not value:
            continue
        data.append([Paragraph(markup(label), label_style), value])
    return data


def data_table(
    head: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    widths: Sequence[float],
    *,
    right_aligned: Sequence[int] = (),
    total: Sequence[Cell] | None = None,
) -> Table:
    """A list table with a head row that repeats on every page it runs onto."""
    head_cells = [
        cell(markup(text), styles.CELL_HEAD_RIGHT if i in right_aligned else styles.CELL_HEAD)
        for i, text in enumerate(head)
    ]
    data: list[Sequence[Cell]] = [head_cells, *rows]
    if total is not None:
        data.append(total)
    table = Table(data, colWidths=list(widths), repeatRows=1, splitInRow=1, hAlign="LEFT")
    table.setStyle(styles.grid_table_style(total_row=total is not None))
    return table


def attendance_label(present: bool | None) -> str:
    if present is None:
        return pgettext("attendance", "Not recorded")
    return pgettext("attendance", "Present") if present else pgettext("attendance", "Absent")


def participants_table(participants: Sequence[ParticipantRecord], *, attendance: bool) -> Flowable:
    """Who takes part: name, role and organisation (and, in the minutes, who was there)."""
    if not participants:
        return Paragraph(markup(_("No participants are registered.")), styles.BODY_ITALIC)
    head = [_("Name"), _("Role"), _("Organisation")]
    widths = [62 * mm, 42 * mm, CONTENT_WIDTH - 104 * mm]
    if attendance:
        head.append(pgettext("attendance", "Attendance"))
        widths = [50 * mm, 34 * mm, CONTENT_WIDTH - 110 * mm, 26 * mm]
    rows = []
    for person in participants:
        row = [
            cell(markup(person.name)),
            cell(markup(label_of(ParticipantRole, person.role))),
            cell(markup(person.organisation)),
        ]
        if attendance:
            style = styles.CELL_SMALL if person.present is None else styles.CELL
            row.append(cell(markup(attendance_label(person.present)), style))
        rows.append(row)
    return data_table(head, rows, widths)
