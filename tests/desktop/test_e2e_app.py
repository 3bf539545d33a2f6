"""End to end: the real app on a real X server, driven like an agent would.

`python -m quickreply run --pack ... --log-json` runs as a subprocess on Xvfb
with openbox; a Qt text box in another process stands in for the chat window;
the hotkey and the typing come from xdotool (XTest), the clipboard is read
from outside with xclip. The app's JSON event log on stderr says when it is
ready and what it did. On failure a screenshot (`xwd -root`) is saved beside
the logs and its path is printed.
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.desktop.apps import (
    Target,
    clipboard,
    clipboard_targets,
    start_clipboard_owner,
    start_target,
)
from tests.desktop.xserver import (
    ROOT,
    XDisplay,
    start_openbox,
    start_tray_host,
    start_xvfb,
    wait_for,
)

pytestmark = pytest.mark.slow

PACK = '''format = 1

[pack]
id = "e2e.shop"
name = "端到端测试话术"
version = "1.0.0"

[[reply]]
id = "express"
title = "快递发出通知"
text = """亲,您的包裹已经发出啦🚚
顺丰快递,预计 2 天送达~
有问题随时找我哦😊"""
codes = ["kd1"]

[[reply]]
id = "size"
title = "尺码建议"
text = "亲,身高{身高}cm 的话建议选{尺码:M|L|XL}码👕"
codes = ["cm"]

[[reply]]
id = "hello"
title = "问候"
text = "亲,在的~请问有什么可以帮您?🌸"
hotkey = "ctrl+alt+9"

[[reply]]
id = "offsite"
title = "微信联系"
text = "亲,加我微信 abc12345 发您优惠"
codes = ["wx"]
'''

EXPRESS = "亲,您的包裹已经发出啦🚚\n顺丰快递,预计 2 天送达~\n有问题随时找我哦😊"
EARLIER = "买家的订单号:8848 ｆｕｌｌ"


@dataclass
class App:
    """The running app: its process and its JSON event log."""

    proc: subprocess.Popen[bytes]
    display: XDisplay
    name: str

    def events(self) -> list[dict[str, Any]]:
        out = []
        for line in self.display.log(self.name).splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):
                    out.append(json.loads(line))
        return out

    def wait_event(self, event: str, since: int = 0, timeout: float = 15.0) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            if self.proc.poll() is not None:
                raise AssertionError(f"the app exited: {self.display.log(self.name)}")
            return next((e for e in self.events()[since:] if e["event"] == event), None)

        value = wait_for(found, timeout, what=f"event {event!r} from the app")
        assert isinstance(value, dict)
        return value

    def mark(self) -> int:
        return len(self.events())


def start_app(display: XDisplay, home: Path, pack: Path | None, name: str = "app") -> App:
    env = display.env(QUICKREPLY_HOME=str(home), LANG="zh_CN.UTF-8")
    packs = ["--pack", str(pack)] if pack is not None else []
    proc = display.spawn(
        [sys.executable, "-m", "quickreply", "run", *packs, "--log-json"], name, env=env
    )
    display.children.remove(proc)  # stopped by the test (then the display stops the rest)
    return App(proc, display, name)


def run_cli(display: XDisplay, home: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "quickreply", *args],
        env=display.env(QUICKREPLY_HOME=str(home)),
        cwd=ROOT,
        capture_output=True,
        timeout=30,
        check=False,
    )


@contextlib.contextmanager
def screenshot_on_failure(display: XDisplay, name: str) -> Iterator[None]:
    try:
        yield
    except BaseException:
        shot = display.log_dir / f"{name}.xwd"
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            display.run(["xwd", "-root", "-silent", "-out", str(shot)])
            print(f"screenshot of the failure: {shot} (view with `xwud -in {shot}`)")
        for log in sorted(display.log_dir.glob("*.log")):
            print(f"--- {log.name} ---\n{log.read_text(errors='replace')[-2000:]}")
        raise


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    path = tmp_path / "e2e.toml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def running(
    window_manager: XDisplay, tmp_path: Path, pack: Path
) -> Iterator[tuple[App, Target, XDisplay]]:
    display = window_manager
    target = start_target(display, tmp_path, name=f"target-{tmp_path.name}")
    app = start_app(display, tmp_path / "home", pack, name=f"app-{tmp_path.name}")
    try:
        with screenshot_on_failure(display, app.name):
            ready = app.wait_event("ready", timeout=30)
            assert ready["hotkeys"] == ["ctrl+alt+space", "ctrl+alt+9", "ctrl+alt+n", "ctrl+alt+k"]
        yield app, target, display
    finally:
        display.stop_child(app.proc)
        display.stop_child(target.proc)
    assert app.proc.returncode == 0, display.log("app")  # SIGTERM quits cleanly


def focus(display: XDisplay, target: Target) -> None:
    display.xdotool("windowactivate", "--sync", str(target.wid))
    wait_for(lambda: target.state().get("active"), 10, what="the chat window to have focus")


def open_palette(app: App, display: XDisplay) -> None:
    mark = app.mark()
    display.xdotool("key", "--clearmodifiers", "ctrl+alt+space")
    app.wait_event("palette_shown", since=mark)


def test_hotkey_pinyin_enter_pastes_and_restores_the_clipboard(
    running: tuple[App, Target, XDisplay], tmp_path: Path
) -> None:
    app, target, display = running
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    try:
        with screenshot_on_failure(display, "paste"):
            png_before = clipboard(display, "image/png")
            assert png_before.startswith(b"\x89PNG")
            focus(display, target)
            open_palette(app, display)
            mark = app.mark()
            display.xdotool("type", "--delay", "15", "kuaidi")
            display.xdotool("key", "Return")
            pasted = app.wait_event("pasted", since=mark)
            assert pasted["reply"] == "e2e.shop/express"
            target.wait_text(EXPRESS)  # Chinese, emoji and line breaks, exactly
            assert target.state()["active"]  # focus went back to the chat window
            # The agent's clipboard comes back after the restore delay: text and image.
            wait_for(lambda: clipboard(display) == EARLIER.encode(), 10, what="clipboard back")
            assert "image/png" in clipboard_targets(display)
            assert clipboard(display, "image/png") == png_before
    finally:
        display.stop_child(owner)


@pytest.fixture
def managed_display(tmp_path: Path) -> Iterator[XDisplay]:
    """A display of its own with openbox and a real clipboard manager (xfsettingsd).

    Its own: xfsettingsd also applies keyboard and theme settings, which must
    not leak into the other tests' display.
    """
    if shutil.which("xfsettingsd") is None or shutil.which("dbus-run-session") is None:
        pytest.fail("xfsettingsd (xfce4-settings) is not installed: run .ci/system-deps")
    display = start_xvfb(tmp_path / "x")
    try:
        start_openbox(display)
        display.spawn(
            ["dbus-run-session", "--", "xfsettingsd", "--disable-wm-check"], "xfsettingsd"
        )
        wait_for(lambda: _selection_owned(display, "CLIPBOARD_MANAGER"), 20, what="xfsettingsd")
        yield display
    finally:
        display.stop()


def _selection_owned(display: XDisplay, name: str) -> bool:
    from Xlib import X
    from Xlib import display as xdisplay

    conn = xdisplay.Display(display.name)
    try:
        return bool(conn.get_selection_owner(conn.intern_atom(name)) != X.NONE)
    finally:
        conn.close()


@pytest.mark.parametrize("taken", [True, False], ids=["after-a-paste", "reply-never-taken"])
def test_quitting_hands_the_agents_clipboard_to_the_clipboard_manager(
    managed_display: XDisplay, tmp_path: Path, pack: Path, taken: bool
) -> None:
    display = managed_display
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"paste_confirm_ms": 800}', encoding="utf-8")
    target = start_target(display, tmp_path, read_only=not taken)
    app = start_app(display, home, pack)
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    with screenshot_on_failure(display, "handover"):
        app.wait_event("ready", timeout=30)
        png_before = clipboard(display, "image/png")
        focus(display, target)
        open_palette(app, display)
        mark = app.mark()
        display.xdotool("type", "--delay", "15", "kuaidi")
        display.xdotool("key", "Return")
        if taken:
            assert app.wait_event("pasted", since=mark)["confirmed"] is True
            target.wait_text(EXPRESS)
            wait_for(lambda: clipboard(display) == EARLIER.encode(), 10, what="clipboard back")
        else:  # the reply waits for a paste by hand that never comes: quit now
            app.wait_event("paste_unconfirmed", since=mark)
        display.stop_child(owner)  # the program the agent copied from is closed too
        display.stop_child(app.proc)  # quit (SIGTERM)
        assert app.proc.returncode == 0
        assert any(e["event"] == "clipboard_handed_over" for e in app.events())
        # xfsettingsd serves the agent's clipboard now: text and image, byte for byte
        assert clipboard(display) == EARLIER.encode()
        assert clipboard(display, "image/png") == png_before


def test_a_paste_the_chat_window_never_takes_is_reported_not_logged_as_pasted(
    window_manager: XDisplay, tmp_path: Path, pack: Path
) -> None:
    display = window_manager
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.json").write_text('{"paste_confirm_ms": 800}', encoding="utf-8")
    target = start_target(display, tmp_path, name=f"target-{tmp_path.name}", read_only=True)
    app = start_app(display, home, pack, name=f"app-{tmp_path.name}")
    try:
        with screenshot_on_failure(display, "unconfirmed"):
            app.wait_event("ready", timeout=30)
            focus(display, target)
            open_palette(app, display)
            mark = app.mark()
            display.xdotool("type", "--delay", "15", "kuaidi")
            display.xdotool("key", "Return")
            unconfirmed = app.wait_event("paste_unconfirmed", since=mark)
            assert unconfirmed["reply"] == "e2e.shop/express"
            assert unconfirmed["reason"] == "paste.unconfirmed"
            assert not any(e["event"] == "pasted" for e in app.events()[mark:])
            # the reply waits on the clipboard for the agent's paste by hand
            assert clipboard(display).decode() == EXPRESS
    finally:
        display.stop_child(app.proc)
        display.stop_child(target.proc)


def test_multi_line_reply_into_xfce4_terminal_waits_for_its_dialog(
    window_manager: XDisplay, tmp_path: Path, pack: Path
) -> None:
    """The issue's case: the app restored the clipboard while the dialog was open."""
    from tests.desktop.programs import start_program, stop_program

    display = window_manager
    terminal = start_program(display, tmp_path / "term", "xfce4-terminal", None)
    app = start_app(display, tmp_path / "home", pack, name=f"app-{tmp_path.name}")
    owner = start_clipboard_owner(display, tmp_path, EARLIER)
    try:
        with screenshot_on_failure(display, "terminal"):
            app.wait_event("ready", timeout=30)
            png_before = clipboard(display, "image/png")
            display.xdotool("windowactivate", "--sync", str(terminal.wid))
            open_palette(app, display)
            mark = app.mark()
            display.xdotool("type", "--delay", "15", "kuaidi")
            display.xdotool("key", "Return")
            pasted = app.wait_event("pasted", since=mark)
            assert pasted["method"] == "ctrl+shift+v" and pasted["confirmed"] is True
            wait_for(
                lambda: (
                    "Unsafe Paste"
                    in display.run(["xdotool", "getactivewindow", "getwindowname"]).stdout.decode()
                ),
                10,
                what="xfce4-terminal's paste dialog",
            )
            time.sleep(2)  # the agent reads the dialog: the reply must stay put
            assert clipboard(display).decode() == EXPRESS
            display.xdotool("key", "Return")  # "Paste"
            wait_for(lambda: terminal.text() == terminal.expect(EXPRESS), 10, what="the text")
            wait_for(lambda: clipboard(display) == EARLIER.encode(), 10, what="clipboard back")
            assert clipboard(display, "image/png") == png_before
    finally:
        display.stop_child(app.proc)
        display.stop_child(owner)
        stop_program(display, terminal)


