"""The operating-system edge: hotkeys, clipboard, paste keystroke, foreground window, IPC.

Each piece implements a protocol of `quickreply.core.ports`. Importing this
package loads no Qt and no platform library; the names below load their
module on first use, so `quickreply --help` stays fast and Windows never
touches python-xlib. `quickreply.desktop.fakes` holds in-memory versions of
every port for tests.

Wiring, in the composition root (after the QApplication exists):

    from quickreply import desktop
    server = desktop.try_become_server()        # None: already running, send "show" and exit
    hotkeys = desktop.create_hotkey_backend()   # never raises; register() may raise
    foreground = desktop.create_foreground()    #   HotkeyTaken / HotkeyUnavailable
    pasting = desktop.PasteService(desktop.create_clipboard(), desktop.create_paster(),
                                  foreground, app_methods=settings_mapping,
                                  offer=desktop.create_reply_offer(),  # sees the paste taken
                                  primary=desktop.create_primary_clipboard(),  # X11 PRIMARY
                                  on_outcome=on_outcome)  # taken / paste.unconfirmed, later
    hotkeys.register("ctrl+alt+space", on_hotkey)
    # on_hotkey: target = foreground.current(), THEN show the palette,
    #            then QTimer.singleShot(0, pasting.prepare)  (reads the clipboard ahead)
    # on Enter: hide the palette; result = pasting.paste_text(text, target)
    #           if not result.ok: tray message result.message("zh"); count the use if ok
    # on_outcome: log `pasted` if outcome.taken, else `paste_unconfirmed` + tray message
    # at quit: pasting.restore_now(), then desktop.handover.hand_over_clipboard()
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quickreply.desktop.backends import (
        create_clipboard,
        create_focus_locator,
        create_foreground,
        create_paster,
        create_primary_clipboard,
        create_reply_offer,
    )
    from quickreply.desktop.hotkeys import NullHotkeyBackend, create_hotkey_backend
    from quickreply.desktop.keys import Hotkey, HotkeyError, parse_hotkey
    from quickreply.desktop.paste import MESSAGES, PasteResult, PasteService
    from quickreply.desktop.single_instance import (
        Answer,
        InstanceServer,
        request,
        send_to_running,
        server_name,
        try_become_server,
    )

_WHERE = {
    "create_clipboard": "backends",
    "create_focus_locator": "backends",
    "create_foreground": "backends",
    "create_paster": "backends",
    "create_primary_clipboard": "backends",
    "create_reply_offer": "backends",
    "create_hotkey_backend": "hotkeys",
    "NullHotkeyBackend": "hotkeys",
    "Hotkey": "keys",
    "HotkeyError": "keys",
    "parse_hotkey": "keys",
    "MESSAGES": "paste",
    "PasteResult": "paste",
    "PasteService": "paste",
    "Answer": "single_instance",
    "InstanceServer": "single_instance",
    "request": "single_instance",
    "send_to_running": "single_instance",
    "server_name": "single_instance",
    "try_become_server": "single_instance",
}

__all__ = [
    "MESSAGES",
    "Answer",
    "Hotkey",
    "HotkeyError",
    "InstanceServer",
    "NullHotkeyBackend",
    "PasteResult",
    "PasteService",
    "create_clipboard",
    "create_focus_locator",
    "create_foreground",
    "create_hotkey_backend",
    "create_paster",
    "create_primary_clipboard",
    "create_reply_offer",
    "parse_hotkey",
    "request",
    "send_to_running",
    "server_name",
    "try_become_server",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'quickreply.desktop' has no attribute {name!r}")
    return getattr(importlib.import_module(f"quickreply.desktop.{module}"), name)


def __dir__() -> list[str]:
    return __all__
