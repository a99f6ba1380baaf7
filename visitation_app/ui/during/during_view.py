"""'Under mødet': the chair runs the meeting one agenda item at a time.

The chair moves item by item (buttons, the agenda, Alt+←/→); everything typed is saved
as it is typed, and saved before another item or meeting is shown. The widgets and their
places are in meeting_page.py.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from visitation_app.domain.errors import NotFoundError, UserError
from visitation_app.domain.records import AgendaItemRecord, MeetingDossier
from visitation_app.domain.timing import current_item_id, is_open, is_paused, time_used
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.formatting import format_time, format_weekday_date
from visitation_app.i18n import _
from visitation_app.services import meetings as meeting_service
from visitation_app.services import timing as timing_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store.database import Database
from visitation_app.ui.citizen_screen_control import CitizenScreenControl
from visitation_app.ui.clock import Now, system_now
from visitation_app.ui.during.budget_panel import BudgetPanel
from visitation_app.ui.during.item_panel import ItemPanel
from visitation_app.ui.during.meeting_mode_control import MeetingModeControl
from visitation_app.ui.during.meeting_page import NEXT_KEYS, PREVIOUS_KEYS, MeetingPage, native_keys
from visitation_app.ui.messages import confirm, show_error

log = logging.getLogger(__name__)

EMPTY_PAGE, MEETING_PAGE = 0, 1


class DuringView(QWidget):
    """The meeting phase view (see the phase-view protocol in the UI notes)."""

    changed = Signal()
    saved = Signal()
    """Something typed was saved (the window may show it in its status bar too)."""
    failed = Signal(str)
    """A save failed; carries the sentence saying why."""
    current_item_changed = Signal(int)
    """The chair moved to another item (carries its id); the citizen screen follows."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, now: Now | None = None):
        super().__init__(parent)
        self._db = db
        self._now: Now = now or system_now
        self._meeting_id: int | None = None
        self._dossier: MeetingDossier | None = None
        self._item_id: int | None = None
        self._locked = False
        self._last_error = ""
        self.panel: ItemPanel | None = None

        self._changed_timer = QTimer(self)
        self._changed_timer.setSingleShot(True)
        self._changed_timer.setInterval(0)
        self._changed_timer.timeout.connect(self.changed.emit)

        self.empty_label = QLabel(_("Choose a meeting in the list."))
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.page = MeetingPage(db, self._now)
        self.stack.addWidget(self.page)
        page = self.page
        self.meeting_label, self.meeting_info = page.meeting_label, page.meeting_info
        self.clock, self.banner = page.clock, page.banner
        self.start_button, self.end_button = page.start_button, page.end_button
        self.strip, self.attendance = page.strip, page.attendance
        self.scroll, self.no_items_label = page.scroll, page.no_items_label
        self.previous_button, self.next_button = page.previous_button, page.next_button
        self.position_label, self.save_status = page.position_label, page.save_status
        self.start_button.clicked.connect(self.start_meeting)
        self.end_button.clicked.connect(self.end_meeting)
        self.strip.item_chosen.connect(self.go_to_item)
        self.attendance.saved.connect(self._on_saved)
        self.attendance.failed.connect(self._on_failed)
        self.previous_button.clicked.connect(self.previous_item)
        self.next_button.clicked.connect(self.next_item)
        # The budget line sits under the clock, above the agenda and the item.
        self.budget = BudgetPanel(db)
        page.layout().insertWidget(page.layout().indexOf(self.banner) + 1, self.budget)
        self.budget.frames_changed.connect(self._changed_timer.start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        for keys in PREVIOUS_KEYS:
            self._shortcut(keys, self.previous_item)
        for keys in NEXT_KEYS:
            self._shortcut(keys, self.next_item)
        # The citizen's screen (a second window): its button sits by Start/End, Ctrl+B.
        self.citizen_screen = CitizenScreenControl(self, db, now=self._now)
        self.citizen_screen.put_button_beside(self.end_button)
        # Meeting mode (the chair's large clock, F5); it records the time per item.
        self.meeting_mode = MeetingModeControl(self, db, page.mode_button, now=self._now)
        self.set_meeting(None)

    # -- keyboard ----------------------------------------------------------------------

    def _shortcut(self, keys: str, slot) -> None:  # noqa: ANN001 - a bound method
        shortcut = QShortcut(QKeySequence(keys), self)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(slot)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(key sequence, what it does) for the keyboard overview (F1)."""
        return [
            (native_keys(NEXT_KEYS), _("Next agenda item")),
            (native_keys(PREVIOUS_KEYS), _("Previous agenda item")),
            (native_keys(("Tab",)), _("Next field (also out of a text box)")),
            self.citizen_screen.shortcut_row(),
            self.citizen_screen.reveal_shortcut_row(),
            self.meeting_mode.shortcut_row(),
        ]

    # -- the phase-view protocol -------------------------------------------------------

    def set_meeting(self, meeting_id: int | None) -> None:
        """Show `meeting_id` (None: nothing chosen); what was typed is saved first.

        The main window has already asked the chair about anything that could not be saved
        (`flush()`, then its question), so what is still unsaveable here is let go.
        """
        self._leave_item(ask=False)
        self.attendance.flush()
        self.meeting_mode.meeting_shown(meeting_id)
        self._meeting_id = meeting_id
        self._item_id = None
        self._set_status("")
        self._reload()

    def flush(self) -> bool:
        """Save everything typed in this view; False if some field could not be saved."""
        ok = self.panel.flush() if self.panel is not None else True
        return self.attendance.flush() and ok

    def discard_unsaved(self) -> None:
        """Forget changes that could not be saved (the view is about to be thrown away)."""
        if self.panel is not None:
            self.panel.discard()
        self.attendance.autosaver.discard()

    def refresh(self) -> None:
        """Reload from the database without throwing away the editor the chair types in."""
        self._reload()

    # -- loading -----------------------------------------------------------------------

    def _reload(self) -> None:
        if self._meeting_id is None:
            self._show_empty(_("Choose a meeting in the list."))
            return
        if self.panel is not None:
            self.panel.flush()
        try:
            dossier = load_dossier(self._db, self._meeting_id)
        except NotFoundError:
            self._meeting_id = None
            self._show_empty(_("The meeting no longer exists. Choose another in the list."))
            return
        self._dossier = dossier
        self.stack.setCurrentIndex(MEETING_PAGE)
        self._show_meeting(dossier)
        self.budget.set_meeting(self._meeting_id)
        self.strip.set_items(dossier.items, self._item_id)
        self.attendance.set_participants(dossier.participants)
        wanted = (
            self._item(self._item_id)
            or self._item(  # the item the meeting is on (or paused on)
                current_item_id(dossier.items)
                if dossier.meeting.status == MeetingStatus.IN_PROGRESS
                else None
            )
            or (dossier.items[0] if dossier.items else None)
        )
        if wanted is None:
            self._drop_panel()
            self._item_id = None
            self.scroll.takeWidget()
            self.scroll.setWidget(self.no_items_label)
        elif (
            self.panel is not None
            and self.panel.item_id == wanted.id
            and (self._same_content(self.panel.item, wanted))
        ):
            self.panel.show_header(wanted)
            self.clock.update_plan(
                time_box_minutes=wanted.time_box_minutes,
                planned_start=wanted.slot.starts_at,
                planned_end=wanted.slot.ends_at,
            )
        else:
            self._build_panel(wanted)
        self._apply_state()

    @staticmethod
    def _same_content(shown: AgendaItemRecord, current: AgendaItemRecord) -> bool:
        """Whether the shown panel can stay (only its title or planned time changed)."""
        return shown.kind == current.kind and shown.case == current.case

    def _show_empty(self, text: str) -> None:
        self._drop_panel()
        self.budget.set_meeting(None)
        self._dossier = None
        self.empty_label.setText(text)
        self.stack.setCurrentIndex(EMPTY_PAGE)
        self.clock.set_running(False, "")

    def _show_meeting(self, dossier: MeetingDossier) -> None:
        meeting = dossier.meeting
        self.meeting_label.setText(meeting.title)
        parts = [
            _("{date} at {time}").format(
                date=format_weekday_date(meeting.meeting_date), time=format_time(meeting.start_time)
            ),
        ]
        if meeting.location:
            parts.append(meeting.location)
        parts.append(MeetingStatus(meeting.status).label)
        self.meeting_info.setText(" · ".join(parts))
        self.meeting_info.setToolTip(self.meeting_info.text())

    def _item(self, item_id: int | None) -> AgendaItemRecord | None:
        if self._dossier is None or item_id is None:
            return None
        return next((item for item in self._dossier.items if item.id == item_id), None)

    def _build_panel(self, item: AgendaItemRecord) -> None:
        self._drop_panel()
        assert self._dossier is not None
        panel = ItemPanel(self._db, self._meeting_id, item, self._dossier.meeting.meeting_date)
        panel.saved.connect(self._on_saved)
        panel.failed.connect(self._on_failed)
        panel.decision_saved.connect(self._on_decision_saved)
        self.panel = panel
        self._item_id = item.id
        self.scroll.takeWidget()
        self.scroll.setWidget(panel)
        self.scroll.verticalScrollBar().setValue(0)
        self.strip.select_item(item.id)
        self._begin_clock(item)  # switching items restarts the item timer
        self.current_item_changed.emit(item.id)

    def _drop_panel(self) -> None:
        """Let the current panel go (its autosavers must have been flushed by the caller)."""
        if self.panel is None:
            return
        self.panel.discard()
        if self.scroll.widget() is self.panel:
            self.scroll.takeWidget()
        self.panel.hide()
        self.panel.deleteLater()
        self.panel = None

    def _status(self) -> str | None:
        return self._dossier.meeting.status if self._dossier else None

    def _apply_state(self) -> None:
        """Lock the editors of approved minutes; offer Start/End as the status allows."""
        status = self._status()
        self._locked = status == MeetingStatus.APPROVED
        self.banner.setVisible(self._locked)
        if self.panel is not None:
            self.panel.set_read_only(self._locked)
        self.attendance.set_read_only(self._locked)
        self.start_button.setVisible(status == MeetingStatus.PLANNED)
        self.end_button.setVisible(status == MeetingStatus.IN_PROGRESS)
        paused = is_paused(event.kind for event in self._dossier.events) if self._dossier else False
        running = status == MeetingStatus.IN_PROGRESS and not paused
        idle = {
            MeetingStatus.IN_PROGRESS: _("The meeting is paused"),
            MeetingStatus.PLANNED: _("The meeting has not started"),
            MeetingStatus.HELD: _("The meeting has ended"),
            MeetingStatus.APPROVED: _("The minutes are approved"),
        }.get(status, "")
        current = self._item(self._item_id)
        if running and current is not None and (not self.clock.is_running() or is_open(current)):
            self._begin_clock(current)  # from the time recorded on the item
        self.clock.set_running(running, idle)
        self._update_navigation()

    def _begin_clock(self, item: AgendaItemRecord) -> None:
        self.clock.begin_item(
            time_box_minutes=item.time_box_minutes,
            planned_start=item.slot.starts_at,
            planned_end=item.slot.ends_at,
            elapsed=time_used(item.timings, self._now()),
        )

    def _update_navigation(self) -> None:
        ids = self.strip.item_ids()
        index = ids.index(self._item_id) if self._item_id in ids else -1
        self.previous_button.setEnabled(index > 0)
        self.next_button.setEnabled(0 <= index < len(ids) - 1)
        self.position_label.setText(
            _("Item {number} of {count}").format(number=index + 1, count=len(ids))
            if index >= 0
            else ""
        )

    # -- moving between items ----------------------------------------------------------

    def current_item_id(self) -> int | None:
        return self._item_id

    def meeting_id(self) -> int | None:
        return self._meeting_id

    def go_to_item(self, item_id: int) -> bool:
        """Show another item, after saving this one. False if the chair chose to stay."""
        if item_id == self._item_id or self._meeting_id is None:
            return False
        focus = QApplication.focusWidget()
        typing = self.panel is not None and focus is not None and self.panel.isAncestorOf(focus)
        if not self._leave_item(ask=True):
            self.strip.select_item(self._item_id)
            return False
        try:
            self._dossier = load_dossier(self._db, self._meeting_id)
        except UserError as error:
            show_error(self, error)
            self.strip.select_item(self._item_id)
            return False
        item = self._item(item_id)
        if item is None:
            self.refresh()
            self.strip.select_item(self._item_id)
            return False
        self._build_panel(item)
        self._apply_state()
        if typing:  # the chair moved on from the keyboard: carry on writing on the new item
            self._focus_and_show(self.panel.notes)
        return True

    def _focus_and_show(self, editor: QWidget) -> None:
        """Focus `editor` (the cursor after any text in it) and scroll it into view."""
        if isinstance(editor, QPlainTextEdit):
            editor.moveCursor(QTextCursor.MoveOperation.End)
        editor.setFocus()

        def show() -> None:
            if isValid(editor) and isValid(self.scroll) and self.scroll.isAncestorOf(editor):
                # Lay the new panel out first (wrapped labels change its height), so the
                # editor's place is final when the scroll area is moved to it.
                QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
                self.scroll.ensureWidgetVisible(editor)

        QTimer.singleShot(0, show)

    def next_item(self) -> None:
        self._step(+1)

    def previous_item(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if self.stack.currentIndex() != MEETING_PAGE:
            return
        ids = self.strip.item_ids()
        if self._item_id not in ids:
            return
        index = ids.index(self._item_id) + delta
        if 0 <= index < len(ids):
            self.go_to_item(ids[index])

    def _leave_item(self, *, ask: bool, question: str | None = None) -> bool:
        """Save the current item. If a field cannot be saved, ask whether to leave anyway."""
        if self.panel is None:
            return True
        if self.panel.flush():
            return True
        question = question or _("Go to the other item anyway? The marked field's change is lost.")
        if ask and not confirm(
            self,
            _("A field could not be saved"),
            _("{problem}\n\n{question}").format(problem=self._last_error, question=question),
        ):
            return False
        log.info("left item %s with a change that could not be saved", self._item_id)
        self.panel.discard()
        return True

    # -- meeting status ----------------------------------------------------------------

    def start_meeting(self) -> None:
        if self._meeting_id is None or self._dossier is None:
            return
        question = _("Start the meeting anyway? The marked field's change is lost.")
        if not self._leave_item(ask=True, question=question):
            return
        try:
            if self._item_id is not None:  # the clock starts on the item on screen
                timing_service.start_item(self._db, self._item_id, self._now())
            else:
                meeting_service.start_meeting(
                    self._db, self._meeting_id, by=self._dossier.meeting.chair_name, now=self._now()
                )
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        current = self._item(self._item_id)
        if current is not None:
            self._begin_clock(current)
        self._changed_timer.start()

    def end_meeting(self) -> None:
        if self._meeting_id is None or self._dossier is None:
            return
        if not confirm(
            self,
            _("End the meeting"),
            _("End the meeting now? The clock stops; notes and decisions can still be edited."),
        ):
            return
        question = _("End the meeting anyway? The marked field's change is lost.")
        if not self._leave_item(ask=True, question=question):
            return
        self.attendance.flush()
        try:
            meeting_service.end_meeting(
                self._db, self._meeting_id, by=self._dossier.meeting.chair_name, now=self._now()
            )
        except UserError as error:
            show_error(self, error)
            return
        self.refresh()
        self._changed_timer.start()

    def meeting_mode_changed(self) -> None:
        """Meeting mode started, paused, resumed or ended the meeting: show it here too."""
        self.refresh()
        self._changed_timer.start()

    # -- saving feedback ---------------------------------------------------------------

    def _set_status(self, text: str, *, problem: bool = False) -> None:
        self.save_status.setText(text)
        self.save_status.setStyleSheet("color: #b03a2e; font-weight: bold;" if problem else "")

    def _on_saved(self) -> None:
        self._last_error = ""
        moment: dt.datetime = self._now()
        self._set_status(_("Saved {time}").format(time=moment.strftime("%H:%M:%S")))
        self.saved.emit()

    def _on_failed(self, message: str) -> None:
        self._last_error = message
        self._set_status(message, problem=True)
        self.failed.emit(message)

    def _on_decision_saved(self, item_id: int, outcome: str) -> None:
        self.strip.set_outcome(item_id, outcome)
        self.budget.schedule_refresh()
        self._changed_timer.start()

    def save_status_text(self) -> str:
        return self.save_status.text()
