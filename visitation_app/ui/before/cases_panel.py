"""'Cases for the meeting': the area's cases not yet on this agenda, and new cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.formatting import format_date_short
from visitation_app.i18n import _
from visitation_app.services import agenda, cases
from visitation_app.store.database import Database
from visitation_app.ui.before.case_dialog import NewCaseDialog
from visitation_app.ui.cpr_display import cpr_display_changed, shown_cpr
from visitation_app.ui.messages import show_error
from visitation_app.ui.rows_model import RowsTableModel
from visitation_app.ui.style import compact_rows

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


def first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0] if lines else ""


class AvailableCasesModel(RowsTableModel):
    """Cases of one area that are not on the meeting's agenda."""

    CITIZEN, APPLIED_FOR, RECEIVED = range(3)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        cpr_display_changed().connect(self.show_cpr)

    @Slot()
    def show_cpr(self) -> None:
        """Show the citizens' CPR numbers again as the setting now says (masked or whole)."""
        if self._rows:
            last = self.index(len(self._rows) - 1, self.CITIZEN)
            self.dataChanged.emit(self.index(0, self.CITIZEN), last)

    def headings(self) -> tuple[str, ...]:
        return (_("Citizen"), _("Applied for"), _("Received"))

    def set_cases(self, rows: list[Any]) -> None:
        self.replace_rows(rows)

    def case_id(self, row: int) -> int:
        return self._rows[row].id

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        case = self._rows[index.row()]
        column = index.column()
        if role == CASE_ID_ROLE:
            return case.id
        if role == SEARCH_ROLE:
            # The whole number is searched (typed with or without the dash), even when masked.
            cpr = (case.cpr, case.cpr.replace("-", ""))
            return " ".join((case.citizen_name, *cpr, case.reference, case.applied_for))
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.CITIZEN:
                cpr = shown_cpr(case.cpr)
                return f"{case.citizen_name} ({cpr})" if cpr else case.citizen_name
            if column == self.APPLIED_FOR:
                return first_line(case.applied_for)
            return format_date_short(case.received_on)
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [case.citizen_name, case.reference, case.applied_for.strip()]
            return "\n".join(part for part in parts if part)
        return None


class CasesTableView(QTableView):
    """Enter puts the selected case on the agenda."""

    activated_key = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_key.emit()
            return
        super().keyPressEvent(event)


class CasesPanel(QGroupBox):
    """The list of cases waiting for this meeting, with "New case…" and "Put on agenda"."""

    case_selected = Signal(object)  # case id or None
    item_added = Signal(int)  # agenda item id
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Cases for the meeting"), parent)
        self._db = db
        self._meeting_id: int | None = None
        self._area: str | None = None
        self._on: dt.date | None = None
        self._read_only = False
        self._on_agenda: set[int] = set()
        self._shown_id: int | None = None
        self.model = AvailableCasesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)

        self.search = QLineEdit()
        self.search.setPlaceholderText(_("Search name, CPR or case number"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = CasesTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AvailableCasesModel.CITIZEN, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(AvailableCasesModel.APPLIED_FOR, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            AvailableCasesModel.RECEIVED, QHeaderView.ResizeMode.ResizeToContents
        )
        header.resizeSection(AvailableCasesModel.CITIZEN, 190)
        self.table.setAccessibleName(_("Cases for the meeting"))
        self.table.doubleClicked.connect(lambda _index: self.put_on_agenda())
        self.table.activated_key.connect(self.put_on_agenda)
        self.table.pressed.connect(lambda _index: self._announce(force=True))
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._announce())

        self.new_button = QPushButton(_("New case…"))
        self.new_button.clicked.connect(self.new_case)
        self.add_button = QPushButton(_("Put on agenda"))
        self.add_button.setToolTip(_("Put the selected case on the agenda (Enter or double-click)"))
        self.add_button.clicked.connect(self.put_on_agenda)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._update_state()

    def set_meeting(
        self,
        meeting_id: int | None,
        area: str | None,
        on_agenda: set[int],
        read_only: bool,
        *,
        on: dt.date | None = None,
    ) -> None:
        """Show the area's cases that are not among `on_agenda` (case ids).

        `on` is the meeting's date: a new case is offered the legal bases valid then.
        """
        same_meeting = meeting_id == self._meeting_id
        self._meeting_id = meeting_id
        self._on = on
        self._area = area
        self._read_only = read_only
        self._on_agenda = set(on_agenda)
        current = self.selected_case_id()
        current_row = self.table.currentIndex().row()
        rows = [] if area is None else cases.list_awaiting_cases(self._db, area, meeting_id)
        self.model.set_cases([case for case in rows if case.id not in on_agenda])
        if not self.select_case(current) and same_meeting and current_row >= 0:
            # The case just went on the agenda: keep the keyboard on the next one in the
            # list (Enter again puts that one on too), without showing it beside.
            count = self.proxy.rowCount()
            if count:
                self._shown_id = self.proxy.index(min(current_row, count - 1), 0).data(CASE_ID_ROLE)
                self.select_case(self._shown_id)
        self._update_state()

    def selected_case_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.proxy.data(index, CASE_ID_ROLE) if index.isValid() else None

    def select_case(self, case_id: int | None) -> bool:
        """Select the case in the list; False (and nothing selected) when it is not there."""
        for row in range(self.proxy.rowCount()):
            if case_id is not None and self.proxy.index(row, 0).data(CASE_ID_ROLE) == case_id:
                self.table.selectRow(row)
                return True
        self.table.setCurrentIndex(QModelIndex())
        self.table.clearSelection()
        return False

    def _announce(self, force: bool = False) -> None:
        self._update_state()
        case_id = self.selected_case_id()
        if force or case_id != self._shown_id:
            self._shown_id = case_id
            if case_id is not None or not force:
                self.case_selected.emit(case_id)

    def _update_state(self) -> None:
        editable = self._meeting_id is not None and not self._read_only
        self.new_button.setEnabled(editable)
        self.add_button.setEnabled(editable and self.table.currentIndex().isValid())
        self.search.setEnabled(self._meeting_id is not None)

    def put_on_agenda(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None or self._meeting_id is None or self._read_only:
            return
        self._add(case_id)

    def _add(self, case_id: int) -> None:
        try:
            item = agenda.add_case_item(self._db, self._meeting_id, case_id)
        except UserError as error:
            show_error(self, error, _("The case was not put on the agenda"))
            return
        self._shown_id = None
        self.item_added.emit(item.id)

    def new_case(self) -> None:
        if self._meeting_id is None or self._area is None or self._read_only:
            return
        dialog = NewCaseDialog(self._db, self._area, self, on=self._on)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.case_id is None:
            return
        if dialog.put_on_agenda:
            self._add(dialog.case_id)
        else:
            self.search.clear()
            self.set_meeting(
                self._meeting_id, self._area, self._on_agenda, self._read_only, on=self._on
            )
            self.select_case(dialog.case_id)
            self._announce(force=True)
