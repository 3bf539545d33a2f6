"""The foreground window on Windows: GetForegroundWindow / SetForegroundWindow.

Windows refuses SetForegroundWindow from a process that is not in the
foreground (the tray app usually is not, once the palette hides). The usual
workarounds, in order: attach our input queue to the foreground thread's,
then an Alt tap (which counts as the "last input event" that grants the right).
"""

from __future__ import annotations

import ctypes
import os
import time
from ctypes import wintypes

from quickreply.core.ports import WindowHandle
from quickreply.desktop import _win32 as w


class WindowsForegroundWindow:
    def __init__(self, verify_timeout: float = 1.0) -> None:
        self._user32 = w.user32()
        self._kernel32 = w.kernel32()
        self.verify_timeout = verify_timeout

    def current(self) -> WindowHandle | None:
        hwnd = self._user32.GetForegroundWindow()
        return int(hwnd) if hwnd else None

    def activate(self, handle: WindowHandle) -> bool:
        u = self._user32
        if not u.IsWindow(handle):
            return False
        if u.IsIconic(handle):
            u.ShowWindow(handle, w.SW_RESTORE)
        if self.current() == handle:
            return True
        self._attach_and_focus(handle)
        if not self._wait(handle, 0.2):
            self._alt_tap_and_focus(handle)
        return self._wait(handle, self.verify_timeout)

    def app_name(self, handle: WindowHandle) -> str:
        """The program's file name without .exe, lower case ("aliworkbench"); "" if unknown."""
        pid = wintypes.DWORD(0)
        self._user32.GetWindowThreadProcessId(handle, ctypes.byref(pid))
        if not pid.value:
            return ""
        process = self._kernel32.OpenProcess(w.PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not process:
            return ""
        try:
            size = wintypes.DWORD(1024)
            buffer = ctypes.create_unicode_buffer(size.value)
            if not self._kernel32.QueryFullProcessImageNameW(
                process, 0, buffer, ctypes.byref(size)
            ):
                return ""
        finally:
            self._kernel32.CloseHandle(process)
        name = os.path.basename(buffer.value.replace("\\", "/")).lower()
        return name.removesuffix(".exe")

    def _attach_and_focus(self, handle: WindowHandle) -> None:
        u = self._user32
        foreground = u.GetForegroundWindow()
        ours = self._kernel32.GetCurrentThreadId()
        theirs = u.GetWindowThreadProcessId(foreground, None) if foreground else 0
        attached = bool(theirs and theirs != ours and u.AttachThreadInput(ours, theirs, True))
        try:
            u.BringWindowToTop(handle)
            u.SetForegroundWindow(handle)
        finally:
            if attached:
                u.AttachThreadInput(ours, theirs, False)

    def _alt_tap_and_focus(self, handle: WindowHandle) -> None:
        u = self._user32
        events = (w.INPUT * 2)(w.key_input(w.VK_MENU), w.key_input(w.VK_MENU, up=True))
        u.SendInput(1, events, ctypes.sizeof(w.INPUT))  # Alt down
        try:
            u.SetForegroundWindow(handle)
        finally:
            u.SendInput(1, ctypes.byref(events[1]), ctypes.sizeof(w.INPUT))  # Alt up

    def _wait(self, handle: WindowHandle, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while self.current() != handle:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)
        return True
