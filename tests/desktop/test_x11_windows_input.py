"""Foreground window and modifier keys on real X servers, with and without openbox."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from quickreply.core.ports import DesktopError
from quickreply.desktop.x11_input import X11Paster
from quickreply.desktop.x11_windows import X11ForegroundWindow
from tests.desktop.apps import start_target
from tests.desktop.xserver import XDisplay, wait_for


@pytest.fixture(params=["openbox", "no window manager"])
def any_display(request: pytest.FixtureRequest) -> XDisplay:
    name = "window_manager" if request.param == "openbox" else "xvfb"
    display = request.getfixturevalue(name)
    assert isinstance(display, XDisplay)
    return display


@pytest.fixture
def foreground(any_display: XDisplay) -> Iterator[X11ForegroundWindow]:
    fg = X11ForegroundWindow(any_display.name)
    yield fg
    fg.close()


def test_remember_and_give_focus_back(
    any_display: XDisplay, foreground: X11ForegroundWindow, tmp_path: Path
) -> None:
    chat = start_target(any_display, tmp_path, "chat", title="千牛 chat")
    other = start_target(any_display, tmp_path, "other", title="Other")
    try:
        assert foreground.has_window_manager() == any_display.has_wm
        assert foreground.activate(other.wid)
        wait_for(lambda: other.state().get("active"), 5, what="other window focused")
        remembered = foreground.current()
        assert remembered == other.wid

        assert foreground.activate(chat.wid) is True
        assert foreground.current() == chat.wid
        # the window itself knows it has the keyboard now
        wait_for(lambda: chat.state().get("active"), 5, what="chat window focused")
        assert foreground.app_name(chat.wid) == "qrtarget"

        assert foreground.activate(remembered)
        wait_for(lambda: other.state().get("active"), 5, what="focus given back")
    finally:
        any_display.stop_child(chat.proc)
        any_display.stop_child(other.proc)


def test_closed_window_cannot_be_activated(
    any_display: XDisplay, foreground: X11ForegroundWindow, tmp_path: Path
) -> None:
    chat = start_target(any_display, tmp_path, "chat")
    any_display.stop_child(chat.proc)
    wait_for(lambda: not foreground.window_exists(chat.wid), 5, what="window destroyed")
    started = time.monotonic()
    assert foreground.activate(chat.wid) is False
    assert time.monotonic() - started < 1.5
    assert foreground.app_name(chat.wid) == ""


def test_current_is_none_without_focus(xvfb: XDisplay) -> None:
    fg = X11ForegroundWindow(xvfb.name)
    try:
        # with no client windows the focus is the root or PointerRoot: no window to remember
        from Xlib import X

        fg.display.set_input_focus(X.PointerRoot, X.RevertToPointerRoot, X.CurrentTime)
        fg.display.sync()
        assert fg.current() is None
    finally:
        fg.close()


@pytest.fixture
def paster(xvfb: XDisplay) -> Iterator[X11Paster]:
    p = X11Paster(xvfb.name)
    yield p
    xvfb.run(["xdotool", "keyup", "alt", "ctrl", "shift", "super"])
    p.close()


def test_wait_modifiers_released_waits_for_the_keys(paster: X11Paster, xvfb: XDisplay) -> None:
    assert paster.wait_modifiers_released(0.5) is True  # nothing held: at once
    xvfb.xdotool("keydown", "alt")
    assert paster.held_modifiers()
    started = time.monotonic()
    assert paster.wait_modifiers_released(0.2) is False
    assert time.monotonic() - started >= 0.19
    release = subprocess.Popen(
        ["sh", "-c", "sleep 0.3; xdotool keyup alt"],
        env=xvfb.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        started = time.monotonic()
        assert paster.wait_modifiers_released(5.0) is True
        assert 0.2 <= time.monotonic() - started < 3
    finally:
        release.wait(10)


@pytest.mark.parametrize("key", ["ctrl", "shift", "super"])
def test_each_modifier_counts(paster: X11Paster, xvfb: XDisplay, key: str) -> None:
    xvfb.xdotool("keydown", key)
    try:
        assert paster.wait_modifiers_released(0.05) is False
    finally:
        xvfb.xdotool("keyup", key)
    assert paster.wait_modifiers_released(1.0) is True


def test_caps_and_num_lock_do_not_block_the_paste(paster: X11Paster, xvfb: XDisplay) -> None:
    xvfb.xdotool("key", "Num_Lock", "Caps_Lock")
    try:
        assert paster.wait_modifiers_released(0.2) is True
    finally:
        xvfb.xdotool("key", "Num_Lock", "Caps_Lock")


def test_unknown_paste_method_is_refused(paster: X11Paster) -> None:
    with pytest.raises(DesktopError, match=r"ctrl\+v, shift\+insert"):
        paster.paste("alt+v")
