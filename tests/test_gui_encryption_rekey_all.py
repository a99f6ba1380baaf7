"""Re-keying a database with all its copies (store.rekey_all), without a window."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from visitation_app.services import meetings as meeting_service
from visitation_app.store import cipher, rekey_all
from visitation_app.store.backup import check_database, restore_database
from visitation_app.store.database import backup_before_migration, open_database
from visitation_app.store.rekey_all import copies_of, rekey_database_and_backups
from visitation_app.store.rotating_backups import backup_at_start, backups_folder

OLD = "gammel frase 2026"
NEW = "ny og bedre frase"


def make_database(path: Path, passphrase: str | None) -> None:
    db = open_database(path, create=True, passphrase=passphrase)
    try:
        meeting_service.create_meeting(
            db, title="Visitationsudvalget", area="elderly",
            meeting_date=dt.date(2026, 12, 3), start_time=dt.time(9),
        )  # fmt: skip
    finally:
        db.close()


def titles(path: Path, passphrase: str | None) -> list[str]:
    db = open_database(path, passphrase=passphrase)
    try:
        return [row.title for row in meeting_service.list_meetings(db)]
    finally:
        db.close()


def opens_with(path: Path, passphrase: str | None) -> bool:
    try:
        return check_database(path, passphrase=passphrase).ok
    except cipher.PassphraseError:
        return False


def with_copies(path: Path, passphrase: str | None) -> list[Path]:
    """Two automatic backups, a copy from before a migration and one from before a restore."""
    start = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    made = [
        backup_at_start(path, now=start + dt.timedelta(minutes=i), passphrase=passphrase)
        for i in range(2)
    ]
    made.append(backup_before_migration(path, "0005", passphrase))
    restored = restore_database(made[0], path, passphrase=passphrase)
    made.append(restored.kept_aside)
    assert all(copy is not None and copy.exists() for copy in made)
    return made


def test_changing_the_passphrase_rekeys_the_database_and_every_copy(tmp_path):
    path = tmp_path / "visitation.db"
    make_database(path, OLD)
    copies = with_copies(path, OLD)
    assert sorted(copies_of(path)) == sorted(copies)

    report = rekey_database_and_backups(path, OLD, NEW)

    assert titles(path, NEW) == ["Visitationsudvalget"]
    assert not opens_with(path, OLD)
    assert sorted(report.rekeyed) == sorted(copies) and report.complete
    for copy in copies:
        assert opens_with(copy, NEW), copy
        assert not opens_with(copy, OLD), copy
    assert report.lines()[0] == (f"Databasen {path} er nu krypteret med den nye adgangsfrase.")
    assert report.lines()[1] == "4 sikkerhedskopier er også krypteret med den nye adgangsfrase."


def test_encrypting_a_plain_database_encrypts_its_plain_copies(tmp_path):
    path = tmp_path / "visitation.db"
    make_database(path, None)
    copies = with_copies(path, None)

    report = rekey_database_and_backups(path, None, NEW)

    assert cipher.is_encrypted(path) and titles(path, NEW) == ["Visitationsudvalget"]
    for copy in [path, *copies]:
        assert cipher.is_encrypted(copy), copy
        assert not copy.read_bytes().startswith(cipher.SQLITE_HEADER)
        assert opens_with(copy, NEW)
    assert len(report.rekeyed) == 4


def test_a_copy_that_cannot_be_rekeyed_is_deleted_and_reported(tmp_path):
    path = tmp_path / "visitation.db"
    make_database(path, OLD)
    start = dt.datetime(2026, 12, 1, 8, tzinfo=dt.UTC)
    good = backup_at_start(path, now=start, passphrase=OLD)
    stranger = backup_at_start(path, now=start + dt.timedelta(minutes=1), passphrase=OLD)
    cipher.rekey_file(stranger, OLD, "en helt tredje frase")  # under a passphrase nobody knows
    damaged = path.with_name(f"{path.name}.before-restore-20261201T080000000000Z.bak")
    damaged.write_bytes(cipher.SQLITE_HEADER + b"\x00" * 100)

    report = rekey_database_and_backups(path, OLD, NEW)

    assert report.rekeyed == (good,)
    assert sorted(report.removed) == sorted([stranger, damaged])
    assert not stranger.exists() and not damaged.exists()
    assert report.complete
    assert any("blev slettet" in line and str(stranger) in line for line in report.lines())


def test_a_wrong_old_passphrase_changes_nothing(tmp_path):
    path = tmp_path / "visitation.db"
    make_database(path, OLD)
    (copy,) = [backup_at_start(path, passphrase=OLD)]
    before = path.read_bytes(), copy.read_bytes()

    with pytest.raises(cipher.WrongPassphraseError):
        rekey_database_and_backups(path, "ikke den rigtige", NEW)

    assert (path.read_bytes(), copy.read_bytes()) == before


def test_another_databases_backups_in_the_same_folder_are_left_alone(tmp_path):
    path = tmp_path / "visitation.db"
    other = tmp_path / "visitation-2.db"
    make_database(path, OLD)
    make_database(other, "den andens frase")
    mine = backup_at_start(path, passphrase=OLD)
    theirs = backup_at_start(other, passphrase="den andens frase")
    assert backups_folder(path) == backups_folder(other)

    report = rekey_database_and_backups(path, OLD, NEW)

    assert report.rekeyed == (mine,)
    assert theirs.exists() and opens_with(theirs, "den andens frase")


def test_leftovers_of_an_interrupted_rekeying_are_removed_but_never_the_file(tmp_path):
    path = tmp_path / "visitation.db"
    make_database(path, None)
    linked = tmp_path / ".visitation.db.abc123.old"  # a crash right after the hard link
    os.link(path, linked)
    half = tmp_path / ".visitation.db.def456.rekey"
    half.write_bytes(b"half a copy")

    rekey_database_and_backups(path, None, NEW)

    assert not linked.exists() and not half.exists()
    assert titles(path, NEW) == ["Visitationsudvalget"]


def test_a_copy_that_can_be_neither_rekeyed_nor_deleted_is_named(tmp_path, monkeypatch):
    path = tmp_path / "visitation.db"
    make_database(path, OLD)
    stranger = backup_at_start(path, passphrase=OLD)
    cipher.rekey_file(stranger, OLD, "en helt tredje frase")
    monkeypatch.setattr(rekey_all, "overwrite_and_remove", lambda path: None)  # it stays

    report = rekey_database_and_backups(path, OLD, NEW)

    assert report.left == (stranger,) and not report.complete
    assert report.lines()[-1] == (
        f"Sikkerhedskopien {stranger} kunne hverken krypteres med den nye adgangsfrase eller "
        "slettes. Slet den selv: Den nye adgangsfrase beskytter den ikke."
    )
