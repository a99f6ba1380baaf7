"""Who is invited: name, role and organisation, edited in the table and saved at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.records import ParticipantRecord
from visitation_app.domain.validation import SHORT_TEXT_MAX
from visitation_app.domain.vocabulary import ParticipantRole
from visitation_app.i18n import _
from visitation_app.services import participants
from visitation_app.store.database import Database
from visitation_app.ui.messages import confirm
from visitation_app.ui.rows_model import RowsTableModel
from visitation_app.ui.style import compact_rows, form_error_label, mark_invalid

Index = QModelIndex | QPersistentModelIndex
_FIELDS = ("name", "role", "organisation")


def fill_role_combo(combo: QComboBox) -> None:
    for code, label in ParticipantRole.choices():
        combo.addItem(label, code)


class ParticipantsModel(RowsTableModel):
    """The meeting's participants; an edit in a cell is saved through the service at once."""

    NAME, ROLE, ORGANISATION = range(3)

    saved = Signal()
    failed = Signal(str)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._read_only = False

    def headings(self) -> tuple[str, ...]:
        return (_("Name"), _("Role"), _("Organisation"))

    def set_rows(self, rows: list[ParticipantRecord], read_only: bool) -> None:
        self._read_only = read_only
        self.replace_rows(rows)

    def participant(self, row: int) -> ParticipantRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        person = self.participant(index.row()) if index.isValid() else None
        if person is None:
            return None
        value = getattr(person, _FIELDS[index.column()])
        if role == Qt.ItemDataRole.DisplayRole:
            return ParticipantRole(value).label if index.column() == self.ROLE else value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = (person.name, ParticipantRole(person.role).label, person.organisation)
            return "\n".join(part for part in parts if part)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and not self._read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        person = self.participant(index.row()) if index.isValid() else None
        if person is None or role != Qt.ItemDataRole.EditRole:
            return False
        field = _FIELDS[index.column()]
        if value == getattr(person, field):
            return True
        try:
            row = participants.update_participant(self._db, person.id, **{field: value})
        except UserError as error:
            self.failed.emit(str(error))
            return False
        self._rows[index.row()] = ParticipantRecord(
            row.id, row.name, row.role, row.organisation, row.present
        )
        self.dataChanged.emit(index, index)
        self.saved.emit()
        return True


