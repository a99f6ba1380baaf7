"""Rediger → Fortryd / Gentag: the undo of whatever has the keyboard focus."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
)


def undo_target() -> object | None:
    """The focused text editor's own undo, or the undo history of the focused table.

    Only a table whose model keeps a history (the agenda) undoes moves; with the focus
    anywhere else Fortryd does nothing rather than undo something the chair cannot see.
    """
    focus = QApplication.focusWidget()
    if isinstance(focus, QLineEdit | QPlainTextEdit | QTextEdit):
        return focus
    if isinstance(focus, QAbstractSpinBox):
        return focus.findChild(QLineEdit)
    if isinstance(focus, QAbstractItemView):
        stack = getattr(focus.model(), "undo_stack", None)
        if isinstance(stack, QUndoStack):
            return stack
    return None


def undo_focused() -> None:
    target = undo_target()
    if target is not None:
        target.undo()


def redo_focused() -> None:
    target = undo_target()
    if target is not None:
        target.redo()
