"""Save as you type: every bound editor is written to the database a moment after it changes.

There is no Save button. A change is saved `delay_ms` after the last keystroke, when the
editor loses focus, and before the window closes (`Autosaver.flush_everywhere()`), so a
crash or power cut loses at most the last fraction of a second of typing.

When the database cannot be written (a full disk, a folder or stick that became read-only,
an I/O error, another program holding the file), the typed text stays in its editor,
marked as not saved, the chair is told once (not at every keystroke), and the save is
tried again by itself until it succeeds.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QTimeEdit,
    QWidget,
)
from shiboken6 import isValid

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.store.database import StoreError
from visitation_app.ui.widgets import MoneyEdit, OptionalDateEdit

log = logging.getLogger(__name__)

Saver = Callable[[Any], None]
# Well under a second: every edit is on disk within a second of the last keystroke.
DEFAULT_DELAY_MS = 400
# After the database refused a save: try again after this long, doubling up to the maximum.
RETRY_FIRST_MS = 2000
RETRY_MAX_MS = 10_000


def read_value(widget: QWidget) -> Any:
    """The value an editor holds, in the type the services expect.

    A composite editor of our own takes part by having `autosave_value()` and an
    `autosave_changed` signal.
    """
    if hasattr(widget, "autosave_value"):
        return widget.autosave_value()
    if isinstance(widget, MoneyEdit | OptionalDateEdit):
        return widget.value()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QComboBox):
        return widget.currentData()
    if isinstance(widget, QTimeEdit):
        return widget.time().toPython()
    if isinstance(widget, QDateEdit):
        return widget.date().toPython()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, QAbstractButton):
        return widget.isChecked()
    raise TypeError(f"no autosave reader for {type(widget).__name__}")


def _change_signal(widget: QWidget):
    if hasattr(widget, "autosave_changed"):
        return widget.autosave_changed
    if isinstance(widget, QLineEdit):
        return widget.textEdited
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return widget.textChanged
    if isinstance(widget, QComboBox):
        return widget.currentIndexChanged
    if isinstance(widget, QTimeEdit):
        return widget.timeChanged
    if isinstance(widget, QDateEdit):
        return widget.dateChanged
    if isinstance(widget, QSpinBox):
        return widget.valueChanged
    if isinstance(widget, QAbstractButton):
        return widget.toggled
    raise TypeError(f"no autosave signal for {type(widget).__name__}")


class Autosaver(QObject):
    """Debounced saving of a form's editors through service calls."""

    saved = Signal()
    """Everything pending was saved."""
    failed = Signal(str)
    """A save failed; carries the sentence saying why (sent at every failed attempt)."""
    value_saved = Signal(QWidget, object)
    """One editor's value is in the database (committed): the editor and the value written."""

    _instances: weakref.WeakSet[Autosaver] = weakref.WeakSet()
    # The database refused a save and the chair has been told; cleared when all is saved.
    _storage_trouble_told = False
    _storage_trouble_message: QWidget | None = None  # closed when the trouble is over

    def __init__(self, parent: QObject | None = None, delay_ms: int = DEFAULT_DELAY_MS) -> None:
        super().__init__(parent)
        self._savers: dict[QWidget, Saver] = {}
        self._pending: dict[QWidget, Saver] = {}
        self._loading = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._storage_failed: set[QWidget] = set()  # kept because the database refused them
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_FIRST_MS)
        self._retry.timeout.connect(self._try_again)
        Autosaver._instances.add(self)

    def bind(self, widget: QWidget, save: Saver) -> None:
        """Call `save(value)` whenever the user changes `widget` (not while loading)."""
        self._savers[widget] = save
        _change_signal(widget).connect(lambda *_args, w=widget: self._changed(w))
        widget.installEventFilter(self)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Fill editors from the database without saving them back."""
        self._loading += 1
        try:
            yield
        finally:
            self._loading -= 1

    @classmethod
    def bound_to(cls, widget: QWidget) -> Autosaver | None:
        """The autosaver that saves `widget` (to follow its `value_saved`); None if none."""
        return next((s for s in list(cls._instances) if isValid(s) and widget in s._savers), None)

    def has_pending(self) -> bool:
        return bool(self._pending)

    def _changed(self, widget: QWidget) -> None:
        if self._loading:
            return
        self._pending[widget] = self._savers[widget]
        self._timer.start()

    def eventFilter(self, watched: QObject, event) -> bool:  # noqa: ANN001 - Qt event
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.FocusOut and watched in self._pending:
            self.flush()
        return False

    def flush(self) -> bool:
        """Save everything changed; True when all of it was saved.

        Editors that Qt has already destroyed (a view rebuilt or closed) are skipped.
        """
        if not isValid(self):
            return True
        self._timer.stop()
        pending, self._pending = self._pending, {}
        ok = True
        refused: StoreError | None = None
        for widget, save in pending.items():
            if not isValid(widget):
                self._storage_failed.discard(widget)
                continue
            try:
                value = read_value(widget)  # an editor may refuse what it holds (a bad amount)
                save(value)
            except StoreError as error:  # the database, not the input: kept and tried again
                ok = False
                refused = error
                self._storage_failed.add(widget)
                self._keep(widget, save, str(error))
            except UserError as error:
                ok = False
                self._storage_failed.discard(widget)
                self._keep(widget, save, str(error))
            except Exception as error:  # noqa: BLE001 - logged, shown as a sentence
                ok = False
                log.exception("autosave failed")
                self._storage_failed.discard(widget)
                self._keep(widget, save, _("Could not save: {reason}").format(reason=error))
            else:
                self._storage_failed.discard(widget)
                self._mark(widget, None)
                self.value_saved.emit(widget, value)
        if refused is not None:
            self._schedule_retry()
            Autosaver._tell_storage_trouble_once(next(iter(self._storage_failed)), refused)
        elif not self._storage_failed:
            self._retry.stop()
            self._retry.setInterval(RETRY_FIRST_MS)
            Autosaver._storage_trouble_over()
        if ok and pending:
            self.saved.emit()
        return ok

    def _keep(self, widget: QWidget, save: Saver, problem: str) -> None:
        """A change that was not saved stays pending, its editor marked; `failed` says why."""
        self._pending[widget] = save  # the text stays and is saved once the problem is gone
        self._mark(widget, problem)
        self.failed.emit(problem)

    def _schedule_retry(self) -> None:
        if not self._retry.isActive():
            self._retry.start()

    def _try_again(self) -> None:
        """The database refused a save earlier: try again, waiting longer each time."""
        if not isValid(self):
            return
        if self._storage_failed:
            log.info("trying again to save %d field(s)", len(self._storage_failed))
        self.flush()
        if self._storage_failed:
            self._retry.setInterval(min(self._retry.interval() * 2, RETRY_MAX_MS))
            self._schedule_retry()

    def discard(self) -> None:
        """Forget unsaved changes (used when the editors are about to show another record)."""
        self._timer.stop()
        self._retry.stop()
        self._pending.clear()
        self._storage_failed.clear()
        Autosaver._storage_trouble_over()

    @classmethod
    def _tell_storage_trouble_once(cls, widget: QWidget, error: StoreError) -> None:
        """The first refusal of an outage is shown in a message; the rest only as red fields."""
        if cls._storage_trouble_told:
            return
        cls._storage_trouble_told = True
        log.warning("the database refused a save: %s", error)
        cls._storage_trouble_message = tell_storage_trouble(
            widget.window() if isValid(widget) else None, str(error)
        )

    @classmethod
    def _storage_trouble_over(cls) -> None:
        if cls._storage_trouble_told and not any(
            saver._storage_failed for saver in list(cls._instances) if isValid(saver)
        ):
            cls._storage_trouble_told = False
            log.info("the database accepts saves again; everything typed is saved")
            message, cls._storage_trouble_message = cls._storage_trouble_message, None
            if message is not None and isValid(message):
                message.close()  # what it says is no longer true

    @staticmethod
    def _mark(widget: QWidget, problem: str | None) -> None:
        """Show `problem` on the editor (red frame, tooltip); None restores its own tooltip."""
        was_marked = bool(widget.property("invalid"))
        if problem is not None and not was_marked:
            widget.setProperty("baseToolTip", widget.toolTip())
        widget.setProperty("invalid", problem is not None)
        if problem is not None:
            widget.setToolTip(problem)
            widget.setStyleSheet("border: 2px solid #c0392b;")
        elif was_marked:
            widget.setToolTip(widget.property("baseToolTip") or "")
            widget.setStyleSheet("")

    @classmethod
    def flush_everywhere(cls) -> bool:
        """Save every pending change in the application (before quitting or switching)."""
        return all([saver.flush() for saver in list(cls._instances) if isValid(saver)])


def storage_trouble_text(reason: str) -> str:
    """What the chair is told when the database refuses what was typed."""
    return _(
        "{reason}\n\nWhat you type stays in the fields, marked in red, and is saved by itself "
        "as soon as the database can be written to again. You can go on working. Do not close "
        "the program until the red marks are gone."
    ).format(reason=reason)


def tell_storage_trouble(parent: QWidget | None, reason: str) -> QWidget | None:
    """Say once that nothing is being saved; the message shown (closed when saving works).

    Not modal and not taking the keyboard: the chair's next keystrokes still go to the
    field, and the retries go on while the message is open.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Your changes are not saved yet"))
    box.setText(storage_trouble_text(reason))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    box.show()
    return box
