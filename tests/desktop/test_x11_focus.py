"""Where the agent types, asked of real X servers (with and without openbox) about a real window."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quickreply.core.ports import FocusSpot
from quickreply.desktop.backends import create_focus_locator
from quickreply.desktop.x11_focus import X11FocusLocator
from quickreply.desktop.x11_windows import X11ForegroundWindow
from tests.desktop.apps import start_target
from tests.desktop.xserver import XDisplay, wait_for


@pytest.fixture(params=["openbox", "no window manager"])
def any_display(request: pytest.FixtureRequest) -> XDisplay:
    name = "window_manager" if request.param == "openbox" else "xvfb"
    display = request.getfixturevalue(name)
    assert isinstance(display, XDisplay)
    return display


def _absolute_geometry(display: XDisplay, wid: int) -> FocusSpot:
    """What xwininfo (another X client) says about the window."""
    info = display.run(["xwininfo", "-id", str(wid)]).stdout.decode()

    def field(name: str) -> int:
        found = re.search(rf"{name}:\s+(-?\d+)", info)
        assert found, info
        return int(found.group(1))

    return FocusSpot(
        field("Absolute upper-left X"),
        field("Absolute upper-left Y"),
        field("Width"),
        field("Height"),
    )


def test_the_focused_window_is_where_the_agent_types(any_display: XDisplay, tmp_path: Path) -> None:
    chat = start_target(any_display, tmp_path, "chat", title="千牛 chat")
    other = start_target(any_display, tmp_path, "other", title="Other")
    locator = X11FocusLocator(any_display.name)
    foreground = X11ForegroundWindow(any_display.name)
    try:
        any_display.xdotool("windowmove", "--sync", str(chat.wid), "230", "170")
        assert foreground.activate(chat.wid)
        wait_for(lambda: chat.state().get("active"), 5, what="chat window focused")
        spot = wait_for(
            lambda: (s := locator.focus_spot()) == _absolute_geometry(any_display, chat.wid) and s,
            5,
            what="the locator to report the chat window",
        )
        assert isinstance(spot, FocusSpot) and not spot.caret
        assert (spot.width, spot.height) == (500, 300)  # target_app's size
        # The agent moves to another window: the answer follows.
        any_display.xdotool("windowmove", "--sync", str(other.wid), "20", "40")
        assert foreground.activate(other.wid)
        wait_for(lambda: other.state().get("active"), 5, what="other window focused")
        wait_for(
            lambda: locator.focus_spot() == _absolute_geometry(any_display, other.wid),
            5,
            what="the locator to follow the focus",
        )
    finally:
        locator.close()
        foreground.close()
        any_display.stop_child(chat.proc)
        any_display.stop_child(other.proc)


def test_no_focused_window_is_no_answer(xvfb: XDisplay) -> None:
    from Xlib import X

    locator = X11FocusLocator(xvfb.name)
    try:
        display = locator._display
        display.set_input_focus(X.PointerRoot, X.RevertToPointerRoot, X.CurrentTime)
        display.sync()
        assert locator.focus_spot() is None
    finally:
        locator.close()


def test_the_factory_builds_the_x11_locator(xvfb: XDisplay) -> None:
    locator = create_focus_locator(xvfb.name)
    assert isinstance(locator, X11FocusLocator)
    locator.close()
