"""Where the agent is typing on X11: the focused window's rectangle on the root window.

X11 has no caret query (only AT-SPI, which chat clients rarely feed and which
costs a D-Bus session): the focused window is the answer, and the palette
opens over its centre. The input focus (XGetInputFocus) is the truth; with a
window manager it may sit on a frame or be "PointerRoot", so _NET_ACTIVE_WINDOW
is the fallback.
"""

from __future__ import annotations

from typing import Any

from quickreply.core.ports import DesktopError, FocusSpot
from quickreply.desktop._x11 import open_display

_POINTER_ROOT = 1


class X11FocusLocator:
    def __init__(self, display_name: str | None = None) -> None:
        self._display = open_display(display_name)
        self._root = self._display.screen().root
        self._atom_active = self._display.intern_atom("_NET_ACTIVE_WINDOW")

    def focus_spot(self) -> FocusSpot | None:
        from Xlib import error as xerror

        try:
            window = self._focused()
            if window is None:
                return None
            geometry = window.get_geometry()
            origin = self._root.translate_coords(window, 0, 0)
        except (xerror.BadWindow, xerror.BadDrawable, xerror.BadMatch):
            return None  # closed between the two requests
        except (xerror.ConnectionClosedError, OSError) as exc:
            raise DesktopError(f"the X server connection broke: {exc}") from exc
        if geometry.width <= 1 or geometry.height <= 1:
            return None  # an input-only helper window, not where anyone types
        return FocusSpot(int(origin.x), int(origin.y), int(geometry.width), int(geometry.height))

    def _focused(self) -> Any | None:
        from Xlib import X

        focus = self._display.get_input_focus().focus
        if not isinstance(focus, int) and focus is not None and focus.id != self._root.id:
            return focus
        prop = self._root.get_full_property(self._atom_active, X.AnyPropertyType)
        if prop is not None and prop.value and int(prop.value[0]) not in (0, _POINTER_ROOT):
            return self._display.create_resource_object("window", int(prop.value[0]))
        return None

    def close(self) -> None:
        self._display.close()
