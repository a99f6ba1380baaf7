"""The command line, run as a user would: exit status, what is printed, what is (not) written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from visitation_app import cli, paths
from visitation_app.__main__ import main
from visitation_app.i18n import current_language
from visitation_app.logging_setup import LOG_FILE_NAME, stop_logging
from visitation_app.services.demo import create_demo_database
from visitation_app.store import cipher

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """One demo database for the tests that only read it."""
    return create_demo_database(tmp_path_factory.mktemp("demo") / "demo.db")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_sentence(err: str) -> None:
    """What a user sees on a mistake: one line saying what happened, no stack trace."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert "Error:" not in err
    assert len(lines[0]) > 15


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[variable] = str(home / variable.lower())
    env["HOME"] = str(home)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    return env


# --- help and the program itself -------------------------------------------------------


def test_help_in_a_real_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "visitation_app", "--help"],
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    for command in ("demo", "meetings", "agenda", "minutes", "--db", "--lang"):
        assert command in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("command", ["demo", "meetings", "agenda", "minutes"])
def test_every_command_has_help(capsys, command):
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert f"visitation-app {command}" in out
    assert "--db" in out


def test_help_follows_the_language(capsys):
    status, out, _ = run(capsys, "--lang", "en", "--help")
    assert status == 0
    assert out.startswith("usage: visitation-app")
    assert "Show this help." in out


def test_version(capsys):
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.startswith("visitation-app ")