def test_fill_in_form_then_paste(running: tuple[App, Target, XDisplay]) -> None:
    app, target, display = running
    with screenshot_on_failure(display, "form"):
        focus(display, target)
        open_palette(app, display)
        mark = app.mark()
        display.xdotool("type", "--delay", "15", "cm")
        display.xdotool("key", "Return")  # opens the form: 身高, then 尺码
        display.xdotool("type", "--delay", "15", "170")
        display.xdotool("key", "Return")  # next field (the choice, M by default)
        display.xdotool("key", "Down")  # L
        display.xdotool("key", "Return")  # last field: paste
        assert app.wait_event("pasted", since=mark)["reply"] == "e2e.shop/size"
        target.wait_text("亲,身高170cm 的话建议选L码👕")


def test_a_replys_own_hotkey_pastes_it_without_the_palette(
    running: tuple[App, Target, XDisplay],
) -> None:
    app, target, display = running
    with screenshot_on_failure(display, "reply-hotkey"):
        focus(display, target)
        mark = app.mark()
        display.xdotool("key", "--clearmodifiers", "ctrl+alt+9")
        assert app.wait_event("pasted", since=mark)["reply"] == "e2e.shop/hello"
        target.wait_text("亲,在的~请问有什么可以帮您?🌸")
        assert not any(e["event"] == "palette_shown" for e in app.events()[mark:])


