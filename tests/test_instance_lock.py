"""One window per database file; a lock left by a dead process is taken over."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from visitation_app.ui.instance_lock import DatabaseInUseError, lock_database, release_database

HOLDER = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + ".lock")
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(1000) else "failed", flush=True)
time.sleep(60)
"""


@pytest.fixture
def other_window(tmp_path):
    """Another process holding the database's lock, as a second program window would."""
    path = (tmp_path / "visitation.db").resolve()
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout.readline().strip() == "locked"
    yield path, process
    if process.poll() is None:
        process.kill()
        process.wait()


def test_a_second_window_on_the_same_file_is_told_it_is_in_use(other_window, qapp):
    path, process = other_window
    with pytest.raises(DatabaseInUseError, match="allerede åben i et andet vindue") as caught:
        lock_database(path)
    assert str(process.pid) in str(caught.value)


def test_a_lock_left_by_a_dead_process_is_taken_over(other_window, qapp):
    path, process = other_window
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    time.sleep(0.1)
    lock_database(path)  # the crashed window's lock is recognised as stale
    release_database(path)
    assert not os.path.exists(str(path) + ".lock")


def test_the_same_window_may_lock_its_file_again(tmp_path, qapp):
    path = tmp_path / "visitation.db"
    lock_database(path)
    lock_database(path)
    release_database(path)
