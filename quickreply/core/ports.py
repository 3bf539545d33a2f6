"""The interfaces the core needs from the operating system.

The consumer defines the interface (espanso's habit): `quickreply.desktop`
implements these with real backends (X11, Windows, QClipboard), and the tests
use fakes that are real implementations of the same protocol.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Protocol

WindowHandle = int

# Every format on the clipboard (MIME type -> bytes); plain data, so it outlives
# the clipboard owner and a fake can hold it too.
ClipboardSnapshot = dict[str, bytes]

PASTE_METHODS = ("ctrl+v", "shift+insert", "ctrl+shift+v")


class DesktopError(Exception):
    """A step of the paste path failed; the message is for the agent."""


class HotkeyTaken(DesktopError):
    """Another program already holds this hotkey (X11 answers BadAccess)."""

    def __init__(self, message: str, hotkey: str = "") -> None:
        super().__init__(message)
        self.hotkey = hotkey


class HotkeyUnavailable(DesktopError):
    """This session cannot grab global hotkeys at all (Wayland, no X server)."""


class TargetElevated(DesktopError):
    """The target window runs with higher rights (as administrator): Windows drops our keys."""


class ClipboardUnavailable(DesktopError):
    """The clipboard could not be read or written."""


class Clipboard(Protocol):
    def snapshot(self) -> ClipboardSnapshot:
        """Everything on the clipboard now, in every format, to put back later."""

    def restore(self, snapshot: ClipboardSnapshot) -> None:
        """Put a snapshot back; an empty snapshot leaves the clipboard empty."""

    def set_text(self, text: str) -> None: ...

    def text(self) -> str: ...


class Paster(Protocol):
    def paste(self, method: str = "ctrl+v") -> None:
        """Send the paste keystroke (one of PASTE_METHODS) to the focused window.

        Raises DesktopError when the keystroke cannot be sent.
        """

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool:
        """Wait until Ctrl, Alt, Shift and Super are up; False if still held at `timeout`."""


class ForegroundWindow(Protocol):
    def current(self) -> WindowHandle | None:
        """The window that has the keyboard now (to give focus back to later)."""

    def activate(self, handle: WindowHandle) -> bool:
        """Focus `handle`; True once it really has the focus, False if it is gone or refused."""

    def app_name(self, handle: WindowHandle) -> str:
        """The program owning the window (for per-app paste keystrokes)."""


@dataclass(frozen=True)
class FocusSpot:
    """Where the agent is typing, in the screen's native pixels (as the OS reports them).

    `caret` True: the text caret's rectangle (the palette opens just below it);
    False: the focused window's rectangle (the palette opens over its centre).
    """

    x: int
    y: int
    width: int
    height: int
    caret: bool = False

    @property
    def centre(self) -> tuple[int, int]:
        return self.x + self.width // 2, self.y + self.height // 2


class FocusLocator(Protocol):
    def focus_spot(self) -> FocusSpot | None:
        """The caret or the focused window now; None when the OS cannot tell.

        Raises DesktopError only for a broken connection; a window without a
        caret is not an error (its rectangle is the answer).
        """


@dataclass(frozen=True)
class ReplyRequest:
    """A program asked for the reply's text (not just for the list of formats)."""

    selection: str  # "CLIPBOARD", or "PRIMARY" (X11's selection, pasted by Shift+Insert)
    target: str  # the format asked for, e.g. "UTF8_STRING"
    client: int | None  # the program that asked (an X client id); None where unknown
    at: float  # time.monotonic() when it was served


class ReplyOffer(Protocol):
    """Serves the reply on the clipboard itself, so the paste path sees it being taken.

    Callbacks run on the Qt thread (or, in fakes, right away).
    """

    def offer(
        self,
        text: str,
        selections: Sequence[str],
        on_request: Callable[[ReplyRequest], None],
        on_lost: Callable[[str, int | None], None],
    ) -> None:
        """Own `selections` with `text`; report every data request, and every selection
        another program takes over (with that program's client id, None if unknown).
        Raises DesktopError when it cannot."""

    def release(self, clear: Sequence[str] = ()) -> None:
        """Stop reporting; leave the selections in `clear` empty (the others are
        taken by the restore that follows)."""

    def client_of(self, window: WindowHandle) -> int | None:
        """The program (client id) a window belongs to, comparable with ReplyRequest.client."""


class HotkeyBackend(Protocol):
    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        """Grab `hotkey` (e.g. `ctrl+alt+space`); raises HotkeyTaken if it is in use.

        Also raises HotkeyUnavailable where no hotkey can be grabbed, and a
        DesktopError naming the problem for a hotkey string it cannot read.
        The callback runs on the Qt main thread.
        """

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
