"""A second start on an open database brings the first window forward, or says it is in use.

Two real processes where it matters (a window in a child process, a second start in
another), and in this process with qtbot for the window's side.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow

from visitation_app.ui import single_instance
from visitation_app.ui.instance_lock import DatabaseInUseError, lock_database, release_database
from visitation_app.ui.single_instance import (
    ask_running_window_to_show,
    hand_over_to_running_window,
    serve_show_requests,
    server_name,
)

# The first window, as run_gui starts it: the lock, the database, the main window, the
# server; minimised. It says when its state changes, so the test sees it come forward.
FIRST_WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from visitation_app.store.database import open_database
from visitation_app.ui.app import create_main_window
from visitation_app.ui.instance_lock import lock_database
from visitation_app.ui.single_instance import serve_show_requests

path = Path(sys.argv[1])
app = QApplication([])
lock_database(path)
window = create_main_window(open_database(path, create=True))
window.showMinimized()
server = serve_show_requests(window, path)
last = None

def report():
    global last
    state = "minimised" if window.isMinimized() else "shown"
    if state != last:
        last = state
        print(state, flush=True)
    if sys.argv[2] == "hang" and state == "minimised":
        import time
        print("hanging", flush=True)
        time.sleep(120)  # the window stops answering, as a hung program does

timer = QTimer()
timer.timeout.connect(report)
timer.start(20)
app.exec()
"""

# A second start: what run_gui does before it opens anything.
SECOND_START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from visitation_app.ui.single_instance import hand_over_to_running_window

app = QApplication([])
sys.exit(0 if hand_over_to_running_window(Path(sys.argv[1])) else 3)
"""

# A program holding the lock but not listening (an older version, or still starting up).
LOCK_ONLY = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1] + ".lock")
lock.setStaleLockTime(0)
print("locked" if lock.tryLock(1000) else "failed", flush=True)
time.sleep(120)
"""


def _environment(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }


def _start(tmp_path: Path, script: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(tmp_path),
    )


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


@pytest.fixture
def db_file(tmp_path) -> Path:
    return (tmp_path / "visitation.db").resolve()


@pytest.fixture
def first_window(tmp_path, db_file):
    """A real first window in its own process, minimised, serving its database."""
    process = _start(tmp_path, FIRST_WINDOW, str(db_file), "normal")
    assert process.stdout.readline().strip() == "minimised", process.stderr.read()
    yield process
    _stop(process)


def test_the_socket_name_is_one_per_file_and_user(tmp_path, monkeypatch):
    path = tmp_path / "visitation.db"
    mine = server_name(path)
    assert mine == server_name(tmp_path / "sub" / ".." / "visitation.db")
    assert mine != server_name(tmp_path / "other.db")
    monkeypatch.setattr(single_instance, "_user", lambda: "someone-else")
    assert server_name(path) != mine


def test_a_second_start_brings_the_first_window_forward_and_ends_quietly(
    tmp_path, db_file, first_window
):
    second = _start(tmp_path, SECOND_START, str(db_file))
    _out, errors = second.communicate(timeout=60)
    assert second.returncode == 0, errors
    assert "allerede åben i et andet vindue" in errors
    assert "vinduet blev hentet frem" in errors
    assert first_window.stdout.readline().strip() == "shown"  # no longer minimised
    # The first window still holds the file: nothing was opened twice.
    with pytest.raises(DatabaseInUseError):
        lock_database(db_file)


def test_a_window_that_does_not_answer_leaves_the_in_use_message(tmp_path, db_file, qapp):
    hung = _start(tmp_path, FIRST_WINDOW, str(db_file), "hang")
    try:
        assert hung.stdout.readline().strip() == "minimised"
        assert hung.stdout.readline().strip() == "hanging"
        started = time.monotonic()
        assert ask_running_window_to_show(db_file) is False
        assert time.monotonic() - started < 15  # it gives up; it does not hang the start
        with pytest.raises(DatabaseInUseError, match="allerede åben i et andet vindue"):
            lock_database(db_file)
    finally:
        _stop(hung)


