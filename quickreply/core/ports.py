"""The interfaces the core needs from the operating system.

The consumer defines the interface (espanso's habit): `quickreply.desktop`
implements these with real backends (X11, Windows, QClipboard), and the tests
use fakes that are real implementations of the same protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

WindowHandle = int


class DesktopError(Exception):
    """A step of the paste path failed; the message is for the agent."""


class HotkeyTaken(DesktopError):
    """Another program already holds this hotkey (X11 answers BadAccess)."""


class Clipboard(Protocol):
    def snapshot(self) -> Any:
        """Everything on the clipboard now, in every format, to put back later."""

    def restore(self, snapshot: Any) -> None: ...

    def set_text(self, text: str) -> None: ...

    def text(self) -> str: ...


class Paster(Protocol):
    def paste(self, method: str = "ctrl+v") -> None:
        """Send the paste keystroke (`ctrl+v` or `shift+insert`) to the focused window."""

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool: ...


class ForegroundWindow(Protocol):
    def current(self) -> WindowHandle | None: ...

    def activate(self, handle: WindowHandle) -> bool: ...

    def app_name(self, handle: WindowHandle) -> str:
        """The program owning the window (for per-app paste keystrokes)."""


class HotkeyBackend(Protocol):
    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        """Grab `hotkey` (e.g. `ctrl+alt+space`); raises HotkeyTaken if it is in use."""

    def unregister(self, hotkey: str) -> None: ...

    def unregister_all(self) -> None: ...


@contextmanager
def clipboard_guard(clipboard: Clipboard) -> Iterator[None]:
    """Save the clipboard, let the body set and paste, then put the old one back.

    The restore runs even when the paste fails, so the agent never loses what
    they had copied.
    """
    saved = clipboard.snapshot()
    try:
        yield
    finally:
        clipboard.restore(saved)
