"""Per-monitor DPI awareness on Windows, set before the QApplication exists.

An agent's laptop at 150 % with an external screen at 100 %: a process that
is only "system DPI aware" is drawn blurry (bitmap-stretched by Windows) on
one of them, and the palette's position is off. Qt 6 asks for per-monitor v2
itself; QuickReply asks first, explicitly, so the frozen .exe behaves the same
whatever Qt's default or qt.conf says, and the result can be checked.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

# DPI_AWARENESS_CONTEXT pseudo-handles and the DPI_AWARENESS values they map to.
PER_MONITOR_AWARE_V2 = -4
UNAWARE, SYSTEM_AWARE, PER_MONITOR_AWARE = 0, 1, 2
AWARENESS_NAMES = {UNAWARE: "unaware", SYSTEM_AWARE: "system", PER_MONITOR_AWARE: "per-monitor"}


def _user32() -> Any:
    dll = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    for name in ("SetProcessDpiAwarenessContext", "GetThreadDpiAwarenessContext"):
        if hasattr(dll, name):
            getattr(dll, name).restype = ctypes.c_void_p
    if hasattr(dll, "SetProcessDpiAwarenessContext"):
        dll.SetProcessDpiAwarenessContext.argtypes = [ctypes.c_void_p]
        dll.SetProcessDpiAwarenessContext.restype = ctypes.c_int
    if hasattr(dll, "GetAwarenessFromDpiAwarenessContext"):
        dll.GetAwarenessFromDpiAwarenessContext.argtypes = [ctypes.c_void_p]
        dll.GetAwarenessFromDpiAwarenessContext.restype = ctypes.c_int
    return dll


def awareness() -> int | None:
    """This thread's DPI awareness (UNAWARE, SYSTEM_AWARE, PER_MONITOR_AWARE); None off Windows."""
    if sys.platform != "win32":
        return None
    user32 = _user32()
    if not hasattr(user32, "GetThreadDpiAwarenessContext"):
        return None  # before Windows 10 1607
    context = user32.GetThreadDpiAwarenessContext()
    return int(user32.GetAwarenessFromDpiAwarenessContext(context))


def enable_per_monitor_dpi() -> str:
    """Ask Windows for per-monitor DPI awareness; returns how it went, for the log."""
    if sys.platform != "win32":
        return "not windows"
    user32 = _user32()
    if hasattr(user32, "SetProcessDpiAwarenessContext"):  # Windows 10 1703+
        if user32.SetProcessDpiAwarenessContext(ctypes.c_void_p(PER_MONITOR_AWARE_V2)):
            return "per-monitor v2"
    else:  # Windows 8.1: shcore's older call
        try:
            shcore = ctypes.WinDLL("shcore")  # type: ignore[attr-defined,unused-ignore]
            if shcore.SetProcessDpiAwareness(PER_MONITOR_AWARE) == 0:
                return "per-monitor"
        except OSError:
            pass
    # Already set (by a manifest or an earlier call) or refused: report what holds.
    current = awareness()
    return f"already {AWARENESS_NAMES.get(current, '?') if current is not None else '?'}"
