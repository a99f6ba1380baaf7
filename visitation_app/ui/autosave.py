"""Save as you type: every bound editor is written to the database a moment after it changes.

There is no Save button. A change is saved `delay_ms` after the last keystroke, when the
editor loses focus, and before the window closes (`Autosaver.flush_everywhere()`), so a
crash or power cut loses at most the last fraction of a second of typing.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTextEdit,
    QTimeEdit,
    QWidget,
)
from shiboken6 import isValid

from visitation_app.domain.errors import UserError
from visitation_app.i18n import _
from visitation_app.ui.widgets import MoneyEdit, OptionalDateEdit

log = logging.getLogger(__name__)

Saver = Callable[[Any], None]
DEFAULT_DELAY_MS = 400


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
    failed = Signal(str)

    _instances: weakref.WeakSet[Autosaver] = weakref.WeakSet()

    def __init__(self, parent: QObject | None = None, delay_ms: int = DEFAULT_DELAY_MS) -> None:
        super().__init__(parent)
        self._savers: dict[QWidget, Saver] = {}
        self._pending: dict[QWidget, Saver] = {}
        self._loading = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
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
        for widget, save in pending.items():
            if not isValid(widget):
                continue
            try:
                save(read_value(widget))
            except UserError as error:
                ok = False
                self._mark(widget, str(error))
                self._pending[widget] = save  # kept: the text stays and is saved once fixed
                self.failed.emit(str(error))
            except Exception as error:  # noqa: BLE001 - logged, shown as a sentence
                ok = False
                log.exception("autosave failed")
                self._pending[widget] = save
                message = _("Could not save: {reason}").format(reason=error)
                self._mark(widget, message)
                self.failed.emit(message)
            else:
                self._mark(widget, None)
        if ok and pending:
            self.saved.emit()
        return ok

    def discard(self) -> None:
        """Forget unsaved changes (used when the editors are about to show another record)."""
        self._timer.stop()
        self._pending.clear()

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
