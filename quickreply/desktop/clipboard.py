"""The system clipboard through QClipboard, saving and restoring every format.

espanso restores only text, and its users lost screenshots; here a snapshot
copies each format's bytes (text, HTML, images, file lists ...), so what the
agent had copied comes back whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QClipboard, QGuiApplication

from quickreply.core.ports import ClipboardSnapshot, ClipboardUnavailable

# Qt's in-process image format: the bytes are not portable; the image also
# travels as image/png etc., which is what we copy instead.
_SKIP_FORMATS = frozenset({"application/x-qt-image"})


# Raster formats a Qt (or GTK) owner converts its one image into on request.
# With image/png saved they add nothing (restoring the PNG offers them all
# again) and cost a lot: a 1080p screenshot took ~0.6 s to fetch in every
# format, all of it before the paste.
_DERIVED_RASTER = frozenset(
    f"image/{name}"
    for name in "bmp cur icns ico jfif jpeg jpg pbm pgm ppm tif tiff wbmp webp xbm xpm".split()  # noqa: SIM905
)


def _worth_saving(fmt: str, formats: list[str]) -> bool:
    # On X11 Qt also lists the selection protocol's own targets (TARGETS,
    # MULTIPLE, TIMESTAMP, SAVE_TARGETS) and drawable ids (BITMAP, PIXMAP):
    # not data, and offering them back as data would confuse other programs.
    # Real formats are MIME types, so they have a slash.
    if "/" not in fmt or fmt in _SKIP_FORMATS:
        return False
    return not (fmt in _DERIVED_RASTER and "image/png" in formats)


PREFETCH_MAX_AGE = 60.0  # seconds a prefetched snapshot may be used for


class QtClipboard:
    """Clipboard over QGuiApplication.clipboard(); needs a QGuiApplication.

    `owner_responds`, when given, is asked before reading another program's
    clipboard (see x11_clipboard): a hung owner would block Qt for seconds.

    `prefetch()` reads the clipboard ahead (when the palette opens): a copied
    screenshot takes its owner 100-300 ms to encode, which would otherwise
    delay the paste. The prefetched copy is used only while nothing changed:
    Qt's dataChanged has not fired and `change_token` (the selection owner on
    X11) gives the same value.
    """

    def __init__(
        self,
        mode: QClipboard.Mode = QClipboard.Mode.Clipboard,
        owner_responds: Callable[[], bool] | None = None,
        change_token: Callable[[], int] | None = None,
    ) -> None:
        if QGuiApplication.instance() is None:
            raise ClipboardUnavailable("the clipboard needs a running Qt application")
        self._mode = mode
        self._owner_responds = owner_responds
        self._change_token = change_token
        self._changes = 0
        self._prefetched: tuple[int, int, float, ClipboardSnapshot] | None = None
        self._clipboard().changed.connect(self._on_changed)

    def _on_changed(self, mode: QClipboard.Mode) -> None:
        if mode == self._mode:
            self._changes += 1

    def _token(self) -> int:
        return self._change_token() if self._change_token is not None else 0

    def prefetch(self) -> None:
        """Read the clipboard now, for the next snapshot() if nothing changes meanwhile."""
        self._prefetched = None
        changes, token = self._changes, self._token()
        saved = self._read()
        if changes == self._changes:  # not changed while we were reading it
            self._prefetched = (changes, token, time.monotonic(), saved)

    def _take_prefetched(self) -> ClipboardSnapshot | None:
        cached, self._prefetched = self._prefetched, None
        if cached is None:
            return None
        changes, token, taken, saved = cached
        fresh = time.monotonic() - taken < PREFETCH_MAX_AGE
        if fresh and changes == self._changes and token == self._token():
            return dict(saved)
        return None

    def _clipboard(self) -> QClipboard:
        clipboard = QGuiApplication.clipboard()
        if clipboard is None:  # pragma: no cover - only without a QGuiApplication
            raise ClipboardUnavailable("no clipboard in this session")
        return clipboard

    def _owner_hangs(self, clipboard: QClipboard) -> bool:
        # The probe asks about this selection; our own is answered by this very
        # thread, so probing it would wait on ourselves.
        if self._owner_responds is None:
            return False
        owned = (
            clipboard.ownsSelection()
            if self._mode == QClipboard.Mode.Selection
            else clipboard.ownsClipboard()
        )
        return not owned and not self._owner_responds()

    def snapshot(self) -> ClipboardSnapshot:
        prefetched = self._take_prefetched()
        return prefetched if prefetched is not None else self._read()

    def _read(self) -> ClipboardSnapshot:
        clipboard = self._clipboard()
        if self._owner_hangs(clipboard):
            raise ClipboardUnavailable("the program holding the clipboard does not answer")
        data = clipboard.mimeData(self._mode)
        saved: ClipboardSnapshot = {}
        if data is None:
            return saved
        formats = data.formats()
        for fmt in formats:
            if not _worth_saving(fmt, formats):
                continue
            saved[fmt] = bytes(data.data(fmt).data())
        # An image only in Qt's private form (copied inside this app): keep it as PNG.
        # Not hasImage(): for another program's clipboard it asks for ~20 formats.
        if "application/x-qt-image" in formats and not any(f.startswith("image/") for f in saved):
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
        # Windows may hand the text back with CRLF line ends: compare without them.
        if _lf(clipboard.text(self._mode)) != _lf(text):
            raise ClipboardUnavailable(
                "the clipboard did not accept the text (another program may be holding it)"
            )

    def text(self) -> str:
        """The clipboard's text; "" when its owner does not answer (rather than hang 5 s)."""
        clipboard = self._clipboard()
        if self._owner_hangs(clipboard):
            return ""
        return clipboard.text(self._mode)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n")


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
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes, PySide a str
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
