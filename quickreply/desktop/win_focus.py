"""Where the agent is typing on Windows: the caret of the foreground thread, or its window.

GetGUIThreadInfo answers for another program's GUI thread: its caret window
and the caret's rectangle in that window's client coordinates (ClientToScreen
makes them screen pixels). Programs that draw their own caret report none;
then the foreground window's rectangle is the answer. Qt makes the process
per-monitor DPI aware, so these are physical pixels, as FocusSpot says.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from typing import Any

from quickreply.core.ports import FocusSpot
from quickreply.desktop import _win32 as w


class RECT(ctypes.Structure):
    # LONG is 32 bits on Windows whatever the word size (wintypes.LONG is not, off Windows).
    _fields_ = [(n, ctypes.c_int32) for n in ("left", "top", "right", "bottom")]


class POINT(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int32), ("y", ctypes.c_int32)]


class GUITHREADINFO(ctypes.Structure):
    _fields_ = [
        ("cbSize", ctypes.c_uint32),  # DWORD: 32 bits on Windows
        ("flags", ctypes.c_uint32),
        ("hwndActive", wintypes.HWND),
        ("hwndFocus", wintypes.HWND),
        ("hwndCapture", wintypes.HWND),
        ("hwndMenuOwner", wintypes.HWND),
        ("hwndMoveSize", wintypes.HWND),
        ("hwndCaret", wintypes.HWND),
        ("rcCaret", RECT),
    ]


def _functions() -> Any:
    user32 = w.user32()
    user32.GetGUIThreadInfo.argtypes = [wintypes.DWORD, ctypes.POINTER(GUITHREADINFO)]
    user32.GetGUIThreadInfo.restype = wintypes.BOOL
    user32.ClientToScreen.argtypes = [wintypes.HWND, ctypes.POINTER(POINT)]
    user32.ClientToScreen.restype = wintypes.BOOL
    user32.GetWindowRect.argtypes = [wintypes.HWND, ctypes.POINTER(RECT)]
    user32.GetWindowRect.restype = wintypes.BOOL
    return user32


class WindowsFocusLocator:
    def __init__(self) -> None:
        self._user32 = _functions()

    def focus_spot(self) -> FocusSpot | None:
        u = self._user32
        foreground = u.GetForegroundWindow()
        if not foreground:
            return None
        thread = u.GetWindowThreadProcessId(foreground, None)
        info = GUITHREADINFO(cbSize=ctypes.sizeof(GUITHREADINFO))
        if thread and u.GetGUIThreadInfo(thread, ctypes.byref(info)) and info.hwndCaret:
            caret = info.rcCaret
            corner = POINT(caret.left, caret.top)
            if u.ClientToScreen(info.hwndCaret, ctypes.byref(corner)):
                height = max(caret.bottom - caret.top, 1)
                width = max(caret.right - caret.left, 1)
                return FocusSpot(corner.x, corner.y, width, height, caret=True)
        rect = RECT()
        if not u.GetWindowRect(foreground, ctypes.byref(rect)):
            return None
        return FocusSpot(rect.left, rect.top, rect.right - rect.left, rect.bottom - rect.top)
