"""Ordered versus delivered hours: a provider unit's CSV file of delivered hours imported, and
each unit's visitated hours set against what it delivered in a chosen month.

`choose_hours_file` is the only modal part; tests replace it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_decimal
from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.delivered_hours import UnitComparison, first_of_month, for_display
from visitation_app.domain.errors import UserError
from visitation_app.i18n import _, current_language, ngettext
from visitation_app.services import delivered_hours as hours_service
from visitation_app.store.database import Database
from visitation_app.ui.style import compact_rows, form_error_label

UNIT, VISITATED, DELIVERED, GAP, GAP_PERCENT = range(5)
NO_FIGURE = "–"
SHORTFALL_COLOUR = "#b42318"
"""A negative gap (fewer hours delivered than visitated): a dark red readable on white."""
FOLDER_KEY = "delivered_hours/folder"


def _locale() -> str:
    return "da_DK" if current_language() == "da" else "en_GB"


def format_hours(value: Decimal | None, *, signed: bool = False) -> str:
    """'1.234,50' (2 decimals, half up; '+12,50' when `signed`); '–' for no figure."""
    if value is None:
        return NO_FIGURE
    pattern = "+#,##0.00;-#,##0.00" if signed else "#,##0.00"
    shown = for_display(value)
    if shown == 0:
        pattern, shown = "#,##0.00", abs(shown)
    return format_decimal(shown, format=pattern, locale=_locale())


def month_in_text(month: dt.date) -> str:
    """'januar 2026' in Danish, 'January 2026' in English: as written inside a sentence."""
    return format_date(month, format="LLLL y", locale=_locale())


def month_label(month: dt.date) -> str:
    """'Januar 2026': a month on its own, as in the month picker."""
    text = month_in_text(month)
    return text[:1].upper() + text[1:]


def _start_folder() -> str:
    remembered = QSettings().value(FOLDER_KEY, "")
    if remembered and Path(str(remembered)).is_dir():
        return str(remembered)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return documents if documents and Path(documents).is_dir() else str(Path.home())


def choose_hours_file(parent: QWidget | None) -> Path | None:
    """Ask for the CSV file of delivered hours; None when the chair cancels."""
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import delivered hours"),
        _start_folder(),
        _("CSV files (*.csv);;All files (*)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    QSettings().setValue(FOLDER_KEY, str(path.parent))
    return path


class DeliveredHoursDialog(QDialog):
    """Import delivered hours and compare them, per provider unit, with the visitated hours."""

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Ordered and delivered hours"))
        self._db = db
        self._today = today
        self._rows: list[UnitComparison] = []

        explanation = QLabel(
            _(
                "Visitated hours: the hours a month of the granted decisions that name the unit "
                "as provider, on a tariff priced by the hour. Delivered hours: the unit's own "
                "figure, imported from its CSV file. Gap: delivered minus visitated; a negative "
                "gap (in red) means the unit delivered fewer hours than were visitated."
            )
        )
        explanation.setWordWrap(True)
        explanation.setObjectName("sectionHint")

        self.month = QComboBox()
        self.month.setMinimumContentsLength(14)
        self.month.currentIndexChanged.connect(self._show_month)
        month_label_widget = QLabel(_("&Month:"))
        month_label_widget.setBuddy(self.month)
        self.import_button = QPushButton(_("&Import delivered hours…"))
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self.import_file)
        top = QHBoxLayout()
        top.addWidget(month_label_widget)
        top.addWidget(self.month)
        top.addStretch(1)
        top.addWidget(self.import_button)

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.hide()
        self.problem_label = form_error_label()
        self.problem_list = QPlainTextEdit()
        self.problem_list.setReadOnly(True)
        self.problem_list.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.problem_list.setAccessibleName(_("Problems in the file"))
        self.problem_list.setMaximumHeight(self.problem_list.fontMetrics().lineSpacing() * 9)
        self.problem_list.hide()

        self.table = self._make_table()
        self.empty_label = QLabel()
        self.empty_label.setObjectName("sectionHint")
        self.empty_label.setWordWrap(True)
        self.unknown_label = QLabel()
        self.unknown_label.setObjectName("sectionHint")
        self.unknown_label.setWordWrap(True)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(top)
        layout.addWidget(self.result_label)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.problem_list)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.unknown_label)
        layout.addWidget(close)
        self.resize(860, 560)

        self.reload_months()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, 5)
        table.setHorizontalHeaderLabels(
            [_("Unit"), _("Visitated hours"), _("Delivered hours"), _("Gap"), _("Gap in %")]
        )
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        # Figures up to a million hours fit without the columns changing width between months.
        header.setMinimumSectionSize(table.fontMetrics().horizontalAdvance("+1.000.000,00") + 16)
        header.setSectionResizeMode(UNIT, QHeaderView.ResizeMode.Stretch)
        for column in (VISITATED, DELIVERED, GAP, GAP_PERCENT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            heading = table.horizontalHeaderItem(column)
            heading.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        compact_rows(table)
        return table

    # -- months ------------------------------------------------------------------------

    def _current_month(self) -> dt.date:
        return first_of_month(self._today or dt.date.today())

    def reload_months(self, select: dt.date | None = None) -> None:
        """The months with delivered hours and the current month, newest first; `select`
        (default: the newest month with delivered hours, else the current month) is shown."""
        delivered = hours_service.months_with_delivered_hours(self._db)
        months = sorted({*delivered, self._current_month()}, reverse=True)
        wanted = select or (delivered[0] if delivered else self._current_month())
        blocker = self.month.blockSignals(True)
        self.month.clear()
        for month in months:
            self.month.addItem(month_label(month), month.isoformat())
        self.month.setCurrentIndex(max(self.month.findData(wanted.isoformat()), 0))
        self.month.blockSignals(blocker)
        self._show_month()

    def selected_month(self) -> dt.date:
        month = self.month.currentData()
        return dt.date.fromisoformat(month) if month else self._current_month()

    # -- the table ---------------------------------------------------------------------

    def _show_month(self) -> None:
        month = self.selected_month()
        self._rows = hours_service.ordered_versus_delivered(self._db, month)
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            self._fill_row(index, row)
        self.empty_label.setText(
            _(
                "No unit has visitated or delivered hours in {month}. Import the units' files "
                "of delivered hours, or choose another month."
            ).format(month=month_in_text(month))
        )
        self.empty_label.setVisible(not self._rows)
        unknown = [row for row in self._rows if row.unknown_tariffs]
        self.unknown_label.setText(
            "\n".join(
                _(
                    "* {unit}: decisions on tariffs the catalog does not know ({keys}) are not "
                    "counted."
                ).format(unit=row.unit, keys=", ".join(row.unknown_tariffs))
                for row in unknown
            )
        )
        self.unknown_label.setVisible(bool(unknown))

    def _fill_row(self, index: int, row: UnitComparison) -> None:
        unit = QTableWidgetItem(f"{row.unit} *" if row.unknown_tariffs else row.unit)
        unit.setToolTip(row.unit)
        cells = {
            UNIT: unit,
            VISITATED: QTableWidgetItem(format_hours(row.visitated_hours)),
            DELIVERED: QTableWidgetItem(format_hours(row.delivered_hours)),
            GAP: QTableWidgetItem(format_hours(row.gap, signed=True)),
            GAP_PERCENT: QTableWidgetItem(format_hours(row.gap_percent, signed=True)),
        }
        cells[VISITATED].setToolTip(
            ngettext(
                "From {count} decision with hours",
                "From {count} decisions with hours",
                row.decisions,
            ).format(count=row.decisions)
        )
        if row.delivered_hours is None:
            cells[DELIVERED].setToolTip(_("No delivered hours imported for this month."))
        shortfall = row.gap is not None and for_display(row.gap) < 0
        for column, cell in cells.items():
            if column != UNIT:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if shortfall and column in (GAP, GAP_PERCENT):
                cell.setForeground(QBrush(QColor(SHORTFALL_COLOUR)))
                font = QFont(cell.font())
                font.setBold(True)
                cell.setFont(font)
                cell.setToolTip(_("The unit delivered fewer hours than were visitated."))
            self.table.setItem(index, column, cell)

    # -- importing ---------------------------------------------------------------------

    def import_file(self) -> bool:
        """Ask for a CSV file and import it whole; its problems, by line, when it is refused."""
        path = choose_hours_file(self)
        if path is None:
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = hours_service.import_delivered_hours(self._db, path, today=self._today)
        except hours_service.HoursFileError as error:
            self._show_problems(error.headline, error.details)
            return False
        except UserError as error:
            self._show_problems(str(error), "")
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_problems("", "")
        self.result_label.setText(result.summary())
        self.result_label.show()
        self.reload_months(select=result.months[-1] if result.months else None)
        return True

    def _show_problems(self, headline: str, details: str) -> None:
        self.result_label.hide()
        self.problem_label.setText(headline)
        self.problem_label.setVisible(bool(headline))
        self.problem_list.setPlainText(details)
        self.problem_list.setVisible(bool(details))


def open_delivered_hours(parent: QWidget | None, db: Database) -> None:
    """Show the ordered-versus-delivered-hours window (modal) until the chair closes it."""
    dialog = DeliveredHoursDialog(db, parent)
    dialog.exec()
