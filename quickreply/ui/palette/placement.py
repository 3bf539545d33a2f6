"""Where the palette opens: near where the agent types, on that screen, never off-screen.

The OS reports the caret or the focused window in native pixels
(`core.ports.FocusSpot`); Qt places windows in device-independent pixels per
screen. A screen's logical geometry keeps its native top-left corner and
divides the rest by its scale (Qt's own rule, QHighDpiScaling), so a native
point maps back with `origin + (point - origin) / scale`.

- a caret: the palette's query box opens just below it (above, if no room);
- a window: the palette opens over its centre;
- nothing known: at the mouse pointer, as before.
Then it is pushed inside the available area (no taskbar) of the screen that
holds the spot, or of the nearest screen when the spot is on none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication

from quickreply.core.ports import FocusSpot

CARET_GAP = 6  # between the caret line and the palette's top edge


@dataclass(frozen=True)
class Screen:
    geometry: QRect  # logical (device-independent) pixels, as Qt reports it
    available: QRect  # the same without taskbars and panels
    scale: float = 1.0  # device pixel ratio

    @property
    def native(self) -> QRect:
        size = self.geometry.size()
        width, height = round(size.width() * self.scale), round(size.height() * self.scale)
        return QRect(self.geometry.topLeft(), QSize(width, height))

    def to_logical(self, x: int, y: int) -> QPoint:
        origin = self.geometry.topLeft()
        return QPoint(
            origin.x() + round((x - origin.x()) / self.scale),
            origin.y() + round((y - origin.y()) / self.scale),
        )


def screens() -> list[Screen]:
    return [
        Screen(s.geometry(), s.availableGeometry(), s.devicePixelRatio())
        for s in QGuiApplication.screens()
    ]


def _holding(x: int, y: int, found: Sequence[Screen]) -> Screen:
    """The screen whose native area holds (x, y); else the nearest one."""
    for screen in found:
        if screen.native.contains(x, y):
            return screen

    def distance(screen: Screen) -> int:
        r = screen.native
        dx = max(r.left() - x, 0, x - r.right())
        dy = max(r.top() - y, 0, y - r.bottom())
        return dx * dx + dy * dy

    return min(found, key=distance)


def place(
    size: QSize, spot: FocusSpot | None, pointer: QPoint, found: Sequence[Screen]
) -> QRect | None:
    """The palette's rectangle (logical pixels); None when there is no screen at all."""
    if not found:
        return None
    if spot is None:  # the pointer is already in logical pixels
        screen = next((s for s in found if s.geometry.contains(pointer)), found[0])
        top_left = QPoint(pointer.x() - size.width() // 2, pointer.y() - 30)
        return _inside(QRect(top_left, size), screen.available)
    cx, cy = spot.centre
    screen = _holding(cx, cy, found)
    area = screen.available
    if spot.caret:
        caret_top = screen.to_logical(spot.x, spot.y)
        caret_bottom = screen.to_logical(spot.x, spot.y + spot.height)
        below = QRect(QPoint(caret_top.x() - 24, caret_bottom.y() + CARET_GAP), size)
        if below.bottom() > area.bottom():  # no room below the caret: above it
            below.moveBottom(caret_top.y() - CARET_GAP)
        return _inside(below, area)
    centre = screen.to_logical(cx, cy)
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(centre)
    return _inside(rect, area)


def _inside(rect: QRect, area: QRect) -> QRect:
    """`rect` moved (and shrunk if it must be) to lie wholly inside `area`."""
    width, height = min(rect.width(), area.width()), min(rect.height(), area.height())
    x = min(max(rect.x(), area.left()), area.left() + area.width() - width)
    y = min(max(rect.y(), area.top()), area.top() + area.height() - height)
    return QRect(x, y, width, height)
