"""Pasting into real programs: two browsers, GTK3, two terminals and Qt, on Xvfb with openbox.

Each program is started once (per module) and gets three pastes, each time
with the agent's clipboard owned by another program holding text, HTML or an
image. One paste driver and one clipboard owner serve the whole module (each
Qt process costs a second or more to start on a loaded CI machine). After each: the program holds the exact reply, the driver's outcome
says the program took it (the X client of its window asked for it), and the
agent's clipboard comes back byte for byte. xfce4-terminal gets a multi-line
reply: its "paste several lines?" dialog stays open for 2 s, the clipboard
must wait for it, and only then is it confirmed.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator

import pytest

from tests.desktop.apps import (
    Driver,
    Owner,
    clipboard,
    clipboard_targets,
    start_driver,
    start_owner,
)
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


@pytest.fixture(scope="module")
def driver(window_manager: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    folder = tmp_path_factory.mktemp("driver")
    started = start_driver(window_manager, folder, "--restore-ms", "300", serve=True)
    try:
        started.wait_event("ready", timeout=30)
        yield started
    finally:
        started.quit()


@pytest.fixture(scope="module")
def owner(window_manager: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Owner]:
    started = start_owner(window_manager, tmp_path_factory.mktemp("owner"), EARLIER)
    try:
        yield started
    finally:
        window_manager.stop_child(started.proc)


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


def select_in_another_program(display: XDisplay, text: str) -> None:
    """Own PRIMARY with `text`, as a program where the agent selected it (xclip stays)."""
    subprocess.run(
        ["xclip", "-selection", "primary", "-i"],
        input=text.encode(),
        env=display.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=10,
        check=True,
    )
    assert primary(display) == text.encode()


def primary(display: XDisplay) -> bytes:
    result = display.run(["xclip", "-selection", "primary", "-o", "-t", "UTF8_STRING"])
    return result.stdout


def active_window_name(display: XDisplay) -> str:
    return display.run(["xdotool", "getactivewindow", "getwindowname"]).stdout.decode().strip()


@pytest.mark.parametrize("kind", KINDS)
def test_paste_and_give_the_clipboard_back(
    program: Program, kind: str, window_manager: XDisplay, driver: Driver, owner: Owner
) -> None:
    display = window_manager
    multi_line_dialog = program.name == "xfce4-terminal" and kind == "text"
    reply = REPLY if multi_line_dialog or program.name != "xfce4-terminal" else ONE_LINE
    owner.copy(kind)  # the agent copies in another program
    before = agent_clipboard(display)
    if program.name == "xterm":  # Shift+Insert: PRIMARY is set too, and must come back
        select_in_another_program(display, f"选中的文字 {kind}")
    assert set(FORMATS[kind]) <= set(before), before.keys()
    start_text = program.text()
    focus(display, program.wid)
    mark = driver.mark()
    driver.send(reply, program.wid)
    pasted = driver.wait_event("pasted", timeout=30, since=mark)
    assert pasted["ok"], pasted
    outcome = driver.wait_event("outcome", timeout=15, since=mark)
    assert outcome["taken"] and outcome["confirmed"], outcome
    expected = start_text + program.expect(reply)
    if multi_line_dialog:
        wait_for(
            lambda: "Unsafe Paste" in active_window_name(display),
            10,
            what="xfce4-terminal's paste dialog",
        )
        time.sleep(2)  # the agent reads the dialog
        assert not any(e["event"] == "restored" for e in driver.events()[mark:]), (
            "the clipboard came back while the terminal's dialog was still open"
        )
        assert program.text() == start_text
        display.xdotool("key", "Return")  # "Paste"
    wait_for(lambda: program.text() == expected, 20, what=f"{program.name}'s text")
    restored = driver.wait_event("restored", timeout=15, since=mark)
    assert restored["pending"] is False
    assert agent_clipboard(display) == before  # byte for byte, every format
    if program.name == "xterm":
        assert primary(display) == f"选中的文字 {kind}".encode()
