"""The whole paste path on a real X server: real windows, real clipboard, real keystrokes.

The driver process uses the production backends (QtClipboard, X11Paster,
X11ForegroundWindow, X11HotkeyBackend, PasteService); the target is a Qt text
box in another process; the clipboard is checked from outside with xclip.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.desktop.apps import (
    clipboard,
    clipboard_targets,
    start_clipboard_owner,
    start_driver,
    start_target,
)
from tests.desktop.xserver import XDisplay

REPLY = "亲，您好😊\n第二行"
EARLIER = "原来复制的：订单号 8848，ｆｕｌｌ－ｗｉｄｔｈ"


@pytest.mark.parametrize(
    ("prefetch", "offer"),
    [(False, "x11"), (True, "x11"), (False, "qt")],
    ids=["read-at-enter", "read-ahead", "qt-offer-as-on-windows"],
)
def test_paste_into_chat_window_and_restore_text_and_image(
    window_manager: XDisplay, tmp_path: Path, prefetch: bool, offer: str
) -> None:
    display = window_manager
    target = start_target(display, tmp_path)
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    try:
        png_before = clipboard(display, "image/png")
        assert png_before.startswith(b"\x89PNG")
        assert clipboard(display).decode() == EARLIER

        extra = ["--prefetch"] if prefetch else []
        extra += ["--qt-offer"] if offer == "qt" else []
        driver = start_driver(
            display, tmp_path, "--text", REPLY, "--target", str(target.wid), "--palette", *extra
        )
        try:
            assert driver.wait_event("palette")["active"] is True
            pasted = driver.wait_event("pasted")
            assert pasted["ok"], pasted
            assert pasted["app"] == "qrtarget" and pasted["method"] == "ctrl+v"
            outcome = driver.wait_event("outcome")
            assert outcome["taken"] and outcome["confirmed"], outcome  # the target asked
            target.wait_text(REPLY)
            restored = driver.wait_event("restored")
            assert restored["pending"] is False
            # the agent's earlier clipboard is back, text AND image, byte for byte
            assert clipboard(display).decode() == EARLIER
            targets = clipboard_targets(display)
            assert "image/png" in targets
            assert clipboard(display, "image/png") == png_before
            # only the PNG was saved, yet programs asking for other formats still get one
            assert "image/bmp" in targets
            assert clipboard(display, "image/bmp").startswith(b"BM")
        finally:
            driver.quit()
    finally:
        display.stop_child(owner)
        display.stop_child(target.proc)


def test_paste_without_window_manager_with_the_apps_own_key_keeps_empty_clipboard_empty(
    xvfb: XDisplay, tmp_path: Path
) -> None:
    target = start_target(xvfb, tmp_path)
    try:
        empty = xvfb.run(["xclip", "-selection", "clipboard", "-o", "-t", "TARGETS"])
        assert empty.returncode != 0, "the clipboard should start with no owner"
        driver = start_driver(
            xvfb,
            tmp_path,
            "--text",
            REPLY,
            "--target",
            str(target.wid),
            "--palette",
            "--app-method",
            "QRTarget=shift+insert",  # found through the window's WM_CLASS
        )
        try:
            pasted = driver.wait_event("pasted")
            assert pasted["ok"] and pasted["method"] == "shift+insert", pasted
            target.wait_text(REPLY)
            assert driver.wait_event("restored")["clipboard_text"] == ""
            after = xvfb.run(["xclip", "-selection", "clipboard", "-o"])
            assert after.returncode != 0 and after.stdout == b""
        finally:
            driver.quit()
    finally:
        xvfb.stop_child(target.proc)


def test_hotkey_remembers_the_chat_window_and_waits_for_modifiers(
    window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    target = start_target(display, tmp_path)
    driver = start_driver(
        display, tmp_path, "--text", REPLY, "--hotkey", "ctrl+alt+1", "--modifier-timeout", "10"
    )
    try:
        driver.wait_event("ready")
        display.xdotool("windowactivate", "--sync", str(target.wid))
        # The agent holds Ctrl+Alt after pressing the hotkey: pasting now would
        # send Ctrl+Alt+V. The paste must wait for the keys to come up.
        display.xdotool("keydown", "ctrl+alt+1")
        hotkey = driver.wait_event("hotkey")
        assert hotkey["remembered"] == target.wid
        assert hotkey["app"] == "qrtarget"
        driver.wait_event("pasting")  # paste_text is running, the keys are still down
        time.sleep(0.3)
        assert target.text() == "", "nothing may be pasted while the modifiers are held"
        released_at = time.time()
        display.xdotool("keyup", "1", "alt", "ctrl")
        pasted = driver.wait_event("pasted")
        assert pasted["ok"], pasted
        assert pasted["wall"] >= released_at  # it returned only after the release
        target.wait_text(REPLY)
    finally:
        display.xdotool("keyup", "1", "alt", "ctrl")
        driver.quit()
        display.stop_child(target.proc)


def test_closed_window_leaves_the_reply_on_the_clipboard(
    window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    target = start_target(display, tmp_path)
    display.stop_child(target.proc)  # the chat window closes while the palette is open
    driver = start_driver(display, tmp_path, "--text", REPLY, "--target", str(target.wid))
    try:
        pasted = driver.wait_event("pasted")
        assert not pasted["ok"]
        assert pasted["message_key"] == "paste.window_gone"
        assert pasted["on_clipboard"] is True
        driver.wait_event("restored")
        assert clipboard(display).decode() == REPLY  # still there to paste by hand
    finally:
        driver.quit()


def test_hung_clipboard_owner_costs_half_a_second_not_minutes(
    window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    target = start_target(display, tmp_path)
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    os.kill(owner.pid, signal.SIGSTOP)  # owns the clipboard, answers nothing
    try:
        driver = start_driver(display, tmp_path, "--text", REPLY, "--target", str(target.wid))
        try:
            pasted = driver.wait_event("pasted", timeout=20)
            assert pasted["ok"], pasted
            assert pasted["clipboard_saved"] is False  # the UI can say it will not come back
            assert pasted["elapsed_ms"] < 4000  # Qt alone waits 5 s, then 110 s more
            target.wait_text(REPLY)
        finally:
            driver.quit()
    finally:
        os.kill(owner.pid, signal.SIGCONT)
        display.stop_child(owner)
        display.stop_child(target.proc)


def test_a_copy_after_the_read_ahead_is_what_comes_back(
    window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    target = start_target(display, tmp_path)
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    later = "面板打开后，另一个程序复制了这个"
    try:
        driver = start_driver(
            display,
            tmp_path,
            "--text",
            REPLY,
            "--target",
            str(target.wid),
            "--palette",
            "--prefetch",
            "--change-after-prefetch",
            later,
        )
        try:
            assert driver.wait_event("pasted")["ok"]
            target.wait_text(REPLY)
            driver.wait_event("restored")
            # the read-ahead copy (EARLIER + image) is stale: the newer copy comes back
            assert clipboard(display).decode() == later
            assert "image/png" not in clipboard_targets(display)
        finally:
            driver.quit()
    finally:
        display.stop_child(owner)
        display.stop_child(target.proc)


def test_a_paste_nobody_takes_is_reported_and_loses_neither_clipboard(
    window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    target = start_target(display, tmp_path, read_only=True)  # Ctrl+V does nothing there
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    try:
        png_before = clipboard(display, "image/png")
        driver = start_driver(
            display, tmp_path, "--text", REPLY, "--target", str(target.wid), "--confirm-ms", "800"
        )
        try:
            assert driver.wait_event("pasted")["ok"]
            outcome = driver.wait_event("outcome")
            assert (outcome["taken"], outcome["message_key"]) == (False, "paste.unconfirmed")
            assert outcome["elapsed_ms"] >= 800
            time.sleep(0.5)
            assert not any(e["event"] == "restored" for e in driver.events())
            # The reply waits on the clipboard; this read is the agent's paste by hand ...
            assert clipboard(display).decode() == REPLY
            # ... after which their own clipboard comes back, text and image.
            driver.wait_event("restored")
            assert clipboard(display).decode() == EARLIER
            assert clipboard(display, "image/png") == png_before
        finally:
            driver.quit()
    finally:
        display.stop_child(owner)
        display.stop_child(target.proc)


@pytest.mark.parametrize("offer", ["x11", "qt"])
def test_a_copy_during_the_paste_wins_and_is_reported(
    window_manager: XDisplay, tmp_path: Path, offer: str
) -> None:
    display = window_manager
    target = start_target(display, tmp_path, read_only=True)
    extra = ["--qt-offer"] if offer == "qt" else []
    driver = start_driver(
        display,
        tmp_path,
        "--text",
        REPLY,
        "--target",
        str(target.wid),
        "--confirm-ms",
        "5000",
        *extra,
    )
    try:
        assert driver.wait_event("pasted")["ok"]
        newer = "付款后复制的新内容"
        copied = subprocess.run(
            ["xclip", "-selection", "clipboard", "-i"],
            input=newer.encode(),
            env=display.env(),
            stdout=subprocess.DEVNULL,  # xclip stays behind to serve it
            stderr=subprocess.DEVNULL,
            timeout=5,
            check=False,
        )
        assert copied.returncode == 0
        outcome = driver.wait_event("outcome")
        assert (outcome["taken"], outcome["message_key"]) == (False, "paste.replaced")
        assert driver.wait_event("restored")["pending"] is False
        assert clipboard(display).decode() == newer
    finally:
        driver.quit()
        display.stop_child(target.proc)
