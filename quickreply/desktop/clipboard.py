"""The system clipboard through QClipboard, saving and restoring every format.

espanso restores only text, and its users lost screenshots; here a snapshot
copies each format's bytes (text, HTML, images, file lists ...), so what the
agent had copied comes back whole.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from quickreply.core.ports import ClipboardSnapshot, ClipboardUnavailable

# Qt's in-process image format: the bytes are not portable; the image also
# travels as image/png etc., which is what we copy instead.
_SKIP_FORMATS = frozenset({"application/x-qt-image"})


def _worth_saving(fmt: str) -> bool:
    # On X11 Qt also lists the selection protocol's own targets (TARGETS,
    # MULTIPLE, TIMESTAMP, SAVE_TARGETS) and drawable ids (BITMAP, PIXMAP):
    # not data, and offering them back as data would confuse other programs.
    # Real formats are MIME types, so they have a slash.
    return "/" in fmt and fmt not in _SKIP_FORMATS


class QtClipboard:
    """Clipboard over QGuiApplication.clipboard(); needs a QGuiApplication."""

    def __init__(self, mode: QClipboard.Mode = QClipboard.Mode.Clipboard) -> None:
        if QGuiApplication.instance() is None:
            raise ClipboardUnavailable("the clipboard needs a running Qt application")
        self._mode = mode

    def _clipboard(self) -> QClipboard:
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:  # pragma: no cover - only without a QGuiApplication
            raise ClipboardUnavailable("no clipboard in this session")
        return clipboard

    def snapshot(self) -> ClipboardSnapshot:
        data = self._clipboard().mimeData(self._mode)
        saved: ClipboardSnapshot = {}
        if data is None:
            return saved
        for fmt in data.formats():
            if not _worth_saving(fmt):
                continue
            saved[fmt] = bytes(data.data(fmt).data())
        if data.hasImage() and not any(f.startswith("image/") for f in saved):
            # An image only offered in Qt's private form: keep it as PNG.
            saved["image/png"] = _image_png(data)
        return saved

    def restore(self, snapshot: ClipboardSnapshot) -> None:
        clipboard = self._clipboard()
        if not snapshot:
            clipboard.clear(self._mode)
            return
        data = QMimeData()
        for fmt, payload in snapshot.items():
            data.setData(fmt, payload)
        _add_image(data, snapshot)
        # The clipboard takes ownership of `data`; snapshots keep plain bytes.
        clipboard.setMimeData(data, self._mode)

    def set_text(self, text: str) -> None:
        clipboard = self._clipboard()
        clipboard.setText(text, self._mode)
        if clipboard.text(self._mode) != text:
            raise ClipboardUnavailable("the clipboard did not accept the text")

    def text(self) -> str:
        return self._clipboard().text(self._mode)


def _image_png(data: QMimeData) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QImage, QPixmap

    image = data.imageData()
    if isinstance(image, QPixmap):
        image = image.toImage()
    if not isinstance(image, QImage) or image.isNull():
        return b""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def _add_image(data: QMimeData, snapshot: ClipboardSnapshot) -> None:
    """Let programs that ask for "an image" (not a file format) see the saved one.

    Qt answers clipboard().image() only from its private image slot; raw PNG
    bytes alone would look like no image to it.
    """
    from PySide6.QtGui import QImage

    encoded = snapshot.get("image/png") or next(
        (v for k, v in snapshot.items() if k.startswith("image/") and v), b""
    )
    if not encoded:
        return
    image = QImage.fromData(encoded)
    if not image.isNull():
        data.setImageData(image)
