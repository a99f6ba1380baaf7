"""The agenda while it is planned: standard items, order (drag, Ctrl+Up/Down), time boxes.

Each case line shows under its title whether the case is ready for the committee.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.agenda import MAX_TIME_BOX, MIN_TIME_BOX
from visitation_app.domain.errors import UserError
from visitation_app.domain.records import AgendaItemRecord
from visitation_app.domain.vocabulary import AgendaItemKind
from visitation_app.formatting import format_minutes, format_time
from visitation_app.i18n import _
from visitation_app.services import agenda
from visitation_app.store.database import Database
from visitation_app.ui.before.agenda_model import AgendaModel
from visitation_app.ui.before.readiness_delegate import ReadinessDelegate
from visitation_app.ui.messages import confirm, show_error
from visitation_app.ui.style import compact_rows

Index = QModelIndex | QPersistentModelIndex


class MinutesDelegate(QStyledItemDelegate):
    """A spin box for the time box column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QSpinBox(parent)
        editor.setRange(MIN_TIME_BOX, MAX_TIME_BOX)
        editor.setSingleStep(5)
        editor.setSuffix(_(" min"))
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        return editor


class AgendaTableView(QTableView):
    """The table; it keeps its own keys (move, delete, undo) from the window's shortcuts."""

    move_requested = Signal(int)  # -1 up, +1 down
    delete_requested = Signal()
    undo_requested = Signal()
    redo_requested = Signal()

    @staticmethod
    def _command(event: QKeyEvent) -> str | None:
        """The agenda command a key press asks for, if any."""
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl = Qt.KeyboardModifier.ControlModifier
        if key == Qt.Key.Key_Delete and modifiers == Qt.KeyboardModifier.NoModifier:
            return "delete"
        if modifiers == ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            return "move_up" if key == Qt.Key.Key_Up else "move_down"
        if event.matches(QKeySequence.StandardKey.Undo):
            return "undo"
        if event.matches(QKeySequence.StandardKey.Redo) or (
            key == Qt.Key.Key_Z and modifiers == ctrl | Qt.KeyboardModifier.ShiftModifier
        ):
            return "redo"
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._command(event):  # type: ignore[arg-type]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        command = self._command(event)
        if command is None and event.key() == Qt.Key.Key_F2 and self.currentIndex().isValid():
            self.edit(self.model().index(self.currentIndex().row(), AgendaModel.MINUTES))
            return
        if command == "move_up":
            self.move_requested.emit(-1)
        elif command == "move_down":
            self.move_requested.emit(1)
        elif command == "delete":
            self.delete_requested.emit()
        elif command == "undo":
            self.undo_requested.emit()
        elif command == "redo":
            self.redo_requested.emit()
        else:
            super().keyPressEvent(event)


