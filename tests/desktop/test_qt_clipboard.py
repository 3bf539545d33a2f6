"""QtClipboard on the session's (offscreen) QApplication: every format survives a round trip.

The same class is exercised against a real X clipboard in test_paste_real.py.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtGui import QColor, QGuiApplication, QImage
from pytestqt.qtbot import QtBot

from quickreply.desktop.clipboard import QtClipboard


@pytest.fixture
def board(qtbot: QtBot) -> QtClipboard:
    QGuiApplication.clipboard().clear()
    return QtClipboard()


def test_snapshot_and_restore_keep_every_format(board: QtClipboard) -> None:
    data = QMimeData()
    data.setText("订单号 8848 😊")
    data.setHtml("<b>订单号</b> 8848")
    data.setData("text/uri-list", b"file:///tmp/%E6%88%AA%E5%9B%BE.png\r\n")
    data.setData("TARGETS", b"not data")  # X11 protocol noise is never copied
    QGuiApplication.clipboard().setMimeData(data)

    saved = board.snapshot()
    assert saved["text/plain"].decode() == "订单号 8848 😊"
    assert "text/html" in saved and "text/uri-list" in saved
    assert "TARGETS" not in saved

    board.set_text("亲，您好")
    assert board.text() == "亲，您好"
    board.restore(saved)
    assert board.snapshot() == saved
    assert board.text() == "订单号 8848 😊"


def test_image_only_clipboard_comes_back_as_an_image(board: QtClipboard) -> None:
    image = QImage(8, 6, QImage.Format.Format_RGB32)
    image.fill(QColor(1, 2, 3))
    QGuiApplication.clipboard().setImage(image)

    saved = board.snapshot()
    assert any(fmt.startswith("image/") for fmt in saved)
    board.set_text("覆盖")
    board.restore(saved)

    back = QGuiApplication.clipboard().image()
    assert not back.isNull()
    assert (back.width(), back.height()) == (8, 6)
    assert back.pixelColor(3, 3) == QColor(1, 2, 3)


def test_empty_clipboard_stays_empty(board: QtClipboard) -> None:
    saved = board.snapshot()
    assert saved == {}
    board.set_text("临时")
    board.restore(saved)
    assert board.text() == ""
    assert board.snapshot() == {}


def test_snapshot_is_independent_of_later_changes(board: QtClipboard) -> None:
    board.set_text("第一")
    saved = board.snapshot()
    board.set_text("第二")  # Qt deletes the old QMimeData here; the snapshot holds bytes
    assert saved["text/plain"].decode() == "第一"
