"""Budget frames: the amount each area has for a year, which its decisions are set against."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError, ValidationError
from visitation_app.domain.vocabulary import CommitteeArea
from visitation_app.formatting import format_money
from visitation_app.i18n import _
from visitation_app.services import budget as budget_service
from visitation_app.store.database import Database
from visitation_app.ui.messages import confirm
from visitation_app.ui.style import compact_rows, form_error_label, mark_invalid
from visitation_app.ui.widgets import MoneyEdit

AREA, YEAR, AMOUNT = range(3)


def _area_label(area: str) -> str:
    try:
        return CommitteeArea(area).label
    except ValueError:
        return area


class BudgetFramesDialog(QDialog):
    """Add, change and remove the budget frame of an area and year."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        area: str | None = None,
        year: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Budget frames"))
        self._db = db
        self._rows: list[budget_service.FrameRow] = []
        self.changed = False
        """True once a frame was saved or removed (the caller refreshes what shows budgets)."""

        intro = QLabel(
            _(
                "The frame of an area and a year is the amount the decisions taking effect "
                "that year are set against (from the day they take effect to 31 December)."
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Area"), _("Year"), _("Frame")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AREA, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(YEAR, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AMOUNT, QHeaderView.ResizeMode.ResizeToContents)
        compact_rows(self.table)
        self.table.itemSelectionChanged.connect(self._on_selected)
        self.empty_label = QLabel(_("No budget frames yet. Set the first one below."))
        self.empty_label.setObjectName("sectionHint")

        self.area = QComboBox()
        for code, label in CommitteeArea.choices():
            self.area.addItem(label, code)
        self.year = QSpinBox()
        self.year.setRange(budget_service.MIN_YEAR, budget_service.MAX_YEAR)
        self.year.setValue(year or dt.date.today().year)
        self.amount = MoneyEdit()
        self.amount.setPlaceholderText(_("e.g. 2.500.000,00"))
        self.amount.setMinimumWidth(150)
        self.amount.textEdited.connect(lambda _text: mark_invalid(self.amount, None))
        if area is not None:
            self.area.setCurrentIndex(max(self.area.findData(area), 0))

        editors = QHBoxLayout()
        for text, editor in (
            (_("&Area:"), self.area),
            (_("&Year:"), self.year),
            (_("&Frame:"), self.amount),
        ):
            label = QLabel(text)
            label.setBuddy(editor)
            editors.addWidget(label)
            editors.addWidget(editor, 1 if editor is self.area else 0)
        editors.addWidget(QLabel(_("kr.")))
        self.error_label = form_error_label()

        self.save_button = QPushButton(_("&Save frame"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_frame)
        self.remove_button = QPushButton(_("&Remove frame…"))
        self.remove_button.setAutoDefault(False)
        self.remove_button.clicked.connect(self.remove_frame)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for button in close.buttons():
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(editors)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.resize(560, 420)

        self.reload()
        self._select(self.area.currentData(), self.year.value())

    # -- the table ---------------------------------------------------------------------

    def reload(self) -> None:
        self._rows = budget_service.list_frames(self._db)
        blocker = self.table.blockSignals(True)
        self.table.setRowCount(len(self._rows))
        for index, row in enumerate(self._rows):
            cells = (_area_label(row.area), str(row.year), format_money(row.amount_ore))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column != AREA:
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(index, column, cell)
        self.table.clearSelection()
        self.table.blockSignals(blocker)
        self.empty_label.setVisible(not self._rows)
        self._on_selected()

    def frames(self) -> list[budget_service.FrameRow]:
        return list(self._rows)

    def _select(self, area: str, year: int) -> None:
        for index, row in enumerate(self._rows):
            if (row.area, row.year) == (area, year):
                self.table.selectRow(index)
                return

    def _selected(self) -> budget_service.FrameRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self._rows[rows[0].row()] if rows else None

    def _on_selected(self) -> None:
        row = self._selected()
        self.remove_button.setEnabled(row is not None)
        if row is None:
            return
        self.area.setCurrentIndex(max(self.area.findData(row.area), 0))
        self.year.setValue(row.year)
        self.amount.set_value(row.amount_ore)
        mark_invalid(self.amount, None)
        self._show_error(None)

    # -- saving ------------------------------------------------------------------------

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def save_frame(self) -> bool:
        """Set the frame of the chosen area and year to the amount typed."""
        area, year = self.area.currentData(), self.year.value()
        try:
            amount = self.amount.value()
            if amount is None:
                raise ValidationError(
                    _("Type the frame in kroner, for example 2.500.000,00."), field="amount_ore"
                )
            budget_service.set_frame(self._db, area, year, amount)
        except UserError as error:
            if getattr(error, "field", None) in (None, "amount_ore"):
                mark_invalid(self.amount, str(error))
                self.amount.setFocus()
            self._show_error(str(error))
            return False
        mark_invalid(self.amount, None)
        self._show_error(None)
        self.changed = True
        self.reload()
        self._select(area, year)
        return True

    def remove_frame(self) -> bool:
        row = self._selected()
        if row is None:
            return False
        if not confirm(
            self,
            _("Remove the budget frame"),
            _("Remove the budget frame of {area} {year} ({amount})?").format(
                area=_area_label(row.area), year=row.year, amount=format_money(row.amount_ore)
            ),
        ):
            return False
        try:
            budget_service.set_frame(self._db, row.area, row.year, None)
        except UserError as error:
            self._show_error(str(error))
            return False
        self.changed = True
        self.amount.clear()
        self._show_error(None)
        self.reload()
        return True
