"""A database that cannot be written while the chair types: nothing typed is lost.

The disk fills up, the folder becomes read-only, the disk fails: the text stays in its
field, marked as not saved; the chair is told once, not at every keystroke; the save is
tried again by itself and succeeds when the disk can be written again, without a key
pressed. The failures are SQLite's own errors, raised where SQLite raises them (the
statement's execution), so they travel the real way: services → StoreError → autosave.
One test fills a real (tiny) tmpfs where mounting is allowed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from kill_child import build_database
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from shiboken6 import isValid

from visitation_app.services.dossier import load_dossier
from visitation_app.store import cipher
from visitation_app.store.database import open_database
from visitation_app.ui import autosave
from visitation_app.ui.autosave import Autosaver
from visitation_app.ui.during.during_view import DuringView

WAIT_MS = 10_000


class Disk:
    """Makes every write to the database fail with SQLite's error for a broken disk."""

    def __init__(self, db, monkeypatch) -> None:  # noqa: ANN001 - a Database, pytest's fixture
        self.error: str | None = None
        self.refused = 0
        dialect = db.engine.dialect
        real = dialect.do_execute

        def execute(cursor, statement, parameters, context=None):  # noqa: ANN001 - DB-API
            if self.error and statement.lstrip().upper().startswith(("INSERT", "UPDATE")):
                self.refused += 1
                raise cipher.OperationalError(self.error)
            return real(cursor, statement, parameters, context)

        monkeypatch.setattr(dialect, "do_execute", execute)


@pytest.fixture
def told(monkeypatch) -> list[str]:
    """The messages the chair is shown about the database refusing to save."""
    messages: list[str] = []
    monkeypatch.setattr(
        autosave, "tell_storage_trouble", lambda parent, reason: messages.append(reason)
    )
    monkeypatch.setattr(autosave, "RETRY_FIRST_MS", 150)
    monkeypatch.setattr(autosave, "RETRY_MAX_MS", 600)
    monkeypatch.setattr(Autosaver, "_storage_trouble_told", False)
    return messages


@pytest.fixture
def meeting(tmp_path):
    path = tmp_path / "visitation.db"
    built = build_database(path)
    db = open_database(path)
    yield db, built
    db.close()


def _statement_field(qtbot, db, built) -> tuple[DuringView, object]:
    view = DuringView(db)
    qtbot.addWidget(view)
    view.show()
    view.set_meeting(built.meeting_id)
    if view.current_item_id() != built.item_id:
        view.go_to_item(built.item_id)
    field = view.panel.citizen_voice.statement
    field.setFocus()
    field.moveCursor(QTextCursor.MoveOperation.End)
    return view, field


def _stored(db, built) -> str:
    item = next(i for i in load_dossier(db, built.meeting_id).items if i.id == built.item_id)
    return item.citizen_statement


@pytest.mark.parametrize(
    ("sqlite_error", "said"),
    [
        ("database or disk is full", "er fuld. Frigør plads"),
        ("attempt to write a readonly database", "skrivebeskyttet"),
        ("disk I/O error", "kan ikke skrives på disken"),
    ],
)
def test_the_text_stays_the_chair_is_told_once_and_it_is_saved_when_the_disk_is_back(
    qtbot, meeting, told, monkeypatch, sqlite_error, said
):
    db, built = meeting
    disk = Disk(db, monkeypatch)
    view, field = _statement_field(qtbot, db, built)
    qtbot.keyClicks(field, "Jeg vil blive hjemme.")
    qtbot.waitUntil(lambda: _stored(db, built) == "Jeg vil blive hjemme.", timeout=WAIT_MS)

    disk.error = sqlite_error
    for words in (" Min datter", " kommer om", " søndagen."):
        qtbot.keyClicks(field, words)
        qtbot.waitUntil(lambda n=disk.refused: disk.refused > n, timeout=WAIT_MS)
    qtbot.wait(700)  # a few retries more, on their own
    assert field.toPlainText() == "Jeg vil blive hjemme. Min datter kommer om søndagen."
    assert field.property("invalid") is True
    assert said in field.toolTip()
    assert said in view.save_status_text()
    assert len(told) == 1 and said in told[0]  # once, whatever the keys and the retries
    assert disk.refused >= 4
    assert _stored(db, built) == "Jeg vil blive hjemme."

    disk.error = None  # space freed, folder writable, disk back: no key is pressed
    qtbot.waitUntil(
        lambda: _stored(db, built) == "Jeg vil blive hjemme. Min datter kommer om søndagen.",
        timeout=WAIT_MS,
    )
    assert field.property("invalid") is False
    assert view.save_status_text().startswith("Gemt")
    assert not Autosaver._storage_trouble_told

    disk.error = sqlite_error  # a second outage is told again
    qtbot.keyClicks(field, " Igen.")
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT_MS)


