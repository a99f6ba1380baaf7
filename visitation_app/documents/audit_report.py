"""The audit trail of a case as a printable PDF, in the look of the other documents.

A4 on its side, so that six columns (when, who, what, field, before, after) have room;
the header, footer and 'Side x af y' as in the budget report. A value too long for a
table cell is cut there and printed whole after the table, under its line number.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    Cell,
    cell,
    data_table,
    facts_table,
    table_heading,
    title_block,
)
from visitation_app.documents.fonts import register_fonts
from visitation_app.documents.landscape import CONTENT_WIDTH, render_landscape
from visitation_app.documents.text import clean, markup, text_flowables
from visitation_app.domain.audit_trail import AuditLine, AuditTrail
from visitation_app.formatting import format_timestamp
from visitation_app.i18n import _

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
        return render_landscape(
            self.story(),
            title=clean(self.trail.title),
            subject=self.document_type,
            made_at=self.trail.made_at,
            header_left=_("{document} · {title}").format(
                document=self.document_type, title=clean(self.trail.title)
            ),
            header_right=format_timestamp(self.trail.made_at),
            footer=_(
                "Printed from the audit trail, which cannot be changed afterwards. Times on "
                "this computer's clock."
            ),
        )

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
