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


def test_a_saved_editor_keeps_its_own_tooltip(qtbot):
    form = QWidget()
    qtbot.addWidget(form)
    editor = QLineEdit(form)
    editor.setToolTip("Fulde navn: Åse Ørum-Jørgensen")
    attempts: list[str] = []

    def save(value: str) -> None:
        attempts.append(value)
        if len(attempts) == 1:
            raise ValidationError("Navn skal udfyldes.")

    saver = Autosaver(form, delay_ms=10_000)
    saver.bind(editor, save)
    qtbot.keyClicks(editor, "a")
    saver.flush()
    assert editor.toolTip() == "Navn skal udfyldes."
    qtbot.keyClicks(editor, "b")
    saver.flush()
    assert editor.toolTip() == "Fulde navn: Åse Ørum-Jørgensen"
    assert editor.styleSheet() == ""


def test_a_read_only_date_cannot_be_cleared_or_set_by_keys(qtbot):
    import datetime as dt

    from PySide6.QtCore import Qt

    from visitation_app.ui.widgets import OptionalDateEdit

    field = OptionalDateEdit()
    qtbot.addWidget(field)
    field.set_value(dt.date(2026, 12, 3))
    field.setReadOnly(True)
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.value() == dt.date(2026, 12, 3)
    empty = OptionalDateEdit()
    qtbot.addWidget(empty)
    empty.setReadOnly(True)
    qtbot.keyClicks(empty, "4")
    assert empty.value() is None
