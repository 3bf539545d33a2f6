"""At quit: give the clipboard we own to the clipboard manager, so it outlives the app.

On X11 a clipboard lives in its owner: when the app quits, what it owns (the
agent's clipboard, put back after a paste) is gone, unless a clipboard
manager (the owner of CLIPBOARD_MANAGER: xfsettingsd, gnome-settings-daemon,
klipper ...) takes a copy first. The freedesktop clipboard-manager protocol:
ask the manager to convert SAVE_TARGETS; it then reads every format from us
and answers with a SelectionNotify. Qt does the same in QXcbClipboard's
destructor, but that runs only if PySide tears the QApplication down, which
is not to be relied upon at interpreter exit; so it is done here, on purpose.

Without a clipboard manager nothing can keep it (the README says so).
Windows keeps the clipboard after its owner exits (Qt flushes it), so this is
X11 only.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from quickreply.core.ports import DesktopError

log = logging.getLogger(__name__)


def hand_over_clipboard(timeout: float = 3.0, display_name: str | None = None) -> bool:
    """True when a clipboard manager took a copy of the clipboard this app owns."""
    from quickreply.desktop.hotkeys import session_kind

    if not (display_name or session_kind() == "x11"):
        return False
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    clipboard = QGuiApplication.clipboard() if app is not None else None
    if app is None or clipboard is None or not clipboard.ownsClipboard():
        return False  # nothing of ours would be lost
    try:
        from Xlib import X

        from quickreply.desktop._x11 import open_display

        display = open_display(display_name)
    except (DesktopError, ImportError) as exc:
        log.warning("cannot hand the clipboard to a clipboard manager: %s", exc)
        return False
    try:
        manager = display.intern_atom("CLIPBOARD_MANAGER")
        if display.get_selection_owner(manager) == X.NONE:
            log.info("no clipboard manager runs: the clipboard ends with the app")
            return False
        window = display.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        save_targets = display.intern_atom("SAVE_TARGETS")
        window.convert_selection(manager, save_targets, X.NONE, X.CurrentTime)
        display.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            app.processEvents()  # the manager reads the formats from Qt meanwhile
            while display.pending_events():
                event = display.next_event()
                if event.type == X.SelectionNotify and event.requestor.id == window.id:
                    _let_qt_see_the_new_owner(app, clipboard)
                    return True
            time.sleep(0.005)
        log.warning("the clipboard manager did not take the clipboard within %g s", timeout)
        return False
    except Exception as exc:  # at quit: never a traceback
        log.warning("handing the clipboard over failed: %s", exc)
        return False
    finally:
        display.close()


def _let_qt_see_the_new_owner(app: Any, clipboard: Any, timeout: float = 0.5) -> None:
    """Wait for Qt to learn that the manager owns the clipboard now.

    Otherwise QXcbClipboard's destructor, still thinking it owns it, asks the
    manager to save it a second time, from the manager itself.
    """
    deadline = time.monotonic() + timeout
    while clipboard.ownsClipboard() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.005)
