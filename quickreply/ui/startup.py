"""Before the event loop: a graphical session to run in, and signals that quit cleanly.

Both guard against ways the app could die badly rather than say why: Qt
aborts the process without a display, and a SIGTERM or Ctrl+C would skip
releasing the hotkeys and restoring the agent's clipboard.
"""

from __future__ import annotations

import gc
import os
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from quickreply.core.errors import UserError  # what `quickreply run` prints, not a trace


class CollectorPause:
    """The cyclic garbage collector held off while the app starts.

    Start-up makes a few hundred thousand objects that live as long as the
    app (the replies, the search index, the linter) and next to no garbage
    cycles, yet the collector walked them again and again as they were made:
    a quarter of a 100,000-reply start (build_app 1.12 -> 0.83 s, measured
    in-process). `resume(freeze=True)` at ready moves everything made so far
    out of the collector's sight (`gc.freeze`), so neither the first
    collection, at the agent's first keystroke, nor any later one walks them
    all; a library loaded later is freed by reference counting as before (it
    holds no cycles: tests/ui/test_startup_gc.py). A collector that was off
    already is left alone.
    """

    def __init__(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()

    def resume(self, *, freeze: bool) -> None:
        if not self._was_enabled:
            return
        self._was_enabled = False  # once
        if freeze:
            gc.freeze()
        gc.enable()


def check_display() -> None:
    """No graphical session: say so, instead of letting Qt abort the process."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise UserError(
            "no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set): "
            "start QuickReply from the desktop"
        )


def quit_on_signals(qapp: QApplication) -> None:
    """Ctrl+C and SIGTERM quit cleanly (hotkeys released, clipboard restored)."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: qapp.quit())
    # Python runs signal handlers only between bytecodes: wake it now and then.
    timer = QTimer(qapp)
    timer.timeout.connect(lambda: None)
    timer.start(250)