def test_importing_creates_no_folders_and_commands_never_load_qt(tmp_path, demo_db):
    home = tmp_path / "home"
    home.mkdir()
    script = (
        "import sys\n"
        "import visitation_app.__main__, visitation_app.cli, visitation_app.paths\n"
        "import visitation_app.logging_setup, visitation_app.services.demo\n"
        "import os\n"
        f"assert os.listdir({str(home)!r}) == [], os.listdir({str(home)!r})\n"
        "from visitation_app.__main__ import main\n"
        f"status = main(['meetings', '--db', {str(demo_db)!r}, '--json'])\n"
        "print('QT-LOADED' if 'PySide6' in sys.modules else 'NO-QT', status)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=child_env(home),
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("NO-QT 0")


# --- demo ---------------------------------------------------------------------------------


def test_demo_creates_a_database_with_three_meetings(capsys, tmp_path):
    target = tmp_path / "ny.db"
    status, out, err = run(capsys, "demo", "--db", str(target))
    assert status == 0, err
    assert str(target) in out
    with cipher.connect(target) as connection:
        assert connection.execute("select count(*) from meeting").fetchone() == (3,)
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left beside it


def test_demo_refuses_to_overwrite_without_force(capsys, tmp_path):
    target = tmp_path / "mine.db"
    target.write_bytes(b"my own notes, not to be lost")
    status, out, err = run(capsys, "demo", "--db", str(target))
    assert status == 1
    assert_one_sentence(err)
    assert "--force" in err
    assert out == ""
    assert target.read_bytes() == b"my own notes, not to be lost"


def test_demo_force_replaces_the_file_and_its_stale_journal(capsys, tmp_path):
    target = tmp_path / "old.db"
    create_demo_database(target)
    target.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a broken old database
    Path(f"{target}-wal").write_bytes(b"stale write-ahead log of the old file")
    Path(f"{target}-shm").write_bytes(b"stale shared memory of the old file")
    status, _, err = run(capsys, "demo", "--db", str(target), "--force")
    assert status == 0, err
    assert not Path(f"{target}-wal").exists()
    assert not Path(f"{target}-shm").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.db"]
    status, out, err = run(capsys, "meetings", "--db", str(target), "--json")
    assert status == 0, err
    assert len(json.loads(out)) == 3


def test_demo_into_a_folder_that_does_not_exist(capsys, tmp_path):
    target = tmp_path / "missing" / "demo.db"
    status, _, err = run(capsys, "demo", "--db", str(target))
    assert status == 1
    assert_one_sentence(err)
    assert not target.parent.exists()


def test_demo_onto_a_folder(capsys, tmp_path):
    status, _, err = run(capsys, "demo", "--db", str(tmp_path))
    assert status == 1
    assert_one_sentence(err)


# --- meetings -----------------------------------------------------------------------------


def test_meetings_table_shows_danish_dates_and_statuses(capsys, demo_db):
    status, out, err = run(capsys, "meetings", "--db", str(demo_db))
    assert status == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 + 3  # header, rule, three meetings
    assert "Referat godkendt" in out and "Planlagt" in out and "I gang" in out
    assert "Ældre" in out
    # Aligned: every status starts in the same column.
    status_column = lines[0].index("Status")
    for line, label in zip(lines[2:], ("Planlagt", "I gang", "Referat godkendt"), strict=True):
        assert line[status_column:].startswith(label), line
    # A Danish short date, e.g. 03.12.2026.
    assert lines[2].split()[1].count(".") == 2


def test_meetings_json(capsys, demo_db):
    status, out, err = run(capsys, "meetings", "--db", str(demo_db), "--json")
    assert status == 0, err
    meetings = json.loads(out)
    assert {m["status"] for m in meetings} == {"approved", "in_progress", "planned"}
    assert {m["area"] for m in meetings} == {"elderly", "adult_disability", "children"}
    first = meetings[0]
    assert set(first) == {
        "id", "date", "start_time", "title", "area", "area_label",
        "status", "status_label", "items", "decisions",
    }  # fmt: skip
    assert first["date"][4] == "-" and len(first["date"]) == 10
    assert first["status_label"] == "Planlagt"
    assert all(m["items"] > 3 for m in meetings)


def test_meetings_in_an_empty_database(capsys, db_path, db):
    status, out, _ = run(capsys, "meetings", "--db", str(db_path))
    assert status == 0
    assert "ingen møder" in out.lower()
    status, out, _ = run(capsys, "meetings", "--db", str(db_path), "--json")
    assert json.loads(out) == []


def test_meetings_needs_db(capsys):
    status, _, err = run(capsys, "meetings")
    assert status == 2
    assert_one_sentence(err)
    assert "--db" in err


def test_missing_database_is_not_created(capsys, tmp_path):
    missing = tmp_path / "nowhere.db"
    status, out, err = run(capsys, "meetings", "--db", str(missing))
    assert status == 1
    assert_one_sentence(err)
    assert out == ""
    assert not missing.exists()


def test_folder_given_as_database(capsys, tmp_path):
    status, _, err = run(capsys, "meetings", "--db", str(tmp_path))
    assert status == 1
    assert_one_sentence(err)
    assert "mappe" in err


@pytest.mark.parametrize("content", [b"Dear committee,\nthis is a letter.\n", b""])
def test_file_that_is_not_a_database(capsys, tmp_path, content):
    text = tmp_path / "letter.db"
    text.write_bytes(content)
    status, _, err = run(capsys, "meetings", "--db", str(text))
    assert status == 1
    assert_one_sentence(err)
    assert text.read_bytes() == content  # left exactly as it was


def test_unknown_option(capsys, demo_db):
    status, _, err = run(capsys, "meetings", "--db", str(demo_db), "--colour")
    assert status == 2
    assert_one_sentence(err)
    assert "--colour" in err


def test_unknown_language(capsys):
    status, _, err = run(capsys, "--lang", "fr", "meetings")
    assert status == 2
    assert_one_sentence(err)


# --- agenda and minutes -------------------------------------------------------------------


def meeting_ids(capsys, db: Path) -> dict[str, int]:
    main(["meetings", "--db", str(db), "--json"])
    return {m["status"]: m["id"] for m in json.loads(capsys.readouterr().out)}


@pytest.mark.parametrize("command", ["agenda", "minutes"])
@pytest.mark.parametrize("status_code", ["approved", "in_progress", "planned"])
def test_export_writes_a_pdf(capsys, demo_db, tmp_path, command, status_code):
    meeting_id = meeting_ids(capsys, demo_db)[status_code]
    target = tmp_path / f"{command}.pdf"
    status, out, err = run(
        capsys, command, str(meeting_id), "--db", str(demo_db), "-o", str(target)
    )
    assert status == 0, err
    assert target.read_bytes().startswith(b"%PDF")
    assert str(target) in out
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_minutes_pdf_holds_the_meeting(capsys, demo_db, tmp_path):
    from pypdf import PdfReader

    meeting_id = meeting_ids(capsys, demo_db)["approved"]
    target = tmp_path / "referat.pdf"
    assert main(["minutes", str(meeting_id), "--db", str(demo_db), "-o", str(target)]) == 0
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Else Marie Kristensen" in text
    assert "Ældreloven § 10" in text


@pytest.mark.parametrize("command", ["agenda", "minutes"])
def test_unknown_meeting_id(capsys, demo_db, tmp_path, command):
    target = tmp_path / "out.pdf"
    status, _, err = run(capsys, command, "999", "--db", str(demo_db), "-o", str(target))
    assert status == 1
    assert_one_sentence(err)
    assert "999" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "0", "-3"])
