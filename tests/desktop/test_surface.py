"""The package surface: small, lazy, and the Windows code at least loads and lays out right."""

from __future__ import annotations

import ctypes
import subprocess
import sys
from pathlib import Path

import pytest

import quickreply.desktop as desktop
from quickreply.desktop import _win32
from quickreply.desktop.keys import parse_hotkey

ROOT = Path(__file__).resolve().parents[2]


def test_public_names_resolve() -> None:
    for name in desktop.__all__:
        assert getattr(desktop, name) is not None, name
    with pytest.raises(AttributeError):
        _ = desktop.no_such_thing


def test_importing_the_package_loads_no_qt_and_no_xlib() -> None:
    code = (
        "import sys, quickreply.desktop, quickreply.desktop.paste, quickreply.desktop.fakes\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'Xlib'))]\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, timeout=60, check=False)
    assert result.returncode == 0


def test_windows_modules_import_on_any_platform() -> None:
    for module in ("win_hotkeys", "win_input", "win_windows"):
        __import__(f"quickreply.desktop.{module}")


# sizeof(INPUT), sizeof(KEYBDINPUT), sizeof(MOUSEINPUT) as Windows defines them
_WINDOWS_LAYOUT = {8: (40, 24, 32), 4: (28, 16, 24)}


def test_sendinput_structures_have_the_windows_layout() -> None:
    # SendInput rejects every event when cbSize is not sizeof(INPUT) as Windows sees it.
    expected = _WINDOWS_LAYOUT[ctypes.sizeof(ctypes.c_void_p)]
    sizes = (
        ctypes.sizeof(_win32.INPUT),
        ctypes.sizeof(_win32.KEYBDINPUT),
        ctypes.sizeof(_win32.MOUSEINPUT),
    )
    assert sizes == expected
    event = _win32.key_input(_win32.VK_INSERT, up=True, extended=True)
    assert event.type == _win32.INPUT_KEYBOARD
    assert event.ki.wVk == 0x2D
    assert event.ki.dwFlags == _win32.KEYEVENTF_KEYUP | _win32.KEYEVENTF_EXTENDEDKEY


def test_windows_hotkey_flags() -> None:
    from quickreply.desktop.win_hotkeys import modifier_flags

    flags = modifier_flags(parse_hotkey("ctrl+alt+space"))
    assert flags == _win32.MOD_CONTROL | _win32.MOD_ALT | _win32.MOD_NOREPEAT
    assert modifier_flags(parse_hotkey("f9")) == _win32.MOD_NOREPEAT
