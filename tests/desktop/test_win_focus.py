"""The Windows caret query's structure, checked where it can be: its layout matches the SDK.

GetGUIThreadInfo fails (or writes past the buffer) unless cbSize is exactly
sizeof(GUITHREADINFO): 72 bytes on 64-bit Windows, 48 on 32-bit. The call
itself only runs on Windows; this pins the layout it depends on.
"""

from __future__ import annotations

import ctypes

from quickreply.desktop.win_focus import GUITHREADINFO


def test_guithreadinfo_has_the_sdk_layout() -> None:
    pointer = ctypes.sizeof(ctypes.c_void_p)
    assert ctypes.sizeof(GUITHREADINFO) == 4 + 4 + 6 * pointer + 16
    assert GUITHREADINFO.rcCaret.offset == 8 + 6 * pointer
    assert [name for name, _ in GUITHREADINFO._fields_] == [
        "cbSize",
        "flags",
        "hwndActive",
        "hwndFocus",
        "hwndCapture",
        "hwndMenuOwner",
        "hwndMoveSize",
        "hwndCaret",
        "rcCaret",
    ]