def test_meeting_id_must_be_a_whole_number(capsys, demo_db, tmp_path, bad_id):
    target = tmp_path / "out.pdf"
    status, _, err = run(capsys, "agenda", bad_id, "--db", str(demo_db), "-o", str(target))
    assert status == 2
    assert_one_sentence(err)
    assert list(tmp_path.iterdir()) == []


def test_export_needs_id_and_output(capsys, demo_db):
    status, _, err = run(capsys, "agenda", "--db", str(demo_db), "-o", "x.pdf")
    assert status == 2
    assert_one_sentence(err)
    status, _, err = run(capsys, "minutes", "1", "--db", str(demo_db))
    assert status == 2
    assert_one_sentence(err)
    assert "-o" in err


def test_export_from_a_missing_database_creates_nothing(capsys, tmp_path):
    missing = tmp_path / "missing.db"
    target = tmp_path / "out.pdf"
    status, _, err = run(capsys, "agenda", "1", "--db", str(missing), "-o", str(target))
    assert status == 1
    assert_one_sentence(err)
    assert list(tmp_path.iterdir()) == []


def test_output_folder_that_does_not_exist(capsys, demo_db, tmp_path):
    target = tmp_path / "no" / "such" / "folder" / "agenda.pdf"
    status, _, err = run(capsys, "agenda", "1", "--db", str(demo_db), "-o", str(target))
    assert status == 1
    assert_one_sentence(err)
    assert not (tmp_path / "no").exists()


def test_output_path_that_is_a_folder(capsys, demo_db, tmp_path):
    status, _, err = run(capsys, "minutes", "1", "--db", str(demo_db), "-o", str(tmp_path))
    assert status == 1
    assert_one_sentence(err)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root (or Windows) ignores the mode"
)
def test_output_folder_that_is_read_only(capsys, demo_db, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        status, _, err = run(
            capsys, "agenda", "1", "--db", str(demo_db), "-o", str(locked / "agenda.pdf")
        )
        assert status == 1
        assert_one_sentence(err)
        assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


# --- unexpected failures and the window ---------------------------------------------------


def test_unexpected_error_points_to_the_log(capsys, demo_db, monkeypatch):
    def broken(_db):
        raise RuntimeError("a programming mistake")

    monkeypatch.setattr(cli, "list_meetings", broken)
    status, _, err = run(capsys, "meetings", "--db", str(demo_db))
    assert status == 1
    assert_one_sentence(err)
    log_file = paths.log_dir() / LOG_FILE_NAME
    assert str(log_file) in err
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback" in logged and "a programming mistake" in logged


@pytest.fixture
def fake_window(monkeypatch):
    """Stands in for visitation_app.ui.app, recording how the window would be opened."""
    calls: list[dict] = []

    def run_gui(db_path: Path, *, is_default_path: bool, argv: list[str]) -> int:
        calls.append(
            {"db": db_path, "default": is_default_path, "argv": argv, "lang": current_language()}
        )
        return 0

    module = types.ModuleType("visitation_app.ui.app")
    module.run_gui = run_gui
    monkeypatch.setitem(sys.modules, "visitation_app.ui.app", module)
    return calls


def test_no_command_opens_the_window_on_the_default_database(fake_window):
    assert main([]) == 0
    assert fake_window == [
        {"db": paths.default_database_path(), "default": True, "argv": ["visitation-app"],
         "lang": "da"}
    ]  # fmt: skip
    # The folders the window needs exist now, but the database file is not made here.
    assert paths.data_dir().is_dir() and paths.config_dir().is_dir() and paths.log_dir().is_dir()
    assert not paths.default_database_path().exists()


def test_window_on_a_given_database_in_english(fake_window, tmp_path):
    assert main(["--db", str(tmp_path / "x.db"), "--lang", "en"]) == 0
    assert fake_window[0]["db"] == tmp_path / "x.db"
    assert fake_window[0]["default"] is False
    assert fake_window[0]["lang"] == "en"


def test_argparse_own_complaints_are_in_danish_too(capsys, demo_db):
    code, _out, err = run(capsys, "frobnicate")
    assert code == 2
    assert "ukendt valg: 'frobnicate'" in err
    code, _out, err = run(capsys, "minutes", "1", "--db")
    assert code == 2
    assert "forventede ét argument" in err
    assert "expected" not in err