def test_lint_gate_then_escape_pastes_nothing(running: tuple[App, Target, XDisplay]) -> None:
    app, target, display = running
    with screenshot_on_failure(display, "gate"):
        focus(display, target)
        open_palette(app, display)
        mark = app.mark()
        display.xdotool("type", "--delay", "15", "wx")
        display.xdotool("key", "Return")
        gate = app.wait_event("lint_gate", since=mark)
        assert "offsite-contact" in gate["rules"]
        display.xdotool("key", "Escape")  # back to the results
        display.xdotool("key", "Escape")  # close: focus back to the chat window
        app.wait_event("palette_closed", since=mark)
        wait_for(lambda: target.state().get("active"), 10, what="focus back")
        assert not any(e["event"] == "pasted" for e in app.events()[mark:])
        assert target.text() == ""
        # Enter twice pastes anyway.
        open_palette(app, display)
        mark = app.mark()
        display.xdotool("type", "--delay", "15", "wx")
        display.xdotool("key", "Return")
        app.wait_event("lint_gate", since=mark)
        display.xdotool("key", "Return")
        app.wait_event("pasted", since=mark)
        target.wait_text("亲,加我微信 abc12345 发您优惠")


def test_toggle_and_second_launch_open_the_running_palette(
    running: tuple[App, Target, XDisplay], pack: Path, tmp_path: Path
) -> None:
    app, target, display = running
    home = tmp_path / "home"
    with screenshot_on_failure(display, "toggle"):
        focus(display, target)
        mark = app.mark()
        assert run_cli(display, home, "toggle").returncode == 0
        app.wait_event("palette_shown", since=mark)
        assert run_cli(display, home, "toggle").returncode == 0
        app.wait_event("palette_closed", since=mark)
        mark = app.mark()
        second = run_cli(display, home, "run", "--log-json")
        assert second.returncode == 0, second.stderr
        assert b'"handed_over"' in second.stderr
        app.wait_event("palette_shown", since=mark)
        assert app.proc.poll() is None
        # No app running for another data directory: a clear message, exit 1.
        alone = run_cli(display, tmp_path / "elsewhere", "toggle")
        assert alone.returncode == 1
        assert "not running" in alone.stderr.decode()


