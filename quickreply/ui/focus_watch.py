"""Did the palette get the keyboard? `palette_shown` with the time it took, or a report.

A window manager may refuse a new window the focus (focus-stealing
prevention); the agent would then type into the chat window, not the
palette. Within a second of the hotkey the palette has the keyboard
(`palette_shown` with the milliseconds from the hotkey) or the agent is told
to click it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QWidget

from quickreply.ui.eventlog import EventLog

Report = Callable[..., None]  # QuickReplyApp._report(kind, message, **fields)
FOCUS_WAIT_MS = 1000


class FocusWatch(QObject):
    def __init__(
        self,
        palette: Callable[[], QWidget],
        events: EventLog,
        report: Report,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._palette = palette  # a function: the palette is rebuilt on a language change
        self._events = events
        self._report = report
        self._shown_at: float | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FOCUS_WAIT_MS)
        self._timer.timeout.connect(self._refused)

    def opening(self) -> None:
        """The hotkey was pressed: the clock starts."""
        self._shown_at = time.perf_counter()

    def opened(self) -> None:
        """The palette is on screen: focused already, or wait for the window manager."""
        if self._palette().isActiveWindow():
            self.focused()
        else:  # `palette_shown` once the window manager hands over the keyboard
            self._timer.start()

    def focused(self) -> None:
        if self._shown_at is None:
            return
        ms = round((time.perf_counter() - self._shown_at) * 1000, 2)
        self._shown_at = None
        self._timer.stop()
        self._events.emit("palette_shown", ms=ms, window=int(self._palette().winId()))

    def _refused(self) -> None:
        if self._shown_at is None or not self._palette().isVisible():
            return
        self._shown_at = None
        self._events.emit("palette_shown", ms=None, focused=False)
        self._report(
            "palette_no_focus",
            QCoreApplication.translate(
                "QuickReplyApp", "搜索面板没有得到键盘焦点，请用鼠标点一下面板再输入"
            ),
        )
