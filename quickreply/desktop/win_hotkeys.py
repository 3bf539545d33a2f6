"""Global hotkeys on Windows with RegisterHotKey, on a thread of their own.

Why RegisterHotKey rather than the `keyboard` package: it is the documented
API for exactly this; it says when another program holds the hotkey (error
1409, so HotkeyTaken works like X11's BadAccess, where a keyboard hook cannot
tell); and it needs no low-level keyboard hook, which Windows silently removes
when a callback is slow (LowLevelHooksTimeout) and which security software
flags. The cost: hotkeys belong to the thread that registered them and arrive
as WM_HOTKEY on its message queue, so one small thread owns them all and the
Qt main thread hands it work through PostThreadMessage.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future
from ctypes import wintypes
from queue import Empty, SimpleQueue

from PySide6.QtCore import QObject, Signal

from quickreply.core.ports import DesktopError, HotkeyTaken
from quickreply.desktop import _win32 as w
from quickreply.desktop.keys import Hotkey, parse_hotkey

log = logging.getLogger(__name__)

_MODIFIER_FLAGS = {
    "ctrl": w.MOD_CONTROL,
    "alt": w.MOD_ALT,
    "shift": w.MOD_SHIFT,
    "super": w.MOD_WIN,
}


def modifier_flags(hotkey: Hotkey) -> int:
    flags = w.MOD_NOREPEAT  # holding the keys gives one press, not a stream
    for modifier in hotkey.modifiers:
        flags |= _MODIFIER_FLAGS[modifier]
    return flags


class WindowsHotkeyBackend(QObject):
    activated = Signal(str)
    _fired = Signal(int)  # emitted on the hotkey thread, delivered on the main thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._user32 = w.user32()
        self._requests: SimpleQueue[tuple[Callable[[], object], Future[object]]] = SimpleQueue()
        self._ids: dict[str, int] = {}
        self._callbacks: dict[int, tuple[str, Callable[[], None]]] = {}
        self._next_id = 1
        self._thread_id = 0
        self._ready = threading.Event()
        self._fired.connect(self._dispatch)
        self._thread = threading.Thread(target=self._loop, name="quickreply-hotkeys", daemon=True)
        self._thread.start()
        if not self._ready.wait(5):
            raise DesktopError("the hotkey thread did not start")

    # -- HotkeyBackend --------------------------------------------------------

    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        parsed = parse_hotkey(hotkey)
        name = str(parsed)
        if name in self._ids:
            self._callbacks[self._ids[name]] = (name, callback)
            return
        hotkey_id = self._next_id
        self._next_id += 1
        flags, vk = modifier_flags(parsed), parsed.windows_vk

        def do_register() -> object:
            if self._user32.RegisterHotKey(None, hotkey_id, flags, vk):
                return 0
            return w.last_error()

        error = self._call(do_register)
        if error == w.ERROR_HOTKEY_ALREADY_REGISTERED:
            raise HotkeyTaken(
                f"the hotkey {name} is already used by another program; "
                "free it there or choose another hotkey in the settings",
                hotkey=name,
            )
        if error:
            raise DesktopError(f"Windows refused the hotkey {name} (error {error})")
        self._ids[name] = hotkey_id
        self._callbacks[hotkey_id] = (name, callback)

    def unregister(self, hotkey: str) -> None:
        name = str(parse_hotkey(hotkey))
        hotkey_id = self._ids.pop(name, None)
        if hotkey_id is None:
            return
        self._callbacks.pop(hotkey_id, None)
        self._call(lambda: self._user32.UnregisterHotKey(None, hotkey_id))

    def unregister_all(self) -> None:
        for name in list(self._ids):
            self.unregister(name)

    def registered(self) -> list[str]:
        return sorted(self._ids)

    def close(self) -> None:
        if not self._thread.is_alive():
            return
        self.unregister_all()
        self._user32.PostThreadMessageW(self._thread_id, w.WM_QUIT, 0, 0)
        self._thread.join(2)

    # -- the hotkey thread ----------------------------------------------------

    def _call(self, function: Callable[[], object]) -> object:
        """Run `function` on the hotkey thread (hotkeys belong to their thread)."""
        future: Future[object] = Future()
        self._requests.put((function, future))
        if not self._user32.PostThreadMessageW(self._thread_id, w.WM_APP, 0, 0):
            raise DesktopError("the hotkey thread is not running")
        try:
            return future.result(timeout=5)
        except TimeoutError as exc:  # concurrent.futures' TimeoutError is this one since 3.11
            raise DesktopError("the hotkey thread did not answer") from exc

    def _loop(self) -> None:
        user32 = self._user32
        msg = wintypes.MSG()
        # The first Peek creates this thread's message queue, so posts cannot be lost.
        user32.PeekMessageW(ctypes.byref(msg), None, 0, 0, w.PM_NOREMOVE)
        self._thread_id = w.kernel32().GetCurrentThreadId()
        self._ready.set()
        while user32.GetMessageW(ctypes.byref(msg), None, 0, 0) > 0:
            if msg.message == w.WM_HOTKEY:
                self._fired.emit(int(msg.wParam))
            elif msg.message == w.WM_APP:
                self._run_requests()

    def _run_requests(self) -> None:
        while True:
            try:
                function, future = self._requests.get_nowait()
            except Empty:
                return
            try:
                future.set_result(function())
            except Exception as exc:  # handed back to the caller on the main thread
                future.set_exception(exc)

    def _dispatch(self, hotkey_id: int) -> None:
        entry = self._callbacks.get(hotkey_id)
        if entry is None:
            return
        name, callback = entry
        self.activated.emit(name)
        try:
            callback()
        except Exception:  # a broken callback must not stop hotkey delivery
            log.exception("hotkey %s: the callback failed", name)
