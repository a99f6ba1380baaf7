"""The commands on an encrypted database: the passphrase from a terminal or the environment."""

from __future__ import annotations

import io

import pytest

from visitation_app.__main__ import main
from visitation_app.logging_setup import stop_logging
from visitation_app.services.demo import create_demo_database
from visitation_app.store import cipher

PASSPHRASE = "kaffe og kringle 2027"


@pytest.fixture(autouse=True)
def _no_logging_left_behind():
    yield
    stop_logging()


@pytest.fixture
def encrypted_demo(tmp_path):
    path = create_demo_database(tmp_path / "demo.db")
    cipher.rekey_file(path, None, PASSPHRASE)
    return path


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch):
    """As in CI or a script: nobody can type a passphrase."""
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    monkeypatch.delenv("VISITATION_APP_PASSPHRASE", raising=False)
    monkeypatch.delenv("VISITATION_APP_NEW_PASSPHRASE", raising=False)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_without_a_passphrase_the_command_says_how_to_give_one(capsys, encrypted_demo):
    status, out, err = run(capsys, "meetings", "--db", str(encrypted_demo))
    assert status == 1
    assert out == ""
    assert "er krypteret" in err
    assert "VISITATION_APP_PASSPHRASE" in err
    assert "Traceback" not in err


def test_the_passphrase_from_the_environment_opens_it(capsys, monkeypatch, encrypted_demo):
    monkeypatch.setenv("VISITATION_APP_PASSPHRASE", PASSPHRASE)
    status, out, _err = run(capsys, "meetings", "--db", str(encrypted_demo))
    assert status == 0
    assert "Visitationsudvalget" in out or out.count("\n") >= 3


def test_a_wrong_passphrase_is_one_clear_sentence(capsys, monkeypatch, encrypted_demo):
    monkeypatch.setenv("VISITATION_APP_PASSPHRASE", "ikke den rigtige frase")
    status, out, err = run(capsys, "check", "--db", str(encrypted_demo))
    assert status == 1
    assert out == ""
    assert "Adgangsfrasen passer ikke" in err
    assert len([line for line in err.splitlines() if line.strip()]) == 1


def test_the_passphrase_is_asked_on_a_terminal(capsys, monkeypatch, encrypted_demo):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr("sys.stdin", Terminal(""))
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or PASSPHRASE)
    status, out, _err = run(capsys, "check", "--db", str(encrypted_demo))
    assert status == 0
    assert "Integritetstjek: OK" in out
    assert asked and "Adgangsfrase til" in asked[0]


def test_backup_of_an_encrypted_database_stays_encrypted(
    capsys, monkeypatch, tmp_path, encrypted_demo
):
    monkeypatch.setenv("VISITATION_APP_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "kopi.bak"
    status, _out, _err = run(capsys, "backup", "--db", str(encrypted_demo), "-o", str(target))
    assert status == 0
    assert cipher.is_encrypted(target)
    status, out, _err = run(capsys, "check", "--db", str(target))
    assert status == 0 and "Integritetstjek: OK" in out


def test_the_demo_command_says_plainly_that_the_demo_is_not_encrypted(capsys, tmp_path):
    status, _out, err = run(capsys, "demo", "--db", str(tmp_path / "demo.db"))
    assert status == 0
    assert "ikke krypteret" in err
    assert "encrypt --db" in err


def test_encrypt_then_change_passphrase_from_the_command_line(capsys, monkeypatch, tmp_path):
    path = create_demo_database(tmp_path / "demo.db")
    monkeypatch.setenv("VISITATION_APP_NEW_PASSPHRASE", PASSPHRASE)
    status, out, err = run(capsys, "encrypt", "--db", str(path))
    assert status == 0, err
    assert cipher.is_encrypted(path)
    assert "krypteret med den nye adgangsfrase" in out
    status, _out, err = run(capsys, "encrypt", "--db", str(path))
    assert status == 1 and "allerede krypteret" in err

    monkeypatch.setenv("VISITATION_APP_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("VISITATION_APP_NEW_PASSPHRASE", "en anden lang frase")
    status, _out, err = run(capsys, "change-passphrase", "--db", str(path))
    assert status == 0, err
    status, _out, err = run(capsys, "check", "--db", str(path))
    assert status == 1 and "Adgangsfrasen passer ikke" in err
    monkeypatch.setenv("VISITATION_APP_PASSPHRASE", "en anden lang frase")
    status, out, _err = run(capsys, "check", "--db", str(path))
    assert status == 0 and "Integritetstjek: OK" in out


def test_a_weak_new_passphrase_changes_nothing(capsys, monkeypatch, tmp_path):
    path = create_demo_database(tmp_path / "demo.db")
    before = path.read_bytes()
    monkeypatch.setenv("VISITATION_APP_NEW_PASSPHRASE", "kort")
    status, _out, err = run(capsys, "encrypt", "--db", str(path))
    assert status == 1 and "mindst 8 tegn" in err
    assert path.read_bytes() == before


def test_restore_and_encrypt_refuse_while_a_window_has_the_file(capsys, monkeypatch, tmp_path):
    import subprocess
    import sys

    path = create_demo_database(tmp_path / "demo.db")
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    holder = subprocess.Popen(  # a window's lock, held by a live process
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom PySide6.QtCore import QLockFile\n"
            "lock = QLockFile(sys.argv[1] + '.lock'); lock.setStaleLockTime(0)\n"
            "print(lock.tryLock(1000), flush=True); time.sleep(60)",
            str(path.resolve()),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "True"
        before = path.read_bytes()
        monkeypatch.setenv("VISITATION_APP_NEW_PASSPHRASE", PASSPHRASE)
        for argv in (("restore", str(copy), "--db", str(path)), ("encrypt", "--db", str(path))):
            status, _out, err = run(capsys, *argv)
            assert status == 1
            assert "er åben i et vindue" in err and str(holder.pid) in err
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    status, _out, err = run(capsys, "encrypt", "--db", str(path))  # the window is gone
    assert status == 0, err


def test_a_pdf_from_an_encrypted_database_is_said_to_be_unencrypted(
    capsys, monkeypatch, tmp_path, encrypted_demo
):
    monkeypatch.setenv("VISITATION_APP_PASSPHRASE", PASSPHRASE)
    target = tmp_path / "referat.pdf"
    status, _out, err = run(capsys, "minutes", "1", "--db", str(encrypted_demo), "-o", str(target))
    assert status == 0
    assert target.is_file()
    assert "PDF-filen er ikke krypteret" in err


def test_a_pdf_from_a_plain_database_needs_no_such_warning(capsys, tmp_path):
    path = create_demo_database(tmp_path / "demo.db")
    target = str(tmp_path / "r.pdf")
    status, _out, err = run(capsys, "minutes", "1", "--db", str(path), "-o", target)
    assert status == 0
    assert "ikke krypteret" not in err


def test_the_database_may_be_named_before_the_command(capsys, monkeypatch, tmp_path):
    path = create_demo_database(tmp_path / "demo.db")
    monkeypatch.setenv("VISITATION_APP_NEW_PASSPHRASE", PASSPHRASE)
    status, _out, err = run(capsys, "--db", str(path), "encrypt")
    assert status == 0, err
    assert cipher.is_encrypted(path)
