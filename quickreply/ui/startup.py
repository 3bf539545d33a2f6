"""Before the event loop: a graphical session to run in, and signals that quit cleanly.

Both guard against ways the app could die badly rather than say why: Qt
aborts the process without a display, and a SIGTERM or Ctrl+C would skip
releasing the hotkeys and restoring the agent's clipboard.
"""

from __future__ import annotations

import os
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from quickreply.core.errors import UserError  # what `quickreply run` prints, not a trace


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
