"""The real backends for this session: X11, Windows, or stand-ins that explain.

Only `ui/app.py` (the composition root) calls these.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from quickreply.core.ports import (
    Clipboard,
    DesktopError,
    FocusLocator,
    FocusSpot,
    ForegroundWindow,
    Paster,
    ReplyOffer,
    WindowHandle,
)
from quickreply.desktop.hotkeys import choose_backend, session_kind

log = logging.getLogger(__name__)


class NullPaster:
    """No way to send keys here (Wayland): every paste ends as "paste by hand"."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def paste(self, method: str = "ctrl+v") -> None:
        raise DesktopError(f"cannot send {method} here ({self.reason})")

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool:
        return True


class NullForeground:
    """No way to see or focus other windows: pastes fall back to the clipboard."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def current(self) -> WindowHandle | None:
        return None

    def activate(self, handle: WindowHandle) -> bool:
        return False

    def app_name(self, handle: WindowHandle) -> str:
        return ""


class NullFocusLocator:
    """No way to ask where the agent types: the palette opens at the mouse."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def focus_spot(self) -> FocusSpot | None:
        return None


def create_clipboard(display_name: str | None = None) -> Clipboard:
    from quickreply.desktop.clipboard import QtClipboard

    if display_name or session_kind() == "x11":
        try:
            from quickreply.desktop.x11_clipboard import X11SelectionProbe

            probe = X11SelectionProbe(display_name)
            return QtClipboard(owner_responds=probe.owner_responds, change_token=probe.owner)
        except (DesktopError, OSError, ImportError) as exc:
            log.warning("clipboard owners will not be checked before reading: %s", exc)
    if session_kind() == "windows":
        from quickreply.desktop._win32 import user32

        # changes with every copy, by any program: the exact test for "nothing changed"
        return QtClipboard(change_token=lambda: int(user32().GetClipboardSequenceNumber()))
    return QtClipboard()


_POSTER: Any = None


def post_to_qt_thread(callback: Callable[[], None]) -> None:
    """Run `callback` on the Qt thread's event loop; callable from any thread.

    Call it once from the Qt thread first (create_reply_offer does), so the
    object that receives the calls lives there.
    """
    global _POSTER
    if _POSTER is None:
        from PySide6.QtCore import QCoreApplication, QObject, Signal

        class Poster(QObject):
            call = Signal(object)

            def __init__(self) -> None:
                super().__init__()
                self.call.connect(self.run)  # queued when emitted from another thread

            def run(self, fn: Callable[[], None]) -> None:
                try:
                    fn()
                except Exception:  # nothing above an event-loop callback to catch it
                    log.exception("a posted callback failed")

        _POSTER = Poster()
        app = QCoreApplication.instance()
        if app is not None and _POSTER.thread() is not app.thread():
            _POSTER.moveToThread(app.thread())
    _POSTER.call.emit(callback)


def create_reply_offer(display_name: str | None = None) -> ReplyOffer | None:
    """What serves the reply and sees it taken: X11ReplyOffer on X11, QtReplyOffer on
    Windows (or when the X11 one cannot start); None elsewhere (Wayland)."""
    kind = "x11" if display_name else session_kind()
    if kind == "x11":
        try:
            from quickreply.desktop.x11_offer import X11ReplyOffer

            post_to_qt_thread(lambda: None)  # makes the receiver on this (the Qt) thread
            return X11ReplyOffer(post_to_qt_thread, display_name)
        except (DesktopError, OSError, ImportError) as exc:
            log.warning("the X11 clipboard server cannot start, using Qt's: %s", exc)
    if kind not in ("x11", "windows"):
        return None
    try:
        from quickreply.desktop.qt_offer import QtReplyOffer

        return QtReplyOffer()
    except DesktopError as exc:
        log.warning("pastes cannot be confirmed (the clipboard is set as text): %s", exc)
        return None


def create_primary_clipboard(display_name: str | None = None) -> Clipboard | None:
    """X11's PRIMARY selection (what Shift+Insert pastes in xterm); None elsewhere."""
    if not (display_name or session_kind() == "x11"):
        return None
    from PySide6.QtGui import QClipboard

    from quickreply.desktop.clipboard import QtClipboard

    try:
        from quickreply.desktop.x11_clipboard import X11SelectionProbe

        probe = X11SelectionProbe(display_name, selection="PRIMARY")
        return QtClipboard(
            QClipboard.Mode.Selection, owner_responds=probe.owner_responds, change_token=probe.owner
        )
    except (DesktopError, OSError, ImportError) as exc:
        log.warning("the primary selection's owner will not be checked: %s", exc)
        return QtClipboard(QClipboard.Mode.Selection)


def create_paster(display_name: str | None = None) -> Paster:
    def windows() -> Paster:
        from quickreply.desktop.win_input import WindowsPaster

        return WindowsPaster()

    def x11() -> Paster:
        from quickreply.desktop.x11_input import X11Paster

        return X11Paster(display_name)

    kind = "x11" if display_name else session_kind()
    return choose_backend(
        kind,
        windows,
        x11,
        NullPaster,
        "cannot send the paste keystroke",
        f"no keystroke injection on a {kind} session",
    )


def create_foreground(display_name: str | None = None) -> ForegroundWindow:
    def windows() -> ForegroundWindow:
        from quickreply.desktop.win_windows import WindowsForegroundWindow

        return WindowsForegroundWindow()

    def x11() -> ForegroundWindow:
        from quickreply.desktop.x11_windows import X11ForegroundWindow

        return X11ForegroundWindow(display_name)

    kind = "x11" if display_name else session_kind()
    return choose_backend(
        kind,
        windows,
        x11,
        NullForeground,
        "cannot track the foreground window",
        f"windows cannot be focused on a {kind} session",
    )


def create_focus_locator(display_name: str | None = None) -> FocusLocator:
    def windows() -> FocusLocator:
        from quickreply.desktop.win_focus import WindowsFocusLocator

        return WindowsFocusLocator()

    def x11() -> FocusLocator:
        from quickreply.desktop.x11_focus import X11FocusLocator

        return X11FocusLocator(display_name)

    kind = "x11" if display_name else session_kind()
    return choose_backend(
        kind,
        windows,
        x11,
        NullFocusLocator,
        "cannot tell where the agent types",
        f"the palette opens at the mouse on a {kind} session",
    )
