"""A read-only folder or file: the chair is told that, not something else.

Permissions only bind a process without the power to override them, so as root the checks
run in a child process that gave that power up (setpriv); elsewhere as the user running
the tests. Where neither is possible the tests are skipped.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from visitation_app.store.database import open_database

PROBE = """
import sys
from pathlib import Path
from visitation_app.store.database import open_database
from visitation_app.ui.instance_lock import lock_database

path = Path(sys.argv[2])
try:
    if sys.argv[1] == "lock":
        lock_database(path)
    else:
        open_database(path).close()
except Exception as error:
    print(type(error).__name__, error, sep="\\n")
else:
    print("ok")
"""
DROP = "-dac_override,-dac_read_search"


def _unprivileged() -> list[str]:
    """The command prefix that runs Python bound by file permissions (skips if none)."""
    if os.name != "posix":
        pytest.skip("file permissions of this kind are POSIX")
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("root, and no setpriv to give up the power to override permissions")
    prefix = [setpriv, "--bounding-set", DROP, "--inh-caps", DROP]
    if subprocess.run([*prefix, "true"], capture_output=True).returncode != 0:
        pytest.skip("this system does not let root give up capabilities")
    return prefix


def _try(what: str, path: Path) -> tuple[str, str]:
    done = subprocess.run(
        [*_unprivileged(), sys.executable, "-c", PROBE, what, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "VISITATION_APP_LANG": "da"},
        timeout=120,
    )
    kind, _newline, message = done.stdout.strip().partition("\n")
    assert kind, done.stderr
    return kind, message


@pytest.fixture
def folder(tmp_path):
    """A folder holding a database; made read-only by the test, writable again afterwards."""
    place = tmp_path / "data"
    place.mkdir()
    open_database(place / "visitation.db", create=True).close()
    yield place
    place.chmod(stat.S_IRWXU)
    (place / "visitation.db").chmod(stat.S_IRUSR | stat.S_IWUSR)


def _read_only(path: Path) -> None:
    path.chmod(stat.S_IRUSR | (stat.S_IXUSR if path.is_dir() else 0))


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_lock_left_behind_in_a_folder_made_read_only_is_explained_as_that(folder):
    lock = folder / "visitation.db.lock"
    lock.write_text(f"{_dead_pid()}\npython3\n{os.uname().nodename}\n")
    _read_only(folder)
    kind, message = _try("lock", folder / "visitation.db")
    assert kind == "StoreError"
    assert "mappe er skrivebeskyttet" in message
    assert "andet vindue" not in message


def test_a_lock_of_a_running_window_still_says_in_use_in_a_read_only_folder(folder):
    lock = folder / "visitation.db.lock"
    lock.write_text(f"{os.getpid()}\npython3\n{os.uname().nodename}\n")  # this test runs
    _read_only(folder)
    kind, message = _try("lock", folder / "visitation.db")
    assert kind == "DatabaseInUseError"
    assert "allerede åben i et andet vindue" in message


def test_a_read_only_folder_without_a_lock_says_no_lock_can_be_made(folder):
    _read_only(folder)
    kind, message = _try("lock", folder / "visitation.db")
    assert kind == "DatabaseInUseError"
    assert "Kontrollér, at der kan skrives i mappen" in message


def test_a_read_only_database_file_is_explained_as_that(folder):
    _read_only(folder / "visitation.db")
    kind, message = _try("open", folder / "visitation.db")
    assert kind == "StoreError"
    assert "er skrivebeskyttet" in message
