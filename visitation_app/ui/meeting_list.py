"""The meeting list on the left: every meeting, newest first, with date, title, area and status."""

from __future__ import annotations

import hashlib
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSettings,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.errors import UserError
from visitation_app.domain.vocabulary import CommitteeArea, MeetingStatus
from visitation_app.formatting import format_time, format_weekday_date
from visitation_app.i18n import _
from visitation_app.services import meetings
from visitation_app.services.meetings import MeetingRow
from visitation_app.store.database import Database
from visitation_app.ui.before.meeting_dialog import NewMeetingDialog
from visitation_app.ui.messages import confirm, show_error

LAST_MEETING_KEY = "meetingList/lastMeeting-{database}"
MEETING_ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class MeetingListModel(QAbstractTableModel):
    """One row per meeting (`services.meetings.list_meetings`), four columns."""

    DATE, TITLE, AREA, STATUS = range(4)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._rows: list[MeetingRow] = []

    def set_database(self, db: Database) -> None:
        self._db = db
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._rows = meetings.list_meetings(self._db)
        self.endResetModel()

    def meeting_id(self, row: int) -> int:
        return self._rows[row].id

    def status(self, meeting_id: int | None) -> str | None:
        """The meeting's status code (None when it is not in the list)."""
        row = self.row_of(meeting_id)
        return self._rows[row].status if row is not None else None

    def row_of(self, meeting_id: int | None) -> int | None:
        for row, meeting in enumerate(self._rows):
            if meeting.id == meeting_id:
                return row
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (_("Date"), _("Title"), _("Area"), _("Status"))[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == MEETING_ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(self._text(row, column) for column in range(4))
        return None

    @staticmethod
    def _text(row: MeetingRow, column: int) -> str:
        if column == MeetingListModel.DATE:
            return _("{date}, {time}").format(
                date=format_weekday_date(row.meeting_date), time=format_time(row.start_time)
            )
        if column == MeetingListModel.TITLE:
            return row.title
        if column == MeetingListModel.AREA:
            return CommitteeArea(row.area).label
        return MeetingStatus(row.status).label


class MeetingDelegate(QStyledItemDelegate):
    """Paints a meeting as three lines: title (bold), date and time, area · status."""

    PADDING = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(200, 3 * line + 2 * self.PADDING + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        model = index.model()
        row = index.row()

        def text(column: int) -> str:
            return str(model.index(row, column).data() or "")

        rect = option.rect.adjusted(self.PADDING, self.PADDING, -self.PADDING, -self.PADDING)
        line = option.fontMetrics.lineSpacing()
        painter.save()
        painter.setPen(option.palette.color(role))
        bold = QFont(option.font)
        bold.setBold(True)
        lines = (
            (bold, text(MeetingListModel.TITLE)),
            (option.font, text(MeetingListModel.DATE)),
            (
                option.font,
                _("{area} · {status}").format(
                    area=text(MeetingListModel.AREA), status=text(MeetingListModel.STATUS)
                ),
            ),
        )
        for number, (font, content) in enumerate(lines):
            painter.setFont(font)
            metrics = painter.fontMetrics()
            target = QRect(rect.left(), rect.top() + number * line, rect.width(), line)
            elided = metrics.elidedText(content, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(
                target, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
            )
        painter.restore()


class MeetingListView(QListView):
    """The list itself; Delete asks to delete the selected meeting."""

    delete_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Delete and self.currentIndex().isValid():
            self.delete_requested.emit()
            return
        super().keyPressEvent(event)


class MeetingListPanel(QWidget):
    """The list with its "new" and "delete" buttons; emits `meeting_selected(id or None)`."""

    meeting_selected = Signal(object)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._current: int | None = None
        self.model = MeetingListModel(db, self)
        self.view = MeetingListView()
        self.view.setModel(self.model)
        self.view.setModelColumn(MeetingListModel.TITLE)
        self.view.setItemDelegate(MeetingDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName(_("Meetings"))
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.delete_requested.connect(self.delete_current)

        heading = QLabel(_("Meetings"))
        heading.setBuddy(self.view)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.empty_hint = QLabel(_("No meetings yet. Create one with “New meeting” (Ctrl+N)."))
        self.empty_hint.setObjectName("sectionHint")
        self.empty_hint.setWordWrap(True)

        self.new_button = QPushButton(_("New meeting…"))
        self.new_button.clicked.connect(self.new_meeting)
        self.delete_button = QPushButton(_("Delete…"))
        self.delete_button.setToolTip(_("Delete the selected meeting (Delete)"))
        self.delete_button.clicked.connect(self.delete_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty_hint)
        layout.addLayout(buttons)
        self.setMinimumWidth(200)

    # -- loading and selection -------------------------------------------------------------

    def set_database(self, db: Database) -> None:
        self._db = db
        self._current = None
        self.model.set_database(db)
        self._update_state()

    def load(self) -> None:
        """Fill the list and select the meeting chosen last time (or the newest)."""
        self.model.reload()
        remembered = QSettings().value(self._settings_key(), None)
        try:
            wanted = int(remembered) if remembered is not None else None
        except (TypeError, ValueError):
            wanted = None
        if self.model.row_of(wanted) is None:
            wanted = self.model.meeting_id(0) if self.model.rowCount() else None
        self._update_state()
        self.select_meeting(wanted)

    def reload(self) -> None:
        """Re-read the list, keeping the selected meeting; announces it if it disappeared."""
        current = self._current
        self.view.selectionModel().blockSignals(True)
        try:
            self.model.reload()
            row = self.model.row_of(current)
            if row is not None:
                index = self.model.index(row, MeetingListModel.TITLE)
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
        finally:
            self.view.selectionModel().blockSignals(False)
        self._update_state()
        if current is not None and self.model.row_of(current) is None:
            self.select_meeting(self.model.meeting_id(0) if self.model.rowCount() else None)

    def _settings_key(self) -> str:
        """The last meeting is remembered per database file."""
        digest = hashlib.sha1(str(self._db.path).encode(), usedforsecurity=False).hexdigest()
        return LAST_MEETING_KEY.format(database=digest[:16])

    def current_meeting_id(self) -> int | None:
        return self._current

    def select_meeting(self, meeting_id: int | None) -> None:
        row = self.model.row_of(meeting_id)
        if row is None:
            self.view.selectionModel().clear()
            self._set_current(None)
            return
        index = self.model.index(row, MeetingListModel.TITLE)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)
        self._set_current(meeting_id)

    def restore_selection(self, meeting_id: int | None) -> None:
        """Put the highlight back on `meeting_id` without announcing a change (switch refused)."""
        self.view.selectionModel().blockSignals(True)
        try:
            row = self.model.row_of(meeting_id)
            if row is None:
                self.view.selectionModel().clear()
            else:
                index = self.model.index(row, MeetingListModel.TITLE)
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                )
                self.view.scrollTo(index)
        finally:
            self.view.selectionModel().blockSignals(False)
        self.view.viewport().update()
        self._current = meeting_id
        self._update_state()

    def can_delete_current(self) -> bool:
        """A meeting is chosen and its minutes are not approved (approved ones are kept)."""
        return (
            self._current is not None and self.model.status(self._current) != MeetingStatus.APPROVED
        )

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._set_current(self.model.meeting_id(current.row()) if current.isValid() else None)

    def _set_current(self, meeting_id: int | None) -> None:
        if meeting_id == self._current:
            return
        self._current = meeting_id
        if meeting_id is not None:
            QSettings().setValue(self._settings_key(), meeting_id)
        self._update_state()
        self.meeting_selected.emit(meeting_id)

    def _update_state(self) -> None:
        self.empty_hint.setVisible(self.model.rowCount() == 0)
        self.delete_button.setEnabled(self.can_delete_current())

    # -- actions ---------------------------------------------------------------------------

    def new_meeting(self) -> int | None:
        """Ask for a new meeting's details; select it once created."""
        dialog = NewMeetingDialog(self._db, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.meeting_id is None:
            return None
        self.model.reload()
        self._update_state()
        self.select_meeting(dialog.meeting_id)
        return dialog.meeting_id

    def delete_current(self) -> None:
        meeting_id = self._current
        row = self.model.row_of(meeting_id)
        if meeting_id is None or row is None:
            return
        title = self.model.index(row, MeetingListModel.TITLE).data()
        date = self.model.index(row, MeetingListModel.DATE).data()
        if not confirm(
            self,
            _("Delete meeting"),
            _(
                "Delete the meeting “{title}” ({date}) with its agenda, participants, notes "
                "and decisions? The cases stay. This cannot be undone."
            ).format(title=title, date=date),
        ):
            return
        try:
            meetings.delete_meeting(self._db, meeting_id)
        except UserError as error:
            show_error(self, error, _("The meeting was not deleted"))
            return
        self.model.reload()
        next_row = min(row, self.model.rowCount() - 1)
        self.select_meeting(self.model.meeting_id(next_row) if next_row >= 0 else None)
        self._update_state()
