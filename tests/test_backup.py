"""Backups, checks and restores: a copy that restores to the same data, taken safely while
another program writes; damage found and reported; a wrong file never restored."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from visitation_app.__main__ import main
from visitation_app.logging_setup import stop_logging
from visitation_app.services.demo import create_demo_database
from visitation_app.services.dossier import load_dossier
from visitation_app.store import cipher
from visitation_app.store.backup import backup_database, check_database, restore_database
from visitation_app.store.database import StoreError, open_database

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    return create_demo_database(tmp_path_factory.mktemp("demo") / "demo.db")


@pytest.fixture
def demo_db(demo_template, tmp_path) -> Path:
    """A demo database of this test's own, to change freely."""
    path = tmp_path / "visitation.db"
    backup_database(demo_template, path)
    return path


def dossier(path: Path, meeting_id: int = 1):
    db = open_database(path)
    try:
        return load_dossier(db, meeting_id)
    finally:
        db.close()


def rename_meeting(path: Path, title: str, meeting_id: int = 1) -> None:
    with cipher.connect(path) as connection:
        connection.execute("UPDATE meeting SET title = ? WHERE id = ?", (title, meeting_id))
    connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def corrupt(path: Path) -> None:
    """Overwrite the first bytes of several pages in the middle of the file with rubbish."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for page in range(size // 4096 // 3, size // 4096 * 2 // 3):
            handle.seek(page * 4096)
            handle.write(b"\xa5" * 64)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# --- backup and restore -----------------------------------------------------------------


def test_a_backup_restores_to_the_same_data(demo_db, tmp_path):
    before = dossier(demo_db)
    copy = backup_database(demo_db, tmp_path / "backup.db")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert check_database(copy).ok

    rename_meeting(demo_db, "Changed after the backup")
    assert dossier(demo_db).meeting.title == "Changed after the backup"

    result = restore_database(copy, demo_db)

    assert result.path == demo_db.resolve()
    assert dossier(demo_db) == before
    assert dossier(demo_db).meeting.title != "Changed after the backup"
    # the file that was replaced is kept aside, with the change made after the backup
    assert result.kept_aside is not None
    assert result.kept_aside.name.startswith("visitation.db.before-restore-")
    assert result.kept_aside.name.endswith(".bak")
    assert dossier(result.kept_aside).meeting.title == "Changed after the backup"
    assert stat.S_IMODE(result.kept_aside.stat().st_mode) == 0o600
    assert copy.exists(), "the backup itself stays where it was"


def test_a_backup_while_another_program_writes_is_consistent(demo_db, tmp_path):
    title = dossier(demo_db).meeting.title
    writer = cipher.connect(demo_db, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("UPDATE meeting SET title = 'half-written' WHERE id = 1")
        writer.execute("DELETE FROM action_item")
        copy = backup_database(demo_db, tmp_path / "during-write.db")
        writer.execute("COMMIT")
    finally:
        writer.close()

    report = check_database(copy)
    assert report.ok, report.lines
    # the copy has what was committed before, nothing of the open transaction
    assert dossier(copy).meeting.title == title
    assert dossier(copy).actions
    assert dossier(demo_db).meeting.title == "half-written"


def test_a_backup_replaces_an_old_backup_and_leaves_no_temporary_file(demo_db, tmp_path):
    target = tmp_path / "out" / "backup.db"
    target.parent.mkdir()
    target.write_text("an old backup")
    backup_database(demo_db, target)
    assert check_database(target).ok
    assert sorted(p.name for p in target.parent.iterdir()) == ["backup.db"]


def test_a_backup_refuses_to_overwrite_the_database_itself(demo_db):
    before = digest(demo_db)
    with pytest.raises(StoreError, match="selve databasen"):
        backup_database(demo_db, demo_db)
    assert digest(demo_db) == before


def test_every_restore_keeps_its_own_copy_aside(demo_db, tmp_path):
    copy = backup_database(demo_db, tmp_path / "backup.db")
    rename_meeting(demo_db, "First")
    first = restore_database(copy, demo_db).kept_aside
    rename_meeting(demo_db, "Second")
    second = restore_database(copy, demo_db).kept_aside
    assert first != second
    assert dossier(first).meeting.title == "First"
    assert dossier(second).meeting.title == "Second"


def test_restore_to_a_new_place_keeps_nothing_aside(demo_db, tmp_path):
    copy = backup_database(demo_db, tmp_path / "backup.db")
    result = restore_database(copy, tmp_path / "new.db")
    assert result.kept_aside is None
    assert dossier(result.path) == dossier(demo_db)


# --- what restore refuses ---------------------------------------------------------------


def _only_the_database(demo_db: Path) -> list[str]:
    return sorted(p.name for p in demo_db.parent.iterdir() if p.name.startswith(demo_db.name))


def test_restore_refuses_a_text_file(demo_db, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("Referat fra mødet\n" * 100)
    before = digest(demo_db)
    with pytest.raises(StoreError) as raised:
        restore_database(text, demo_db)
    assert str(raised.value) == (
        f"Filen {text} er ikke en visitationsdatabase; intet er gendannet."
    )
    assert digest(demo_db) == before
    assert _only_the_database(demo_db) == ["visitation.db"]


def test_restore_refuses_an_sqlite_file_of_another_program(demo_db, tmp_path):
    other = tmp_path / "other.sqlite"
    with cipher.connect(other) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO photos (name) VALUES ('beach.jpg')")
    connection.close()
    before = digest(demo_db)
    with pytest.raises(StoreError, match="ikke en visitationsdatabase; intet er gendannet"):
        restore_database(other, demo_db)
    assert digest(demo_db) == before
    assert _only_the_database(demo_db) == ["visitation.db"]


def test_restore_refuses_a_damaged_backup(demo_db, tmp_path):
    copy = backup_database(demo_db, tmp_path / "backup.db")
    corrupt(copy)
    before = digest(demo_db)
    with pytest.raises(StoreError, match="beskadiget"):
        restore_database(copy, demo_db)
    assert digest(demo_db) == before


def test_restore_refuses_a_backup_from_a_newer_program(demo_db, tmp_path):
    copy = backup_database(demo_db, tmp_path / "backup.db")
    with cipher.connect(copy) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'f00dfeed'")
    connection.close()
    before = digest(demo_db)
    with pytest.raises(StoreError, match="nyere version"):
        restore_database(copy, demo_db)
    assert digest(demo_db) == before


# --- check ------------------------------------------------------------------------------


def test_check_of_a_sound_database(demo_db):
    report = check_database(demo_db)
    assert report.ok
    assert "Integritetstjek: OK" in report.lines
    assert "Tjek af fremmednøgler: OK" in report.lines


def test_check_finds_a_row_pointing_nowhere(demo_db):
    with cipher.connect(demo_db) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("UPDATE action_item SET meeting_id = 9999")
    connection.close()
    report = check_database(demo_db)
    assert report.integrity_ok
    assert not report.foreign_keys_ok
    assert not report.ok
    assert any("action_item" in line and "meeting" in line for line in report.lines)


def test_check_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="Der er ingen database"):
        check_database(tmp_path / "missing.db")


def test_check_of_a_file_that_is_not_a_database(tmp_path):
    text = tmp_path / "notes.db"
    text.write_text("not a database")
    with pytest.raises(StoreError, match="ikke en visitationsdatabase"):
        check_database(text)


# --- the command line -------------------------------------------------------------------


def test_cli_backup_check_restore(demo_db, tmp_path, capsys):
    copy = tmp_path / "backup.db"
    before = dossier(demo_db)
    status, out, err = run(capsys, "backup", "--db", str(demo_db), "-o", str(copy))
    assert (status, err) == (0, "")
    assert str(copy) in out
    rename_meeting(demo_db, "Changed")

    status, out, err = run(capsys, "check", "--db", str(copy))
    assert (status, err) == (0, "")
    assert "Integritetstjek: OK" in out
    assert "Alt er i orden." in out

    status, out, err = run(capsys, "restore", str(copy), "--db", str(demo_db))
    assert (status, err) == (0, "")
    assert "before-restore-" in out
    assert dossier(demo_db) == before


def test_cli_check_of_a_corrupted_copy_exits_1(demo_db, tmp_path, capsys):
    copy = tmp_path / "corrupt.db"
    shutil.copyfile(demo_db, copy)
    corrupt(copy)
    status, out, err = run(capsys, "check", "--db", str(copy))
    assert status == 1
    assert "Integritetstjek:" in out
    assert "Integritetstjek: OK" not in out
    assert "restore" in out  # the way back: the latest backup
    assert "Traceback" not in out + err


def test_cli_restore_of_a_text_file_exits_1_and_changes_nothing(demo_db, tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    before = digest(demo_db)
    status, out, err = run(capsys, "restore", str(text), "--db", str(demo_db))
    assert status == 1
    assert out == ""
    assert err.strip() == f"Filen {text} er ikke en visitationsdatabase; intet er gendannet."
    assert digest(demo_db) == before


@pytest.mark.parametrize(
    "argv",
    [
        ["backup", "--db", "x.db"],
        ["backup", "-o", "x.bak"],
        ["restore", "--db", "x.db"],
        ["check"],
    ],
)
def test_cli_missing_arguments_are_usage_errors(capsys, argv, tmp_path):
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["backup", "restore", "check"])
def test_cli_help(capsys, command):
    status, out, _err = run(capsys, command, "--help")
    assert status == 0
    assert "--db" in out


def test_cli_in_a_real_process(demo_db, tmp_path):
    env = dict(os.environ)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    env["HOME"] = str(tmp_path)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    copy = tmp_path / "backup.db"

    def program(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "visitation_app", *argv],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            stdin=subprocess.DEVNULL,
        )

    done = program("backup", "--db", str(demo_db), "-o", str(copy))
    assert done.returncode == 0, done.stderr
    done = program("check", "--db", str(copy))
    assert done.returncode == 0, done.stderr
    assert "Fremmednøgle" in done.stdout or "fremmednøgler" in done.stdout
    corrupt(copy)
    done = program("check", "--db", str(copy))
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
