"""The paste keystroke on Windows: SendInput; modifier state from GetAsyncKeyState."""

from __future__ import annotations

import ctypes
import time

from quickreply.core.ports import PASTE_METHODS, DesktopError, TargetElevated
from quickreply.desktop import _win32 as w
from quickreply.desktop import win_uipi

# (virtual key, extended?) pressed in order, released in reverse
_METHOD_KEYS = {
    "ctrl+v": [(w.VK_CONTROL, False), (w.VK_V, False)],
    # Insert is an extended key: without the flag it arrives as numpad 0
    "shift+insert": [(w.VK_SHIFT, False), (w.VK_INSERT, True)],
    "ctrl+shift+v": [(w.VK_CONTROL, False), (w.VK_SHIFT, False), (w.VK_V, False)],
}
_MODIFIERS = (w.VK_SHIFT, w.VK_CONTROL, w.VK_MENU, w.VK_LWIN, w.VK_RWIN)


class WindowsPaster:
    """`own_integrity` is ours unless given (a test stands in for a normal, medium process)."""

    def __init__(self, own_integrity: win_uipi.Integrity | None = None) -> None:
        self._user32 = w.user32()
        self.own_integrity = own_integrity or win_uipi.own_integrity()

    def check_target(self) -> None:
        """Raise TargetElevated when the focused window runs above us (UIPI drops our keys)."""
        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:
            return
        target = win_uipi.window_integrity(int(hwnd))
        if win_uipi.blocked_by_uipi(self.own_integrity, target):
            raise TargetElevated(
                f"the focused window {int(hwnd):#x} runs at {target!r}, above QuickReply's "
                f"{self.own_integrity!r}: Windows (UIPI) would drop the paste keystroke"
            )

    def held_modifiers(self) -> list[int]:
        return [vk for vk in _MODIFIERS if self._user32.GetAsyncKeyState(vk) & 0x8000]

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool:
        deadline = time.monotonic() + timeout
        while self.held_modifiers():
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True

    def paste(self, method: str = "ctrl+v") -> None:
        keys = _METHOD_KEYS.get(method)
        if keys is None:
            raise DesktopError(
                f"unknown paste method {method!r}; use one of {', '.join(PASTE_METHODS)}"
            )
        self.check_target()
        events = [w.key_input(vk, extended=ext) for vk, ext in keys]
        events += [w.key_input(vk, up=True, extended=ext) for vk, ext in reversed(keys)]
        array = (w.INPUT * len(events))(*events)
        sent = self._user32.SendInput(len(events), array, ctypes.sizeof(w.INPUT))
        if sent != len(events):
            # Typically UIPI: the target runs as administrator and we do not.
            raise DesktopError(
                f"Windows blocked the {method} keystroke (error {w.last_error()}); "
                "if the chat program runs as administrator, run QuickReply the same way"
            )
