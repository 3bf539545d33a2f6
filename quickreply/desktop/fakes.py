"""In-memory implementations of the desktop ports, for tests and headless runs.

They are real implementations of the protocols (a FakeClipboard is a
clipboard), not mocks: each records what happened in `log`, so a test can
assert the order of steps across all of them when they share one list.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence

from quickreply.core.ports import (
    PASTE_METHODS,
    ClipboardSnapshot,
    ClipboardUnavailable,
    DesktopError,
    FocusSpot,
    HotkeyTaken,
    ReplyRequest,
    WindowHandle,
)
from quickreply.desktop.keys import parse_hotkey

TEXT_FORMAT = "text/plain"


class FakeClipboard:
    def __init__(self, log: list[str] | None = None) -> None:
        self.formats: ClipboardSnapshot = {}
        self.log = log if log is not None else []
        self.fail_set = False
        self.fail_snapshot = False
        self.reads = 0  # how often the (expensive, in real life) clipboard was read
        self._prefetched: ClipboardSnapshot | None = None

    def prefetch(self) -> None:
        self.log.append("prefetch")
        self._prefetched = self._read()

    def snapshot(self) -> ClipboardSnapshot:
        self.log.append("snapshot")
        cached, self._prefetched = self._prefetched, None
        if cached is not None and cached == self.formats:  # nothing changed since
            return dict(cached)
        return self._read()

    def _read(self) -> ClipboardSnapshot:
        if self.fail_snapshot:
            raise ClipboardUnavailable("no clipboard owner answered")
        self.reads += 1
        return dict(self.formats)

    def restore(self, snapshot: ClipboardSnapshot) -> None:
        self.log.append("restore")
        self.formats = dict(snapshot)

    def set_text(self, text: str) -> None:
        self.log.append("set_text")
        if self.fail_set:
            raise ClipboardUnavailable("the clipboard did not accept the text")
        self.formats = {TEXT_FORMAT: text.encode("utf-8")}

    def text(self) -> str:
        return self.formats.get(TEXT_FORMAT, b"").decode("utf-8")


class FakePaster:
    def __init__(self, log: list[str] | None = None) -> None:
        self.log = log if log is not None else []
        self.sent: list[str] = []
        self.modifiers_held = False
        self.fail_paste = False
        self.waits: list[float] = []
        # e.g. a fake target that reads the clipboard when the keystroke arrives
        self.on_paste: Callable[[str], None] | None = None

    def paste(self, method: str = "ctrl+v") -> None:
        self.log.append(f"paste:{method}")
        if method not in PASTE_METHODS:
            raise DesktopError(f"unknown paste method {method!r}")
        if self.fail_paste:
            raise DesktopError("XTEST refused the keystroke")
        self.sent.append(method)
        if self.on_paste is not None:
            self.on_paste(method)

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool:
        self.log.append("wait_modifiers")
        self.waits.append(timeout)
        return not self.modifiers_held


class FakeForeground:
    def __init__(self, log: list[str] | None = None) -> None:
        self.log = log if log is not None else []
        self.windows: dict[WindowHandle, str] = {}  # handle -> app name
        self.active: WindowHandle | None = None
        self.refuse_focus = False

    def add_window(self, handle: WindowHandle, app: str, active: bool = False) -> None:
        self.windows[handle] = app
        if active:
            self.active = handle

    def close_window(self, handle: WindowHandle) -> None:
        self.windows.pop(handle, None)
        if self.active == handle:
            self.active = None

    def current(self) -> WindowHandle | None:
        return self.active

    def activate(self, handle: WindowHandle) -> bool:
        self.log.append(f"activate:{handle}")
        if handle not in self.windows or self.refuse_focus:
            return False
        self.active = handle
        return True

    def app_name(self, handle: WindowHandle) -> str:
        if handle not in self.windows:
            raise DesktopError(f"no window {handle}")
        return self.windows[handle]


class FakeHotkeyBackend:
    """Hotkeys pressed by calling `press("ctrl+alt+space")`; `taken` simulates other programs."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.callbacks: dict[str, Callable[[], None]] = {}
        self.taken: set[str] = {str(parse_hotkey(hotkey)) for hotkey in taken}

    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        name = str(parse_hotkey(hotkey))
        if name in self.taken:
            raise HotkeyTaken(f"the hotkey {name} is already used by another program", name)
        self.callbacks[name] = callback

    def unregister(self, hotkey: str) -> None:
        self.callbacks.pop(str(parse_hotkey(hotkey)), None)

    def unregister_all(self) -> None:
        self.callbacks.clear()

    def close(self) -> None:
        self.callbacks.clear()

    def press(self, hotkey: str) -> bool:
        callback = self.callbacks.get(str(parse_hotkey(hotkey)))
        if callback is None:
            return False
        callback()
        return True


