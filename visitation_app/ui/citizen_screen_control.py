"""The during view's 'Borgerskærm' button and keys: open, close, follow the chair, and show
the screen to the next citizen only when the chair says so."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QBoxLayout, QLayout, QPushButton, QSizePolicy, QWidget

from visitation_app.i18n import _
from visitation_app.store.database import Database
from visitation_app.ui.citizen_screen import REVEAL_SHORTCUT, SHORTCUT, CitizenScreen
from visitation_app.ui.clock import Now


def _layout_holding(layout: QLayout | None, widget: QWidget) -> QBoxLayout | None:
    """The box layout (nested anywhere in `layout`) that holds `widget` directly."""
    if layout is None:
        return None
    if isinstance(layout, QBoxLayout) and layout.indexOf(widget) >= 0:
        return layout
    for index in range(layout.count()):
        found = _layout_holding(layout.itemAt(index).layout(), widget)
        if found is not None:
            return found
    return None


class CitizenScreenControl(QObject):
    """The 'Borgerskærm' button and Ctrl+B of the during view: open, close and follow.

    `view` is the during view: it has `meeting_id()`, `current_item_id()`, and emits
    `current_item_changed` (the chair moved) and `changed` (a decision or status saved).
    """

    def __init__(self, view: QWidget, db: Database, *, now: Now | None = None) -> None:
        super().__init__(view)
        self._view = view
        self._db = db
        self._now = now
        self.screen: CitizenScreen | None = None
        self.button = QPushButton(_("Citizen screen"))
        self.button.setCheckable(True)
        keys = QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.button.setToolTip(
            _("Show the citizen their own part of the meeting on a second screen ({keys}).").format(
                keys=keys
            )
        )
        self.button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.button.toggled.connect(self._set_open)
        # Moving on to the next citizen holds the screen on a neutral page until the chair
        # shows it to them: the citizen still in the room never sees the next one's name.
        self.reveal_button = QPushButton(_("Show to this citizen"))
        reveal_keys = QKeySequence(REVEAL_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.reveal_button.setToolTip(
            _(
                "The citizen screen waits on a neutral page: show this citizen their own "
                "part now ({keys})."
            ).format(keys=reveal_keys)
        )
        self.reveal_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_button.setVisible(False)
        reveal = QShortcut(QKeySequence(REVEAL_SHORTCUT), view)
        reveal.setContext(Qt.ShortcutContext.WindowShortcut)
        reveal.activated.connect(self.reveal)
        shortcut = QShortcut(QKeySequence(SHORTCUT), view)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        shortcut.activated.connect(self.toggle)
        view.current_item_changed.connect(self._follow)
        view.changed.connect(self._follow)

    def put_button_beside(self, widget: QWidget) -> None:
        """Place the button right after `widget` in whichever layout holds it."""
        holder = _layout_holding(widget.parentWidget().layout(), widget)
        if holder is None:
            raise ValueError("the widget is not in its parent's layout")
        holder.insertWidget(holder.indexOf(widget) + 1, self.button)
        holder.insertWidget(holder.indexOf(self.button) + 1, self.reveal_button)

    def shortcut_row(self) -> tuple[str, str]:
        """(keys, what they do) for the keyboard overview."""
        keys = QKeySequence(SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        return keys, _("Open or close the citizen screen")

    def reveal_shortcut_row(self) -> tuple[str, str]:
        keys = QKeySequence(REVEAL_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        return keys, _("Show the citizen screen to the citizen of this case")

    def is_open(self) -> bool:
        return self.screen is not None and self.screen.isVisible()

    def toggle(self) -> None:
        self.button.setChecked(not self.button.isChecked())

    def _set_open(self, wanted: bool) -> None:
        if wanted and not self.is_open():
            if self.screen is None:
                self.screen = CitizenScreen(
                    self._db, self._where, self._view.window(), now=self._now
                )
                self.screen.destroyed.connect(self._forget)
                self.screen.installEventFilter(self)
            self.screen.place(self._view.window())
            self.screen.reveal()  # opened by the chair for the citizen of the case on screen
        elif not wanted and self.is_open():
            self.screen.hide()
        self._show_reveal_button()

    def reveal(self) -> None:
        """Show the citizen screen to the citizen whose case the chair is on."""
        if self.is_open():
            self.screen.reveal()
        self._show_reveal_button()

    def _show_reveal_button(self) -> None:
        self.reveal_button.setVisible(self.is_open() and self.screen.is_held())

    def _where(self) -> tuple[int | None, int | None]:
        return self._view.meeting_id(), self._view.current_item_id()

    def _follow(self, *_args: object) -> None:
        if self.is_open():
            self.screen.refresh()
        self._show_reveal_button()

    def _forget(self) -> None:
        """The window went with the chair's window (only then is it deleted)."""
        self.screen = None

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: ANN001 - QEvent
        """The window closed with its own close button: the button says so."""
        if watched is self.screen and event.type() == event.Type.Hide:
            self.button.blockSignals(True)
            self.button.setChecked(False)
            self.button.blockSignals(False)
        return super().eventFilter(watched, event)