class RoleDelegate(QStyledItemDelegate):
    """A drop-down of the roles for the role column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        combo = QComboBox(parent)
        fill_role_combo(combo)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        combo: QComboBox = editor  # type: ignore[assignment]
        combo.setCurrentIndex(max(0, combo.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        combo: QComboBox = editor  # type: ignore[assignment]
        model.setData(index, combo.currentData(), Qt.ItemDataRole.EditRole)


class ParticipantsTable(QTableView):
    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.state() != self.State.EditingState:
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class ParticipantsPanel(QGroupBox):
    """The participants table with a row for adding someone under it."""

    changed = Signal()
    failed = Signal(str)
    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Participants"), parent)
        self._db = db
        self._meeting_id: int | None = None
        self._read_only = False
        self.model = ParticipantsModel(db, self)
        self.model.saved.connect(self.saved)
        self.model.saved.connect(self.changed)
        self.model.failed.connect(self.failed)
        self.model.failed.connect(self._show_edit_problem)
        self.model.saved.connect(lambda: self.error_label.hide())

        self.table = ParticipantsTable()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ParticipantsModel.ROLE, RoleDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ParticipantsModel.NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ParticipantsModel.ROLE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            ParticipantsModel.ORGANISATION, QHeaderView.ResizeMode.Interactive
        )
        header.resizeSection(ParticipantsModel.ORGANISATION, 90)
        compact_rows(self.table)
        self.table.setAccessibleName(_("Participants"))
        self.table.delete_requested.connect(self.remove_selected)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._update_state())

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("Name"))
        self.name_edit.setMaxLength(SHORT_TEXT_MAX)
        self.name_edit.setAccessibleName(_("Name of the new participant"))
        self.role_combo = QComboBox()
        fill_role_combo(self.role_combo)
        self.role_combo.setCurrentIndex(self.role_combo.findData(ParticipantRole.CASE_WORKER))
        self.role_combo.setAccessibleName(_("Role of the new participant"))
        self.organisation_edit = QLineEdit()
        self.organisation_edit.setPlaceholderText(_("Organisation (optional)"))
        self.organisation_edit.setMaxLength(SHORT_TEXT_MAX)
        self.add_button = QPushButton(_("Add"))
        self.add_button.setToolTip(_("Add the participant (Enter)"))
        self.add_button.clicked.connect(lambda: self.add_participant())
        self.name_edit.returnPressed.connect(lambda: self.add_participant())
        self.organisation_edit.returnPressed.connect(lambda: self.add_participant())
        self.name_edit.textEdited.connect(lambda: self._show_problem(None))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Remove the selected participant (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.error_label = form_error_label()

        adder = QGridLayout()
        adder.addWidget(self.name_edit, 0, 0)
        adder.addWidget(self.role_combo, 0, 1)
        adder.addWidget(self.organisation_edit, 1, 0)
        adder.addWidget(self.add_button, 1, 1)
        adder.setColumnStretch(0, 3)
        adder.setColumnStretch(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        layout.addLayout(adder)
        layout.addWidget(self.error_label)
        self._update_state()

    def set_meeting(
        self, meeting_id: int | None, rows: list[ParticipantRecord], read_only: bool
    ) -> None:
        if meeting_id != self._meeting_id:
            self.save_pending()  # a name typed but not yet added belongs to the old meeting
            self.discard_pending()
        self._meeting_id = meeting_id
        self._read_only = read_only
        current = self.table.currentIndex()
        self.model.set_rows(rows, read_only)
        if current.isValid() and current.row() < self.model.rowCount():
            self.table.selectRow(current.row())
        self._update_state()

    def save_pending(self) -> bool:
        """Add the participant typed in the "new" row (as Enter would); False if refused.

        A chair who typed a name and then switched meeting expects the person to be on the
        list, like everything else typed in the app; nothing typed: nothing to do.
        """
        if not self.name_edit.text().strip() or self._meeting_id is None or self._read_only:
            return True
        return self.add_participant(keep_focus=False)

    def discard_pending(self) -> None:
        """Empty the "new participant" row (the chair chose to let it go)."""
        self.name_edit.clear()
        self.organisation_edit.clear()
        self._show_problem(None)

    def _update_state(self) -> None:
        editable = self._meeting_id is not None and not self._read_only
        for widget in (self.name_edit, self.role_combo, self.organisation_edit, self.add_button):
            widget.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.table.currentIndex().isValid())

    def _show_edit_problem(self, message: str) -> None:
        """An edit in the table was refused: the table keeps the old value, this says why."""
        self.error_label.setText(message)
        self.error_label.show()

    def _show_problem(self, message: str | None) -> None:
        mark_invalid(self.name_edit, message)
        self.error_label.setText(message or "")
        self.error_label.setVisible(message is not None)

    def _reload(self, select_row: int | None = None) -> None:
        rows = [
            ParticipantRecord(p.id, p.name, p.role, p.organisation, p.present)
            for p in participants.list_participants(self._db, self._meeting_id)
        ]
        self.model.set_rows(rows, self._read_only)
        if select_row is not None and self.model.rowCount():
            self.table.selectRow(min(select_row, self.model.rowCount() - 1))
        self._update_state()

    def add_participant(self, *, keep_focus: bool = True) -> bool:
        """Add the person in the "new" row; False (and the reason shown) if refused."""
        if self._meeting_id is None or self._read_only:
            return False
        try:
            participants.add_participant(
                self._db,
                self._meeting_id,
                name=self.name_edit.text(),
                role=self.role_combo.currentData(),
                organisation=self.organisation_edit.text(),
            )
        except UserError as error:
            self._show_problem(str(error))
            if keep_focus:
                self.name_edit.setFocus()
            return False
        self._show_problem(None)
        self.name_edit.clear()
        self.organisation_edit.clear()
        if keep_focus:
            self.name_edit.setFocus()
        self._reload(select_row=self.model.rowCount())
        self.saved.emit()
        self.changed.emit()
        return True

    def remove_selected(self) -> None:
        index = self.table.currentIndex()
        person = self.model.participant(index.row()) if index.isValid() else None
        if person is None or self._read_only:
            return
        if not confirm(
            self,
            _("Remove participant"),
            _("Remove {name} from the participants?").format(name=person.name),
        ):
            return
        try:
            participants.remove_participant(self._db, person.id)
        except UserError as error:
            self.failed.emit(str(error))
            return
        self._reload(select_row=index.row())
        self.changed.emit()
