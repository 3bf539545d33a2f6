"""Scenarios run by the *Windows* Python under Wine: `python.exe winagent.py <scenario> [args]`.

Each scenario drives QuickReply's real Windows code (ctypes on user32,
kernel32, advapi32; Qt's Windows platform plugin) and prints one JSON object
as its last line; the pytest side (tests/wine/test_*.py) asserts on it.
"""

from __future__ import annotations

import ctypes
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from ctypes import wintypes
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(
    0, str(ROOT)
)  # the checkout's quickreply (the embeddable Python ignores PYTHONPATH)

SCENARIOS: dict[str, Callable[..., dict[str, Any]]] = {}
VK_F9 = 0x78
WM_GETTEXT, WM_GETTEXTLENGTH = 0x000D, 0x000E


def scenario(fn: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    SCENARIOS[fn.__name__] = fn
    return fn


def user32() -> Any:
    from quickreply.desktop import _win32

    u = _win32.user32()
    u.FindWindowW.argtypes = [wintypes.LPCWSTR, wintypes.LPCWSTR]
    u.FindWindowW.restype = wintypes.HWND
    u.FindWindowExW.argtypes = [wintypes.HWND, wintypes.HWND, wintypes.LPCWSTR, wintypes.LPCWSTR]
    u.FindWindowExW.restype = wintypes.HWND
    u.SendMessageW.argtypes = [wintypes.HWND, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
    u.SendMessageW.restype = ctypes.c_ssize_t
    return u


def qapp() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["winagent"])


def pump(seconds: float, until: Callable[[], object] | None = None) -> bool:
    """Run Qt's event loop for up to `seconds`, or until `until()` is true."""
    from PySide6.QtCore import QCoreApplication

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        QCoreApplication.processEvents()
        if until is not None and until():
            return True
        time.sleep(0.01)
    return until is None


def send_keys(*vks: int) -> int:
    from quickreply.desktop import _win32 as w

    events = [w.key_input(vk) for vk in vks] + [w.key_input(vk, up=True) for vk in reversed(vks)]
    array = (w.INPUT * len(events))(*events)
    return int(user32().SendInput(len(events), array, ctypes.sizeof(w.INPUT)))


# -- notepad ------------------------------------------------------------------


class Notepad:
    """Wine's notepad.exe, a real Win32 edit control to paste into."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(["notepad.exe"])
        u = user32()
        self.hwnd = 0
        deadline = time.monotonic() + 20
        while not self.hwnd and time.monotonic() < deadline:
            self.hwnd = int(u.FindWindowW("Notepad", None) or 0)
            time.sleep(0.05)
        if not self.hwnd:
            raise RuntimeError("notepad's window did not appear")
        self.edit = int(u.FindWindowExW(self.hwnd, None, "Edit", None) or 0)

    def text(self) -> str:
        u = user32()
        size = int(u.SendMessageW(self.edit, WM_GETTEXTLENGTH, 0, 0))
        buffer = ctypes.create_unicode_buffer(size + 1)
        u.SendMessageW(self.edit, WM_GETTEXT, size + 1, ctypes.cast(buffer, ctypes.c_void_p).value)
        return buffer.value

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait(10)


# -- scenarios ----------------------------------------------------------------


@scenario
def hotkey(keys: str = "ctrl+alt+f9") -> dict[str, Any]:
    """Register a hotkey, press it with SendInput, see the callback run on the main thread."""
    import threading

    from quickreply.desktop.win_hotkeys import WindowsHotkeyBackend

    qapp()
    backend = WindowsHotkeyBackend()
    fired: list[bool] = []
    backend.register(
        keys, lambda: fired.append(threading.current_thread() is threading.main_thread())
    )
    sent = send_keys(0x11, 0x12, VK_F9)  # Ctrl, Alt, F9
    pump(5, lambda: fired)
    result = {
        "sent": sent,
        "fired": len(fired),
        "main_thread": all(fired),
        "registered": backend.registered(),
    }
    backend.close()
    return result


@scenario
def hold(keys: str = "ctrl+alt+f9", seconds: str = "60") -> dict[str, Any]:
    """Another program holding a hotkey: register it, say so, keep it for `seconds`."""
    from quickreply.desktop.win_hotkeys import WindowsHotkeyBackend

    qapp()
    backend = WindowsHotkeyBackend()
    backend.register(keys, lambda: None)
    print(json.dumps({"held": keys}), flush=True)
    pump(float(seconds))
    backend.close()
    return {"released": keys}


@scenario
def try_register(keys: str = "ctrl+alt+f9") -> dict[str, Any]:
    from quickreply.core.ports import HotkeyTaken
    from quickreply.desktop.win_hotkeys import WindowsHotkeyBackend

    qapp()
    backend = WindowsHotkeyBackend()
    try:
        backend.register(keys, lambda: None)
    except HotkeyTaken as exc:
        return {"taken": True, "hotkey": exc.hotkey, "message": str(exc)}
    finally:
        backend.close()
    return {"taken": False}


def _clipboard_image() -> Any:
    from PySide6.QtGui import QColor, QImage

    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 60))
    image.setPixelColor(5, 7, QColor(10, 220, 40))
    return image


@scenario
def paste(kind: str = "text") -> dict[str, Any]:
    """The paste path into Notepad: target remembered, palette takes focus, Enter, clipboard back."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QLineEdit

    from quickreply.desktop.backends import create_clipboard, create_foreground, create_paster
    from quickreply.desktop.paste import PasteService

    app = qapp()
    notepad = Notepad()
    try:
        clipboard_port = create_clipboard()
        foreground = create_foreground()
        focused_notepad = foreground.activate(notepad.hwnd)
        target = foreground.current()  # what the hotkey handler remembers
        # The agent's own clipboard before the paste.
        qt_clipboard = QGuiApplication.clipboard()
        if kind == "image":
            qt_clipboard.setImage(_clipboard_image())
        else:
            qt_clipboard.setText("客户的单号 A-1024")
        pump(0.3)
        # The palette: a Qt window that takes the keyboard from Notepad.
        palette = QLineEdit()
        palette.setWindowTitle("palette")
        palette.show()
        palette.activateWindow()
        palette_hwnd = int(palette.winId())
        palette_focused = pump(5, lambda: foreground.current() == palette_hwnd)
        palette.hide()
        service = PasteService(clipboard_port, create_paster(), foreground, restore_delay_ms=300)
        reply = "亲，您好😊 已为您登记"
        result = service.paste_text(reply, target)
        foreground_after = foreground.current()
        pasted = pump(5, lambda: reply in notepad.text())
        pump(1.5, lambda: not service.restore_pending)
        pump(0.3)
        data = qt_clipboard.mimeData()
        out: dict[str, Any] = {
            "notepad": notepad.hwnd,
            "focused_notepad": focused_notepad,
            "target": target,
            "palette_focused": palette_focused,
            "foreground_after_paste": foreground_after,
            "ok": result.ok,
            "message": result.message_key,
            "detail": result.detail,
            "pasted": pasted,
            "notepad_text": notepad.text(),
            "restore_pending": service.restore_pending,
            "clipboard_text": qt_clipboard.text(),
            "clipboard_formats": list(data.formats()) if data is not None else [],
        }
        if kind == "image":
            image = qt_clipboard.image()
            out["image_size"] = [image.width(), image.height()]
            out["image_pixels"] = (
                [image.pixelColor(0, 0).name(), image.pixelColor(5, 7).name()]
                if not image.isNull()
                else []
            )
        del app
        return out
    finally:
        notepad.close()


@scenario
def uipi() -> dict[str, Any]:
    """Integrity levels read for real; a normal (medium) QuickReply refuses an elevated target."""
    from quickreply.core.ports import TargetElevated
    from quickreply.desktop import win_uipi
    from quickreply.desktop.backends import create_clipboard, create_foreground
    from quickreply.desktop.paste import PasteService
    from quickreply.desktop.win_input import WindowsPaster

    qapp()
    notepad = Notepad()
    try:
        own = win_uipi.own_integrity()
        target = win_uipi.window_integrity(notepad.hwnd)
        foreground = create_foreground()
        foreground.activate(notepad.hwnd)
        as_is = WindowsPaster()  # our real level: the same as Notepad's here
        as_is.check_target()
        medium = WindowsPaster(own_integrity=win_uipi.Integrity(win_uipi.MEDIUM))
        try:
            medium.check_target()
            refused = ""
        except TargetElevated as exc:
            refused = str(exc)
        service = PasteService(create_clipboard(), medium, foreground)
        result = service.paste_text("不会被粘贴", notepad.hwnd)
        pump(0.5)
        return {
            "own": own.level,
            "notepad": target.level,
            "notepad_denied": target.denied,
            "refused": refused,
            "message": result.message_key,
            "zh": result.message("zh"),
            "on_clipboard": result.on_clipboard,
            "clipboard": qapp().clipboard().text(),
            "notepad_text": notepad.text(),
        }
    finally:
        notepad.close()


@scenario
def dpi() -> dict[str, Any]:
    from PySide6.QtCore import qInstallMessageHandler

    from quickreply.desktop import win_dpi

    warnings: list[str] = []
    qInstallMessageHandler(lambda kind, context, message: warnings.append(message))
    before = win_dpi.awareness()
    how = win_dpi.enable_per_monitor_dpi()
    after = win_dpi.awareness()
    qapp()
    return {
        "before": before,
        "how": how,
        "after": after,
        "after_qt": win_dpi.awareness(),
        "qt_messages": warnings,
    }


@scenario
def font() -> dict[str, Any]:
    from PySide6.QtGui import QFontDatabase

    from quickreply.ui.fonts import apply_ui_font, ui_font_families

    app = qapp()
    installed = QFontDatabase.families()
    families = apply_ui_font(app)
    return {
        "families": families,
        "app_families": app.font().families(),
        "wanted_installed": ui_font_families(installed),
        "with_yahei": ui_font_families([*installed, "Microsoft YaHei UI", "SimSun"]),
    }


@scenario
def autostart() -> dict[str, Any]:
    """The start-at-login setting against the real HKCU Run key, read back by reg.exe."""
    from quickreply.core import autostart as plan
    from quickreply.desktop.autostart import WindowsAutostart, apply

    backend = WindowsAutostart()
    command = [r"C:\Program Files\Quick Reply\QuickReply.exe"]

    def reg() -> str:
        result = subprocess.run(
            ["reg", "query", "HKCU\\" + plan.RUN_KEY, "/v", plan.APP_ID],
            capture_output=True,
            text=True,
        )
        return result.stdout if result.returncode == 0 else ""

    steps: dict[str, Any] = {"initial": backend.read()}
    steps["unset_effective"] = apply(None, backend, command)
    steps["on_effective"] = apply(True, backend, command)
    steps["on_read"] = backend.read()
    steps["on_reg"] = reg()
    backend.write([r"C:\old place\QuickReply.exe"])  # the app moved: the entry is repaired
    apply(True, backend, command)
    steps["repaired"] = backend.read()
    steps["unset_after_on"] = apply(None, backend, command)
    steps["off_effective"] = apply(False, backend, command)
    steps["off_read"] = backend.read()
    steps["off_reg"] = reg()
    return steps


@scenario
def datadir() -> dict[str, Any]:
    from quickreply.core import storage

    return {
        "data_dir": str(storage.data_dir(create=False)),
        "APPDATA": os.environ.get("APPDATA", ""),
    }


@scenario
def app(*args: str) -> dict[str, Any]:
    """The whole app from the checkout, as `quickreply` would start it."""
    from quickreply.cli import main

    code = main(list(args))
    return {"exit": code}


@scenario
def notepad_text() -> dict[str, Any]:
    """The text in the running Notepad (used in a prefix where the app was installed)."""
    u = user32()
    hwnd = int(u.FindWindowW("Notepad", None) or 0)
    if not hwnd:
        return {"found": False, "text": ""}
    edit = int(u.FindWindowExW(hwnd, None, "Edit", None) or 0)
    size = int(u.SendMessageW(edit, WM_GETTEXTLENGTH, 0, 0))
    buffer = ctypes.create_unicode_buffer(size + 1)
    u.SendMessageW(edit, WM_GETTEXT, size + 1, ctypes.cast(buffer, ctypes.c_void_p).value)
    return {"found": True, "text": buffer.value, "hwnd": hwnd}


@scenario
def watch_notepad(seconds: str = "300") -> dict[str, Any]:
    """Print {"len": n, "t": time} whenever the Notepad text's length changes (benchmarks)."""
    u = user32()
    deadline = time.monotonic() + float(seconds)
    edit, last = 0, -1
    while time.monotonic() < deadline:
        if not edit:
            hwnd = int(u.FindWindowW("Notepad", None) or 0)
            edit = int(u.FindWindowExW(hwnd, None, "Edit", None) or 0) if hwnd else 0
        if edit:
            size = int(u.SendMessageW(edit, WM_GETTEXTLENGTH, 0, 0))
            if size != last:
                print(json.dumps({"len": size, "t": time.time()}), flush=True)
                last = size
        time.sleep(float(os.environ.get("QR_WATCH_INTERVAL", "0.002")))
    return {"watched": seconds}


def main() -> int:
    name, *args = sys.argv[1:]
    result = SCENARIOS[name](*args)
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