class FakeFocusLocator:
    """Says the agent types at `spot` (None: the OS cannot tell); `broken` raises."""

    def __init__(self, spot: FocusSpot | None = None) -> None:
        self.spot = spot
        self.broken = False
        self.asked = 0

    def focus_spot(self) -> FocusSpot | None:
        self.asked += 1
        if self.broken:
            raise DesktopError("the X server connection broke")
        return self.spot
class FakeReplyOffer:
    """Serves the reply on fake clipboards and tells who took it, like X11ReplyOffer.

    `boards` maps a selection ("CLIPBOARD", "PRIMARY") to the FakeClipboard that
    stands for it: offering puts the reply there, release(clear) empties them.
    Programs are client ids: `clients` maps a window to its program (default:
    each window is its own). A fake chat window calls `request(client)` to paste;
    another program copying calls `take_over(selection, text)`.
    """

    def __init__(
        self,
        boards: dict[str, FakeClipboard],
        clock: Callable[[], float] = time.monotonic,
        log: list[str] | None = None,
    ) -> None:
        self.boards = boards
        self.clock = clock
        self.log = log if log is not None else []
        self.clients: dict[WindowHandle, int] = {}
        self.text = ""
        self.owned: set[str] = set()
        self.fail_offer = False
        self._on_request: Callable[[ReplyRequest], None] | None = None
        self._on_lost: Callable[[str, int | None], None] | None = None

    def offer(
        self,
        text: str,
        selections: Sequence[str],
        on_request: Callable[[ReplyRequest], None],
        on_lost: Callable[[str, int | None], None],
    ) -> None:
        self.log.append("offer:" + ",".join(selections))
        if self.fail_offer:
            raise DesktopError("another program kept the CLIPBOARD selection")
        self.text = text
        self.owned = set(selections)
        self._on_request, self._on_lost = on_request, on_lost
        for name in selections:
            self.boards[name].formats = {TEXT_FORMAT: text.encode("utf-8")}

    def release(self, clear: Sequence[str] = ()) -> None:
        self.log.append("release:" + ",".join(clear))
        self._on_request = self._on_lost = None
        for name in clear:
            if name in self.owned:
                self.boards[name].formats = {}
        self.owned = set()  # the restore that follows takes the others

    def client_of(self, window: WindowHandle) -> int | None:
        return self.clients.get(window, window)

    # -- what other programs do ------------------------------------------------

    def request(self, client: int | None, selection: str = "CLIPBOARD") -> str:
        """A program pastes `selection`: it gets the text we serve (or the board's)."""
        if selection not in self.owned:
            return self.boards[selection].text()
        if self._on_request is not None:
            self._on_request(ReplyRequest(selection, "UTF8_STRING", client, self.clock()))
        return self.text

    def take_over(self, selection: str, text: str, client: int | None = None) -> None:
        """Another program (`client`) copies (or selects) `text`."""
        self.boards[selection].formats = {TEXT_FORMAT: text.encode("utf-8")}
        if selection in self.owned:
            self.owned.discard(selection)
            if self._on_lost is not None:
                self._on_lost(selection, client)
