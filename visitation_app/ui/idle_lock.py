"""Locking the program after a time without use, or at once with "Lås nu" (Ctrl+L).

An application-wide event filter notes every keystroke, click, wheel turn and mouse move.
When `preferences.idle_lock_minutes()` have passed without any (0: never), what is typed
is saved and everything that shows the citizens' data is put away:

- the main window shows the lock page instead of its content, without menus and status bar;
- other windows of the program (meeting mode, open non-modal dialogs) are hidden, and shown
  again when unlocked;
- a modal dialog that is open (a case being edited, a question) cannot be hidden without
  ending it and losing what was typed in it, so it is covered by a lock page of its own,
  its title replaced, and it stays open underneath with everything in it; the passphrase
  can be typed on that cover (it is the window that takes input while it is open);
- the citizen's screen shows its neutral page (the meeting and the day, no citizen) and
  returns to the page it showed once unlocked.

While locked, no key or click reaches anything but a lock page, and no shortcut or menu
works. Unlocking takes the database's passphrase (`Database.passphrase_matches`); a
database without encryption unlocks with a button. Native dialogs of the operating system
(a file dialog drawn by the desktop) cannot be covered; they show file names only.

The clock and the check are injectable, so tests lock without waiting.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from shiboken6 import isValid

from visitation_app.i18n import _
from visitation_app.ui import preferences
from visitation_app.ui.citizen_screen import CitizenScreen
from visitation_app.ui.lock_page import LockPage
from visitation_app.ui.passphrase_dialogs import wrong_passphrase_text

if TYPE_CHECKING:
    from visitation_app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SHORTCUT = "Ctrl+L"
CHECK_MS = 5000  # how often the idle time is compared with the setting
# The citizen screen's `revealed` while locked: no citizen has this key, so it stays neutral.
HELD_FOR_LOCK = "\x00locked"
MAX_POPUPS = 20

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.ContextMenu,
        QEvent.Type.ShortcutOverride,
    }
)
_WINDOW_TYPES = frozenset(
    {Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet, Qt.WindowType.Tool}
)


def idle_clock() -> float:
    """Seconds on a clock that goes on while the laptop sleeps (a closed lid counts as idle)."""
    if hasattr(time, "CLOCK_BOOTTIME"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.time()


class IdleLock(QObject):
    """Locks `window` (and every other window of the program) after a time without input."""

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: MainWindow,
        *,
        clock: Callable[[], float] | None = None,
        check_ms: int = CHECK_MS,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock or idle_clock
        self._last_input = self._clock()
        self._minutes = preferences.idle_lock_minutes()
        self._locked = False
        self._page: LockPage | None = None
        self._covers: dict[QWidget, tuple[LockPage, str]] = {}
        self._hidden: list[QWidget] = []
        self._screens: dict[CitizenScreen, str | None] = {}
        self._focus: QWidget | None = None
        self._chrome: list[QWidget] = []
        self.lock_action = QAction(_("&Lock now"), window)
        self.lock_action.setShortcut(QKeySequence(SHORTCUT))
        # From any window of the program (meeting mode too), not only the main window.
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(lambda _checked=False: self.lock())
        window.addAction(self.lock_action)
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)
        self._timer.start()
        QApplication.instance().installEventFilter(self)

    # -- the idle time ---------------------------------------------------------------------

    def minutes(self) -> int:
        return self._minutes

    def reload_settings(self) -> None:
        """Read the idle time again (the settings dialog changed it); counted from now."""
        self._minutes = preferences.idle_lock_minutes()
        self._last_input = self._clock()

    def idle_seconds(self) -> float:
        return max(0.0, self._clock() - self._last_input)

    def check(self) -> None:
        """Lock when the window has been left alone for the set time."""
        if self._locked or self._minutes <= 0 or not self._window.isVisible():
            return
        if self.idle_seconds() >= self._minutes * 60:
            log.info("locking after %d minutes without use", self._minutes)
            self.lock()

    def stop(self) -> None:
        """The window closes: no more checks, no more filtering."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    # -- locking ---------------------------------------------------------------------------

    def is_locked(self) -> bool:
        return self._locked

    def lock(self) -> None:
        """Save what is typed, then put away everything that shows data."""
        if self._locked:
            return
        try:
            self._window.flush_typing()
        except Exception:  # noqa: BLE001 - the lock must happen whatever a save did
            log.exception("saving before the lock failed; the text stays in its fields")
        focus = QApplication.focusWidget()
        self._focus = focus if focus is not None and not isinstance(focus, LockPage) else None
        self._locked = True
        self._close_popups()
        self._lock_main_window()
        for widget in QApplication.topLevelWidgets():
            self._conceal(widget)
        self.locked.emit()

    def _close_popups(self) -> None:
        QToolTip.hideText()
        for _attempt in range(MAX_POPUPS):
            popup = QApplication.activePopupWidget()
            if popup is None:
                return
            popup.close()

    def _encrypted(self) -> bool:
        return self._window.db.encrypted

    def _new_page(self, parent: QWidget | None, *, compact: bool) -> LockPage:
        page = LockPage(parent, encrypted=self._encrypted(), compact=compact)
        page.unlock_requested.connect(lambda text, p=page: self._try_unlock(p, text))
        return page

    def _lock_main_window(self) -> None:
        window = self._window
        self._page = self._new_page(None, compact=False)
        window.pages.addWidget(self._page)
        window.pages.setCurrentWidget(self._page)
        self._chrome = [w for w in (window.menuBar(), window.statusBar()) if w.isVisible()]
        for widget in self._chrome:
            widget.hide()
        self._page.take_focus()

    def _conceal(self, widget: QWidget) -> None:
        """Put one window of the program out of sight (see the module's description)."""
        if (
            not isValid(widget)
            or not widget.isVisible()
            or widget is self._window
            or widget in self._covers
            or widget in self._hidden
            or widget.windowType() not in _WINDOW_TYPES
        ):
            return
        if isinstance(widget, CitizenScreen):
            if widget not in self._screens:
                self._screens[widget] = widget.revealed
                widget.revealed = HELD_FOR_LOCK
                widget.refresh()
            return
        if widget.isModal():
            self._cover(widget)
        else:
            widget.hide()
            self._hidden.append(widget)

    def _cover(self, dialog: QWidget) -> None:
        page = self._new_page(dialog, compact=True)
        page.setGeometry(dialog.rect())
        page.raise_()
        page.show()
        self._covers[dialog] = (page, dialog.windowTitle())
        dialog.setWindowTitle(_("Locked"))
        if QApplication.activeModalWidget() is dialog:
            page.take_focus()

    # -- the event filter ------------------------------------------------------------------

    def _inside_lock_page(self, watched: QObject) -> QWidget | None:
        """The lock page `watched` belongs to, if any."""
        node = watched if isinstance(watched, QWidget) else None
        while node is not None:
            if isinstance(node, LockPage):
                return node
            node = node.parentWidget()
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if not self._locked:
            if kind in _INPUT:
                self._last_input = self._clock()
            return False
        if kind in _INPUT:
            return self._stop_input(watched, kind)
        if kind == QEvent.Type.Shortcut:
            return True  # no menu action or shortcut works while locked
        if kind == QEvent.Type.Close and event.spontaneous() and watched in self._covers:
            event.ignore()
            return True  # closing a covered dialog would throw away what is typed in it
        if kind == QEvent.Type.Resize and watched in self._covers:
            self._covers[watched][0].setGeometry(watched.rect())
        elif kind == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow():
            QTimer.singleShot(0, lambda w=watched: self._conceal(w) if self._locked else None)
        return False

    def _stop_input(self, watched: QObject, kind: QEvent.Type) -> bool:
        """While locked, input reaches lock pages only (the windows pass it on to them)."""
        if not isinstance(watched, QWidget) or self._inside_lock_page(watched) is not None:
            return False
        if kind == QEvent.Type.KeyPress:  # the focus strayed behind a cover: bring it back
            page = self._page_of(watched.window())
            if page is not None:
                page.take_focus()
        return True

    def _page_of(self, window: QWidget) -> LockPage | None:
        if window is self._window:
            return self._page
        cover = self._covers.get(window)
        return cover[0] if cover else None

    # -- unlocking -------------------------------------------------------------------------

    def _try_unlock(self, page: LockPage, text: str) -> None:
        db = self._window.db
        if db.encrypted and not db.passphrase_matches(text):
            log.info("a wrong passphrase was typed to unlock the window")
            page.show_problem(wrong_passphrase_text())
            return
        self.unlock()

    def unlock(self) -> None:
        """Show everything again as it was (called once the passphrase fitted)."""
        if not self._locked:
            return
        self._locked = False
        window = self._window
        window.pages.setCurrentIndex(0)
        for widget in self._chrome:
            widget.show()
        self._chrome = []
        if self._page is not None:
            window.pages.removeWidget(self._page)
            self._page.deleteLater()
            self._page = None
        for widget in self._hidden:
            if isValid(widget):
                widget.show()
        self._hidden = []
        for screen, revealed in self._screens.items():
            if isValid(screen):
                screen.revealed = revealed
                screen.refresh()
        self._screens = {}
        for dialog, (page, title) in self._covers.items():
            if isValid(dialog):
                dialog.setWindowTitle(title)
            if isValid(page):
                page.hide()
                page.deleteLater()
        self._covers = {}
        self._restore_focus()
        self._last_input = self._clock()
        self.unlocked.emit()

    def _restore_focus(self) -> None:
        focus, self._focus = self._focus, None
        if focus is not None and isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self._window.activateWindow()
