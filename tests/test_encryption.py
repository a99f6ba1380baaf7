"""Encryption at rest: a lost laptop's database file gives nothing away without the passphrase."""

from __future__ import annotations

import datetime as dt

import pytest

from visitation_app.services import meetings
from visitation_app.store import cipher
from visitation_app.store.backup import backup_database, check_database, restore_database
from visitation_app.store.database import StoreError, open_database
from visitation_app.store.rotating_backups import backup_at_start, backups_of

PASSPHRASE = "Æblegrød på 'tirsdag'"
SECRET_TITLE = "Møde om Søren Kjærsgaard"


def _make(path, passphrase=PASSPHRASE):
    db = open_database(path, create=True, passphrase=passphrase)
    meetings.create_meeting(
        db,
        title=SECRET_TITLE,
        area="elderly",
        meeting_date=dt.date(2027, 3, 4),
        start_time=dt.time(9),
    )
    return db


def _file_bytes(path):
    data = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _titles(db):
    return [meeting.title for meeting in meetings.list_meetings(db)]


def test_an_encrypted_file_holds_no_readable_personal_data(tmp_path):
    path = tmp_path / "visitation.db"
    db = _make(path)
    db.close()
    assert cipher.is_encrypted(path)
    raw = _file_bytes(path)
    assert not raw.startswith(cipher.SQLITE_HEADER)
    assert "Kjærsgaard".encode() not in raw
    assert b"meeting" not in raw  # not even the table names


def test_the_right_passphrase_opens_it_and_shows_the_data(tmp_path):
    path = tmp_path / "visitation.db"
    _make(path).close()
    db = open_database(path, passphrase=PASSPHRASE)
    try:
        assert _titles(db) == [SECRET_TITLE]
        assert db.encrypted
        assert db.passphrase_matches(PASSPHRASE)
        assert not db.passphrase_matches(PASSPHRASE + " ")
    finally:
        db.close()


def test_a_wrong_passphrase_is_a_clear_error_and_another_try_works(tmp_path):
    path = tmp_path / "visitation.db"
    _make(path).close()
    with pytest.raises(cipher.WrongPassphraseError, match="Adgangsfrasen passer ikke"):
        open_database(path, passphrase="aeblegroed paa tirsdag")
    with pytest.raises(cipher.PassphraseRequiredError, match="krypteret"):
        open_database(path)
    db = open_database(path, passphrase=PASSPHRASE)
    assert _titles(db) == [SECRET_TITLE]
    db.close()


def test_a_plain_database_opens_without_a_passphrase(tmp_path):
    path = tmp_path / "plain.db"
    db = _make(path, passphrase=None)
    db.close()
    assert not cipher.is_encrypted(path)
    db = open_database(path, passphrase="ignored for a plain file")
    assert not db.encrypted
    assert _titles(db) == [SECRET_TITLE]
    db.close()


@pytest.mark.parametrize(
    ("attempt", "reason"),
    [("kort", "mindst 8 tegn"), ("        ", "mindst 8 tegn"), ("lang nok\tmen", "styretegn")],
)
def test_a_weak_passphrase_is_refused_when_a_database_is_made(tmp_path, attempt, reason):
    path = tmp_path / "visitation.db"
    with pytest.raises(cipher.PassphraseError, match=reason):
        open_database(path, create=True, passphrase=attempt)


def test_backups_of_an_encrypted_database_are_encrypted_the_same_way(tmp_path):
    path = tmp_path / "visitation.db"
    db = _make(path)
    copy = backup_database(path, tmp_path / "copy.bak", passphrase=db.passphrase)
    automatic = backup_at_start(path, passphrase=db.passphrase)
    db.close()
    for backup in (copy, automatic):
        assert cipher.is_encrypted(backup)
        assert "Kjærsgaard".encode() not in backup.read_bytes()
        assert check_database(backup, passphrase=PASSPHRASE).ok
    assert backups_of(path) == [automatic]
    with pytest.raises(cipher.WrongPassphraseError):
        check_database(copy, passphrase="not the passphrase")


