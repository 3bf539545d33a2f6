"""One running app per user: a second start hands its command to the first.

The first instance listens on a QLocalServer; `quickreply toggle` (or a second
`quickreply`) connects, sends one line ("toggle", "show") and waits for "ok".
The server name is per user and per data directory, so two test runs with
different QUICKREPLY_HOME never talk to each other.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
import os

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

COMMANDS = ("toggle", "show", "hide", "reload", "quit")
_CONNECT_TIMEOUT_MS = 1000
_REPLY_TIMEOUT_MS = 2000


def server_name(home: str | None = None) -> str:
    """The socket name: quickreply-<user>-<hash of the data directory>.

    Short on purpose: Unix socket paths are limited to about 100 bytes.
    """
    from quickreply.core.storage import data_dir

    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers)
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    folder = home if home is not None else str(data_dir(create=False).resolve())
    digest = hashlib.sha1(folder.encode("utf-8")).hexdigest()[:10]
    safe_user = "".join(c for c in user if c.isalnum())[:16] or "user"
    return f"quickreply-{safe_user}-{digest}"


class InstanceServer(QObject):
    """The listening side; `command_received` fires on the main thread for each command."""

    command_received = Signal(str)

    def __init__(self, server: QLocalServer, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = server
        server.setParent(self)
        server.newConnection.connect(self._accept)

    @property
    def name(self) -> str:
        return self._server.serverName()

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            socket.setParent(self)
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            line = bytes(socket.readLine().data()).decode("utf-8", "replace").strip()
            if not line:
                continue
            if line in COMMANDS:
                socket.write(b"ok\n")
                socket.flush()
                self.command_received.emit(line)
            else:
                socket.write(f"error unknown command {line!r}\n".encode())
                socket.flush()
                log.warning("single instance: ignored unknown command %r", line)


_app: QCoreApplication | None = None


def _ensure_core_app() -> None:
    # Blocking QLocalSocket calls work without an event loop but need an application
    # (the `quickreply toggle` command has none; the tray app made its own first).
    global _app
    if QCoreApplication.instance() is None:
        _app = QCoreApplication([])


def _someone_answers(name: str) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(name)
    answered = socket.waitForConnected(_CONNECT_TIMEOUT_MS)
    if answered:
        socket.disconnectFromServer()
    return answered


def try_become_server(name: str | None = None) -> InstanceServer | None:
    """Listen as the one instance, or None when another instance already answers."""
    _ensure_core_app()
    name = name or server_name()
    if _someone_answers(name):
        return None
    # No UserAccessOption: with it Qt renames its socket over an existing one,
    # silently stealing the name from a live instance. Plain listen() fails on
    # an existing file instead, which is what tells a stale file apart.
    server = QLocalServer()
    if server.listen(name):
        return InstanceServer(server)
    if _someone_answers(name):  # another instance started in between
        return None
    QLocalServer.removeServer(name)  # a crashed instance left its socket file
    if server.listen(name):
        return InstanceServer(server)
    log.error("single instance: cannot listen on %s: %s", name, server.errorString())
    return None


def send_to_running(name: str | None, command: str) -> bool:
    """Send `command` to the running instance; True once it acknowledged it."""
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}; use one of {', '.join(COMMANDS)}")
    _ensure_core_app()
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(_CONNECT_TIMEOUT_MS):
        return False
    socket.write(f"{command}\n".encode())
    if not socket.waitForBytesWritten(_REPLY_TIMEOUT_MS):
        return False
    reply = b""
    while not reply.endswith(b"\n"):
        if not socket.waitForReadyRead(_REPLY_TIMEOUT_MS):
            break
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply.strip() == b"ok"
