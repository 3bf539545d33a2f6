"""The paste keystroke on X11 through the XTest extension."""

from __future__ import annotations

import time
from typing import Any

from quickreply.core.ports import PASTE_METHODS, DesktopError
from quickreply.desktop._x11 import keycode_for, open_display

# Keys that turn Ctrl+V into something else while they are held.
_MODIFIER_KEYSYMS = (
    "Control_L",
    "Control_R",
    "Alt_L",
    "Alt_R",
    "Meta_L",
    "Meta_R",
    "Shift_L",
    "Shift_R",
    "Super_L",
    "Super_R",
    "Hyper_L",
    "Hyper_R",
    "ISO_Level3_Shift",
)

_METHOD_KEYS = {
    "ctrl+v": ("Control_L", "v"),
    "shift+insert": ("Shift_L", "Insert"),
    "ctrl+shift+v": ("Control_L", "Shift_L", "v"),
}


class X11Paster:
    """Paster for X11: fake key presses with XTest, modifier state from XQueryKeymap."""

    def __init__(self, display_name: str | None = None) -> None:
        self._display = open_display(display_name)
        if not self._display.has_extension("XTEST"):
            self._display.close()
            raise DesktopError("the X server has no XTEST extension; cannot send the paste key")
        self._modifier_codes = self._find_modifier_codes()

    def _find_modifier_codes(self) -> set[int]:
        from Xlib import XK

        codes: set[int] = set()
        for name in _MODIFIER_KEYSYMS:
            keysym = XK.string_to_keysym(name)
            code = self._display.keysym_to_keycode(keysym) if keysym else 0
            if code:
                codes.add(int(code))
        # Whatever the server maps to Shift, Control and Mod1/Mod4 counts too
        # (Mod2 is NumLock and Lock is CapsLock: those may stay on).
        from Xlib import X

        mapping = self._display.get_modifier_mapping()
        for index in (X.ShiftMapIndex, X.ControlMapIndex, X.Mod1MapIndex, X.Mod4MapIndex):
            codes |= {int(c) for c in mapping[index] if c}
        return codes

    def held_modifiers(self) -> set[int]:
        """Keycodes of modifier keys that are down right now."""
        keymap = self._display.query_keymap()
        return {code for code in self._modifier_codes if keymap[code // 8] & (1 << (code % 8))}

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool:
        deadline = time.monotonic() + timeout
        while True:
            if not self.held_modifiers():
                return True
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.01)

    def paste(self, method: str = "ctrl+v") -> None:
        from Xlib import X
        from Xlib import error as xerror
        from Xlib.ext import xtest

        if method not in _METHOD_KEYS:
            raise DesktopError(
                f"unknown paste method {method!r}; use one of {', '.join(PASTE_METHODS)}"
            )
        codes = [keycode_for(self._display, name) for name in _METHOD_KEYS[method]]
        try:
            for code in codes:
                xtest.fake_input(self._display, X.KeyPress, code)
            for code in reversed(codes):
                xtest.fake_input(self._display, X.KeyRelease, code)
            # sync, not flush: any error surfaces here rather than in a later request
            self._display.sync()
        except (xerror.ConnectionClosedError, xerror.XError) as exc:
            raise DesktopError(f"could not send {method} through XTest: {exc}") from exc

    def close(self) -> None:
        self._display.close()

    @property
    def display(self) -> Any:
        return self._display
