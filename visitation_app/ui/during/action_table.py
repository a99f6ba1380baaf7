"""Action items of one agenda item: what is to be done, by whom, by when; edited in place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.records import ActionRecord
from visitation_app.i18n import _
from visitation_app.services import actions as action_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.messages import confirm, show_error
from visitation_app.ui.widgets import OptionalDateEdit

OWNER_WIDTH = 170
DUE_WIDTH = 120


class ActionRow(QWidget):
    """One action item's editors. Its own autosaver goes away with the row."""

    remove_requested = Signal(object)

    def __init__(self, db: Database, action: ActionRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action_id = action.id
        self.autosaver = Autosaver()
        self.destroyed.connect(self.autosaver.discard)
        self.description = QLineEdit(action.description)
        self.description.setPlaceholderText(_("What is to be done"))
        self.owner = QLineEdit(action.owner)
        self.owner.setPlaceholderText(_("Who"))
        self.owner.setFixedWidth(OWNER_WIDTH)
        self.due_date = OptionalDateEdit()
        self.due_date.set_value(action.due_date)
        self.due_date.setFixedWidth(DUE_WIDTH)
        self.remove_button = QToolButton()
        self.remove_button.setText(_("Remove"))
        self.remove_button.setToolTip(_("Remove this action item"))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.description, 1)
        layout.addWidget(self.owner)
        layout.addWidget(self.due_date)
        layout.addWidget(self.remove_button)

        def save(field: str) -> Callable[[object], None]:
            return lambda value: action_service.update_action(db, action.id, **{field: value})

        self.autosaver.bind(self.description, save("description"))
        self.autosaver.bind(self.owner, save("owner"))
        self.autosaver.bind(self.due_date, save("due_date"))

    def set_read_only(self, read_only: bool) -> None:
        self.description.setReadOnly(read_only)
        self.owner.setReadOnly(read_only)
        self.due_date.setReadOnly(read_only)
        self.remove_button.setEnabled(not read_only)


class ActionTable(QGroupBox):
    """The item's action items with 'Add' and per-row 'Remove'; every edit is saved as typed."""

    saved = Signal()
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        item_id: int,
        actions: tuple[ActionRecord, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(_("Action items"), parent)
        self._db = db
        self._meeting_id = meeting_id
        self._item_id = item_id
        self.rows: list[ActionRow] = []

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        what = QLabel(_("What"))
        owner = QLabel(_("Owner"))
        owner.setFixedWidth(OWNER_WIDTH)
        due = QLabel(_("Due date"))
        due.setFixedWidth(DUE_WIDTH)
        header.addWidget(what, 1)
        header.addWidget(owner)
        header.addWidget(due)
        # An invisible twin of the rows' "Remove" button keeps the captions above their fields.
        twin = QToolButton()
        twin.setText(_("Remove"))
        policy = twin.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        twin.setSizePolicy(policy)
        twin.hide()
        header.addWidget(twin)
        self._header = QWidget()
        self._header.setLayout(header)
        self._empty = QLabel(_("No action items for this item."))

        self.add_button = QPushButton(_("Add action item"))
        self.add_button.clicked.connect(self.add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)

        self._rows_layout = QVBoxLayout()
        self._rows_layout.setSpacing(3)
        layout = QVBoxLayout(self)
        layout.addWidget(self._header)
        layout.addWidget(self._empty)
        layout.addLayout(self._rows_layout)
        layout.addLayout(buttons)

        for action in actions:
            self._append(action)
        self._update_empty()

    def _append(self, action: ActionRecord) -> ActionRow:
        row = ActionRow(self._db, action)
        row.autosaver.saved.connect(self.saved.emit)
        row.autosaver.failed.connect(self.failed.emit)
        row.remove_requested.connect(self.remove_row)
        self._rows_layout.addWidget(row)
        self.rows.append(row)
        return row

    def _update_empty(self) -> None:
        self._header.setVisible(bool(self.rows))
        self._empty.setVisible(not self.rows)

    def add_row(self) -> ActionRow | None:
        """Create an empty action item on this agenda item and put the cursor in it."""
        try:
            created = action_service.add_action(
                self._db, self._meeting_id, description="", agenda_item_id=self._item_id
            )
        except UserError as error:
            show_error(self, error)
            return None
        row = self._append(
            ActionRecord(id=created.id, description="", agenda_item_id=self._item_id)
        )
        self._update_empty()
        row.description.setFocus()
        self.saved.emit()
        return row

    def remove_row(self, row: ActionRow) -> None:
        text = row.description.text().strip()
        if text and not confirm(
            self,
            _("Remove action item"),
            _("Remove the action item '{text}'?").format(text=text[:80]),
        ):
            return
        row.autosaver.discard()
        try:
            action_service.remove_action(self._db, row.action_id)
        except UserError as error:
            show_error(self, error)
            return
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._update_empty()
        self.saved.emit()

    def flush(self) -> bool:
        return all([row.autosaver.flush() for row in self.rows])

    def discard(self) -> None:
        for row in self.rows:
            row.autosaver.discard()

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        for row in self.rows:
            row.set_read_only(read_only)
