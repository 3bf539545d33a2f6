"""The reply on the clipboard through Qt, with a data object that sees being read.

For Windows (and any platform without X11ReplyOffer): Qt renders clipboard
data on request (Windows: its OLE data object answers GetData when a program
pastes; X11: QXcbClipboard answers the SelectionRequest), and each time it
asks the QMimeData for the data through the virtual retrieveData(). A
QMimeData subclass therefore learns the moment a program takes the reply.
It cannot tell which program asked (client None: any read after the
keystroke counts, and no dialog is watched for), and a read by this process
itself would count too (PasteService does not read the clipboard while the
reply is offered).

Runs on the Qt thread; the callbacks are posted to the event loop so they
never run inside Qt's clipboard code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMetaType, QMimeData, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

from quickreply.core.ports import ClipboardUnavailable, ReplyRequest, WindowHandle

log = logging.getLogger(__name__)

_MODES = {"CLIPBOARD": QClipboard.Mode.Clipboard, "PRIMARY": QClipboard.Mode.Selection}
_TEXT_FORMATS = ("text/plain", "text/plain;charset=utf-8")


class _ReplyData(QMimeData):
    """Only text, rendered when asked; reports every request."""

    def __init__(self, text: str, selection: str, on_read: Callable[[str, str], None]) -> None:
        super().__init__()
        self._text = text
        self.text_value = text
        self._selection = selection
        self._on_read = on_read

    def formats(self) -> list[str]:
        return list(_TEXT_FORMATS)

    def hasFormat(self, mimetype: str) -> bool:
        return mimetype in _TEXT_FORMATS

    def retrieveData(self, mimetype: str, preferredType: QMetaType | QMetaType.Type) -> Any:
        if mimetype not in _TEXT_FORMATS:
            return None
        self._on_read(self._selection, mimetype)
        wanted = preferredType.id() if isinstance(preferredType, QMetaType) else preferredType
        if wanted in (QMetaType.Type.QByteArray, QMetaType.Type.QByteArray.value):
            return QByteArray(self._text.encode("utf-8"))
        return self._text


class QtReplyOffer:
    """ReplyOffer through QClipboard (see the module docstring)."""

    def __init__(self) -> None:
        if QGuiApplication.instance() is None:
            raise ClipboardUnavailable("the clipboard needs a running Qt application")
        self._data: dict[str, _ReplyData] = {}
        self._on_request: Callable[[ReplyRequest], None] | None = None
        self._on_lost: Callable[[str, int | None], None] | None = None
        self._clipboard().changed.connect(self._changed)

    def _clipboard(self) -> QClipboard:
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:  # pragma: no cover - only without a QGuiApplication
            raise ClipboardUnavailable("no clipboard in this session")
        return clipboard

    def offer(
        self,
        text: str,
        selections: Sequence[str],
        on_request: Callable[[ReplyRequest], None],
        on_lost: Callable[[str, int | None], None],
    ) -> None:
        clipboard = self._clipboard()
        self._on_request = self._on_lost = None  # our own setMimeData is no loss
        self._data = {}
        for name in selections:
            mode = _MODES[name]
            if mode == QClipboard.Mode.Selection and not clipboard.supportsSelection():
                continue
            data = _ReplyData(text, name, self._read)
            clipboard.setMimeData(data, mode)  # the clipboard owns it from here
            self._data[name] = data
        self._on_request, self._on_lost = on_request, on_lost

    def release(self, clear: Sequence[str] = ()) -> None:
        self._on_request = self._on_lost = None
        clipboard = self._clipboard()
        for name, data in self._data.items():
            if not self._owns(name):
                continue
            if name in clear:
                clipboard.clear(_MODES[name])
            else:
                # Keep the text, but in a plain QMimeData: a Python subclass left
                # inside the clipboard crashes PySide when the app exits.
                plain = QMimeData()
                plain.setText(data.text_value)
                clipboard.setMimeData(plain, _MODES[name])
        self._data = {}

    def client_of(self, window: WindowHandle) -> int | None:
        return None  # Qt does not say who asked

    def _owns(self, name: str) -> bool:
        clipboard = self._clipboard()
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            return self._data.get(name) is not None  # in-process: nobody else owns it
        if name == "PRIMARY":
            return bool(clipboard.ownsSelection())
        return bool(clipboard.ownsClipboard())

    def _read(self, selection: str, mimetype: str) -> None:
        on_request = self._on_request
        if on_request is None:
            return
        request = ReplyRequest(selection, mimetype, None, time.monotonic())
        QTimer.singleShot(0, lambda: _safely(on_request, request))

    def _changed(self, mode: QClipboard.Mode) -> None:
        on_lost = self._on_lost
        if on_lost is None:
            return
        for name, data in list(self._data.items()):
            if _MODES[name] == mode and not self._owns(name):
                del self._data[name]
                del data
                QTimer.singleShot(0, lambda name=name: _safely(on_lost, name, None))


def _safely(callback: Callable[..., None], *args: Any) -> None:
    try:
        callback(*args)
    except Exception:  # an event-loop callback: nobody above to catch it
        log.exception("a clipboard callback failed")
