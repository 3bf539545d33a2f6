"""ctypes declarations of the few user32/kernel32 calls QuickReply needs on Windows.

Nothing here touches a DLL at import time (Linux imports this module in tests
for the structure layouts); `user32()` and `kernel32()` load them on first use
with use_last_error, so failures carry the real Windows error code.
"""

from __future__ import annotations

import ctypes
from ctypes import wintypes
from functools import cache
from typing import Any

# Fixed-width types (not wintypes, whose DWORD is 8 bytes on Linux) so the
# structure layouts are the Windows ones everywhere and can be tested anywhere.
ULONG_PTR = ctypes.c_size_t
_WORD = ctypes.c_uint16
_DWORD = ctypes.c_uint32
_LONG = ctypes.c_int32

INPUT_KEYBOARD = 1
KEYEVENTF_EXTENDEDKEY = 0x0001
KEYEVENTF_KEYUP = 0x0002

VK_SHIFT = 0x10
VK_CONTROL = 0x11
VK_MENU = 0x12  # Alt
VK_LWIN = 0x5B
VK_RWIN = 0x5C
VK_INSERT = 0x2D
VK_V = 0x56

MOD_ALT = 0x0001
MOD_CONTROL = 0x0002
MOD_SHIFT = 0x0004
MOD_WIN = 0x0008
MOD_NOREPEAT = 0x4000

WM_QUIT = 0x0012
WM_HOTKEY = 0x0312
WM_APP = 0x8000
PM_NOREMOVE = 0x0000

ERROR_HOTKEY_ALREADY_REGISTERED = 1409
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
SW_RESTORE = 9


class KEYBDINPUT(ctypes.Structure):
    _fields_ = [
        ("wVk", _WORD),
        ("wScan", _WORD),
        ("dwFlags", _DWORD),
        ("time", _DWORD),
        ("dwExtraInfo", ULONG_PTR),
    ]


class MOUSEINPUT(ctypes.Structure):
    # Not sent, but the largest member: INPUT must have its size or SendInput fails.
    _fields_ = [
        ("dx", _LONG),
        ("dy", _LONG),
        ("mouseData", _DWORD),
        ("dwFlags", _DWORD),
        ("time", _DWORD),
        ("dwExtraInfo", ULONG_PTR),
    ]


class HARDWAREINPUT(ctypes.Structure):
    _fields_ = [
        ("uMsg", _DWORD),
        ("wParamL", _WORD),
        ("wParamH", _WORD),
    ]


class _INPUTUNION(ctypes.Union):
    _fields_ = [("mi", MOUSEINPUT), ("ki", KEYBDINPUT), ("hi", HARDWAREINPUT)]


class INPUT(ctypes.Structure):
    _anonymous_ = ("u",)
    _fields_ = [("type", _DWORD), ("u", _INPUTUNION)]


def key_input(vk: int, up: bool = False, extended: bool = False) -> INPUT:
    flags = (KEYEVENTF_KEYUP if up else 0) | (KEYEVENTF_EXTENDEDKEY if extended else 0)
    event = INPUT(type=INPUT_KEYBOARD)
    event.ki = KEYBDINPUT(wVk=vk, wScan=0, dwFlags=flags, time=0, dwExtraInfo=0)
    return event


@cache
def user32() -> Any:
    dll = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    hwnd, dword, boolean, uint = wintypes.HWND, wintypes.DWORD, wintypes.BOOL, wintypes.UINT
    signatures: dict[str, tuple[list[Any], Any]] = {
        "GetForegroundWindow": ([], hwnd),
        "SetForegroundWindow": ([hwnd], boolean),
        "BringWindowToTop": ([hwnd], boolean),
        "ShowWindow": ([hwnd, ctypes.c_int], boolean),
        "IsWindow": ([hwnd], boolean),
        "IsIconic": ([hwnd], boolean),
        "GetWindowThreadProcessId": ([hwnd, ctypes.POINTER(dword)], dword),
        "AttachThreadInput": ([dword, dword, boolean], boolean),
        "SendInput": ([uint, ctypes.POINTER(INPUT), ctypes.c_int], uint),
        "GetAsyncKeyState": ([ctypes.c_int], ctypes.c_short),
        "GetClipboardSequenceNumber": ([], dword),
        "RegisterHotKey": ([hwnd, ctypes.c_int, uint, uint], boolean),
        "UnregisterHotKey": ([hwnd, ctypes.c_int], boolean),
        "GetMessageW": ([ctypes.POINTER(wintypes.MSG), hwnd, uint, uint], boolean),
        "PeekMessageW": ([ctypes.POINTER(wintypes.MSG), hwnd, uint, uint, uint], boolean),
        "PostThreadMessageW": ([dword, uint, wintypes.WPARAM, wintypes.LPARAM], boolean),
    }
    for name, (args, result) in signatures.items():
        function = getattr(dll, name)
        function.argtypes = args
        function.restype = result
    return dll


@cache
def kernel32() -> Any:
    dll = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    dll.GetCurrentThreadId.argtypes = []
    dll.GetCurrentThreadId.restype = wintypes.DWORD
    dll.GetCurrentProcessId.argtypes = []
    dll.GetCurrentProcessId.restype = wintypes.DWORD
    dll.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    dll.OpenProcess.restype = wintypes.HANDLE
    dll.CloseHandle.argtypes = [wintypes.HANDLE]
    dll.CloseHandle.restype = wintypes.BOOL
    dll.QueryFullProcessImageNameW.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        wintypes.LPWSTR,
        ctypes.POINTER(wintypes.DWORD),
    ]
    dll.QueryFullProcessImageNameW.restype = wintypes.BOOL
    return dll


def last_error() -> int:
    return int(ctypes.get_last_error())  # type: ignore[attr-defined]
