"""Global hotkeys on X11: XGrabKey on the root window, events read on the Qt main thread.

A QSocketNotifier watches the X connection, so callbacks run on the main thread
with no extra thread touching python-xlib.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, Signal

from quickreply.core.ports import DesktopError, HotkeyTaken
from quickreply.desktop._x11 import keycode_for, lock_variants, modifier_masks, open_display
from quickreply.desktop.keys import parse_hotkey

log = logging.getLogger(__name__)


@dataclass
class _Grab:
    keysym_name: str
    keycode: int
    mask: int
    callback: Callable[[], None]


class X11HotkeyBackend(QObject):
    """HotkeyBackend for X11; `activated` carries the canonical hotkey string."""

    activated = Signal(str)

    def __init__(self, display_name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._display = open_display(display_name)
        self._root = self._display.screen().root
        self._masks = modifier_masks(self._display)
        self._variants = lock_variants(self._display)
        self._ignored = 0
        for variant in self._variants:
            self._ignored |= variant
        self._grabs: dict[str, _Grab] = {}
        self._last_release: tuple[int, int] | None = None  # (keycode, time) for auto-repeat
        self._notifier = QSocketNotifier(self._display.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    # -- HotkeyBackend --------------------------------------------------------

    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        from Xlib import X
        from Xlib import error as xerror

        parsed = parse_hotkey(hotkey)
        name = str(parsed)
        keycode = keycode_for(self._display, parsed.x11_keysym_name)
        mask = 0
        for modifier in parsed.modifiers:
            mask |= self._masks[modifier]
        if name in self._grabs:  # our own grab: just point it at the new callback
            self._grabs[name].callback = callback
            return
        catcher = xerror.CatchError(xerror.BadAccess)
        for variant in self._variants:
            self._root.grab_key(
                keycode, mask | variant, True, X.GrabModeAsync, X.GrabModeAsync, onerror=catcher
            )
        # The error arrives asynchronously: sync so BadAccess is seen here, not lost.
        self._display.sync()
        if catcher.get_error() is not None:
            self._ungrab(keycode, mask)
            raise HotkeyTaken(
                f"the hotkey {name} is already used by another program; "
                "free it there or choose another hotkey in the settings",
                hotkey=name,
            )
        self._grabs[name] = _Grab(parsed.x11_keysym_name, keycode, mask, callback)
        self._drain()

    def unregister(self, hotkey: str) -> None:
        name = str(parse_hotkey(hotkey))
        grab = self._grabs.pop(name, None)
        if grab is not None:
            self._ungrab(grab.keycode, grab.mask)

    def unregister_all(self) -> None:
        for name in list(self._grabs):
            self.unregister(name)

    def registered(self) -> list[str]:
        return sorted(self._grabs)

    def close(self) -> None:
        """Release every grab and the X connection (safe to call twice)."""
        if self._notifier is None:
            return
        with contextlib.suppress(DesktopError):  # the connection may already be gone
            self.unregister_all()
        self._notifier.setEnabled(False)
        self._notifier.deleteLater()
        self._notifier = None  # type: ignore[assignment]
        self._display.close()

    # -- internals ------------------------------------------------------------

    def _ungrab(self, keycode: int, mask: int) -> None:
        from Xlib import error as xerror

        ignore = xerror.CatchError()  # ungrabbing what we never held is harmless
        for variant in self._variants:
            self._root.ungrab_key(keycode, mask | variant, onerror=ignore)
        self._display.sync()

    def _regrab_all(self) -> None:
        """The keyboard layout changed: a hotkey's key may sit on another keycode now."""
        from Xlib import X
        from Xlib import error as xerror

        for name, grab in self._grabs.items():
            try:
                keycode = keycode_for(self._display, grab.keysym_name)
            except DesktopError:
                log.error("hotkey %s: its key is not on the new keyboard layout", name)
                continue
            if keycode == grab.keycode:
                continue
            self._ungrab(grab.keycode, grab.mask)
            catcher = xerror.CatchError(xerror.BadAccess)
            for variant in self._variants:
                self._root.grab_key(
                    keycode,
                    grab.mask | variant,
                    True,
                    X.GrabModeAsync,
                    X.GrabModeAsync,
                    onerror=catcher,
                )
            self._display.sync()
            if catcher.get_error() is not None:
                log.error("hotkey %s: taken by another program after the layout change", name)
            grab.keycode = keycode

    def _drain(self, *_: Any) -> None:
        from Xlib import X
        from Xlib import error as xerror

        try:
            while self._display.pending_events():
                event = self._display.next_event()
                if event.type == X.MappingNotify:
                    self._display.refresh_keyboard_mapping(event)
                    if event.request == X.MappingKeyboard:
                        self._regrab_all()
                elif event.type == X.KeyRelease:
                    self._last_release = (event.detail, event.time)
                elif event.type == X.KeyPress:
                    # Auto-repeat sends release+press with one timestamp: one action per press.
                    if self._last_release == (event.detail, event.time):
                        continue
                    self._dispatch(event.detail, event.state)
        except xerror.ConnectionClosedError:
            log.error("the X connection for hotkeys was closed; hotkeys stop working")
            if self._notifier is not None:
                self._notifier.setEnabled(False)

    def _dispatch(self, keycode: int, state: int) -> None:
        state &= ~self._ignored
        for name, grab in self._grabs.items():
            if grab.keycode == keycode and grab.mask == state:
                self.activated.emit(name)
                try:
                    grab.callback()
                except Exception:  # a broken callback must not kill hotkey delivery
                    log.exception("hotkey %s: the callback failed", name)
                return
