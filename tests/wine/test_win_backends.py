"""The Windows backends (win_*.py) run by a Windows CPython under Wine, against real windows."""

from __future__ import annotations

import json
from typing import Any

import pytest

from quickreply.desktop import win_dpi, win_uipi
from tests.wine.wineenv import AGENT, WINPY, Wine, wait_until, winpath


def run(wine: Wine, *args: str) -> dict[str, Any]:
    try:
        return wine.python(*args)
    except Exception as exc:  # WineError, timeouts: the scenario's output says why
        pytest.fail(str(exc))


def test_registered_hotkey_fires_on_the_main_thread(wine: Wine) -> None:
    result = run(wine, "hotkey", "ctrl+alt+f9")
    assert result["sent"] == 6  # three keys down, three up
    assert result["fired"] == 1
    assert result["main_thread"] is True
    assert result["registered"] == ["ctrl+alt+f9"]


def test_hotkey_held_by_another_program_is_reported_as_taken(wine: Wine) -> None:
    holder = wine.spawn([WINPY, winpath(AGENT), "hold", "ctrl+shift+f9", "60"], "holder")
    try:
        wait_until(
            lambda: '"held"' in wine.log("holder"), 60, "the other program to hold the hotkey"
        )
        taken = run(wine, "try_register", "ctrl+shift+f9")
    finally:
        wine.stop(holder)
    assert taken["taken"] is True
    assert taken["hotkey"] == "ctrl+shift+f9"
    assert "already used by another program" in taken["message"]
    # Once the other program is gone, the same hotkey is free again.
    assert run(wine, "try_register", "ctrl+shift+f9") == {"taken": False}


@pytest.fixture(scope="module")
def pasted_text(wine: Wine) -> dict[str, Any]:
    return run(wine, "paste", "text")


def test_paste_puts_the_reply_into_notepad(pasted_text: dict[str, Any]) -> None:
    assert pasted_text["ok"] is True, pasted_text["detail"]
    assert pasted_text["message"] == "paste.done"
    assert pasted_text["notepad_text"] == "亲，您好😊 已为您登记"


def test_foreground_window_remembered_and_given_back(pasted_text: dict[str, Any]) -> None:
    assert pasted_text["focused_notepad"] is True
    assert pasted_text["target"] == pasted_text["notepad"]  # remembered before the palette
    assert pasted_text["palette_focused"] is True  # the palette really had the keyboard
    assert pasted_text["foreground_after_paste"] == pasted_text["notepad"]  # and gave it back


def test_agents_clipboard_text_is_given_back(pasted_text: dict[str, Any]) -> None:
    assert pasted_text["restore_pending"] is False
    assert pasted_text["clipboard_text"] == "客户的单号 A-1024"


def test_agents_clipboard_image_is_given_back(wine: Wine) -> None:
    result = run(wine, "paste", "image")
    assert result["ok"] is True, result["detail"]
    assert result["notepad_text"] == "亲，您好😊 已为您登记"
    assert result["restore_pending"] is False
    assert result["clipboard_text"] == ""  # the reply did not stay behind
    assert result["image_size"] == [64, 48]
    assert result["image_pixels"] == ["#c81e3c", "#0adc28"]


def test_uipi_elevated_target_is_reported_not_pasted(wine: Wine) -> None:
    # Wine runs every process at the same (high) level, so no window is really
    # elevated above us: the levels are read for real, and QuickReply's own
    # level is given as "medium" (a normal start on Windows) for the refusal.
    result = run(wine, "uipi")
    assert result["own"] in win_uipi.LEVEL_NAMES and result["notepad"] in win_uipi.LEVEL_NAMES
    assert result["notepad"] == result["own"]  # the real check let the real paster through
    assert result["notepad"] > win_uipi.MEDIUM
    assert "UIPI" in result["refused"]
    assert result["message"] == "paste.elevated"
    assert "管理员" in result["zh"]
    assert result["on_clipboard"] is True and result["clipboard"] == "不会被粘贴"
    assert result["notepad_text"] == ""  # no keystroke was sent


def test_process_is_per_monitor_dpi_aware(wine: Wine) -> None:
    result = run(wine, "dpi")
    assert result["after"] == win_dpi.PER_MONITOR_AWARE
    assert result["after_qt"] == win_dpi.PER_MONITOR_AWARE
    assert result["how"] in ("per-monitor v2", "per-monitor", "already per-monitor")


def test_ui_font_prefers_installed_chinese_faces(wine: Wine) -> None:
    result = run(wine, "font")
    # Wine ships no Chinese face: nothing preferred is installed, Qt's default stays.
    assert result["families"][: len(result["wanted_installed"])] == result["wanted_installed"]
    assert result["app_families"] == result["families"]
    # Where Windows has them, YaHei UI comes first, SimSun (thin serif) last.
    assert result["with_yahei"] == ["Microsoft YaHei UI", "SimSun"]


def test_autostart_writes_the_hkcu_run_value(wine: Wine) -> None:
    result = run(wine, "autostart")
    expected = '"C:\\Program Files\\Quick Reply\\QuickReply.exe"'
    assert result["initial"] is None
    assert result["unset_effective"] is False  # never set, nothing there: off, nothing written
    assert result["on_effective"] is True and result["on_read"] == expected
    assert "QuickReply" in result["on_reg"] and expected in result["on_reg"]  # reg.exe sees it
    assert result["repaired"] == expected
    assert result["unset_after_on"] is True  # never set by the agent: shows what the OS has
    assert result["off_effective"] is False and result["off_read"] is None
    assert result["off_reg"] == ""


def test_data_folder_is_under_appdata(wine: Wine) -> None:
    result = run(wine, "datadir")
    assert result["APPDATA"].endswith("\\AppData\\Roaming")
    assert result["data_dir"] == result["APPDATA"] + "\\QuickReply"


def test_windows_python_is_really_windows(wine: Wine) -> None:
    result = wine.run(
        [WINPY, "-c", "import sys, json; print(json.dumps([sys.platform, sys.maxsize > 2**32]))"]
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.decode().strip()) == ["win32", True]