def test_a_taken_hotkey_is_reported(
    running: tuple[App, Target, XDisplay], pack: Path, tmp_path: Path
) -> None:
    _app, _target, display = running
    other = start_app(display, tmp_path / "other-home", pack, name="other")
    try:
        ready = other.wait_event("ready", timeout=30)
        error = next(e for e in other.events() if e["event"] == "error")
        assert error["kind"] == "hotkey_taken" and error["hotkey"] == "ctrl+alt+space"
        assert "已被其他程序占用" in error["message"]
        assert ready["hotkeys"] == []
    finally:
        display.stop_child(other.proc)


def test_tray_icon_with_a_tray_host(tmp_path: Path, pack: Path) -> None:
    display = start_xvfb(tmp_path / "x")
    try:
        start_tray_host(display)
        app = start_app(display, tmp_path / "home", pack)
        with screenshot_on_failure(display, "tray"):
            ready = app.wait_event("ready", timeout=30)
            assert ready["tray"] is True
            assert not any(e.get("kind") == "no_tray" for e in app.events())
            # The icon is a window embedded in trayer's panel.
            wait_for(lambda: _icon_in_panel(display), 10, what="the icon inside trayer's panel")
        display.stop_child(app.proc)
    finally:
        display.stop()


def test_clicking_the_chat_window_puts_the_palette_away(
    running: tuple[App, Target, XDisplay],
) -> None:
    app, target, display = running
    with screenshot_on_failure(display, "blur"):
        focus(display, target)
        open_palette(app, display)
        mark = app.mark()
        display.xdotool("windowactivate", "--sync", str(target.wid))
        closed = app.wait_event("palette_closed", since=mark)
        assert closed.get("abandoned") is True
        display.xdotool("type", "--delay", "15", "ok")
        target.wait_text("ok")  # typing goes to the chat window, not a hidden palette