def test_a_refused_value_is_neither_retried_nor_told_as_a_disk_problem(qtbot, meeting, told):
    db, built = meeting
    view, field = _statement_field(qtbot, db, built)
    saver = Autosaver.bound_to(field)
    attempts: list[str] = []

    def refuse(value: str) -> None:
        from visitation_app.domain.errors import ValidationError

        attempts.append(value)
        raise ValidationError("Teksten er for lang.")

    saver._savers[field] = refuse
    qtbot.keyClicks(field, "x")
    qtbot.waitUntil(lambda: bool(attempts), timeout=WAIT_MS)
    qtbot.wait(500)
    assert attempts == ["x"]  # tried once; it waits for the chair to change it
    assert told == []
    assert field.property("invalid") is True


def test_the_message_closes_itself_when_saving_works_again(qtbot, meeting, monkeypatch):
    monkeypatch.setattr(autosave, "RETRY_FIRST_MS", 150)
    monkeypatch.setattr(Autosaver, "_storage_trouble_told", False)
    db, built = meeting
    disk = Disk(db, monkeypatch)
    view, field = _statement_field(qtbot, db, built)
    disk.error = "database or disk is full"
    qtbot.keyClicks(field, "Jeg vil blive hjemme.")
    qtbot.waitUntil(lambda: Autosaver._storage_trouble_message is not None, timeout=WAIT_MS)
    message = Autosaver._storage_trouble_message
    assert message.isVisible()
    assert "Det, du skriver, bliver i felterne" in message.text()
    # It does not stop the typing: not modal, and shown without taking the keyboard.
    assert not message.isModal()
    assert message.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    disk.error = None
    qtbot.waitUntil(lambda: not isValid(message) or not message.isVisible(), timeout=WAIT_MS)
    assert _stored(db, built) == "Jeg vil blive hjemme."


def _mount_tmpfs(folder: Path, size: str) -> bool:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        return False
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
    )
    return done.returncode == 0


def test_a_real_full_disk(qtbot, tmp_path, told):
    """On a 1 MB tmpfs filled up to the last byte (needs root and mount; skipped elsewhere)."""
    disk = tmp_path / "disk"
    if not _mount_tmpfs(disk, "1m"):
        pytest.skip("mounting a tmpfs needs root and a system that allows it")
    try:
        path = disk / "visitation.db"
        built = build_database(path)
        db = open_database(path)
        try:
            view, field = _statement_field(qtbot, db, built)
            qtbot.keyClicks(field, "Jeg vil blive hjemme.")
            qtbot.waitUntil(lambda: _stored(db, built) == "Jeg vil blive hjemme.", timeout=WAIT_MS)
            filler = disk / "filler"
            with filler.open("wb", buffering=0) as stream:  # every free block taken
                try:
                    while True:
                        stream.write(b"\0" * 4096)
                except OSError:
                    pass
            text = " Min datter kommer om søndagen og handler ind til hele ugen." * 40
            qtbot.keyClicks(field, text)
            qtbot.waitUntil(lambda: bool(told), timeout=WAIT_MS)
            assert "er fuld" in told[0]
            assert field.property("invalid") is True
            assert field.toPlainText() == "Jeg vil blive hjemme." + text
            filler.unlink()  # space is back
            qtbot.waitUntil(
                lambda: _stored(db, built) == "Jeg vil blive hjemme." + text, timeout=WAIT_MS
            )
            assert field.property("invalid") is False
        finally:
            db.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)
