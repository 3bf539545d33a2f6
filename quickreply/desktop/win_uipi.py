"""UIPI on Windows: an elevated chat window ignores keystrokes from a normal process.

User Interface Privilege Isolation drops SendInput aimed at a window of a
process with a higher integrity level (a chat client started "as
administrator"), and Windows says nothing: SendInput still reports success.
So before the paste keystroke QuickReply compares the two processes'
integrity levels and, when the target's is higher, reports it (the reply stays
on the clipboard) instead of pretending to have pasted.

`integrity_level()` reads a process token's mandatory label with ctypes; the
decision, `blocked_by_uipi()`, is pure and tested anywhere.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from functools import cache
from typing import Any

# Mandatory integrity levels (the last sub-authority of the label SID).
UNTRUSTED, LOW, MEDIUM, MEDIUM_PLUS, HIGH, SYSTEM = 0x0, 0x1000, 0x2000, 0x2100, 0x3000, 0x4000
LEVEL_NAMES = {UNTRUSTED: "untrusted", LOW: "low", MEDIUM: "medium", MEDIUM_PLUS: "medium+",
               HIGH: "high", SYSTEM: "system"}  # fmt: skip

TOKEN_QUERY = 0x0008
TOKEN_INTEGRITY_LEVEL = 25  # TOKEN_INFORMATION_CLASS.TokenIntegrityLevel
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
ERROR_ACCESS_DENIED = 5


class Integrity:
    """What could be learnt about a process: its level, or that its token is closed to us."""

    __slots__ = ("denied", "level")

    def __init__(self, level: int | None, denied: bool = False) -> None:
        self.level = level
        self.denied = denied  # the token could not be opened: a higher level guards it

    def __repr__(self) -> str:
        name = LEVEL_NAMES.get(self.level, hex(self.level)) if self.level is not None else "?"
        return f"Integrity({name}{', denied' if self.denied else ''})"


def blocked_by_uipi(own: Integrity, target: Integrity) -> bool:
    """Whether Windows will drop our keystrokes to `target` (its level is above ours).

    A target whose token we may not even read runs above us (an elevated
    process's token is closed to a medium one). Unknown levels are not
    treated as blocked: a wrong warning is worse than the paste just working.
    """
    if own.level is None:
        return False
    if target.level is not None:
        return target.level > own.level
    return target.denied and own.level < HIGH


@cache
def _advapi32() -> Any:
    dll = ctypes.WinDLL("advapi32", use_last_error=True)  # type: ignore[attr-defined]
    dll.OpenProcessToken.argtypes = [
        wintypes.HANDLE, wintypes.DWORD, ctypes.POINTER(wintypes.HANDLE)
    ]  # fmt: skip
    dll.OpenProcessToken.restype = wintypes.BOOL
    dll.GetTokenInformation.argtypes = [
        wintypes.HANDLE,
        ctypes.c_int,
        ctypes.c_void_p,
        wintypes.DWORD,
        ctypes.POINTER(wintypes.DWORD),
    ]
    dll.GetTokenInformation.restype = wintypes.BOOL
    dll.GetSidSubAuthorityCount.argtypes = [ctypes.c_void_p]
    dll.GetSidSubAuthorityCount.restype = ctypes.POINTER(ctypes.c_ubyte)
    dll.GetSidSubAuthority.argtypes = [ctypes.c_void_p, wintypes.DWORD]
    dll.GetSidSubAuthority.restype = ctypes.POINTER(wintypes.DWORD)
    return dll


def integrity_level(pid: int) -> Integrity:
    """The integrity level of process `pid` (Integrity(None) when it cannot be told)."""
    from quickreply.desktop import _win32 as w

    kernel32, advapi32 = w.kernel32(), _advapi32()
    process = kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not process:
        return Integrity(None, denied=w.last_error() == ERROR_ACCESS_DENIED)
    try:
        token = wintypes.HANDLE()
        if not advapi32.OpenProcessToken(process, TOKEN_QUERY, ctypes.byref(token)):
            return Integrity(None, denied=w.last_error() == ERROR_ACCESS_DENIED)
        try:
            return Integrity(_token_level(advapi32, token))
        finally:
            kernel32.CloseHandle(token)
    finally:
        kernel32.CloseHandle(process)


def _token_level(advapi32: Any, token: wintypes.HANDLE) -> int | None:
    size = wintypes.DWORD(0)
    buffer = ctypes.create_string_buffer(256)
    if not advapi32.GetTokenInformation(
        token, TOKEN_INTEGRITY_LEVEL, buffer, len(buffer), ctypes.byref(size)
    ):
        return None
    # TOKEN_MANDATORY_LABEL starts with SID_AND_ATTRIBUTES, whose first field is the PSID.
    sid = ctypes.cast(buffer, ctypes.POINTER(ctypes.c_void_p))[0]
    count = advapi32.GetSidSubAuthorityCount(sid)[0]
    if not count:
        return None
    return int(advapi32.GetSidSubAuthority(sid, count - 1)[0])


def own_integrity() -> Integrity:
    from quickreply.desktop import _win32 as w

    return integrity_level(int(w.kernel32().GetCurrentProcessId()))


def window_integrity(hwnd: int) -> Integrity:
    """The integrity level of the process that owns window `hwnd`."""
    from quickreply.desktop import _win32 as w

    pid = wintypes.DWORD(0)
    w.user32().GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
    if not pid.value:
        return Integrity(None)
    return integrity_level(int(pid.value))
