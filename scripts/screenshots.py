"""Screenshots of every window, in both languages, from the real app under Xvfb.

    python scripts/screenshots.py                 # all scenes -> docs/screenshots/
    python scripts/screenshots.py --only palette-results --out /tmp/shots

The outer run starts a private X server with a window manager and a tray host
(the same helpers the desktop tests use), then runs itself once per language
(`--inner`): that process composes the app exactly as `quickreply run` does
(`quickreply.ui.app.build_app`) on a fresh data folder, walks the scenes and
grabs each window from the screen, window-manager frame included.

A scene is a function that puts one window on screen and returns it. Add one
with `@scene("name")`; the README links the files by name.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"zh_CN": "zh", "en": "en"}

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from quickreply.ui.app import Running

Scene = Callable[["Running"], "QWidget"]
SCENES: dict[str, Scene] = {}

# Replies of the agent's own, so the scenes show a personal pack, a form with
# blanks and the lint gate without depending on the built-in library's wording.
PERSONAL_PACK = """\
format = 1

[pack]
id = "personal"
name = "我的回复"
version = "1.0.0"

[[reply]]
id = "size-advice"
title = "尺码推荐（按身高体重）"
text = "亲，您身高{身高}、体重{体重}，建议选{推荐尺码:S|M|L|XL}码哦 😊"
scenario = "尺码/推荐"
codes = ["cm1"]
tags = ["尺码", "推荐"]

