"""A damaged database at start: the chair is offered its good backups and goes on from one."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from visitation_app.services import meetings as meeting_service
from visitation_app.store.database import StoreError, backup_before_migration, open_database
from visitation_app.store.rotating_backups import backup_at_start, backups_folder
from visitation_app.ui import recovery
from visitation_app.ui.app import create_main_window
from visitation_app.ui.recovery import RecoveryDialog, is_damaged, offer_recovery, usable_backups


def _meeting(db, title: str) -> None:
    meeting_service.create_meeting(
        db,
        title=title,
        area="elderly",
        meeting_date=dt.date(2026, 12, 3),
        start_time=dt.time(9, 0),
        location="Rådhuset",
        chair_name="Birgitte Østergaard",
    )


def _titles(path: Path) -> list[str]:
    db = open_database(path)
    try:
        return sorted(row.title for row in meeting_service.list_meetings(db))
    finally:
        db.close()


def _age(path: Path, days: float) -> None:
    moment = (dt.datetime.now() - dt.timedelta(days=days)).timestamp()
    os.utime(path, (moment, moment))


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


@pytest.fixture
def damaged(tmp_path) -> Path:
    """A database with two backups of its own (one older), and then cut in half."""
    path = tmp_path / "visitation.db"
    db = open_database(path, create=True)
    _meeting(db, "Mandag")
    db.close()
    backup_at_start(path, now=dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC))
    db = open_database(path)
    _meeting(db, "Tirsdag")
    db.close()
    backup_at_start(path, now=dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC))
    db = open_database(path)
    for number in range(200):  # enough pages that half the file lacks some of them
        _meeting(db, f"Senere møde {number}")
    db.close()
    _truncate(path)
    return path


def _opening_error(path: Path) -> StoreError:
    with pytest.raises(StoreError) as caught:
        open_database(path)
    return caught.value


def test_a_truncated_database_is_offered_its_newest_backup_restored_and_opened(
    qtbot, damaged, monkeypatch
):
    folder = backups_folder(damaged)
    # Not offered: another database's copy in the same folder, and a damaged copy.
    shutil.copy(
        folder / sorted(os.listdir(folder))[0], folder / "visitation-old-20261121-080000-000000.bak"
    )
    broken = folder / "visitation-20261121-090000-000000.bak"
    shutil.copy(damaged, broken)
    error = _opening_error(damaged)
    assert "beskadiget" in str(error)
    damaged_bytes = damaged.read_bytes()

    offered: list[list[str]] = []

    def choose_newest(dialog: RecoveryDialog) -> int:
        qtbot.addWidget(dialog)
        dialog.show()
        offered.append([dialog.list.item(row).text() for row in range(dialog.list.count())])
        assert dialog.list.currentRow() == 0  # the newest is chosen already
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    told: list[str] = []
    monkeypatch.setattr(RecoveryDialog, "exec", choose_newest)
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda parent, title, text: told.append(text))
    )

    assert offer_recovery(None, damaged, error) is True

    assert len(offered[0]) == 2  # the two good copies of this database, nothing else
    assert "Automatisk sikkerhedskopi" in offered[0][0]
    assert " kB" in offered[0][0]
    assert "gendannet fra sikkerhedskopien" in told[0]
    assert _titles(damaged) == ["Mandag", "Tirsdag"]  # the newer backup's state
    kept = list(damaged.parent.glob("visitation.db.before-restore-*.bak"))
    assert [k.read_bytes() == damaged_bytes for k in kept] == [True]
    assert str(kept[0]) in told[0]
    window = create_main_window(open_database(damaged))
    qtbot.addWidget(window)
    assert window.meeting_list.model.rowCount() == 2
    window.db.close()


def test_copies_made_before_an_upgrade_are_offered_too_newest_first(tmp_path):
    path = tmp_path / "visitation.db"
    db = open_database(path, create=True)
    _meeting(db, "Mandag")
    db.close()
    automatic = backup_at_start(path, now=dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC))
    before_upgrade = backup_before_migration(path, "0005")
    choices = usable_backups(path)
    assert [choice.path for choice in choices] == [before_upgrade, automatic]
    assert choices[0].kind == "Kopi taget før en opdatering af programmet"
    assert choices[1].made == dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)


def test_the_dates_come_from_the_names_when_a_copied_folder_lost_the_file_times(tmp_path):
    path = tmp_path / "visitation.db"
    open_database(path, create=True).close()
    older = backup_at_start(path, now=dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC))
    newer = backup_at_start(path, now=dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC))
    _age(newer, 30)  # copied in the wrong order: the file times say nothing
    _age(older, 1)
    made = [(choice.path, choice.made) for choice in usable_backups(path)]
    assert made == [
        (newer, dt.datetime(2026, 11, 20, 8, 0, tzinfo=dt.UTC)),
        (older, dt.datetime(2026, 11, 1, 8, 0, tzinfo=dt.UTC)),
    ]


def test_no_backup_says_where_else_to_look_and_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "visitation.db"
    db = open_database(path, create=True)
    for number in range(200):
        _meeting(db, f"Møde {number}")
    db.close()
    _truncate(path)
    before = path.read_bytes()
    warned: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: warned.append(text))
    )
    assert offer_recovery(None, path, _opening_error(path)) is False
    assert "ingen brugbar sikkerhedskopi" in warned[0]
    assert str(backups_folder(path.resolve())) in warned[0]
    assert path.read_bytes() == before


def test_declining_leaves_the_damaged_file_alone(qtbot, damaged, monkeypatch):
    before = damaged.read_bytes()
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: 0)
    assert offer_recovery(None, damaged, _opening_error(damaged)) is False
    assert damaged.read_bytes() == before
    assert not list(damaged.parent.glob("*.before-restore-*.bak"))


def test_a_file_that_failed_for_another_reason_is_not_offered_backups(tmp_path, monkeypatch):
    path = tmp_path / "visitation.db"
    open_database(path, create=True).close()
    backup_at_start(path)

    def no_dialog(*args, **kwargs):
        raise AssertionError("no dialog for a healthy file")

    monkeypatch.setattr(RecoveryDialog, "exec", no_dialog)
    assert not is_damaged(path)
    assert offer_recovery(None, path, StoreError("Databasen er i brug.")) is False


def test_a_file_overwritten_with_something_else_counts_as_damaged_when_it_had_backups(tmp_path):
    path = tmp_path / "visitation.db"
    open_database(path, create=True).close()
    assert not is_damaged(path)
    path.write_bytes(b"\x00" * 5000)  # not whole pages: not an encrypted database either
    assert not is_damaged(path)  # no backups: perhaps it never was a database of ours
    open_database(tmp_path / "other.db", create=True).close()
    shutil.copy(tmp_path / "other.db", tmp_path / "visitation.db.before-migration-0005-x.bak")
    assert is_damaged(path)


def test_sizes_read_as_a_person_reads_them():
    assert recovery.size_text(840_000) == "840 kB"
    assert recovery.size_text(1_234_567) == "1,2 MB"


def test_a_damaged_encrypted_database_is_restored_from_its_encrypted_backup(
    qtbot, tmp_path, monkeypatch
):
    secret = "Kaffe og kage 2026"
    path = tmp_path / "visitation.db"
    db = open_database(path, create=True, passphrase=secret)
    _meeting(db, "Mandag")
    db.close()
    backup_at_start(path, passphrase=secret)
    db = open_database(path, passphrase=secret)
    for number in range(200):
        _meeting(db, f"Senere møde {number}")
    db.close()
    _truncate(path)
    with pytest.raises(Exception) as caught:
        open_database(path, passphrase=secret)
    asked: list[str] = []

    def ask(parent, asked_path, problem=None):  # noqa: ANN001 - as passphrase_dialogs
        asked.append(problem)
        return secret

    monkeypatch.setattr("visitation_app.ui.passphrase_dialogs.ask_passphrase", ask)
    monkeypatch.setattr(RecoveryDialog, "exec", lambda dialog: RecoveryDialog.DialogCode.Accepted)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: None))

    assert offer_recovery(None, path, caught.value) is True
    assert len(asked) == 1 and "sikkerhedskopi" in asked[0]  # typed once more, to look
    db = open_database(path, passphrase=secret)
    try:
        assert [row.title for row in meeting_service.list_meetings(db)] == ["Mandag"]
    finally:
        db.close()
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"  # still encrypted


def test_the_passphrase_the_chair_typed_is_used_without_asking_again(tmp_path, monkeypatch):
    secret = "Kaffe og kage 2026"
    path = tmp_path / "visitation.db"
    db = open_database(path, create=True, passphrase=secret)
    _meeting(db, "Mandag")
    db.close()
    backup_at_start(path, passphrase=secret)
    path.write_bytes(path.read_bytes()[:4096] + b"\xff" * 8192)  # its pages overwritten

    def no_question(*args, **kwargs):
        raise AssertionError("the passphrase was given")

    monkeypatch.setattr("visitation_app.ui.passphrase_dialogs.ask_passphrase", no_question)
    assert is_damaged(path, secret)
    assert not is_damaged(path, "a wrong passphrase")  # a wrong key is not a damaged file
    assert [c.kind for c in usable_backups(path, secret)] == ["Automatisk sikkerhedskopi ved start"]
    assert usable_backups(path, "a wrong passphrase") == []


def test_a_file_in_use_by_another_window_is_not_looked_into(tmp_path, monkeypatch):
    from visitation_app.ui.instance_lock import DatabaseInUseError

    path = tmp_path / "visitation.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\0" * 100)

    def no_check(*args, **kwargs):
        raise AssertionError("not checked")

    monkeypatch.setattr(recovery, "is_damaged", no_check)
    assert offer_recovery(None, path, DatabaseInUseError("i brug")) is False


def test_a_file_cut_to_nothing_is_not_taken_for_a_new_database_when_it_had_backups(
    qtbot, tmp_path, monkeypatch
):
    path = tmp_path / "visitation.db"
    db = open_database(path, create=True)
    _meeting(db, "Mandag")
    db.close()
    backup_at_start(path)
    path.write_bytes(b"")
    assert is_damaged(path)
    assert not is_damaged(tmp_path / "new.db")  # no file
    (tmp_path / "new.db").write_bytes(b"")
    assert not is_damaged(tmp_path / "new.db")  # empty and nothing beside it: a new one
    shown: list[str] = []

    def restore_it(dialog: RecoveryDialog) -> int:
        shown.append(dialog.findChild(QLabel).text())
        return RecoveryDialog.DialogCode.Accepted

    monkeypatch.setattr(RecoveryDialog, "exec", restore_it)
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *args: None))
    assert offer_recovery(None, path, None) is True
    assert shown[0].startswith("Databasefilen er tom")
    assert _titles(path) == ["Mandag"]
