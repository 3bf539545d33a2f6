"""In-memory implementations of the desktop ports, for tests and headless runs.

They are real implementations of the protocols (a FakeClipboard is a
clipboard), not mocks: each records what happened in `log`, so a test can
assert the order of steps across all of them when they share one list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from quickreply.core.ports import (
    PASTE_METHODS,
    ClipboardSnapshot,
    ClipboardUnavailable,
    DesktopError,
    FocusSpot,
    HotkeyTaken,
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
