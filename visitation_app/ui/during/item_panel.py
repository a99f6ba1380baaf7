"""The current agenda item during the meeting: the case, the citizen's voice, notes, decision
and what it costs.

A panel is built for one item and thrown away when the chair moves on, so every editor's
saver is tied to exactly that item. Its autosavers are parentless: they live as long as
the panel's Python object and are flushed (then discarded) before the panel goes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from visitation_app.domain.assessment import schemes_for_area
from visitation_app.domain.records import AgendaItemRecord
from visitation_app.domain.vocabulary import AgendaItemKind
from visitation_app.formatting import format_minutes, format_time
from visitation_app.i18n import _
from visitation_app.services import agenda as agenda_service
from visitation_app.store.database import Database
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.action_table import ActionTable
from visitation_app.ui.during.assessment_panel import AssessmentPanel
from visitation_app.ui.during.case_facts import CaseFacts
from visitation_app.ui.during.citizen_voice import (
    CitizenViewForm,
    CitizenVoiceForm,
    ConversationGuideBox,
)
from visitation_app.ui.during.conflicts_panel import ConflictsPanel
from visitation_app.ui.during.decision_form import DecisionForm
from visitation_app.ui.during.economy import EconomyGroup


def item_subtitle(item: AgendaItemRecord) -> str:
    """'10:20–10:40 · Tidsramme 20 min · Sag'."""
    return _("{start}–{end} · Time box {minutes} · {kind}").format(
        start=format_time(item.slot.starts_at),
        end=format_time(item.slot.ends_at),
        minutes=format_minutes(item.time_box_minutes),
        kind=AgendaItemKind(item.kind).label,
    )


class ItemPanel(QWidget):
    """Everything the chair records on one agenda item; saved as it is typed."""

    saved = Signal()
    failed = Signal(str)
    decision_saved = Signal(int, str)
    """(item id, outcome code or '') after a decision field was saved."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        item: AgendaItemRecord,
        decided_on: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.item_id = item.id
        self.item = item
        self.autosaver = Autosaver()
        self.autosaver.saved.connect(self.saved.emit)
        self.autosaver.failed.connect(self.failed.emit)
        # Whatever could not be saved goes with the editors (so no later flush reads them).
        self.destroyed.connect(self.autosaver.discard)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self._refresh_check)

        self.title_label = QLabel()
        self.title_label.setObjectName("itemTitle")
        self.title_label.setWordWrap(True)
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title_label.setFont(font)
        self.subtitle_label = QLabel()
        self.conflicts: ConflictsPanel | None = None
        self.show_header(item)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.title_label)
        layout.addWidget(self.subtitle_label)
        if item.is_case:  # who does not take part (inhabilitet), right under the title
            self.conflicts = ConflictsPanel(db, meeting_id, item.id, self.autosaver)
            layout.addWidget(self.conflicts)

        self.case_facts: CaseFacts | None = None
        self.citizen_voice: CitizenVoiceForm | None = None
        self.guide: ConversationGuideBox | None = None
        self.assessment: AssessmentPanel | None = None
        self.citizen_view: CitizenViewForm | None = None
        self.decision: DecisionForm | None = None
        self.economy: EconomyGroup | None = None
        with self.autosaver.loading():
            if item.is_case and item.case is not None:
                self.case_facts = CaseFacts(item.case)
                layout.addWidget(self.case_facts)
                self.citizen_voice = CitizenVoiceForm(db, item, self.autosaver)
                layout.addWidget(self.citizen_voice)
                self.guide = ConversationGuideBox(db, item, self.autosaver)
                layout.addWidget(self.guide)
                if schemes_for_area(item.case.area):
                    self.assessment = AssessmentPanel(db, item, self.autosaver)
                    layout.addWidget(self.assessment)

            notes_box = QGroupBox()
            self.notes = QPlainTextEdit(item.notes)
            self.notes_label = QLabel(_("&Notes"))
            self.notes_label.setBuddy(self.notes)  # Alt+N moves to the notes
            bold = self.notes_label.font()
            bold.setBold(True)
            self.notes_label.setFont(bold)
            self.notes.setTabChangesFocus(True)
            self.notes.setMinimumHeight(110)
            self.notes.setPlaceholderText(_("Notes from the discussion of this item."))
            notes_layout = QVBoxLayout(notes_box)
            notes_layout.addWidget(self.notes_label)
            notes_layout.addWidget(self.notes)
            layout.addWidget(notes_box)
            self.autosaver.bind(
                self.notes, lambda text: agenda_service.update_item(db, item.id, notes=text)
            )

            if item.is_case:
                self.decision = DecisionForm(db, item, self.autosaver, decided_on)
                self.economy = EconomyGroup(db, item, self.autosaver, decided_on)
                self.decision.decision_saved.connect(self._on_decision_form_saved)
                self.economy.decision_saved.connect(self._on_economy_saved)
                layout.addWidget(self.decision)
                if item.case is not None:
                    self.citizen_view = CitizenViewForm(db, item, self.autosaver)
                    layout.addWidget(self.citizen_view)
                layout.addWidget(self.economy)

        self.actions = ActionTable(db, meeting_id, item.id, item.actions)
        self.actions.saved.connect(self.saved.emit)
        self.actions.failed.connect(self.failed.emit)
        layout.addWidget(self.actions)
        layout.addStretch(1)

    def _on_decision_form_saved(self, outcome: str) -> None:
        """The outcome or the valid-from date may change what the decision costs."""
        if self.economy is not None:
            self.economy.schedule_refresh()
        self.decision_saved.emit(self.item_id, outcome)

    def _on_economy_saved(self, outcome: str) -> None:
        """A changed decision is a draft again: the checklist shows it (once per round)."""
        self._check_timer.start()
        self.decision_saved.emit(self.item_id, outcome)

    def _refresh_check(self) -> None:
        if self.decision is not None:
            self.decision.refresh_check()

    def show_header(self, item: AgendaItemRecord) -> None:
        """Title and planned time (refreshed in place when the agenda changed elsewhere)."""
        self.item = item
        self.title_label.setText(
            _("Item {number}: {title}").format(number=item.number, title=item.title)
        )
        self.subtitle_label.setText(item_subtitle(item))
        if self.conflicts is not None:
            self.conflicts.reload()

    def flush(self) -> bool:
        """Save everything typed on this item; False if some field could not be saved."""
        ok = self.autosaver.flush()
        return self.actions.flush() and ok

    def discard(self) -> None:
        """Forget what could not be saved (the panel is about to go), and the refreshes due."""
        self.autosaver.discard()
        self.actions.discard()
        self._check_timer.stop()
        if self.economy is not None:
            self.economy.stop_refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.notes.setReadOnly(read_only)
        if self.conflicts is not None:
            self.conflicts.set_read_only(read_only)
        for part in (self.citizen_voice, self.guide, self.assessment, self.citizen_view):
            if part is not None:
                part.set_read_only(read_only)
        if self.decision:
            self.decision.set_read_only(read_only)
        if self.economy:
            self.economy.set_read_only(read_only)
        self.actions.set_read_only(read_only)
