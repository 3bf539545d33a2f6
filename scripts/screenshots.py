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


def _grab(widget: QWidget, path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    widget.raise_()
    _settle(150)
    frame = widget.frameGeometry()
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
        _grab(widget, path)
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