[[reply]]
id = "red-line-demo"
title = "加微信领券（红线示例）"
text = "亲，加我微信领一张最好用的优惠券，全网最低价哦,欢迎下次在来"
scenario = "示例/红线"
tags = ["示例"]
"""


def scene(name: str) -> Callable[[Scene], Scene]:
    def register(fn: Scene) -> Scene:
        SCENES[name] = fn
        return fn

    return register


def _settle(ms: int = 300) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def _palette(running: Running, query: str) -> QWidget:
    app = running.app
    app.show_palette()
    _settle(200)
    app.palette.query.setText(query)
    _settle()
    return app.palette


@scene("palette-results")
def _palette_results(running: Running) -> QWidget:
    return _palette(running, "kj")


@scene("palette-form")
def _palette_form(running: Running) -> QWidget:
    palette = _palette(running, "cm1")
    reply = running.app.library.get("personal/size-advice")
    assert reply is not None, "the seeded personal pack did not load"
    palette.choose(reply)
    _settle()
    # Half filled in: the preview shows the sentence so far, and Enter on the
    # empty required blank marks that field.
    fields = palette.form_page.fields
    fields[0][1].setText("170cm")
    weight = fields[1][1]
    weight.setFocus()
    _settle(100)
    palette._form_enter(weight)
    _settle()
    return palette


@scene("palette-gate")
def _palette_gate(running: Running) -> QWidget:
    palette = _palette(running, "hongxian")
    reply = running.app.library.get("personal/red-line-demo")
    assert reply is not None, "the seeded personal pack did not load"
    palette.choose(reply)
    _settle()
    return palette


@scene("settings")
def _settings(running: Running) -> QWidget:
    from quickreply.ui.settings_dialog import SettingsDialog

    running.app.palette.hide()
    dialog = SettingsDialog(running.app.settings)
    dialog.show()
    _settle()
    return dialog


@scene("tray-menu")
def _tray_menu(running: Running) -> QWidget:
    from PySide6.QtCore import QPoint

    menu = running.app.tray.menu
    menu.popup(QPoint(1000, 40))
    _settle()
    return menu


@scene("manager")
def _manager(running: Running) -> QWidget:
    running.app.palette.hide()
    window = running.app.windows.open_manager()
    window.resize(1040, 660)
    window.move(20, 80)  # below where the tray host shows its balloons
    assert window.select("personal/red-line-demo"), "the seeded personal pack did not load"
    _settle()
    return window


@scene("manager-team")
def _manager_team(running: Running) -> QWidget:
    window = running.app.windows.open_manager()
    window.search.setText("wl1")
    _settle()
    uid = next((h.reply.uid for h in running.app.finder("wl1") if h.reply.pack_id != "personal"), "")
    assert window.select(uid), "no built-in reply found for the scene"
    _settle()
    return window


@scene("flow-runner")
def _flow_runner(running: Running) -> QWidget:
    if running.app.windows.manager is not None:
        running.app.windows.manager.hide()
    runner = running.app.windows.open_flows()
    runner.move(20, 80)
    runner.forward()
    _settle()
    return runner


@scene("check-text")
def _check_text(running: Running) -> QWidget:
    checker = running.app.windows.open_checker()
    checker.move(20, 80)
    checker.edit.setPlainText("亲,加我微信领一张券，这款是全网最低价哦 😊\n己经给您备注了")
    _settle()
    return checker


@scene("no-tray-note")
def _no_tray_note(running: Running) -> QWidget:
    from quickreply.core import storage
    from quickreply.ui.manager.welcome import NoTrayNote

    note = NoTrayNote(running.app.settings["hotkey"], storage.data_dir(), running.app.show_palette)
    note.show()
    note.move(20, 80)
    _settle()
    return note


@scene("manager-broken")
def _manager_broken(running: Running) -> QWidget:
    """Last: it breaks personal.toml (a backup of the good copy is kept first)."""
    from quickreply.core import storage
    from quickreply.core.library import load_personal, save_personal

    path = storage.personal_pack_path()
    save_personal(load_personal(path), path)  # the good copy goes to backups/
    text = path.read_text(encoding="utf-8").replace('name = "我的回复"', 'name = "我的回复', 1)
    path.write_text(text, encoding="utf-8")  # an agent's hand edit that lost a quote
    for window in (running.app.windows.flows, running.app.windows.checker):
        if window is not None:
            window.hide()
    running.app.reload_library()
    window = running.app.windows.open_manager()
    window.search.clear()
    _settle()
    return window


def _grab(widget: QWidget, path: Path, running: Running) -> None:
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QToolTip

    # A message left by an earlier scene is not part of this window: the tooltip
    # goes, and so does the tray balloon (hiding the icon closes it).
    QToolTip.hideText()
    icon = running.app.tray.icon
    if icon is not None and icon.isVisible():
        icon.hide()
        icon.show()
    widget.raise_()
    _settle(150)
    # The window manager maps a new window in its own time: wait until it is on
    # screen at its real size (a grab too early once gave a 1x1 picture).
    for _ in range(30):
        handle = widget.windowHandle()
        if handle is not None and handle.isExposed() and widget.frameGeometry().width() > 50:
            break
        _settle(100)
    frame = widget.frameGeometry()
    if frame.width() <= 50 or frame.height() <= 50:
        raise RuntimeError(f"{path.name}: the window never reached the screen ({frame})")
    screen = widget.screen() or QGuiApplication.primaryScreen()
    picture = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
    if picture.isNull() or not picture.save(str(path)):
        raise RuntimeError(f"could not grab {path.name}")


def _inner(language: str, out: Path, only: list[str]) -> int:
    home = Path(tempfile.mkdtemp(prefix="qr-shots-"))
    (home / "personal.toml").write_text(PERSONAL_PACK, encoding="utf-8")
    settings = {"language": language, "platform": "taobao", "agent": "小美", "shop": "示例旗舰店"}
    (home / "settings.json").write_text(json.dumps(settings, ensure_ascii=False), encoding="utf-8")
    os.environ["QUICKREPLY_HOME"] = str(home)
    from quickreply.ui.app import build_app

    running = build_app()
    if isinstance(running, int):
        print("another QuickReply answered on this data folder", file=sys.stderr)
        return 1
    _settle(500)  # start(): tray, hotkeys, warm palette
    suffix = LANGUAGES[language]
    for name, make in SCENES.items():
        if only and name not in only:
            continue
        widget = make(running)
        path = out / f"{name}.{suffix}.png"
        _grab(widget, path, running)
        widget.hide()
        print(path.relative_to(out.parent) if out.parent in path.parents else path)
    running.app.shutdown()
    running.server.close()
    return 0


def _outer(out: Path, only: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from tests.desktop.xserver import start_openbox, start_tray_host, start_xvfb

    out.mkdir(parents=True, exist_ok=True)
    display = start_xvfb(Path(tempfile.mkdtemp(prefix="qr-shots-x-")))
    try:
        start_openbox(display)
        start_tray_host(display)
        for language in LANGUAGES:
            args = [sys.executable, __file__, "--inner", language, "--out", str(out)]
            args += [a for name in only for a in ("--only", name)]
            started = time.monotonic()
            done = subprocess.run(args, env=display.env(), timeout=120, check=False)
            if done.returncode != 0:
                print(f"screenshots in {language} failed ({done.returncode})", file=sys.stderr)
                return done.returncode
            print(f"{language}: {time.monotonic() - started:.1f} s")
    finally:
        display.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--only", action="append", default=[], choices=sorted(SCENES))
    parser.add_argument("--inner", choices=sorted(LANGUAGES), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        return _inner(args.inner, args.out.resolve(), args.only)
    return _outer(args.out.resolve(), args.only)


if __name__ == "__main__":
    sys.exit(main())
