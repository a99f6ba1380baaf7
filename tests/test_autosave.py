"""Save as you type: the debounce, the flush, bad input kept, and deleted editors survived."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from visitation_app.domain.errors import ValidationError
from visitation_app.ui.autosave import Autosaver


def test_typing_is_saved_after_a_pause_and_loading_saves_nothing(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    editor = QPlainTextEdit(form)
    saved: list[str] = []
    saver = Autosaver(form, delay_ms=50)
    saver.bind(editor, saved.append)
    with saver.loading():
        editor.setPlainText("fra databasen")
    assert not saver.has_pending()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(editor, " Borgeren siger: æøå")
    qtbot.waitUntil(lambda: bool(saved), timeout=2000)
    assert saved[-1] == "fra databasen Borgeren siger: æøå"


def test_a_refused_value_stays_in_the_field_marked_and_pending(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    editor = QLineEdit(form)
    saver = Autosaver(form, delay_ms=10_000)
    failures: list[str] = []
    saver.failed.connect(failures.append)

    def refuse(value: str) -> None:
        raise ValidationError("Titel skal udfyldes.")

    saver.bind(editor, refuse)
    qtbot.keyClicks(editor, "x")
    assert saver.flush() is False
    assert failures == ["Titel skal udfyldes."]
    assert editor.text() == "x"
    assert editor.property("invalid") is True
    assert saver.has_pending()


def test_flushing_everywhere_survives_editors_and_savers_that_qt_deleted(qtbot):
    form = QWidget()
    editor = QLineEdit(form)
    saver = Autosaver(form, delay_ms=10_000)
    saver.bind(editor, lambda value: None)
    qtbot.keyClicks(editor, "noget")
    form.deleteLater()
    qtbot.waitUntil(lambda: not editor.isVisible(), timeout=1000)
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert Autosaver.flush_everywhere() is True
