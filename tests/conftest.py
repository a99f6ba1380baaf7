"""Shared fixtures: headless Qt, Danish, and a fresh database file per test."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VISITATION_APP_LANG"] = "da"

import datetime as dt  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from visitation_app.i18n import set_language  # noqa: E402
from visitation_app.store.database import Database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def danish():
    """Every test starts in Danish, the default language, whatever the one before it did."""
    set_language("da")
    yield
    set_language("da")


@pytest.fixture(autouse=True)
def isolated_user_folders(tmp_path_factory, monkeypatch):
    """Settings, logs and the default database go to a temporary home, never the real one."""
    home = tmp_path_factory.mktemp("home")
    for variable in (
        "HOME",
        "XDG_DATA_HOME",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "XDG_CACHE_HOME",
    ):
        monkeypatch.setenv(variable, str(home / variable.lower()))
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "visitation.db"


@pytest.fixture
def db(db_path: Path, empty_database_template: bytes) -> Database:
    """A fresh, empty database at the newest schema (a copy of one made by the migrations:
    running every migration for each test would cost a third of a second each)."""
    descriptor = os.open(db_path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(empty_database_template)
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture(scope="session")
def empty_database_template(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a database just made by the migrations, with nothing in it."""
    path = tmp_path_factory.mktemp("template") / "empty.db"
    open_database(path, create=True).close()  # checkpointed: the file alone holds it all
    return path.read_bytes()


@pytest.fixture
def meeting_day() -> dt.date:
    return dt.date(2026, 12, 3)


@pytest.fixture(autouse=True)
def isolated_qt_settings(tmp_path, monkeypatch):
    """QSettings (remembered meeting, dialog defaults) in a folder of this test's own."""
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qt"))
    yield


@pytest.fixture(autouse=True)
def no_unexpected_modal_dialogs(monkeypatch):
    """A message box nobody answers would hang the offscreen run: fail the test instead.

    Tests that expect a dialog replace it with their own monkeypatch, which wins over this.
    """
    from PySide6.QtWidgets import QMessageBox

    def unexpected(*args, **kwargs):
        texts = [a for a in args if isinstance(a, str)]
        raise AssertionError(f"unexpected modal message box: {texts}")

    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(unexpected))
    yield


@pytest.fixture(autouse=True)
def nothing_unsaved_carries_over():
    """What one test left unsaved (a field marked red on purpose) must never reach a later
    test's "save everything": every autosaver forgets its pending changes afterwards."""
    yield
    from shiboken6 import isValid

    from visitation_app.ui.autosave import Autosaver

    for saver in list(Autosaver._instances):
        if isValid(saver):
            saver.discard()
