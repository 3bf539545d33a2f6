"""One running app per user: a second start hands its command to the first.

The first instance listens on a QLocalServer; `quickreply toggle` (or a second
`quickreply`) connects, sends one line ("toggle", "show") and waits for "ok".
The server name is per user and per data directory, so two test runs with
different QUICKREPLY_HOME never talk to each other.

Two commands are answered with what the app did: `reload` (after `quickreply
import`) and `load ["/abs/pack.toml", ...]` (a second `quickreply run --pack`).
Their arguments are one JSON list after the verb; the answer is `ok "message"`
or `error "message"` (a JSON string), so the sender can say plainly what
happened, e.g. "3 replies added, 1 changed", or why nothing was loaded.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

COMMANDS = ("toggle", "show", "hide", "reload", "load", "quit")
ANSWERED = ("reload", "load")  # the app answers these with what it did
_CONNECT_TIMEOUT_MS = 1000
_REPLY_TIMEOUT_MS = 2000
# A reload reads every pack and rebuilds the search: allow for a big library.
_ANSWER_TIMEOUT_MS = 30000


@dataclass(frozen=True)
class Answer:
    """The running app's answer to a command: did it, and what it has to say."""

    ok: bool
    message: str = ""


# (verb, arguments) -> the answer; runs on the app's main thread.
Answerer = Callable[[str, list[str]], Answer]


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
        self.answerer: Answerer | None = None  # who answers `reload` and `load`
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
            verb, args = _parse(line)
            if verb is None:
                _answer(socket, Answer(False, f"unknown command {line[:200]!r}"))
                log.warning("single instance: ignored unknown command %r", line[:200])
            elif verb in ANSWERED and self.answerer is not None:
                _answer(socket, self._ask(verb, args))
            elif verb == "load":
                _answer(socket, Answer(False, "this QuickReply cannot load packs"))
            else:
                _answer(socket, Answer(True))
                self.command_received.emit(verb)

    def _ask(self, verb: str, args: list[str]) -> Answer:
        assert self.answerer is not None
        try:
            return self.answerer(verb, args)
        except Exception as exc:  # the app keeps running whatever a command does
            log.exception("single instance: %s failed", verb)
            return Answer(False, f"{verb} failed: {exc}")


def _parse(line: str) -> tuple[str | None, list[str]]:
    """`verb` or `verb ["arg", ...]`; (None, []) when it is not a command."""
    verb, _, rest = line.partition(" ")
    if verb not in COMMANDS:
        return None, []
    if not rest.strip():
        return verb, []
    try:
        args = json.loads(rest)
    except ValueError:
        return None, []
    if not isinstance(args, list) or not all(isinstance(a, str) for a in args):
        return None, []
    return verb, args


def _answer(socket: QLocalSocket, answer: Answer) -> None:
    word = "ok" if answer.ok else "error"
    message = " " + json.dumps(answer.message, ensure_ascii=False) if answer.message else ""
    socket.write(f"{word}{message}\n".encode())
    socket.flush()


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


def request(name: str | None, command: str, args: Sequence[str] = ()) -> Answer | None:
    """Send `command` (with `args`) to the running instance; None when none answers."""
    if command not in COMMANDS:
        raise ValueError(f"unknown command {command!r}; use one of {', '.join(COMMANDS)}")
    _ensure_core_app()
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(_CONNECT_TIMEOUT_MS):
        return None
    line = command + (" " + json.dumps(list(args), ensure_ascii=False) if args else "")
    socket.write(f"{line}\n".encode())
    if not socket.waitForBytesWritten(_REPLY_TIMEOUT_MS):
        return None
    timeout = _ANSWER_TIMEOUT_MS if command in ANSWERED else _REPLY_TIMEOUT_MS
    reply = b""
    while not reply.endswith(b"\n"):
        if not socket.waitForReadyRead(timeout):
            break
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return _read_answer(reply.decode("utf-8", "replace").strip())


def _read_answer(text: str) -> Answer | None:
    word, _, rest = text.partition(" ")
    if word not in ("ok", "error"):
        return None  # no answer in time, or not a QuickReply
    message = rest
    if rest.startswith('"'):
        try:
            message = str(json.loads(rest))
        except ValueError:
            message = rest
    return Answer(word == "ok", message)


def send_to_running(name: str | None, command: str) -> bool:
    """Send `command` to the running instance; True once it acknowledged it."""
    answer = request(name, command)
    return answer is not None and answer.ok
