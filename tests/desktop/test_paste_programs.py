"""Pasting into real programs: two browsers, GTK3, two terminals and Qt, on Xvfb with openbox.

Each program is started once (per module) and gets three pastes, each time
with the agent's clipboard owned by another program holding text, HTML or an
image. After each: the program holds the exact reply, the driver's outcome
says the program took it (the X client of its window asked for it), and the
agent's clipboard comes back byte for byte. xfce4-terminal gets a multi-line
reply: its "paste several lines?" dialog stays open for 2 s, the clipboard
must wait for it, and only then is it confirmed.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.apps import clipboard, clipboard_targets, start_clipboard_owner, start_driver
from tests.desktop.programs import PageServer, Program, start_program, stop_program
from tests.desktop.xserver import XDisplay, wait_for

pytestmark = pytest.mark.slow

REPLY = "亲，您好😊 您的订单已发货\n顺丰快递，预计 2 天送达~"
ONE_LINE = "亲，在的~请问有什么可以帮您？🌸"
EARLIER = "原来复制的：订单号 8848，ｆｕｌｌ－ｗｉｄｔｈ"
KINDS = ("text", "html", "image")
# what each kind of agent's clipboard must give back, byte for byte
FORMATS = {
    "text": ("UTF8_STRING", "text/plain"),
    "html": ("UTF8_STRING", "text/html"),
    "image": ("image/png",),
}
PROGRAMS = ("chromium", "firefox", "gtk", "xterm", "xfce4-terminal", "qt")


@pytest.fixture(scope="module")
def pages() -> Iterator[PageServer]:
    server = PageServer()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module", params=PROGRAMS)
def program(
    request: pytest.FixtureRequest,
    window_manager: XDisplay,
    tmp_path_factory: pytest.TempPathFactory,
    pages: PageServer,
) -> Iterator[Program]:
    name = str(request.param)
    folder = tmp_path_factory.mktemp(name)
    started = start_program(window_manager, folder, name, pages)
    try:
        yield started
    finally:
        stop_program(window_manager, started)


def agent_clipboard(display: XDisplay) -> dict[str, bytes]:
    targets = clipboard_targets(display)
    return {t: clipboard(display, t) for t in targets if t in _ALL_FORMATS}


_ALL_FORMATS = {f for formats in FORMATS.values() for f in formats}


def focus(display: XDisplay, wid: int) -> None:
    display.xdotool("windowactivate", "--sync", str(wid))
    wait_for(
        lambda: display.run(["xdotool", "getactivewindow"]).stdout.strip() == str(wid).encode(),
        10,
        what="the program to have the focus",
    )


def active_window_name(display: XDisplay) -> str:
    return display.run(["xdotool", "getactivewindow", "getwindowname"]).stdout.decode().strip()


@pytest.mark.parametrize("kind", KINDS)
def test_paste_and_give_the_clipboard_back(
    program: Program, kind: str, window_manager: XDisplay, tmp_path: Path
) -> None:
    display = window_manager
    multi_line_dialog = program.name == "xfce4-terminal" and kind == "text"
    reply = REPLY if multi_line_dialog or program.name != "xfce4-terminal" else ONE_LINE
    owner = start_clipboard_owner(display, tmp_path, EARLIER, kind=kind)
    try:
        before = agent_clipboard(display)
        assert set(FORMATS[kind]) <= set(before), before.keys()
        start_text = program.text()
        focus(display, program.wid)
        driver = start_driver(
            display, tmp_path, "--text", reply, "--target", str(program.wid), "--restore-ms", "300"
        )
        try:
            pasted = driver.wait_event("pasted", timeout=30)
            assert pasted["ok"], pasted
            outcome = driver.wait_event("outcome", timeout=15)
            assert outcome["taken"] and outcome["confirmed"], outcome
            expected = start_text + program.expect(reply)
            if multi_line_dialog:
                wait_for(
                    lambda: "Unsafe Paste" in active_window_name(display),
                    10,
                    what="xfce4-terminal's paste dialog",
                )
                time.sleep(2)  # the agent reads the dialog
                assert not any(e["event"] == "restored" for e in driver.events()), (
                    "the clipboard came back while the terminal's dialog was still open"
                )
                assert program.text() == start_text
                display.xdotool("key", "Return")  # "Paste"
            wait_for(lambda: program.text() == expected, 20, what=f"{program.name}'s text")
            restored = driver.wait_event("restored", timeout=15)
            assert restored["pending"] is False
            assert agent_clipboard(display) == before  # byte for byte, every format
        finally:
            driver.quit()
    finally:
        display.stop_child(owner)