class AgendaPanel(QGroupBox):
    """The agenda table with its buttons and the planned duration under it."""

    item_selected = Signal(object)  # AgendaItemRecord or None
    changed = Signal()
    failed = Signal(str)
    print_requested = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(_("Agenda"), parent)
        self._db = db
        self._meeting_id: int | None = None
        self._read_only = False
        self._selected_id: int | None = None
        self._announced: tuple[int, int] | None = None
        self.model = AgendaModel(db, self)
        self.model.changed.connect(self.changed)
        self.model.failed.connect(self._show_failure)
        self.model.reloaded.connect(self._after_reload)
        self.model.item_moved.connect(self.select_item)

        self.table = AgendaTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(AgendaModel.MINUTES, MinutesDelegate(self.table))
        self.table.setItemDelegateForColumn(AgendaModel.TITLE, ReadinessDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        compact_rows(self.table)
        # A case line is two lines high: its title, and how far it is prepared.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(AgendaModel.NUMBER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaModel.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(AgendaModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(AgendaModel.MINUTES, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setAccessibleName(_("Agenda"))
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.pressed.connect(lambda _index: self._announce(force=True))
        self.table.move_requested.connect(self.move_selected)
        self.table.delete_requested.connect(self.remove_selected)
        self.table.undo_requested.connect(self.model.undo_stack.undo)
        self.table.redo_requested.connect(self.model.undo_stack.redo)

        self.add_button = QPushButton(_("Add item"))
        menu = QMenu(self.add_button)
        for kind in (
            AgendaItemKind.APPROVE_AGENDA,
            AgendaItemKind.FOLLOW_UP,
            AgendaItemKind.ANY_OTHER_BUSINESS,
        ):
            action = QAction(kind.label, menu)
            action.triggered.connect(lambda _checked=False, k=kind: self.add_standard_item(k))
            menu.addAction(action)
        other = QAction(_("Other item…"), menu)
        other.triggered.connect(lambda: self.add_standard_item(AgendaItemKind.OTHER))
        menu.addAction(other)
        self.add_button.setMenu(menu)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setToolTip(_("Move the selected item up (Ctrl+Up)"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setToolTip(_("Move the selected item down (Ctrl+Down)"))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button = QPushButton(_("Remove"))
        self.remove_button.setToolTip(_("Take the selected item off the agenda (Delete)"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.up_button)
        buttons.addWidget(self.down_button)
        buttons.addWidget(self.remove_button)

        self.total_label = QLabel()
        self.total_label.setObjectName("agendaTotal")
        self.total_label.setWordWrap(True)
        self.print_button = QPushButton(_("Print agenda (PDF)…"))
        self.print_button.clicked.connect(self.print_requested)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total_label)
        layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignRight)
        self._update_state()

    def undo_stack(self) -> QUndoStack:
        """The agenda's undo history (moves and time boxes), for the Edit menu."""
        return self.model.undo_stack

    # -- loading ---------------------------------------------------------------------------

    def set_meeting(self, meeting_id: int | None, read_only: bool) -> None:
        if meeting_id != self._meeting_id:
            self._selected_id = None
            self._announced = None  # an item id of another meeting may come again
        self._meeting_id = meeting_id
        self._read_only = read_only
        self.model.set_read_only(read_only)
        self.model.set_meeting(meeting_id)
        self.table.setDragEnabled(not read_only)

    def reload(self) -> None:
        self.model.reload()

    def select_item(self, item_id: int | None) -> None:
        row = self.model.row_of(item_id)
        if row is None:
            self.table.clearSelection()
            return
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, AgendaModel.TITLE))

    def selected_item(self) -> AgendaItemRecord | None:
        index = self.table.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def _after_reload(self) -> None:
        if self._selected_id is not None and self.model.row_of(self._selected_id) is not None:
            self.select_item(self._selected_id)
        self._update_total()
        self._update_state()
        self._announce()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current.row()) if current.isValid() else None
        if item is not None or self.model.rowCount() == 0:
            self._selected_id = item.id if item else None
        self._update_state()
        self._announce()

    def _announce(self, force: bool = False) -> None:
        """Tell which item is selected, when it (or its number) changed or it was clicked."""
        item = self.selected_item()
        key = (item.id, item.number) if item else None
        if force or key != self._announced:
            self._announced = key
            self.item_selected.emit(item)

    def _update_total(self) -> None:
        dossier = self.model.dossier
        if dossier is None or not dossier.items:
            self.total_label.setText(_("No items on the agenda yet."))
            return
        end = format_time(dossier.ends_at)
        if dossier.ends_at.date() != dossier.starts_at.date():
            end = _("{time} the next day").format(time=end)
        self.total_label.setText(
            _("Planned duration {duration} · ends {time}").format(
                duration=format_minutes(dossier.planned_minutes), time=end
            )
        )

    def _update_state(self) -> None:
        has_meeting = self._meeting_id is not None
        editable = has_meeting and not self._read_only
        row = self.table.currentIndex().row() if self.table.currentIndex().isValid() else -1
        self.add_button.setEnabled(editable)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < self.model.rowCount() - 1)
        self.remove_button.setEnabled(editable and row >= 0)
        self.print_button.setEnabled(has_meeting)

    def _show_failure(self, message: str) -> None:
        self.failed.emit(message)
        show_error(self, UserError(message))

    # -- actions ---------------------------------------------------------------------------

    def move_selected(self, step: int) -> None:
        index = self.table.currentIndex()
        if not index.isValid() or self._read_only:
            return
        self.model.move(index.row(), index.row() + step)
        self.table.setFocus()

    def add_standard_item(self, kind: AgendaItemKind) -> None:
        if self._meeting_id is None:
            return
        title = ""
        if kind == AgendaItemKind.OTHER:
            title, ok = QInputDialog.getText(
                self, _("Other item"), _("Title of the item:"), text=""
            )
            if not ok:
                return
        try:
            item = agenda.add_standard_item(self._db, self._meeting_id, kind.value, title=title)
        except UserError as error:
            show_error(self, error, _("The item was not added"))
            return
        self.item_added(item.id)

    def item_added(self, item_id: int) -> None:
        """Show a new item (added here or from the list of cases) and announce the change."""
        self._selected_id = item_id
        self.model.reload()
        self.select_item(item_id)
        self.changed.emit()

    def remove_selected(self) -> None:
        item = self.selected_item()
        if item is None or self._read_only:
            return
        has_content = bool(item.notes.strip()) or (
            item.decision is not None and item.decision.holds_anything
        )
        if has_content and not confirm(
            self,
            _("Remove item"),
            _(
                "Item {number}, “{title}”, has notes or a decision. Remove it from the agenda "
                "with its notes, decision and action items? This cannot be undone."
            ).format(number=item.number, title=item.title),
        ):
            return
        row = self.model.row_of(item.id) or 0
        try:
            agenda.remove_item(self._db, item.id)
        except UserError as error:
            show_error(self, error, _("The item was not removed"))
            return
        # Earlier moves refer to places on an agenda that no longer exists as it was.
        self.model.undo_stack.clear()
        self._selected_id = None
        self.model.reload()
        if self.model.rowCount():
            next_item = self.model.item(min(row, self.model.rowCount() - 1))
            self.select_item(next_item.id if next_item else None)
        self.changed.emit()