def test_a_lock_without_a_window_listening_says_the_file_is_in_use(tmp_path, db_file, qapp):
    holder = _start(tmp_path, LOCK_ONLY, str(db_file))
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert hand_over_to_running_window(db_file) is False
        with pytest.raises(DatabaseInUseError) as caught:
            lock_database(db_file)
        assert str(holder.pid) in str(caught.value)
    finally:
        _stop(holder)


def test_a_crashed_window_leaves_nothing_in_the_way(tmp_path, db_file, first_window, qtbot):
    os.kill(first_window.pid, signal.SIGKILL)
    first_window.wait(timeout=30)
    started = time.monotonic()
    assert ask_running_window_to_show(db_file) is False  # its socket is left, dead
    assert time.monotonic() - started < 5
    lock_database(db_file)  # its lock is stale: taken over
    window = QMainWindow()
    qtbot.addWidget(window)
    server = serve_show_requests(window, db_file)
    try:
        assert server.isListening()  # its socket was removed and made anew
    finally:
        server.close()
        release_database(db_file)


def _second_start(qtbot, tmp_path: Path, path: Path) -> bool:
    """A second start in its own process, while this process's event loop serves the window."""
    second = _start(tmp_path, SECOND_START, str(path))
    try:
        qtbot.waitUntil(lambda: second.poll() is not None, timeout=30_000)
    finally:
        _stop(second)
    return second.returncode == 0


def test_the_window_comes_forward_unminimised_and_keeps_being_maximised(
    qtbot, tmp_path, monkeypatch
):
    alerts: list[object] = []
    monkeypatch.setattr(QApplication, "alert", staticmethod(lambda w, ms=0: alerts.append(w)))
    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMaximized()
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMinimized)
    assert window.isMinimized()
    path = tmp_path / "visitation.db"
    server = serve_show_requests(window, path)
    try:
        assert _second_start(qtbot, tmp_path, path) is True
        assert not window.isMinimized()
        assert window.isMaximized()
        assert window.isVisible()
        assert alerts == [window]
    finally:
        server.close()


def test_a_window_switching_database_answers_for_the_new_file_only(qtbot, tmp_path):
    window = QMainWindow()
    qtbot.addWidget(window)
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    server = serve_show_requests(window, first)
    try:
        assert server.follow(second)
        assert _second_start(qtbot, tmp_path, second) is True
        assert _second_start(qtbot, tmp_path, first) is False
    finally:
        server.close()


def test_nobody_listening_is_answered_at_once(qapp, tmp_path):
    started = time.monotonic()
    assert ask_running_window_to_show(tmp_path / "visitation.db") is False
    assert time.monotonic() - started < 1.0


def test_a_stranger_on_the_socket_is_not_obeyed(qtbot, tmp_path):
    from PySide6.QtCore import QByteArray
    from PySide6.QtNetwork import QLocalSocket

    window = QMainWindow()
    qtbot.addWidget(window)
    window.showMinimized()
    path = tmp_path / "visitation.db"
    server = serve_show_requests(window, path)
    try:
        socket = QLocalSocket()
        socket.connectToServer(server_name(path))
        assert socket.waitForConnected(1000)
        socket.write(QByteArray(b"delete everything\n"))
        socket.flush()
        qtbot.waitUntil(lambda: socket.state() == QLocalSocket.LocalSocketState.UnconnectedState)
        assert window.isMinimized()
    finally:
        server.close()


def test_the_real_program_started_twice_on_one_file_shows_the_first_window(tmp_path, db_file, qapp):
    """`visitation-app --db FILE` twice: the second start hands over and ends with 0."""
    from visitation_app.services.demo import create_demo_database
    from visitation_app.ui.single_instance import ask_running_window_to_show

    create_demo_database(db_file)
    command = [sys.executable, "-m", "visitation_app", "--db", str(db_file)]
    environment = _environment(tmp_path)
    first = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )
    try:
        deadline = time.monotonic() + 60
        while not ask_running_window_to_show(db_file):  # until the window serves its file
            assert first.poll() is None, first.communicate()[1]
            assert time.monotonic() < deadline, "the first window never opened"
            time.sleep(0.2)
        second = subprocess.run(
            command, capture_output=True, text=True, env=environment, timeout=60
        )
        assert second.returncode == 0, second.stderr
        assert "allerede åben i et andet vindue" in second.stderr
        assert first.poll() is None  # the first window goes on
    finally:
        _stop(first)