def test_a_backup_without_the_passphrase_is_refused_not_written_plain(tmp_path):
    path = tmp_path / "visitation.db"
    _make(path).close()
    with pytest.raises(cipher.PassphraseRequiredError):
        backup_database(path, tmp_path / "copy.bak")
    assert not (tmp_path / "copy.bak").exists()
    assert backup_at_start(path) is None  # logged, never stops the window


def test_restoring_an_encrypted_backup(tmp_path):
    path = tmp_path / "visitation.db"
    db = _make(path)
    copy = backup_database(path, tmp_path / "copy.bak", passphrase=db.passphrase)
    meetings.create_meeting(
        db, title="Senere", area="elderly", meeting_date=dt.date(2027, 4, 1), start_time=dt.time(10)
    )
    db.close()
    result = restore_database(copy, path, passphrase=PASSPHRASE)
    assert cipher.is_encrypted(result.kept_aside)
    db = open_database(path, passphrase=PASSPHRASE)
    assert _titles(db) == [SECRET_TITLE]
    db.close()


def test_encrypting_a_plain_database_in_place_keeps_everything(tmp_path):
    path = tmp_path / "visitation.db"
    _make(path, passphrase=None).close()
    before = sorted(p.name for p in tmp_path.iterdir())
    cipher.rekey_file(path, None, PASSPHRASE)
    assert cipher.is_encrypted(path)
    assert "Kjærsgaard".encode() not in _file_bytes(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no plain copy left behind
    db = open_database(path, passphrase=PASSPHRASE)
    assert _titles(db) == [SECRET_TITLE]
    db.close()
    assert check_database(path, passphrase=PASSPHRASE).ok


def test_changing_the_passphrase(tmp_path):
    path = tmp_path / "visitation.db"
    _make(path).close()
    cipher.rekey_file(path, PASSPHRASE, "en helt ny frase")
    with pytest.raises(cipher.WrongPassphraseError):
        open_database(path, passphrase=PASSPHRASE)
    db = open_database(path, passphrase="en helt ny frase")
    assert _titles(db) == [SECRET_TITLE]
    db.close()


def test_re_keying_with_the_wrong_old_passphrase_changes_nothing(tmp_path):
    path = tmp_path / "visitation.db"
    _make(path).close()
    before = path.read_bytes()
    with pytest.raises(cipher.WrongPassphraseError):
        cipher.rekey_file(path, "forkert gammel frase", "en helt ny frase")
    with pytest.raises(cipher.PassphraseError, match="mindst 8 tegn"):
        cipher.rekey_file(path, PASSPHRASE, "kort")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["visitation.db"]


def test_a_failed_re_key_leaves_the_old_file_and_no_temporary_files(tmp_path, monkeypatch):
    path = tmp_path / "visitation.db"
    _make(path, passphrase=None).close()
    before = path.read_bytes()

    def broken_copy(*_args):
        raise StoreError("the disk is full")

    monkeypatch.setattr(cipher, "_export_verified", broken_copy)
    with pytest.raises(StoreError):
        cipher.rekey_file(path, None, PASSPHRASE)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["visitation.db"]


def test_a_text_file_is_not_taken_for_an_encrypted_database(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("Dette er ikke en database.\n", encoding="utf-8")
    assert not cipher.is_encrypted(text)
    with pytest.raises(StoreError, match="ikke en visitationsdatabase"):
        open_database(text, passphrase=PASSPHRASE)


def test_an_encrypted_database_is_migrated_and_its_copy_is_encrypted(tmp_path):
    from visitation_app.store import migrate

    path = tmp_path / "visitation.db"
    _make(path).close()
    migrate.downgrade(path, "0004", passphrase=PASSPHRASE)
    db = open_database(path, passphrase=PASSPHRASE)
    try:
        assert _titles(db) == [SECRET_TITLE]
        assert migrate.current_revision(db.engine) == migrate.head_revision()
    finally:
        db.close()
    (copy,) = tmp_path.glob("visitation.db.before-migration-0004-*.bak")
    assert cipher.is_encrypted(copy)
    assert "Kjærsgaard".encode() not in copy.read_bytes()
