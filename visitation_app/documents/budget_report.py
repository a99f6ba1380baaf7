"""The budget report of an area and year: a landscape PDF like the minutes, and a CSV file.

The PDF lists every decision taking effect in the year with its figures, the totals, the
frame and what is left. The CSV holds the same lines for a spreadsheet (docs/budget.md,
"Budget report", describes its columns and format).
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    TableStyle,
)

from visitation_app.catalog.tariffs import TariffUnit
from visitation_app.documents import styles
from visitation_app.documents.blocks import (
    Cell,
    cell,
    data_table,
    facts_table,
    table_heading,
    title_block,
)
from visitation_app.documents.economy import (
    CELL_SMALL_RIGHT,
    frame_rows,
    over_sentence,
    price_phrase,
)
from visitation_app.documents.fonts import register_fonts
from visitation_app.documents.landscape import render_landscape
from visitation_app.documents.text import label_of, markup
from visitation_app.domain.budget_report import BudgetLine, BudgetReport
from visitation_app.domain.costing import Frequency
from visitation_app.domain.extent_words import extent_phrase
from visitation_app.domain.money import ore_to_decimal
from visitation_app.domain.vocabulary import CommitteeArea, Outcome
from visitation_app.formatting import format_date_short, format_money, format_timestamp
from visitation_app.i18n import _, ngettext

SUMMARY_WIDTH = 150 * mm
SUMMARY_LABEL_WIDTH = 62 * mm

# Meeting date, item, citizen, service, extent, outcome, takes effect, this year, full year.
COLUMNS = (21, 12, 36, 46, 31, 26, 21, 32, 32)  # mm; amounts up to 9.999.999,99 kr. fit
AMOUNT_COLUMNS = (7, 8)


def render_budget_report(report: BudgetReport) -> bytes:
    """The report as PDF bytes (A4 landscape, 'Side x af y' on every page)."""
    return BudgetReportRenderer(report).render()


class BudgetReportRenderer:
    """Lays out the report: one page template, header and footer as in the minutes."""

    def __init__(self, report: BudgetReport) -> None:
        register_fonts()  # Paragraphs need the fonts the moment they are made
        self.report = report
        self.area = label_of(CommitteeArea, report.area)

    @property
    def document_type(self) -> str:
        return _("Budget report")

    def title(self) -> str:
        return _("{area} – budget year {year}").format(area=self.area, year=self.report.year)

    # Layout ----------------------------------------------------------------------------

    def render(self) -> bytes:
        """Header (document and area left, budget year right) and footer, as in the minutes."""
        return render_landscape(
            self.story(),
            title=_("{document}: {title}").format(document=self.document_type, title=self.title()),
            subject=self.document_type,
            made_at=self.report.made_at,
            header_left=_("{document} · {area}").format(
                document=self.document_type, area=self.area
            ),
            header_right=_("Budget year {year}").format(year=self.report.year),
            footer=_("{document}, made {moment}").format(
                document=self.title(), moment=format_timestamp(self.report.made_at)
            ),
        )

    # The story -------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        report = self.report
        story: list[Flowable] = [*title_block(self.document_type, self.title()), self._summary()]
        over = over_sentence(report.year, report.frame_ore, report.committed_ore)
        if over:
            story += [Spacer(1, 4), Paragraph(markup(over), styles.DRAFT_NOTICE)]
        story += table_heading(_("Decisions taking effect in {year}").format(year=report.year))
        if report.lines:
            story.append(self._table())
        else:
            none = _("No decision of the area's meetings takes effect in {year}.").format(
                year=report.year
            )
            story.append(Paragraph(markup(none), styles.BODY_ITALIC))
        explanation = _(
            "Change in {year}: what the decision changes from the day it takes effect to "
            "31 December; its sum is the year's committed total. Full-year effect: what it "
            "changes in a whole year. A reduction or a stopped service is a negative amount. "
            "CPR numbers show the birth date only."
        ).format(year=report.year)
        story += [Spacer(1, 6), Paragraph(markup(explanation), styles.SMALL)]
        return story

    def _summary(self) -> Flowable:
        report = self.report
        rows = [
            (_("Committee area"), markup(self.area)),
            (_("Decisions"), markup(str(len(report.lines)))),
            *frame_rows(report.year, report.frame_ore, report.committed_ore),
            (_("Full-year effect of the decisions"), markup(format_money(report.full_year_ore))),
        ]
        return facts_table(rows, label_width=SUMMARY_LABEL_WIDTH, width=SUMMARY_WIDTH)

    def _table(self) -> Flowable:
        report = self.report
        head = [
            _("Meeting"),
            _("No."),
            _("Citizen"),
            _("Service and tariff"),
            _("Extent"),
            _("Outcome"),
            _("Takes effect"),
            _("Change in {year}").format(year=report.year),
            _("Full-year effect"),
        ]
        rows = [self._row(line) for line in report.lines]
        count = ngettext(
            "Total, {count} decision", "Total, {count} decisions", len(report.lines)
        ).format(count=len(report.lines))
        total: list[Cell] = [
            cell(""),
            cell(""),
            cell(markup(count), styles.CELL_BOLD),
            *[cell("")] * 4,
            cell(markup(format_money(report.this_year_ore)), styles.CELL_BOLD_RIGHT),
            cell(markup(format_money(report.full_year_ore)), styles.CELL_BOLD_RIGHT),
        ]
        widths = [width * mm for width in COLUMNS]
        table = data_table(head, rows, widths, right_aligned=AMOUNT_COLUMNS, total=total)
        table.splitInRow = 0  # a decision's line is never cut across two pages
        # The total row never stands alone at the top of a page: it keeps the last line.
        table.setStyle(TableStyle([("NOSPLIT", (0, -2), (-1, -1))]))
        return table

    @staticmethod
    def _row(line: BudgetLine) -> list[Cell]:
        citizen = [cell(markup(line.citizen_name))]
        if line.cpr_masked:
            citizen.append(cell(markup(line.cpr_masked), styles.CELL_SMALL))
        service = [cell(markup(line.service))]
        if line.price_ore is not None:
            service.append(cell(markup(price_phrase(line.price_ore, line.unit)), styles.CELL_SMALL))
        extent = [cell(markup(line_extent(line)))]
        if line.previous_quantity is not None:
            previous = extent_phrase(line.previous_quantity, line.unit, line.frequency)
            before = _("before: {extent}").format(extent=previous)
            extent.append(cell(markup(before), styles.CELL_SMALL))
        if line.provider_unit.strip():
            extent.append(cell(markup(line.provider_unit), styles.CELL_SMALL))
        full_year = [cell(markup(format_money(line.full_year_ore)), styles.CELL_RIGHT)]
        if line.overridden:
            full_year.append(cell(markup(_("set by hand")), CELL_SMALL_RIGHT))
        return [
            cell(markup(format_date_short(line.meeting_date))),
            cell(f"{line.item_number}."),
            citizen,
            service,
            extent,
            cell(markup(label_of(Outcome, line.outcome))),
            cell(markup(format_date_short(line.takes_effect))),
            cell(markup(format_money(line.this_year_ore)), styles.CELL_RIGHT),
            full_year,
        ]


def line_extent(line: BudgetLine) -> str:
    """The extent the decision was costed on ('2,5 timer om ugen'), else as typed."""
    return extent_phrase(line.quantity, line.unit, line.frequency) or line.extent_text


# The CSV file ------------------------------------------------------------------------------

# A cell starting with one of these is a formula to a spreadsheet: text gets a ' in front.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_amount(ore: int | None) -> str:
    """'1234,50': kroner with a decimal comma and no thousands separator ('' for none)."""
    if ore is None:
        return ""
    return str(ore_to_decimal(ore)).replace(".", ",")


def csv_quantity(quantity: Decimal | None) -> str:
    """'2,5': the quantity as entered, with a decimal comma."""
    if quantity is None:
        return ""
    return format(quantity.normalize(), "f").replace(".", ",")


def csv_text(value: str) -> str:
    """User text as a cell that a spreadsheet shows as text, never runs as a formula."""
    text = " ".join(value.split())
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def budget_report_csv(report: BudgetReport) -> bytes:
    """The report's lines as CSV for Danish Excel: ';' between fields, UTF-8 with BOM."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            _("Meeting date"),
            _("Item"),
            _("Decision id"),
            _("Citizen"),
            _("CPR no."),
            _("Service"),
            _("Tariff"),
            _("Price (kr.)"),
            _("Unit"),
            _("Quantity"),
            _("Frequency"),
            _("Previous quantity"),
            _("Extent"),
            _("Provider unit"),
            _("Outcome"),
            _("Takes effect"),
            _("Change in {year} (kr.)").format(year=report.year),
            _("Full-year effect (kr.)"),
            _("Set by hand"),
            _("Reason for the amount"),
        ]
    )
    for line in report.lines:
        writer.writerow(
            [
                line.meeting_date.isoformat(),
                line.item_number,
                line.decision_id,
                csv_text(line.citizen_name),
                line.cpr_masked,
                csv_text(line.service),
                line.tariff_key,
                csv_amount(line.price_ore),
                _unit_label(line.unit),
                csv_quantity(line.quantity),
                _frequency_label(line.frequency),
                csv_quantity(line.previous_quantity),
                csv_text(line_extent(line)),
                csv_text(line.provider_unit),
                label_of(Outcome, line.outcome),
                line.takes_effect.isoformat() if line.takes_effect else "",
                csv_amount(line.this_year_ore),
                csv_amount(line.full_year_ore),
                _("Yes") if line.overridden else _("No"),
                csv_text(line.override_reason),
            ]
        )
    return stream.getvalue().encode("utf-8-sig")


def _unit_label(unit: str) -> str:
    return label_of(TariffUnit, unit)


def _frequency_label(frequency: str) -> str:
    return label_of(Frequency, frequency)
