"""The built installer on a fresh "agent PC" (a new Wine prefix): install, use, uninstall.

Installed silently (/S) as an agent's IT would, started as installed, then the
agent's path for real: Notepad has the focus, the hotkey (pressed on the X
server, as a keyboard would) opens the palette, a query is typed, Enter, and
the reply is in Notepad.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.wine.wineenv import (
    AGENT,
    QR_WINE,
    Wine,
    WineError,
    find_event,
    focus_window,
    fresh_prefix,
    wait_until,
    winpath,
)

RUN_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Run"
UNINSTALL_KEY = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\QuickReply"
REPLY = "亲，安装版已为您登记，今天发货"
PERSONAL_PACK = f'''format = 1

[pack]
id = "personal"
name = "我的回复"
version = "1.0.0"

[[reply]]
id = "wine-e2e"
title = "安装测试回复"
text = "{REPLY}"
codes = ["zzwine"]
'''


@dataclass
class Installed:
    wine: Wine
    install_seconds: float
    install_dir: Path
    exe: str  # as Windows sees it

    @property
    def data_dir(self) -> Path:
        return self.wine.appdata() / "QuickReply"

    def app_log(self) -> str:
        path = self.data_dir / "logs" / "quickreply.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def install(installer: Path, prefix: Path, display: str, log_dir: Path) -> Installed:
    fresh_prefix(prefix)
    wine = Wine(prefix, display, log_dir)
    started = time.perf_counter()
    result = wine.run([str(installer), "/S"], timeout=300)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise WineError(f"the installer exited {result.returncode}: {result.stderr[-2000:]!r}")
    install_dir = wine.localappdata() / "Programs" / "QuickReply"
    exe = (
        "C:\\users\\" + wine.user_dir().name + r"\AppData\Local\Programs\QuickReply\QuickReply.exe"
    )
    return Installed(wine, seconds, install_dir, exe)


def wait_for(what: str, predicate: Any, timeout: float, log: Any) -> Any:
    try:
        return wait_until(predicate, timeout, what)
    except WineError:
        pytest.fail(f"timed out waiting for {what}; the app's log:\n{log()[-3000:]}")


@pytest.fixture(scope="module")
def installed(
    installer: Path, wine: Wine, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Installed]:
    root = tmp_path_factory.mktemp("agent-pc")
    try:
        result = install(installer, root / "prefix", wine.display, root)
    except WineError as exc:
        pytest.fail(str(exc))
    try:
        yield result
    finally:
        result.wine.shutdown()


def test_silent_install_is_per_user_with_start_menu_and_autostart(installed: Installed) -> None:
    assert (installed.install_dir / "QuickReply.exe").is_file()
    assert (installed.install_dir / "Uninstall.exe").is_file()
    menu = (
        installed.wine.appdata()
        / "Microsoft"
        / "Windows"
        / "Start Menu"
        / "Programs"
        / "快捷回复助手"
    )
    assert (menu / "快捷回复助手.lnk").is_file()
    wine = installed.wine
    assert wine.reg_query(RUN_KEY, "QuickReply") == f'"{installed.exe}"'
    assert wine.reg_query(UNINSTALL_KEY, "DisplayVersion") is not None
    # nothing went to Program Files (no admin rights were asked for)
    assert not list((wine.prefix / "drive_c" / "Program Files").glob("QuickReply*"))


def test_installed_app_pastes_a_reply_into_notepad(installed: Installed) -> None:
    wine = installed.wine
    installed.data_dir.mkdir(parents=True, exist_ok=True)
    (installed.data_dir / "personal.toml").write_text(PERSONAL_PACK, encoding="utf-8")
    app = wine.spawn([installed.exe, "--log-json"], "installed-app")
    notepad = wine.spawn(["notepad"], "notepad")
    try:
        ready = wait_for(
            "ready", lambda: find_event(installed.app_log(), "ready"), 120, installed.app_log
        )
        assert "ctrl+alt+space" in ready["hotkeys"]
        try:
            focus_window(wine, "Notepad")
        except WineError as exc:
            pytest.fail(str(exc))
        time.sleep(0.5)
        wine.xdotool("key", "ctrl+alt+space")
        wait_for(
            "palette_shown",
            lambda: find_event(installed.app_log(), "palette_shown"),
            30,
            installed.app_log,
        )
        time.sleep(0.3)
        wine.xdotool("type", "--delay", "40", "zzwine")
        time.sleep(1.0)
        wine.xdotool("key", "Return")
        pasted = wait_for(
            "pasted", lambda: find_event(installed.app_log(), "pasted"), 30, installed.app_log
        )
        assert pasted["reply"] == "personal/wine-e2e"
        text = wait_for(
            "the reply in Notepad", lambda: _notepad_text(wine) == REPLY, 30, installed.app_log
        )
        assert text is True
    finally:
        wine.stop(notepad)
        wine.stop(app)
    log = installed.app_log()
    assert "Traceback" not in log
    assert find_event(log, "error") is None, log


def test_uninstall_removes_the_program_and_keeps_the_agents_data(installed: Installed) -> None:
    wine = installed.wine
    wine.run([winpath(installed.install_dir / "Uninstall.exe"), "/S"], timeout=120)
    # NSIS's uninstaller copies itself to %TEMP% and returns at once: wait for it to finish.
    wait_until(lambda: not (installed.install_dir / "QuickReply.exe").exists(), 60, "the uninstall")
    wait_until(
        lambda: wine.reg_query(UNINSTALL_KEY, "DisplayVersion") is None,
        30,
        "the uninstall key to go",
    )
    assert wine.reg_query(RUN_KEY, "QuickReply") is None
    assert not (installed.install_dir / "_internal").exists()
    assert (installed.data_dir / "personal.toml").read_text(encoding="utf-8") == PERSONAL_PACK


def _notepad_text(wine: Wine) -> str:
    python = QR_WINE / "prefix" / "drive_c" / "py313" / "python.exe"
    result = wine.python_at(python, AGENT, "notepad_text")
    return str(result.get("text", ""))
