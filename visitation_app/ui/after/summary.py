"""What the 'after' view shows of a meeting: the summary, the action items and the history."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from visitation_app.domain.records import EventRecord, MeetingDossier
from visitation_app.domain.vocabulary import MeetingEventKind, MeetingStatus, Outcome
from visitation_app.formatting import format_date_short, format_money, format_timestamp
from visitation_app.i18n import _, ngettext

MAX_ACTIONS_HEIGHT = 400


def outcome_counts(dossier: MeetingDossier) -> list[tuple[Outcome, int]]:
    """How many decisions of each outcome, in the order outcomes are offered."""
    counts = Counter(item.outcome for item in dossier.items if item.outcome is not None)
    return [(outcome, counts[outcome]) for outcome in Outcome if counts[outcome]]


def describe_outcomes(dossier: MeetingDossier) -> str:
    """'Bevilget: 2 · Afslag: 1', or a sentence saying there are none yet."""
    counts = outcome_counts(dossier)
    if not counts:
        return _("No decisions yet")
    return " · ".join(f"{outcome.label}: {count}" for outcome, count in counts)


def describe_items(dossier: MeetingDossier) -> str:
    """'6 punkter, heraf 4 sager'."""
    cases = sum(1 for item in dossier.items if item.is_case)
    total = ngettext("{n} item", "{n} items", len(dossier.items)).format(n=len(dossier.items))
    return _("{items}, of which {cases} cases").format(items=total, cases=cases)


def _value(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class SummaryBox(QGroupBox):
    """Status, items, decisions per outcome, total annual cost, and what decisions still lack."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Summary"), parent)
        self.status = _value()
        self.items = _value()
        self.outcomes = _value()
        self.total_cost = _value()
        self.undecided = _value()
        self.overridden = _value()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow(_("Status:"), self.status)
        form.addRow(_("Agenda:"), self.items)
        form.addRow(_("Decisions:"), self.outcomes)
        form.addRow(_("Total annual cost:"), self.total_cost)
        form.addRow(_("Incomplete decisions:"), self.undecided)
        form.addRow(_("Final despite gaps:"), self.overridden)
        self._form = form

    def show_dossier(self, dossier: MeetingDossier, warnings: Sequence[str]) -> None:
        self.status.setText(MeetingStatus(dossier.meeting.status).label)
        self.items.setText(describe_items(dossier))
        self.outcomes.setText(describe_outcomes(dossier))
        self.total_cost.setText(format_money(dossier.total_annual_cost_ore))
        if warnings:
            self.undecided.setText("\n".join(f"• {warning}" for warning in warnings))
            self.undecided.setStyleSheet("color: #8a4b00;")
        else:
            self.undecided.setText(_("Every case has a complete decision."))
            self.undecided.setStyleSheet("")
        overridden = [
            _("Item {number}, {title}: {reason}").format(
                number=item.number, title=item.title, reason=item.check.override_reason
            )
            for item in dossier.items
            if item.check is not None and item.check.overridden
        ]
        self.overridden.setText("\n".join(f"• {line}" for line in overridden))
        self._form.setRowVisible(self.overridden, bool(overridden))


def read_only_table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    return table


def fit_table_height(table: QTableWidget, limit: int) -> None:
    """As tall as its rows (up to `limit`, then it scrolls), so no empty box is left."""
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(row) for row in range(table.rowCount()))
    table.setFixedHeight(min(height, limit))


def table_cell(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    return item


class ActionsOverview(QGroupBox):
    """All action items of the meeting: item, what, owner, due date, done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Action items"), parent)
        self.table = read_only_table([_("Item"), _("What"), _("Owner"), _("Due date"), _("Done")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column in (0, 2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = QLabel(_("No action items were recorded."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.table)

    def show_dossier(self, dossier: MeetingDossier) -> None:
        numbers = {item.id: item.number for item in dossier.items}
        actions = dossier.actions
        self.table.setRowCount(len(actions))
        for row, action in enumerate(actions):
            number = numbers.get(action.agenda_item_id) if action.agenda_item_id else None
            cells = (
                str(number) if number else "–",
                action.description,
                action.owner,
                format_date_short(action.due_date),
                _("Yes") if action.done else _("No"),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, table_cell(text))
        self.table.resizeRowsToContents()
        self.empty.setVisible(not actions)
        self.table.setVisible(bool(actions))
        fit_table_height(self.table, MAX_ACTIONS_HEIGHT)


def describe_event(event: EventRecord) -> str:
    """'Referat godkendt' etc. for a meeting event."""
    try:
        return MeetingEventKind(event.kind).label
    except ValueError:
        return event.kind


def event_text(event: EventRecord, zone: str) -> str:
    """'22. november 2026 kl. 14:26 – Referat godkendt – Hanne Lykkegaard' (+ the reason).

    The time is shown in the meeting's zone, as the minutes print it.
    """
    parts = [format_timestamp(event.at, zone), describe_event(event)]
    if event.by_name:
        parts.append(event.by_name)
    text = " – ".join(parts)
    if event.reason:
        text += "\n" + _("Reason: {reason}").format(reason=event.reason)
    return text


class HistoryBox(QGroupBox):
    """When the meeting was started, ended, approved and reopened, by whom and why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("History"), parent)
        self.empty = QLabel(_("Nothing has happened to the meeting yet."))
        self._labels: list[QLabel] = []
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.empty)
        self._layout.addStretch(1)

    def show_events(self, events: Sequence[EventRecord], zone: str) -> None:
        for label in self._labels:
            self._layout.removeWidget(label)
            label.hide()
            label.deleteLater()
        self._labels = []
        for index, event in enumerate(events):
            label = _value(event_text(event, zone))
            self._layout.insertWidget(1 + index, label)
            self._labels.append(label)
        self.empty.setVisible(not events)

    def lines(self) -> list[str]:
        return [label.text() for label in self._labels]
