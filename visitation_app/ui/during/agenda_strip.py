"""The compact agenda on the left while the meeting runs: number, planned start, title, decision."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem, QWidget

from visitation_app.domain.records import AgendaItemRecord
from visitation_app.domain.vocabulary import Outcome
from visitation_app.formatting import format_time
from visitation_app.i18n import _

ITEM_ID = Qt.ItemDataRole.UserRole
DECIDED_MARK = "✔"


def strip_text(item: AgendaItemRecord, outcome: str | None) -> str:
    """Two lines: '3  10:20  ✔ Bevilget' and the item's title."""
    first = f"{item.number}.  {format_time(item.slot.starts_at)}"
    if outcome:
        first += f"   {DECIDED_MARK} {Outcome(outcome).label}"
    return f"{first}\n{item.title}"


class AgendaStrip(QListWidget):
    """The meeting's items; choosing one asks the view to show it (`item_chosen`)."""

    item_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Agenda"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setUniformItemSizes(False)
        self.setSpacing(1)
        self.setStyleSheet("QListWidget::item { padding: 4px 2px; }")
        self._outcomes: dict[int, str | None] = {}
        self._items: dict[int, AgendaItemRecord] = {}
        self.currentItemChanged.connect(self._on_current_changed)

    def set_items(self, items: Sequence[AgendaItemRecord], current_id: int | None) -> None:
        """Show `items` and select `current_id` without announcing it as a choice."""
        self.blockSignals(True)
        try:
            self.clear()
            self._items = {item.id: item for item in items}
            self._outcomes = {
                item.id: item.outcome.value if item.outcome else None for item in items
            }
            for item in items:
                row = QListWidgetItem(strip_text(item, self._outcomes[item.id]))
                row.setData(ITEM_ID, item.id)
                row.setToolTip(item.title)
                self.addItem(row)
            self.select_item(current_id)
        finally:
            self.blockSignals(False)

    def select_item(self, item_id: int | None) -> None:
        """Highlight an item (no `item_chosen`)."""
        self.blockSignals(True)
        try:
            for row in range(self.count()):
                if self.item(row).data(ITEM_ID) == item_id:
                    self.setCurrentRow(row)
                    self.scrollToItem(self.item(row))
                    return
            self.setCurrentRow(-1)
        finally:
            self.blockSignals(False)

    def set_outcome(self, item_id: int, outcome: str | None) -> None:
        """Update an item's decision mark after the chair picked (or cleared) an outcome."""
        if item_id not in self._items:
            return
        self._outcomes[item_id] = outcome or None
        for row in range(self.count()):
            entry = self.item(row)
            if entry.data(ITEM_ID) == item_id:
                entry.setText(strip_text(self._items[item_id], self._outcomes[item_id]))

    def item_ids(self) -> list[int]:
        return [self.item(row).data(ITEM_ID) for row in range(self.count())]

    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.item_chosen.emit(current.data(ITEM_ID))
