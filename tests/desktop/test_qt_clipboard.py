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


def test_prefetch_is_used_only_while_nothing_changed(
    board: QtClipboard, monkeypatch: pytest.MonkeyPatch
) -> None:
    board.set_text("打开面板时的内容")
    reads: list[int] = []
    real_read = board._read

    def counting_read() -> dict[str, bytes]:
        reads.append(1)
        return real_read()

    monkeypatch.setattr(board, "_read", counting_read)
    board.prefetch()
    assert board.snapshot()["text/plain"].decode() == "打开面板时的内容"
    assert len(reads) == 1  # the snapshot came from the prefetch

    board.prefetch()
    QGuiApplication.clipboard().setText("之后又复制了别的")  # changed after the prefetch
    assert board.snapshot()["text/plain"].decode() == "之后又复制了别的"
    assert len(reads) == 3


def test_prefetch_checks_the_change_token(qtbot: QtBot) -> None:
    token = [7]
    board = QtClipboard(change_token=lambda: token[0])
    board.set_text("甲")
    board.prefetch()
    token[0] = 8  # e.g. another program took the clipboard without Qt noticing
    QGuiApplication.clipboard().blockSignals(True)
    try:
        QGuiApplication.clipboard().setText("乙")
    finally:
        QGuiApplication.clipboard().blockSignals(False)
    assert board.snapshot()["text/plain"].decode() == "乙"


def test_qt_reply_offer_reports_reads_and_keeps_the_text_when_released(qtbot: QtBot) -> None:
    """Offscreen: reads are in-process; losing the clipboard is tested on X11 (test_paste_real)."""
    from quickreply.core.ports import ReplyRequest
    from quickreply.desktop.qt_offer import QtReplyOffer

    offer = QtReplyOffer()
    requests: list[ReplyRequest] = []
    offer.offer("亲，您好😊", ["CLIPBOARD"], requests.append, lambda s, c: None)
    assert QGuiApplication.clipboard().text() == "亲，您好😊"  # a program pastes
    qtbot.waitUntil(lambda: len(requests) >= 1)
    assert requests[0].selection == "CLIPBOARD" and requests[0].client is None
    offer.release()
    assert QGuiApplication.clipboard().text() == "亲，您好😊"  # kept, in a plain QMimeData
    assert type(QGuiApplication.clipboard().mimeData()) is QMimeData
    QGuiApplication.clipboard().clear()


def test_qt_reply_offer_release_can_leave_the_clipboard_empty(qtbot: QtBot) -> None:
    from quickreply.desktop.qt_offer import QtReplyOffer

    offer = QtReplyOffer()
    offer.offer("临时", ["CLIPBOARD"], lambda r: None, lambda s, c: None)
    offer.release(["CLIPBOARD"])
    assert QGuiApplication.clipboard().text() == ""