def test_broken_settings_are_reported_and_kept(
    window_manager: XDisplay, tmp_path: Path, pack: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    broken = '{\n  "agent": "小美",\n  "hotkey": \n}\n'
    (home / "settings.json").write_text(broken, encoding="utf-8")
    app = start_app(window_manager, home, pack, name=f"app-{tmp_path.name}")
    try:
        ready = app.wait_event("ready", timeout=30)
        assert "ctrl+alt+space" in ready["hotkeys"]  # defaults stand in
        problem = next(e for e in app.events() if e.get("kind") == "settings_problem")
        assert "settings.json:4: not valid JSON" in problem["message"]  # where the value is missing
        assert (home / "settings.json").read_text(encoding="utf-8") == broken
        backups = list((home / "backups").glob("settings.broken-*.json"))
        assert [b.read_text(encoding="utf-8") for b in backups] == [broken]
    finally:
        window_manager.stop_child(app.proc)


def test_no_tray_host_still_runs(
    running: tuple[App, Target, XDisplay],
) -> None:
    app, _target, _display = running
    warning = next(e for e in app.events() if e["event"] == "warning")
    assert warning["kind"] == "no_tray"


def _icon_in_panel(display: XDisplay) -> bool:
    tree = display.run(["xwininfo", "-root", "-tree"]).stdout.decode(errors="replace")
    lines = tree.splitlines()
    for i, line in enumerate(lines):
        if '("panel" "trayer")' in line:
            depth = len(line) - len(line.lstrip())
            for child in lines[i + 1 :]:
                if child.strip() and len(child) - len(child.lstrip()) <= depth:
                    break
                if '"quickreply" "QuickReply"' in child:
                    return True
    return False


NEWER = PACK.replace('title = "问候"', 'title = "问候语"') + '''
[[reply]]
id = "holiday"
title = "节日发货安排"
text = "亲,节日期间照常发货哦🎉"
codes = ["jr"]
'''


def test_run_pack_hands_its_packs_to_the_running_app(
    running: tuple[App, Target, XDisplay], tmp_path: Path
) -> None:
    app, target, display = running
    home = tmp_path / "home"
    newer = tmp_path / "newer.toml"
    newer.write_text(NEWER, encoding="utf-8")
    with screenshot_on_failure(display, "run-pack"):
        mark = app.mark()
        second = run_cli(display, home, "run", "--pack", str(newer))
        assert second.returncode == 0, second.stderr
        assert "1 replies added, 1 changed, 0 removed" in second.stderr.decode()
        loaded = app.wait_event("library_loaded", since=mark)
        assert (loaded["added"], loaded["changed"], loaded["removed"]) == (1, 1, 0)
        # The new reply is there at once: found and pasted, no restart.
        focus(display, target)
        open_palette(app, display)
        mark = app.mark()
        display.xdotool("type", "--delay", "15", "jr")
        display.xdotool("key", "Return")
        assert app.wait_event("pasted", since=mark)["reply"] == "e2e.shop/holiday"
        target.wait_text("亲,节日期间照常发货哦🎉")
        # A broken pack: the command says so plainly and fails; the app keeps its replies.
        bad = tmp_path / "bad.toml"
        bad.write_text('format = 1\n[pack]\nid = "x"\nname = "坏包"\n', encoding="utf-8")
        mark = app.mark()
        refused = run_cli(display, home, "run", "--pack", str(bad))
        assert refused.returncode == 1
        message = refused.stderr.decode()
        assert "did not load the packs" in message and str(bad) in message
        assert "Traceback" not in message
        error = app.wait_event("error", since=mark)
        assert error["kind"] == "pack_problem"
        assert not any(e["event"] == "library_loaded" for e in app.events()[mark:])
        assert app.proc.poll() is None


def test_import_while_running_is_seen_at_once(window_manager: XDisplay, tmp_path: Path) -> None:
    display = window_manager
    home = tmp_path / "home"
    app = start_app(display, home, None, name=f"app-import-{tmp_path.name}")  # the data folder
    team = tmp_path / "team.toml"
    team.write_text(PACK.replace('id = "e2e.shop"', 'id = "e2e.team"'), encoding="utf-8")
    try:
        with screenshot_on_failure(display, app.name):
            app.wait_event("ready", timeout=60)
            mark = app.mark()
            imported = run_cli(display, home, "import", str(team))
            assert imported.returncode == 0, imported.stderr
            out = imported.stdout.decode()
            assert "the running QuickReply reloaded: the data folder loaded:" in out
            # Seen through this reload, or a moment earlier by the app's own watch of
            # the data folder (then the reload finds nothing new): either way, at once.
            loaded = app.wait_event("library_loaded", since=mark)
            if "4 replies added" in out:
                assert loaded["added"] == 4
            else:
                assert "0 replies added" in out
                seen = app.wait_event("library_updated", since=mark)
                assert seen["replies"] >= 4
        # Nobody running: the import says when it will be used.
        alone = run_cli(display, tmp_path / "elsewhere", "import", str(team))
        assert alone.returncode == 0
        assert "QuickReply is not running" in alone.stdout.decode()
    finally:
        display.stop_child(app.proc)


def _geometry(display: XDisplay, wid: str | int) -> tuple[int, int, int, int]:
    info = display.run(["xwininfo", "-id", str(wid)]).stdout.decode()
    names = ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
    found = [re.search(rf"{name}:\s+(-?\d+)", info) for name in names]
    assert all(found), info
    x, y, w, h = (int(m.group(1)) for m in found if m)
    return x, y, w, h


def test_the_palette_opens_over_the_chat_window(running: tuple[App, Target, XDisplay]) -> None:
    app, target, display = running
    with screenshot_on_failure(display, "placement"):
        # Away from the mouse (the centre of the 1280x800 screen), room all around.
        display.xdotool("windowmove", "--sync", str(target.wid), "560", "330")
        focus(display, target)
        mark = app.mark()
        display.xdotool("key", "--clearmodifiers", "ctrl+alt+space")
        shown = app.wait_event("palette_shown", since=mark)
        px, py, pw, ph = _geometry(display, shown["window"])  # as the X server has it
        cx, cy, cw, ch = _geometry(display, target.wid)
        assert px >= 0 and px + pw <= 1280 and py >= 0 and py + ph <= 800  # on screen
        assert abs((px + pw // 2) - (cx + cw // 2)) <= 2
        assert abs((py + ph // 2) - (cy + ch // 2)) <= 2
        mark = app.mark()
        display.xdotool("key", "Escape")
        app.wait_event("palette_closed", since=mark)
