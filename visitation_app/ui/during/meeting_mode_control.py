"""Meeting mode's place in 'Under mødet': the button and F5 that open it, and the clock
that follows the chair from item to item.

Once the meeting's clock runs on an item, the item the chair opens is the item the meeting
is on: moving to another (in the view, or in meeting mode, which moves the view) records
the time there (`services.timing.follow_item`). A meeting in progress whose clock was never
started, or one standing paused, is only browsed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton
from shiboken6 import isValid

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.services import timing as timing_service
from visitation_app.store.database import Database
from visitation_app.ui.clock import Now, system_now
from visitation_app.ui.during.meeting_mode import MeetingModeWindow
from visitation_app.ui.messages import show_error
from visitation_app.ui.shortcuts import key_text

if TYPE_CHECKING:
    from visitation_app.ui.during.during_view import DuringView

SHORTCUT = "F5"


class MeetingModeControl(QObject):
    """Opens meeting mode for the view's meeting and records time as the chair moves."""

    def __init__(
        self,
        view: DuringView,
        db: Database,
        button: QPushButton,
        *,
        now: Now | None = None,
    ) -> None:
        super().__init__(view)
        self._view = view
        self._db = db
        self._now: Now = now or system_now
        self.window: MeetingModeWindow | None = None
        self.button = button
        self.button.setText(_("Meeting mode"))
        self.button.setToolTip(
            _("The large clock for the chair, full screen on demand ({keys})").format(
                keys=key_text(SHORTCUT)
            )
        )
        self.button.clicked.connect(self.open)
        shortcut = QShortcut(QKeySequence(SHORTCUT), view)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.open)
        view.current_item_changed.connect(self._follow_item)

    def shortcut_row(self) -> tuple[str, str]:
        """(keys, what they do) for the keyboard overview."""
        return key_text(SHORTCUT), _("Meeting mode: the large clock for the chair")

    def is_open(self) -> bool:
        return self.window is not None and isValid(self.window) and self.window.isVisible()

    def open(self) -> MeetingModeWindow | None:
        """Show meeting mode for the view's meeting (bring it forward when already open)."""
        meeting_id = self._view.meeting_id()
        if meeting_id is None:
            return None
        if self.is_open() and self.window.meeting_id() == meeting_id:
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        self.close()
        window = MeetingModeWindow(
            self._db, meeting_id, now=self._now, during=self._view, parent=self._view.window()
        )
        window.changed.connect(self._view.meeting_mode_changed)
        window.destroyed.connect(self._forget)
        window.resize(1366, 768)
        window.showMaximized()
        window.activateWindow()
        self.window = window
        return window

    def close(self) -> None:
        if self.window is not None and isValid(self.window):
            self.window.close()
        self.window = None

    def meeting_shown(self, meeting_id: int | None) -> None:
        """The view shows another meeting (or none): meeting mode of the old one closes."""
        if self.is_open() and self.window.meeting_id() != meeting_id:
            self.close()

    def _forget(self) -> None:
        self.window = None

    def _follow_item(self, item_id: int) -> None:
        """The chair opened another item: while the clock runs, the meeting moved there."""
        try:
            timing_service.follow_item(self._db, item_id, self._now())
        except UserError as error:
            show_error(self._view, error)
