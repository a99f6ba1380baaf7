"""Meeting mode: the chair's large view of the running meeting, readable across the table.

The current item with its time box, the next item, a large clock with the time left on
the item and on the whole meeting (amber in the last fifth of a time box, red once it is
exceeded: `domain.clock.signal_for`), and start, pause/resume, next and previous item.
Every action has a key (shown in its tooltip and in the overview, F1 or ?); F11 switches
full screen on and off, Esc leaves it (or closes meeting mode).

The time the meeting spends on each item is recorded through `services.timing`. Opened
from 'Under mødet', meeting mode moves that view along (`go_to_item`) and follows it when
the chair moves there; the view's `MeetingModeControl` records the time as items change.
The clock is injectable (a callable returning aware datetimes) and read on a QTimer tick.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QPushButton, QWidget

from visitation_app.domain.clock import ClockSignal
from visitation_app.domain.errors import NotFoundError, UserError
from visitation_app.domain.records import MeetingDossier
from visitation_app.domain.timing import is_paused, last_timed_item_id, running_item_id
from visitation_app.domain.vocabulary import MeetingStatus
from visitation_app.i18n import _
from visitation_app.services import meetings as meeting_service
from visitation_app.services import timing as timing_service
from visitation_app.services.dossier import load_dossier
from visitation_app.store.database import Database
from visitation_app.ui.clock import Now, system_now
from visitation_app.ui.during.meeting_mode_parts import PAUSE_STYLE, STYLESHEET, MeetingModeUi
from visitation_app.ui.during.meeting_mode_screen import read_screen, toggle_text
from visitation_app.ui.messages import confirm, show_error
from visitation_app.ui.shortcuts import ShortcutsDialog, key_text

log = logging.getLogger(__name__)

TICK_MS = 1000


class Follows(Protocol):
    """What meeting mode needs of 'Under mødet' (DuringView) to keep it in step."""

    current_item_changed: SignalInstance
    changed: SignalInstance

    def current_item_id(self) -> int | None: ...

    def go_to_item(self, item_id: int) -> bool: ...


class MeetingModeWindow(QWidget):
    """A window of its own (full screen on demand) showing the meeting's clock."""

    changed = Signal()
    """The meeting's status or its pause changed (the other views reload)."""

    def __init__(
        self,
        db: Database,
        meeting_id: int,
        *,
        now: Now | None = None,
        during: Follows | None = None,
        parent: QWidget | None = None,
        tick_ms: int = TICK_MS,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._db = db
        self._meeting_id = meeting_id
        self._now: Now = now or system_now
        self._during = during
        self._dossier: MeetingDossier | None = None
        self._current: int | None = during.current_item_id() if during is not None else None
        self._was_maximised = False
        self.overview: ShortcutsDialog | None = None
        self.setObjectName("meetingMode")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(STYLESHEET)
        self.setMinimumSize(640, 400)
        self.ui = MeetingModeUi(self)
        ui = self.ui
        self.header_label, self.state_label = ui.header_label, ui.state_label
        self.position_label, self.title_label = ui.position_label, ui.title_label
        self.item_clock, self.meeting_clock = ui.item_clock, ui.meeting_clock
        self.next_label, self.hint_label = ui.next_label, ui.hint_label
        self.previous_button, self.toggle_button = ui.previous_button, ui.toggle_button
        self.next_button, self.end_button = ui.next_button, ui.end_button
        self.full_screen_button, self.overview_button = ui.full_screen_button, ui.overview_button
        self.close_button = ui.close_button
        self._build_actions()
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        if during is not None:
            during.current_item_changed.connect(self._follow)
            during.changed.connect(self.reload)
        self.reload()

    # -- actions and keys ------------------------------------------------------------------

    def _action(
        self, description: str, keys: tuple[str, ...], slot: Callable[[], Any], button: QPushButton
    ) -> QAction:
        action = QAction(description, self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        tip = f"{description} ({self._keys(action)})"
        action.setToolTip(tip)
        button.setToolTip(tip)
        button.clicked.connect(action.trigger)
        action.enabledChanged.connect(button.setEnabled)
        self.addAction(action)
        return action

    @staticmethod
    def _keys(action: QAction) -> str:
        return " / ".join(key_text(sequence) for sequence in action.shortcuts())

    def _build_actions(self) -> None:
        self.toggle_action = self._action(
            _("Start the meeting, pause or resume"), ("Space",), self.toggle_run,
            self.toggle_button,
        )  # fmt: skip
        self.previous_action = self._action(
            _("Previous item"), ("Left", "PgUp", "Alt+Left"), self.previous_item,
            self.previous_button,
        )  # fmt: skip
        self.next_action = self._action(
            _("Next item"), ("Right", "PgDown", "Alt+Right"), self.next_item, self.next_button
        )
        self.end_action = self._action(
            _("End the meeting"), ("Ctrl+End",), self.end_meeting, self.end_button
        )
        self.full_screen_action = self._action(
            _("Full screen on or off"), ("F11",), self.toggle_full_screen,
            self.full_screen_button,
        )  # fmt: skip
        self.overview_action = self._action(
            _("Keyboard shortcuts"), ("F1", "?"), self.show_overview, self.overview_button
        )
        self.leave_action = self._action(
            _("Leave full screen, or close meeting mode"), ("Esc",), self.leave,
            self.close_button,
        )  # fmt: skip
        self._citizen_screen_actions()

    def _citizen_screen_actions(self) -> None:
        """The citizen screen's keys work here too: the chair runs the meeting from this window."""
        control = getattr(self._during, "citizen_screen", None)
        if control is None:
            return
        for text, keys, slot in (
            (_("Open or close the citizen screen"), ("Ctrl+B",), control.toggle),
            (_("Show the citizen screen to the citizen of this case"), ("Ctrl+Shift+B",),
             control.reveal),
        ):  # fmt: skip
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
            self.addAction(action)

    def shortcuts(self) -> list[tuple[str, str]]:
        """(keys, what they do) of every action, for the overview and the tooltips."""
        return [(self._keys(action), action.text()) for action in self.actions()]

    # -- state -----------------------------------------------------------------------------

    def meeting_id(self) -> int:
        return self._meeting_id

    def current_item_id(self) -> int | None:
        return self._current

    def _status(self) -> str:
        return self._dossier.meeting.status if self._dossier else MeetingStatus.PLANNED

    def is_paused(self) -> bool:
        return self._dossier is not None and is_paused(e.kind for e in self._dossier.events)

    def is_running(self) -> bool:
        """In progress and not paused: moving to an item records time on it."""
        return self._status() == MeetingStatus.IN_PROGRESS and not self.is_paused()

    def reload(self) -> None:
        """Read the meeting again and show it (after every action, and when the view changed)."""
        try:
            dossier = load_dossier(self._db, self._meeting_id)
        except NotFoundError:
            self.close()
            return
        self._dossier = dossier
        ids = [item.id for item in dossier.items]
        running = running_item_id(dossier.items)
        if running is not None:
            self._current = running
        elif self._current not in ids:
            fallback = last_timed_item_id(dossier.items)
            self._current = fallback if fallback is not None else (ids[0] if ids else None)
        self.setWindowTitle(_("Meeting mode – {title}").format(title=dossier.meeting.title))
        self._update_actions()
        self.tick()

    def _follow(self, item_id: int) -> None:
        """The chair moved to another item in 'Under mødet' (its control recorded the time)."""
        self._current = item_id
        self.reload()

    def _update_actions(self) -> None:
        status = self._status()
        ids = [item.id for item in self._dossier.items] if self._dossier else []
        index = ids.index(self._current) if self._current in ids else -1
        self.previous_action.setEnabled(index > 0)
        self.next_action.setEnabled(0 <= index < len(ids) - 1)
        self.end_action.setEnabled(status == MeetingStatus.IN_PROGRESS)
        live = status in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS)
        self.toggle_action.setEnabled(live)
        self.toggle_button.setVisible(live)  # an ended meeting is not started again here
        self.end_button.setVisible(status == MeetingStatus.IN_PROGRESS)
        if self._dossier is not None:
            self.toggle_button.setText(toggle_text(self._dossier))

    # -- actions ---------------------------------------------------------------------------

    def _do(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
        try:
            action(*args, **kwargs)
        except UserError as error:
            show_error(self, error)
            self.reload()
            return False
        return True

    def toggle_run(self) -> None:
        """Start the meeting (on the item shown), pause it, or resume it."""
        if self._dossier is None:
            return
        status, now = self._status(), self._now()
        meeting = self._dossier.meeting
        if status not in (MeetingStatus.PLANNED, MeetingStatus.IN_PROGRESS):
            return
        if self.is_paused():
            done = self._do(
                timing_service.resume_meeting, self._db, self._meeting_id, now, self._current
            )
        elif status == MeetingStatus.IN_PROGRESS and running_item_id(self._dossier.items):
            done = self._do(timing_service.pause_meeting, self._db, self._meeting_id, now)
        elif self._current is not None:
            done = self._do(timing_service.start_item, self._db, self._current, now)
        else:
            done = self._do(
                meeting_service.start_meeting,
                self._db, self._meeting_id, by=meeting.chair_name, now=now,
            )  # fmt: skip
        if done:
            self.reload()
            self.changed.emit()

    def next_item(self) -> None:
        self._step(+1)

    def previous_item(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        ids = [item.id for item in self._dossier.items] if self._dossier else []
        if self._current not in ids:
            return
        index = ids.index(self._current) + delta
        if 0 <= index < len(ids):
            self.go_to_item(ids[index])

    def go_to_item(self, item_id: int) -> bool:
        """Make `item_id` the current item; while the meeting runs, its time starts now.

        'Under mødet' is moved along first (it saves what was typed, and may ask); its
        control records the time. Without that view, the time is recorded here.
        """
        if item_id == self._current:
            return False
        if self._during is not None and self._during.current_item_id() != item_id:
            # The view saves what was typed (and may ask); it tells us where it went.
            return self._during.go_to_item(item_id)
        if self.is_running() and running_item_id(self._dossier.items):
            self._do(timing_service.start_item, self._db, item_id, self._now())
        self._current = item_id
        self.reload()
        return True

    def end_meeting(self) -> None:
        if self._dossier is None or self._status() != MeetingStatus.IN_PROGRESS:
            return
        answer = confirm(
            self,
            _("End the meeting"),
            _("End the meeting now? The clock stops; notes and decisions can still be edited."),
        )
        self.activateWindow()  # the keys stay with meeting mode after the question
        if not answer:
            return
        meeting = self._dossier.meeting
        if self._do(
            meeting_service.end_meeting,
            self._db, self._meeting_id, by=meeting.chair_name, now=self._now(),
        ):  # fmt: skip
            self.reload()
            self.changed.emit()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self._leave_full_screen()
        else:
            self._was_maximised = self.isMaximized()
            self.showFullScreen()

    def _leave_full_screen(self) -> None:
        if self._was_maximised:
            self.showMaximized()
        else:
            self.showNormal()

    def leave(self) -> None:
        """Esc: out of full screen; when not full screen, close meeting mode."""
        if self.isFullScreen():
            self._leave_full_screen()
        else:
            self.close()

    def show_overview(self) -> ShortcutsDialog:
        """The list of meeting mode's keys (not modal to the app: the clock keeps ticking)."""
        if self.overview is not None:
            self.overview.close()
        self.overview = ShortcutsDialog([(_("Meeting mode"), self.shortcuts())], self)
        unit = self._unit()
        # A style sheet, not setFont: under meeting mode's sheet a font would not reach inside.
        self.overview.setStyleSheet(f"* {{ font-size: {int(18 * unit)}px; }}")
        self.overview.resize(int(760 * unit), int(460 * unit))
        self.overview.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.overview.destroyed.connect(self._forget_overview)
        self.overview.open()
        return self.overview

    def _forget_overview(self) -> None:
        self.overview = None

    # -- the clock -------------------------------------------------------------------------

    def tick(self) -> None:
        """Read the clock and show where the meeting stands (every second)."""
        if self._dossier is None:
            return
        screen = read_screen(self._dossier, self._current, self._now())
        self.header_label.setText(screen.header)
        self.state_label.setText(screen.state)
        style = PAUSE_STYLE if screen.paused else ""
        if self.state_label.styleSheet() != style:
            self.state_label.setStyleSheet(style)
        self.position_label.setText(screen.position)
        self.title_label.setText(screen.title)
        self.next_label.setText(screen.following)
        self.item_clock.show_reading(screen.item, paused=screen.paused)
        self.meeting_clock.show_reading(screen.meeting, paused=screen.paused)

    @property
    def item_signal(self) -> ClockSignal:
        return self.item_clock.signal

    @property
    def meeting_signal(self) -> ClockSignal:
        return self.meeting_clock.signal

    # -- size and closing ------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.scale_fonts()

    def _unit(self) -> float:
        """1.0 on a 1366×768 screen; texts and clocks grow and shrink with the window."""
        return min(max(self.height(), 300) / 768, max(self.width(), 400) / 1366)

    def scale_fonts(self) -> None:
        """Size every text from the window's size, so it reads from across the table."""
        self.ui.scale(self._unit())

    def closeEvent(self, event: QCloseEvent) -> None:
        self._timer.stop()
        if self._during is not None:
            for signal, slot in (
                (self._during.current_item_changed, self._follow),
                (self._during.changed, self.reload),
            ):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    log.debug("meeting mode was not connected to the view")
        super().closeEvent(event)
