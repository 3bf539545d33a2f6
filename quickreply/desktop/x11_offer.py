"""The reply on the X11 clipboard, served by us, so we see who takes it and when.

Qt's clipboard serves a QMimeData but never says which program asked for it.
Here a connection of our own owns CLIPBOARD (and PRIMARY for Shift+Insert)
and answers each SelectionRequest itself, from its own thread: the target is
served at once even while the Qt thread is busy, and a Qt read of the
clipboard in this very process (which blocks the Qt thread until answered)
cannot deadlock. Every data request is reported, with the X client that
asked, through `post` (which runs the callback on the Qt thread).

The X client of a window is its id without the bits a client may vary
(the connection's resource-id mask): the requestor window of a paste and the
chat window are both made by the chat program's connection.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import select
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from quickreply.core.ports import DesktopError, ReplyRequest, WindowHandle
from quickreply.desktop._x11 import open_display

log = logging.getLogger(__name__)

Post = Callable[[Callable[[], None]], None]

# Targets that ask about the selection rather than for the text.
META_TARGETS = frozenset({"TARGETS", "TIMESTAMP", "MULTIPLE", "SAVE_TARGETS"})
_UTF8_TARGETS = ("UTF8_STRING", "text/plain;charset=utf-8", "TEXT", "text/plain")
_LATIN1_TARGETS = ("STRING",)


class X11ReplyOffer:
    """ReplyOffer for X11 (see quickreply.core.ports.ReplyOffer)."""

    def __init__(self, post: Post, display_name: str | None = None) -> None:
        from Xlib import X

        self._post = post
        self._display = open_display(display_name)
        self._display.set_error_handler(self._on_x_error)
        self._mask = int(self._display.display.info.resource_id_mask)
        # python-xlib sends no BIG-REQUESTS: one ChangeProperty holds this much.
        self._max_bytes = int(self._display.display.info.max_request_length) * 4 - 64
        root = self._display.screen().root
        self._window = root.create_window(
            0, 0, 1, 1, 0, X.CopyFromParent, event_mask=X.PropertyChangeMask
        )
        self._atoms: dict[str, int] = {}
        self._names: dict[int, str] = {}
        self._stamp_atom = self._atom("QUICKREPLY_TIMESTAMP")
        self._commands: queue.Queue[Callable[[], None]] = queue.Queue()
        self._wake_r, self._wake_w = os.pipe()
        self._stop = False
        # state, touched only by the worker thread
        self._data = b""
        self._owned: dict[str, int] = {}  # selection -> timestamp of taking it
        self._generation = 0
        self._on_request: Callable[[ReplyRequest], None] | None = None
        self._on_lost: Callable[[str, int | None], None] | None = None
        self._thread = threading.Thread(target=self._run, name="x11-reply-offer", daemon=True)
        self._thread.start()

    # -- ReplyOffer (any thread; the work runs on the worker) ----------------------

    def offer(
        self,
        text: str,
        selections: Sequence[str],
        on_request: Callable[[ReplyRequest], None],
        on_lost: Callable[[str, int | None], None],
    ) -> None:
        data = text.encode("utf-8")
        if len(data) > self._max_bytes:
            raise DesktopError(f"the reply is too long to serve in one piece ({len(data)} bytes)")
        self._call(lambda: self._take(data, tuple(selections), on_request, on_lost))

    def release(self, clear: Sequence[str] = ()) -> None:
        self._call(lambda: self._release(tuple(clear)))

    def client_of(self, window: WindowHandle) -> int | None:
        return int(window) & ~self._mask if window else None

    def close(self) -> None:
        if self._stop:
            return
        self._stop = True
        os.write(self._wake_w, b"q")
        self._thread.join(5)
        for fd in (self._wake_r, self._wake_w):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(Exception):
            self._display.close()

    # -- running commands on the worker --------------------------------------------

    def _call(self, command: Callable[[], None], timeout: float = 5.0) -> None:
        if self._stop or not self._thread.is_alive():
            raise DesktopError("the clipboard server has stopped")
        done = threading.Event()
        problem: list[BaseException] = []

        def run() -> None:
            try:
                command()
            except BaseException as exc:
                problem.append(exc)
            finally:
                done.set()

        self._commands.put(run)
        os.write(self._wake_w, b"c")
        if not done.wait(timeout):
            raise DesktopError("the clipboard server did not answer")
        if problem:
            exc = problem[0]
            if isinstance(exc, DesktopError):
                raise exc
            raise DesktopError(f"could not take the clipboard: {exc}") from exc

    def _run(self) -> None:
        fd = self._display.fileno()
        while not self._stop:
            try:
                while True:
                    try:
                        command = self._commands.get_nowait()
                    except queue.Empty:
                        break
                    command()
                while self._display.pending_events():
                    self._handle(self._display.next_event())
                ready, _, _ = select.select([fd, self._wake_r], [], [], 1.0)
                if self._wake_r in ready:
                    os.read(self._wake_r, 512)
            except Exception:  # the X server went away: nothing more to serve
                if not self._stop:
                    log.warning("the clipboard server stopped", exc_info=True)
                    self._stop = True
                    self._lose_all()
                return

    # -- worker-side state changes ---------------------------------------------------

    def _take(
        self,
        data: bytes,
        selections: tuple[str, ...],
        on_request: Callable[[ReplyRequest], None],
        on_lost: Callable[[str, int | None], None],
    ) -> None:
        stamp = self._server_time()
        self._generation += 1
        self._data = data
        self._on_request, self._on_lost = on_request, on_lost
        self._owned = {}
        for name in selections:
            atom = self._atom(name)
            self._window.set_selection_owner(atom, stamp)
            owner = self._display.get_selection_owner(atom)
            if getattr(owner, "id", owner) != self._window.id:
                raise DesktopError(f"another program kept the {name} selection")
            self._owned[name] = stamp

    def _release(self, clear: tuple[str, ...]) -> None:
        from Xlib import X
        from Xlib.protocol import request

        # From here on losing the selections is expected: the restore takes them.
        self._on_request = self._on_lost = None
        for name in clear:
            if name in self._owned:
                request.SetSelectionOwner(
                    display=self._display.display,
                    window=X.NONE,
                    selection=self._atom(name),
                    time=self._owned.pop(name),
                )
        self._display.flush()

    def _lose_all(self) -> None:
        on_lost, self._on_lost = self._on_lost, None
        for name in list(self._owned):
            del self._owned[name]
            if on_lost is not None:
                self._post(lambda name=name: on_lost(name, None))  # type: ignore[misc]

    def _server_time(self) -> int:
        """A real timestamp for SetSelectionOwner (ICCCM): append nothing, read the event."""
        from Xlib import X, Xatom

        self._window.change_property(self._stamp_atom, Xatom.STRING, 8, b"", X.PropModeAppend)
        self._display.flush()
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            while self._display.pending_events():
                event = self._display.next_event()
                if (
                    event.type == X.PropertyNotify
                    and event.window.id == self._window.id
                    and event.atom == self._stamp_atom
                ):
                    return int(event.time)
                self._handle(event)
            select.select([self._display.fileno()], [], [], 0.05)
        return int(X.CurrentTime)

    # -- serving -------------------------------------------------------------------

    def _handle(self, event: Any) -> None:
        from Xlib import X

        if event.type == X.SelectionRequest:
            self._serve(event)
        elif event.type == X.SelectionClear:
            name = self._name(event.atom)
            if name in self._owned:
                del self._owned[name]
                on_lost = self._on_lost
                if on_lost is not None:
                    owner = self._display.get_selection_owner(event.atom)
                    owner_id = int(getattr(owner, "id", owner) or 0)
                    client = owner_id & ~self._mask if owner_id else None
                    self._post(lambda: on_lost(name, client))

    def _serve(self, event: Any) -> None:
        from Xlib import X, Xatom
        from Xlib.protocol import event as xevent

        selection = self._name(event.selection)
        target = self._name(event.target)
        prop = event.property or event.target  # an obsolete client names no property
        requestor = event.requestor
        answered = False
        if selection in self._owned:
            answered = True
            if target == "TARGETS":
                names = ("TARGETS", "TIMESTAMP", *_UTF8_TARGETS, *_LATIN1_TARGETS)
                atoms = [self._atom(n) for n in names]
                requestor.change_property(prop, Xatom.ATOM, 32, atoms)
            elif target == "TIMESTAMP":
                requestor.change_property(prop, Xatom.INTEGER, 32, [self._owned[selection]])
            elif target in _UTF8_TARGETS:
                kind = self._atom("UTF8_STRING") if target == "TEXT" else event.target
                requestor.change_property(prop, kind, 8, self._data)
            elif target in _LATIN1_TARGETS:
                try:
                    latin = self._data.decode("utf-8").encode("latin-1")
                except UnicodeEncodeError:
                    answered = False
                else:
                    requestor.change_property(prop, Xatom.STRING, 8, latin)
            else:
                answered = False
        notify = xevent.SelectionNotify(
            time=event.time,
            requestor=requestor,
            selection=event.selection,
            target=event.target,
            property=prop if answered else X.NONE,
        )
        requestor.send_event(notify, event_mask=0)
        self._display.flush()
        if answered and target not in META_TARGETS and self._on_request is not None:
            request = ReplyRequest(
                selection, target, int(requestor.id) & ~self._mask, time.monotonic()
            )
            on_request = self._on_request
            self._post(lambda: on_request(request))

    def _on_x_error(self, error: Any, request: Any) -> None:
        # A requestor window closed before we answered: nothing to do about it.
        log.debug("X error while serving the clipboard: %s", error)

    def _atom(self, name: str) -> int:
        atom = self._atoms.get(name)
        if atom is None:
            atom = int(self._display.intern_atom(name))
            self._atoms[name] = atom
            self._names[atom] = name
        return atom

    def _name(self, atom: int) -> str:
        name = self._names.get(atom)
        if name is None:
            name = str(self._display.get_atom_name(atom))
            self._atoms[name] = atom
            self._names[atom] = name
        return name
