"""The palette opens near where the agent types, on that screen, never off-screen."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize

from quickreply.core.ports import FocusSpot
from quickreply.desktop.fakes import FakeFocusLocator
from quickreply.ui.palette.placement import Screen, place, screens
from tests.ui.test_app import HOTKEY, Rig

pytestmark = pytest.mark.qt

SIZE = QSize(760, 440)
# Two monitors side by side: a 1920x1080 one with a taskbar at the bottom,
# and a 2560x1440 one at 150 % on its right (logical 1707x960, native 2560x1440).
LEFT = Screen(QRect(0, 0, 1920, 1080), QRect(0, 0, 1920, 1040), 1.0)
RIGHT = Screen(QRect(1920, 0, 1707, 960), QRect(1920, 0, 1707, 960), 1.5)
BOTH = [LEFT, RIGHT]


def test_over_the_centre_of_the_focused_window() -> None:
    chat = FocusSpot(100, 100, 1000, 800)
    rect = place(SIZE, chat, QPoint(1900, 1000), BOTH)
    assert rect is not None and rect.size() == SIZE
    assert rect.center() == QPoint(600, 500)


def test_just_below_the_caret_and_above_it_when_no_room() -> None:
    caret = FocusSpot(400, 300, 2, 18, caret=True)
    rect = place(SIZE, caret, QPoint(0, 0), BOTH)
    assert rect is not None
    assert rect.top() == 300 + 18 + 6 and rect.left() == 400 - 24
    low = FocusSpot(400, 1000, 2, 18, caret=True)  # the chat's input box at the bottom
    rect = place(SIZE, low, QPoint(0, 0), BOTH)
    assert rect is not None
    assert rect.bottom() == 1000 - 6 and rect.top() >= 0


def test_on_the_screen_that_holds_it_scaled_from_native_pixels() -> None:
    # A window on the right monitor, native pixels: centre (1920+1280, 720).
    chat = FocusSpot(1920, 0, 2560, 1440)
    rect = place(SIZE, chat, QPoint(10, 10), BOTH)
    assert rect is not None
    assert RIGHT.available.contains(rect)
    assert abs(rect.center().x() - (1920 + 1707 // 2)) <= 2
    assert abs(rect.center().y() - 480) <= 2


def test_never_off_screen_never_over_the_taskbar() -> None:
    for spot in (
        FocusSpot(-5000, -5000, 10, 10),  # on no screen at all: the nearest one
        FocusSpot(1900, 1070, 4, 16, caret=True),  # in the bottom-right corner
        FocusSpot(0, 0, 30000, 20000),  # a window larger than every screen
    ):
        rect = place(SIZE, spot, QPoint(0, 0), BOTH)
        assert rect is not None
        assert any(s.available.contains(rect) for s in BOTH), (spot, rect)
    tiny = Screen(QRect(0, 0, 640, 400), QRect(0, 0, 640, 380))
    rect = place(SIZE, FocusSpot(10, 10, 100, 100), QPoint(0, 0), [tiny])
    assert rect == QRect(0, 0, 640, 380)  # shrunk to fit rather than cut


def test_at_the_mouse_when_the_os_cannot_tell() -> None:
    rect = place(SIZE, None, QPoint(2500, 500), BOTH)
    assert rect is not None
    assert RIGHT.available.contains(rect)
    assert (rect.left(), rect.top()) == (2500 - 760 // 2, 500 - 30)
    assert place(SIZE, None, QPoint(0, 0), []) is None


def test_the_app_opens_the_palette_where_the_os_says_the_agent_types(
    qtbot: Any, library: Any
) -> None:
    area = screens()[0].available
    spot = FocusSpot(area.left() + 50, area.top() + 40, 500, 360)  # a chat window
    locator = FakeFocusLocator(spot)
    rig = Rig(qtbot, library, locator=locator)
    rig.press(HOTKEY)
    palette = rig.app.palette
    assert locator.asked == 1
    expected = place(palette.size(), spot, QPoint(0, 0), screens())
    assert expected is not None and palette.geometry() == expected
    assert area.contains(palette.geometry())
    rig.press(HOTKEY)  # closes
    locator.broken = True  # a broken connection: at the mouse, never an error
    rig.press(HOTKEY)
    assert palette.isVisible()
    assert area.contains(palette.geometry())


def test_a_reply_hotkeys_form_opens_where_the_agent_types(qtbot: Any) -> None:
    from quickreply.core.library import Library
    from quickreply.core.model import Pack, Reply

    reply = Reply(id="h", title="身高", text="亲，您身高{身高}呢", hotkey="ctrl+alt+1", pack_id="t")
    area = screens()[0].available
    spot = FocusSpot(area.left() + 30, area.top() + 20, 2, 16, caret=True)
    library = Library((Pack(id="t", name="t", version="1.0.0", replies=(reply,)),))
    rig = Rig(qtbot, library, locator=FakeFocusLocator(spot))
    rig.press("ctrl+alt+1")
    palette = rig.app.palette
    qtbot.waitUntil(palette.isVisible)  # the blank needs the form
    expected = place(palette.size(), spot, QPoint(0, 0), screens())
    assert palette.geometry() == expected
    assert expected is not None and expected.top() >= area.top() + 20 + 16  # below the caret
