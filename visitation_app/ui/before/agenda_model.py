"""The agenda as an item model: numbered, timed rows that can be dragged into a new order.

Every change (a move, a new time box) goes through `services.agenda` as a command on a
QUndoStack, so Ctrl+Z takes it back; the times are re-read from `load_dossier` afterwards.
Each case line also tells how far the case is prepared (`services.legal.readiness_of`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoCommand, QUndoStack

from visitation_app.domain.agenda import MAX_TIME_BOX, MIN_TIME_BOX, moved
from visitation_app.domain.errors import UserError
from visitation_app.domain.readiness import ReadinessPoint, is_ready, readiness_summary
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.formatting import format_time
from visitation_app.i18n import _
from visitation_app.services import agenda
from visitation_app.services.dossier import load_dossier
from visitation_app.services.legal import readiness_of
from visitation_app.store.database import Database

MIME_TYPE = "application/x-visitation-agenda-item"
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
# On the item column of a case line: "Ready" / "Missing: summary, cost"; None elsewhere.
READINESS_ROLE = Qt.ItemDataRole.UserRole + 2
# On the item column of a case line: True when every readiness point is met; None elsewhere.
READY_ROLE = Qt.ItemDataRole.UserRole + 3
Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    """The rows of one meeting's agenda, from its dossier."""

    NUMBER, TIME, TITLE, MINUTES = range(4)

    reloaded = Signal()
    changed = Signal()  # the agenda in the database changed (other views should refresh)
    failed = Signal(str)
    item_moved = Signal(int)  # item id, to keep it selected where it went

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._meeting_id: int | None = None
        self._dossier: MeetingDossier | None = None
        self._read_only = False
        self._readiness: dict[int, list[ReadinessPoint]] = {}
        self.undo_stack = QUndoStack(self)

    # -- loading ---------------------------------------------------------------------------

    @property
    def dossier(self) -> MeetingDossier | None:
        return self._dossier

    @property
    def items(self) -> Sequence[AgendaItemRecord]:
        return self._dossier.items if self._dossier else ()

    def set_meeting(self, meeting_id: int | None) -> None:
        if meeting_id != self._meeting_id:
            self.undo_stack.clear()
        self._meeting_id = meeting_id
        self.reload()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        if read_only:
            self.undo_stack.clear()

    def reload(self, moved_rows: tuple[int, int] | None = None) -> None:
        """Re-read the agenda; rows that only changed their times are updated in place.

        `moved_rows` (from, to) says that one row was moved, so views keep it selected.
        """
        new = load_dossier(self._db, self._meeting_id) if self._meeting_id is not None else None
        readiness = {item.id: readiness_of(item) for item in new.items} if new else {}
        self._readiness = {item_id: points for item_id, points in readiness.items() if points}
        old_ids = [item.id for item in self.items]
        new_ids = [item.id for item in new.items] if new else []
        if self._dossier is not None and new is not None and old_ids == new_ids:
            self._dossier = new
            self._all_changed()
        elif moved_rows is not None and new is not None and moved(old_ids, *moved_rows) == new_ids:
            source, target = moved_rows
            self.beginMoveRows(
                QModelIndex(),
                source,
                source,
                QModelIndex(),
                target + 1 if target > source else target,
            )
            self._dossier = new
            self.endMoveRows()
            self._all_changed()
        else:
            self.beginResetModel()
            self._dossier = new
            self.endResetModel()
        self.reloaded.emit()

    def _all_changed(self) -> None:
        if self.items:
            last = self.index(len(self.items) - 1, self.columnCount() - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def item(self, row: int) -> AgendaItemRecord | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_of(self, item_id: int | None) -> int | None:
        for row, item in enumerate(self.items):
            if item.id == item_id:
                return row
        return None

    # -- reading ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (_("No."), _("Time"), _("Item"), _("Time box"))[section]
        if role == Qt.ItemDataRole.ToolTipRole and section == self.MINUTES:
            return _("Time box in minutes. Double-click or press F2 to change it.")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row()) if index.isValid() else None
        if item is None:
            return None
        column = index.column()
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.EditRole and column == self.MINUTES:
            return item.time_box_minutes
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.NUMBER, self.MINUTES):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(item, column)
        if column == self.TITLE:
            return self._title_data(item, role)
        return None

    def readiness(self, item_id: int) -> list[ReadinessPoint]:
        """How far the case on the item is prepared (empty for items without a case)."""
        return self._readiness.get(item_id, [])

    def _tooltip(self, item: AgendaItemRecord, column: int) -> str | None:
        """The title; on a case line also every readiness point, met (✓) or not (✗)."""
        points = self.readiness(item.id)
        if not points:
            return item.title if column == self.TITLE else None
        lines = [item.title, "", readiness_summary(points)]
        lines += [("✓ " if point.ready else "✗ ") + point.text for point in points]
        return "\n".join(lines)

    def _title_data(self, item: AgendaItemRecord, role: int) -> Any:
        points = self.readiness(item.id)
        if role == READINESS_ROLE:
            return readiness_summary(points) if points else None
        if role == READY_ROLE:
            return is_ready(points) if points else None
        if role == Qt.ItemDataRole.AccessibleTextRole and points:
            return _("{title}. {readiness}").format(
                title=item.title, readiness=readiness_summary(points)
            )
        return None

    def _display(self, item: AgendaItemRecord, column: int) -> str:
        if column == self.NUMBER:
            return str(item.number)
        if column == self.TIME:
            return _("{start}–{end}").format(
                start=format_time(item.slot.starts_at), end=format_time(item.slot.ends_at)
            )
        if column == self.TITLE:
            return item.title
        return str(item.time_box_minutes)

    # -- editing the time box ----------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if not self._read_only else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._read_only:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
            if index.column() == self.MINUTES:
                flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index.row()) if index.isValid() else None
        if item is None or role != Qt.ItemDataRole.EditRole or index.column() != self.MINUTES:
            return False
        try:
            minutes = int(value)
        except (TypeError, ValueError):
            self.failed.emit(_("A time box is a whole number of minutes."))
            return False
        if not MIN_TIME_BOX <= minutes <= MAX_TIME_BOX or minutes == item.time_box_minutes:
            return minutes == item.time_box_minutes
        self.undo_stack.push(TimeBoxCommand(self, item, minutes))
        return True

    def apply_time_box(self, item_id: int, minutes: int) -> None:
        self._apply(lambda: agenda.update_item(self._db, item_id, time_box_minutes=minutes))

    # -- moving ------------------------------------------------------------------------------

    def move(self, row: int, to_row: int) -> bool:
        """Move the item in `row` so that it ends up in `to_row` (an undoable step)."""
        item = self.item(row)
        to_row = max(0, min(to_row, len(self.items) - 1))
        if item is None or to_row == row or self._read_only:
            return False
        self.undo_stack.push(MoveCommand(self, item, row, to_row))
        return True

    def apply_move(self, item_id: int, to_row: int) -> None:
        row = self.row_of(item_id)
        rows = (row, max(0, min(to_row, len(self.items) - 1))) if row is not None else None
        self._apply(lambda: agenda.move_item(self._db, item_id, to_row), moved_rows=rows)
        self.item_moved.emit(item_id)

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Qt's move: `destination_child` is the row the item is put before (old numbering)."""
        if count != 1 or source_parent.isValid() or destination_parent.isValid():
            return False
        to_row = destination_child if destination_child < source_row else destination_child - 1
        return self.move(source_row, to_row)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({index.row() for index in indexes if index.isValid()})
        data = QMimeData()
        payload = {"meeting": self._meeting_id, "rows": rows}
        data.setData(MIME_TYPE, QByteArray(json.dumps(payload).encode()))
        return data

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE) or self._read_only:
            return False
        try:
            payload = json.loads(bytes(data.data(MIME_TYPE).data()).decode())
            rows = [int(r) for r in payload["rows"]]
        except (ValueError, KeyError, TypeError):
            return False
        if payload.get("meeting") != self._meeting_id or len(rows) != 1:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.items)
        return self.moveRows(QModelIndex(), rows[0], 1, QModelIndex(), row)

    # -- shared ------------------------------------------------------------------------------

    def _apply(
        self, change: Callable[[], object], moved_rows: tuple[int, int] | None = None
    ) -> None:
        try:
            change()
        except UserError as error:
            self.failed.emit(str(error))
            self.reload()
            return
        self.reload(moved_rows)
        self.changed.emit()


class MoveCommand(QUndoCommand):
    """Moving one item from one place on the agenda to another."""

    def __init__(self, model: AgendaModel, item: AgendaItemRecord, row: int, to_row: int) -> None:
        super().__init__(_("Move “{title}”").format(title=item.title))
        self._model = model
        self._item_id = item.id
        self._row = row
        self._to_row = to_row

    def redo(self) -> None:
        self._model.apply_move(self._item_id, self._to_row)

    def undo(self) -> None:
        self._model.apply_move(self._item_id, self._row)


class TimeBoxCommand(QUndoCommand):
    """Changing one item's time box."""

    def __init__(self, model: AgendaModel, item: AgendaItemRecord, minutes: int) -> None:
        super().__init__(_("Time box of “{title}”").format(title=item.title))
        self._model = model
        self._item_id = item.id
        self._old = item.time_box_minutes
        self._new = minutes

    def redo(self) -> None:
        self._model.apply_time_box(self._item_id, self._new)

    def undo(self) -> None:
        self._model.apply_time_box(self._item_id, self._old)
