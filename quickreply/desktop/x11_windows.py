"""The foreground window on X11: remember it before the palette opens, give focus back.

With a window manager the EWMH way is used (_NET_ACTIVE_WINDOW), because a
window manager ignores or undoes a plain XSetInputFocus; without one, the
input focus is the truth and XSetInputFocus is the only way.
"""

from __future__ import annotations

import time
from typing import Any

from quickreply.core.ports import WindowHandle
from quickreply.desktop._x11 import open_display

_POINTER_ROOT = 1  # what XGetInputFocus answers for "focus follows the pointer"
_SOURCE_PAGER = 2  # EWMH source indication: a pager/taskbar asks, so no focus-stealing veto


class X11ForegroundWindow:
    def __init__(self, display_name: str | None = None, verify_timeout: float = 1.0) -> None:
        self._display = open_display(display_name)
        self._root = self._display.screen().root
        self.verify_timeout = verify_timeout
        self._atom_active = self._display.intern_atom("_NET_ACTIVE_WINDOW")
        self._atom_check = self._display.intern_atom("_NET_SUPPORTING_WM_CHECK")

    # -- ForegroundWindow -----------------------------------------------------

    def current(self) -> WindowHandle | None:
        if self.has_window_manager():
            active = self._net_active_window()
            if active:
                return active
        return self._focused_toplevel()

    def activate(self, handle: WindowHandle) -> bool:
        from Xlib import X
        from Xlib import error as xerror
        from Xlib.protocol import event as xevent

        # Requests without a reply report errors asynchronously: catch them
        # (instead of python-xlib printing them) and look after the sync.
        catcher = xerror.CatchError()
        try:
            window = self._display.create_resource_object("window", handle)
            attrs = window.get_attributes()
            if attrs.map_state != X.IsViewable and not self.has_window_manager():
                return False
            if self.has_window_manager():
                message = xevent.ClientMessage(
                    window=window,
                    client_type=self._atom_active,
                    data=(32, [_SOURCE_PAGER, X.CurrentTime, 0, 0, 0]),
                )
                self._root.send_event(
                    message,
                    event_mask=X.SubstructureRedirectMask | X.SubstructureNotifyMask,
                    onerror=catcher,
                )
            else:
                window.configure(stack_mode=X.Above, onerror=catcher)
                window.set_input_focus(X.RevertToParent, X.CurrentTime, onerror=catcher)
            self._display.sync()
        except (xerror.BadWindow, xerror.BadMatch, xerror.BadDrawable):
            return False  # closed meanwhile
        if catcher.get_error() is not None:
            return False  # closed or unmapped between the checks and the request
        return self._wait_until_active(handle)

    def app_name(self, handle: WindowHandle) -> str:
        """The WM_CLASS class of the window (e.g. "xterm"), lower case; "" if unknown."""
        from Xlib import error as xerror

        try:
            window = self._display.create_resource_object("window", handle)
            for _ in range(8):  # a focused child has no WM_CLASS: walk up to the toplevel
                wm_class = window.get_wm_class()
                if wm_class:
                    return str(wm_class[1] or wm_class[0]).lower()
                tree = window.query_tree()
                if not tree.parent or tree.parent.id == self._root.id:
                    break
                window = tree.parent
        except (xerror.BadWindow, xerror.BadDrawable):
            return ""
        return ""

    # -- helpers --------------------------------------------------------------

    def has_window_manager(self) -> bool:
        """True when an EWMH window manager runs (its check window exists)."""
        from Xlib import X
        from Xlib import error as xerror

        prop = self._root.get_full_property(self._atom_check, X.AnyPropertyType)
        if prop is None or not prop.value:
            return False
        try:
            check = self._display.create_resource_object("window", int(prop.value[0]))
            check.get_attributes()
        except (xerror.BadWindow, xerror.BadDrawable):
            return False  # a window manager that died left its property behind
        return True

    def window_exists(self, handle: WindowHandle) -> bool:
        from Xlib import error as xerror

        try:
            self._display.create_resource_object("window", handle).get_attributes()
        except (xerror.BadWindow, xerror.BadDrawable):
            return False
        return True

    def _net_active_window(self) -> WindowHandle | None:
        from Xlib import X

        prop = self._root.get_full_property(self._atom_active, X.AnyPropertyType)
        if prop is None or not prop.value:
            return None
        value = int(prop.value[0])
        return value or None

    def _focused_toplevel(self) -> WindowHandle | None:
        from Xlib import error as xerror

        focus = self._display.get_input_focus().focus
        if isinstance(focus, int) or focus is None:  # None or PointerRoot
            return None
        window = focus
        try:
            # Qt and others may focus a child window: the toplevel is the root's child.
            while True:
                tree = window.query_tree()
                if not tree.parent or tree.parent.id == self._root.id:
                    break
                window = tree.parent
        except (xerror.BadWindow, xerror.BadDrawable):
            return None
        if window.id in (self._root.id, _POINTER_ROOT):
            return None
        return int(window.id)

    def _is_active(self, handle: WindowHandle) -> bool:
        if self.has_window_manager():
            return self._net_active_window() == handle
        return self._focused_toplevel() == handle

    def _wait_until_active(self, handle: WindowHandle) -> bool:
        deadline = time.monotonic() + self.verify_timeout
        while True:
            if self._is_active(handle):
                return True
            if time.monotonic() >= deadline or not self.window_exists(handle):
                return False
            time.sleep(0.005)

    def close(self) -> None:
        self._display.close()

    @property
    def display(self) -> Any:
        return self._display
