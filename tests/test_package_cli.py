"""`visitation-app export` and `visitation-app import`, run as a user would."""

from __future__ import annotations

import json

import pytest
from package_support import new_database, row_counts, small_meeting

from visitation_app import cli_package
from visitation_app.__main__ import main
from visitation_app.logging_setup import stop_logging
from visitation_app.store.database import open_database

PASSPHRASE = "kaffe og kringle 2026"


@pytest.fixture(autouse=True)
def _no_logging_left_behind(monkeypatch):
    monkeypatch.delenv(cli_package.PASSPHRASE_VARIABLE, raising=False)
    yield
    stop_logging()


@pytest.fixture
def source(tmp_path):
    db = new_database(tmp_path, "source.db")
    small = small_meeting(db)
    db.close()
    return tmp_path / "source.db", small.meeting_id


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_export_and_import_into_another_database(capsys, source, tmp_path):
    path, meeting_id = source
    target_file = tmp_path / "møde.json"
    status, out, err = run(
        capsys, "export", str(meeting_id), "--db", str(path), "-o", str(target_file)
    )
    assert status == 0
    assert "Mødepakken for møde 1 er gemt som" in out
    assert "personoplysninger og er ikke krypteret" in err
    assert target_file.stat().st_mode & 0o777 == 0o600
    new_database(tmp_path, "target.db").close()
    status, out, err = run(capsys, "import", str(target_file), "--db", str(tmp_path / "target.db"))
    assert status == 0, err
    assert "er importeret som et nyt møde" in out
    assert "Ingen konflikter." in out
    assert "Mødets id i denne database: 1." in out


def test_export_encrypted_with_the_passphrase_from_the_environment(
    capsys, source, tmp_path, monkeypatch
):
    path, meeting_id = source
    monkeypatch.setenv(cli_package.PASSPHRASE_VARIABLE, PASSPHRASE)
    target_file = tmp_path / "krypteret.json"
    status, out, err = run(
        capsys, "export", str(meeting_id), "--db", str(path), "-o", str(target_file), "--encrypt"
    )
    assert status == 0 and err == ""
    assert "gemt krypteret" in out
    assert json.loads(target_file.read_bytes())["format"].endswith("-encrypted")
    new_database(tmp_path, "target.db").close()
    status, out, _err = run(capsys, "import", str(target_file), "--db", str(tmp_path / "target.db"))
    assert status == 0 and "nyt møde" in out
    monkeypatch.setenv(cli_package.PASSPHRASE_VARIABLE, "forkert forkert")
    status, _out, err = run(capsys, "import", str(target_file), "--db", str(tmp_path / "target.db"))
    assert status == 1
    assert "Adgangsfrasen er ikke den, pakken blev krypteret med." in err
    assert "Intet blev importeret." in err


def test_a_passphrase_is_typed_twice_in_a_terminal(capsys, source, tmp_path, monkeypatch):
    path, meeting_id = source
    typed = iter([PASSPHRASE, "noget andet"])
    monkeypatch.setattr(cli_package, "_interactive", lambda: True)
    monkeypatch.setattr(cli_package.getpass, "getpass", lambda prompt: next(typed))
    target_file = tmp_path / "k.json"
    status, _out, err = run(
        capsys, "export", str(meeting_id), "--db", str(path), "-o", str(target_file), "--encrypt"
    )
    assert status == 1 and "ikke ens" in err
    assert not target_file.exists()


def test_without_a_terminal_or_the_variable_there_is_no_passphrase(capsys, source, tmp_path):
    path, meeting_id = source
    target_file = tmp_path / "k.json"
    status, _out, err = run(
        capsys, "export", str(meeting_id), "--db", str(path), "-o", str(target_file), "--encrypt"
    )
    assert status == 1
    assert "VISITATION_PACKAGE_PASSPHRASE" in err
    assert not target_file.exists()


def test_a_bad_package_lists_every_error_with_its_path(capsys, source, tmp_path):
    path, meeting_id = source
    good = tmp_path / "god.json"
    assert main(["export", str(meeting_id), "--db", str(path), "-o", str(good)]) == 0
    document = json.loads(good.read_bytes())
    document["meeting"]["meeting_date"] = "2026-02-30"
    document["items"][0]["decision"]["outcome"] = "måske"
    bad = tmp_path / "dårlig.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    target = tmp_path / "target.db"
    new_database(tmp_path, "target.db").close()
    database = open_database(target)
    before = row_counts(database)
    database.close()
    capsys.readouterr()
    status, out, err = run(capsys, "import", str(bad), "--db", str(target))
    assert status == 1 and out == ""
    lines = err.splitlines()
    assert lines[0].startswith("$.items[0].decision.outcome: ")
    assert lines[1].startswith("$.meeting.meeting_date: ")
    assert lines[-1] == "Intet blev importeret."
    database = open_database(target)
    assert row_counts(database) == before
    database.close()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["export", "--db", "x.db", "-o", "m.json"], "mødets id"),
        (["export", "1", "--db", "x.db"], "-o FIL.json"),
        (["export", "nul", "--db", "x.db", "-o", "m.json"], "helt tal"),
        (["import", "--db", "x.db"], "pakken, der skal importeres"),
    ],
)
def test_usage_mistakes_are_one_sentence(capsys, argv, words):
    status, _out, err = run(capsys, *argv)
    assert status == 2
    assert words.lower() in err.lower()
    assert len(err.strip().splitlines()) == 1


def test_a_missing_package_file_is_a_sentence(capsys, source, tmp_path):
    path, _meeting_id = source
    status, _out, err = run(capsys, "import", str(tmp_path / "ingen.json"), "--db", str(path))
    assert status == 1
    assert "Der er ingen fil" in err


def test_both_commands_have_help(capsys):
    for command in ("export", "import"):
        status, out, _err = run(capsys, command, "--help")
        assert status == 0 and "--db" in out
