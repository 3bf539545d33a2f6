"""End to end: a subscribed team pack updates under the running app on a real X server.

The agent's app runs on its own library (no `--pack`): built-ins, a folder
subscription and a personal pack with an override. The team lead rewrites
the pack in the shared folder while the app runs; the app notices by itself
(no restart, no command), and the agent's next paste is the new text, while
the reply they overrode still pastes their own words.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from quickreply.core.library import save_personal
from quickreply.core.library.personal import empty_personal_pack
from quickreply.core.model import Reply
from tests.desktop.apps import start_target
from tests.desktop.test_e2e_app import (
    App,
    focus,
    open_palette,
    run_cli,
    screenshot_on_failure,
)
from tests.desktop.xserver import XDisplay

pytestmark = pytest.mark.slow


def team(version: str, notice: str, greet: str) -> str:
    return f'''format = 1

[pack]
id = "e2e.team"
name = "大促话术"
version = "{version}"

[[reply]]
id = "notice"
title = "活动通知"
text = "{notice}"
codes = ["zzhd"]

[[reply]]
id = "greet"
title = "团队问候"
text = "{greet}"
codes = ["zzwh"]
'''


OLD_NOTICE = "亲，活动明天开始哦"
NEW_NOTICE = "亲，活动提前到今晚8点开始🎉，记得先领券～"
MINE = "亲亲，我是小美，很高兴为您服务😊"


def start_own_library_app(display: XDisplay, home: Path, name: str) -> App:
    env = display.env(QUICKREPLY_HOME=str(home), LANG="zh_CN.UTF-8")
    proc = display.spawn([sys.executable, "-m", "quickreply", "run", "--log-json"], name, env=env)
    display.children.remove(proc)
    return App(proc, display, name)


def test_a_team_update_reaches_the_running_palette_and_the_override_stays(
    window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    home = tmp_path / "home"
    shared = tmp_path / "共享文件夹"
    shared.mkdir()
    pack = shared / "team.toml"
    pack.write_text(team("1.0.0", OLD_NOTICE, "亲，您好"), encoding="utf-8")
    subscribed = run_cli(display, home, "subscribe", str(shared))
    assert subscribed.returncode == 0, subscribed.stderr
    # the agent's own greeting in place of the team's
    mine = Reply(id="my-greet", title="我的问候", text=MINE, overrides="e2e.team/greet")
    save_personal(replace(empty_personal_pack(), replies=(mine,)), home / "personal.toml")

    target = start_target(display, tmp_path, name=f"target-{tmp_path.name}")
    app = start_own_library_app(display, home, f"app-{tmp_path.name}")
    try:
        with screenshot_on_failure(display, app.name):
            app.wait_event("ready", timeout=30)
            mark = app.mark()
            pack.write_text(team("1.1.0", NEW_NOTICE, "亲，大促期间您好"), encoding="utf-8")
            updated = app.wait_event("library_updated", since=mark, timeout=30)
            assert updated["notes"][0].startswith("「大促话术」已更新到 1.1.0（原 1.0.0）")
            assert "你改写过的 1 条回复团队也改了" in updated["notes"][0]

            focus(display, target)
            open_palette(app, display)
            mark = app.mark()
            display.xdotool("type", "--delay", "15", "zzhd")
            display.xdotool("key", "Return")
            assert app.wait_event("pasted", since=mark)["reply"] == "e2e.team/notice"
            target.wait_text(NEW_NOTICE)

            open_palette(app, display)
            mark = app.mark()
            display.xdotool("type", "--delay", "15", "zzwh")
            display.xdotool("key", "Return")
            assert app.wait_event("pasted", since=mark)["reply"] == "e2e.team/greet"
            target.wait_text(NEW_NOTICE + MINE)
        review = run_cli(display, home, "review")
        assert "e2e.team/greet  (1.0.0 -> 1.1.0)" in review.stdout.decode()
    finally:
        display.stop_child(app.proc)
        display.stop_child(target.proc)
    assert app.proc.returncode == 0, display.log(app.name)
