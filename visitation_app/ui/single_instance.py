"""A second start on a database that is already open brings the first window forward.

The window that has a database open listens on a local socket (a named pipe on Windows)
whose name is made from the user and the file's path. A second start on the same file
first asks there; if the first window answers, it comes to the front and the second start
ends quietly. If nobody answers (the window hangs, or is of an older version), the lock
file (instance_lock.py) decides and the chair is told the file is in use. A socket left by
a window that crashed is removed by the next window that gets the lock.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtNetwork import QAbstractSocket, QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import isValid

from visitation_app.i18n import _

log = logging.getLogger(__name__)

SHOW = b"show\n"
SHOWN = b"shown\n"
CONNECT_TIMEOUT_MS = 1000
ANSWER_TIMEOUT_MS = 3000


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return str(os.getuid()) if hasattr(os, "getuid") else ""


def server_name(path: Path) -> str:
    """The socket's name for `path`: the same for every start of this user on that file."""
    key = os.path.normcase(str(Path(path).expanduser().resolve()))
    digest = hashlib.sha256(f"{_user()}\0{key}".encode()).hexdigest()[:32]
    return f"visitation-app-{digest}"


def ask_running_window_to_show(path: Path) -> bool:
    """Ask the window that has `path` open to come to the front; True if it did.

    False at once when no window listens, and after a few seconds when one listens but
    does not answer. Needs a Qt application object.
    """
    socket = QLocalSocket()
    socket.connectToServer(server_name(path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    try:
        socket.write(QByteArray(SHOW))
        if not socket.waitForBytesWritten(ANSWER_TIMEOUT_MS):
            return False
        answer = b""
        while not answer.endswith(b"\n"):
            if not socket.bytesAvailable() and not socket.waitForReadyRead(ANSWER_TIMEOUT_MS):
                log.warning("the window that has %s open did not answer", path)
                return False
            answer += bytes(socket.readAll().data())
        return answer == SHOWN
    finally:
        socket.abort()


def hand_over_to_running_window(path: Path) -> bool:
    """At start: if a window has `path` open, bring it forward and say so; True then.

    The caller ends the program (exit status 0): the chair goes on in the first window.
    """
    if not ask_running_window_to_show(path):
        return False
    log.info("%s is open in another window, which was brought to the front", path)
    message = _(
        "The database {path} is already open in another window; that window was brought "
        "to the front."
    ).format(path=path)
    print(message, file=sys.stderr, flush=True)
    return True


def bring_forward(window: QWidget) -> None:
    """Un-minimise `window` (keeping it maximised if it was), raise it and ask for attention."""
    state = window.windowState() & ~Qt.WindowState.WindowMinimized
    window.setWindowState(state | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    modal = QApplication.activeModalWidget()
    if modal is not None and modal is not window:  # a question the chair still has to answer
        modal.raise_()
        modal.activateWindow()
    QApplication.alert(window)  # the taskbar flashes where the system refuses to switch


class ShowRequestServer(QLocalServer):
    """Answers a second start on the window's database by bringing the window forward."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.newConnection.connect(self._accept)

    def follow(self, path: Path) -> bool:
        """Listen for starts on `path` (the window opened it); False if that is impossible.

        Call it only while holding the file's lock (instance_lock.lock_database): then a
        socket of that name can only be left by a window that died, and is removed.
        """
        if self.isListening():
            self.close()
        name = server_name(path)
        if self.listen(name):
            return True
        if self.serverError() == QAbstractSocket.SocketError.AddressInUseError:
            log.info("removing the socket a closed window left for %s", path)
            QLocalServer.removeServer(name)
            if self.listen(name):
                return True
        log.warning("a second start on %s cannot find this window: %s", path, self.errorString())
        return False

    def _accept(self) -> None:
        while (socket := self.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._answer(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._answer(socket)

    def _answer(self, socket: QLocalSocket) -> None:
        if not isValid(socket) or not socket.canReadLine():
            return
        request = bytes(socket.readLine().data())
        if request != SHOW:
            socket.abort()
            return
        log.info("another start asked for this window; bringing it to the front")
        if isValid(self._window):
            bring_forward(self._window)
        socket.write(QByteArray(SHOWN))
        socket.flush()
        socket.disconnectFromServer()


def serve_show_requests(window: QWidget, path: Path) -> QLocalServer:
    """Let a second start on `path` bring `window` forward (for as long as the window lives).

    Call after the window holds the file's lock. When the window switches to another
    database, call `follow(new_path)` on the returned server.
    """
    server = ShowRequestServer(window)
    server.follow(path)
    return server
