"""Choosing the global-hotkey backend for this session."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from typing import TypeVar

from quickreply.core.ports import DesktopError, HotkeyBackend, HotkeyUnavailable
from quickreply.desktop.keys import parse_hotkey

log = logging.getLogger(__name__)
T = TypeVar("T")

TOGGLE_ADVICE = (
    "bind the command `quickreply toggle` to {hotkey} as a keyboard shortcut "
    "in your desktop's settings instead"
)


class NullHotkeyBackend:
    """Where global hotkeys cannot be grabbed (Wayland): register explains the way out."""

    def __init__(self, reason: str) -> None:
        self.reason = reason

    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        name = str(parse_hotkey(hotkey))
        raise HotkeyUnavailable(
            f"global hotkeys are not available here ({self.reason}); "
            + TOGGLE_ADVICE.format(hotkey=name)
        )

    def unregister(self, hotkey: str) -> None:
        del hotkey

    def unregister_all(self) -> None:
        pass

    def close(self) -> None:
        pass


def session_kind(environ: dict[str, str] | None = None, platform: str | None = None) -> str:
    """The kind of session: windows, x11, wayland (no X server to fall back on) or none."""
    env = os.environ if environ is None else environ
    platform = platform or sys.platform
    if platform == "win32":
        return "windows"
    if env.get("DISPLAY"):
        # XWayland also sets DISPLAY, but X grabs there only see X clients' keys;
        # a Wayland session is reported as such so the user binds a shortcut.
        if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
            return "wayland"
        return "x11"
    if env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    return "none"


def create_hotkey_backend(display_name: str | None = None) -> HotkeyBackend:
    """The best backend for this session; never raises (a NullHotkeyBackend explains)."""
    # QUICKREPLY_HOTKEYS=x11 forces X grabs (e.g. XWayland where they do work), =none disables.
    forced = os.environ.get("QUICKREPLY_HOTKEYS", "").strip().lower()
    kind = "x11" if display_name else (forced or session_kind())
    if kind == "none" and forced:
        return NullHotkeyBackend("turned off by QUICKREPLY_HOTKEYS=none")

    def windows() -> HotkeyBackend:
        from quickreply.desktop.win_hotkeys import WindowsHotkeyBackend

        return WindowsHotkeyBackend()

    def x11() -> HotkeyBackend:
        from quickreply.desktop.x11_hotkeys import X11HotkeyBackend

        return X11HotkeyBackend(display_name)

    if kind == "wayland":
        return NullHotkeyBackend("a Wayland session does not let programs grab keys")
    return choose_backend(
        kind,
        windows,
        x11,
        NullHotkeyBackend,
        "global hotkeys unavailable",
        "no X display and not Windows",
    )


def choose_backend(
    kind: str,
    windows: Callable[[], T],
    x11: Callable[[], T],
    null: Callable[[str], T],
    failure: str,
    unsupported: str,
) -> T:
    """Build the backend for a session `kind`; any failure gives `null(reason)`, logged."""
    try:
        if kind == "windows":
            return windows()
        if kind == "x11":
            return x11()
    except (DesktopError, OSError, ImportError) as exc:
        log.warning("%s: %s", failure, exc)
        return null(str(exc))
    return null(unsupported)
