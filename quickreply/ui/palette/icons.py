"""The lint levels' icons, drawn with QPainter: no emoji from a font the machine may lack.

A Windows PC without a colour-emoji font showed ⛔ as an empty box. These are
painted shapes (a red no-entry disc, an amber triangle, a blue disc), so they
look the same everywhere; `img_html` puts one into a rich-text label as a
data URL, which QLabel and QTextEdit both load.
"""

from __future__ import annotations

import base64
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen, QPixmap

COLOURS = {"error": "#d50000", "warning": "#f29900", "info": "#1e88e5"}


def draw(level: str, size: int = 16) -> QImage:
    """The icon for `level` ("error", "warning", anything else: info), `size` pixels square."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 16.0
    colour = QColor(COLOURS.get(level, COLOURS["info"]))
    white = QPen(QColor("#ffffff"), 2.0 * s)
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    if level == "error":  # a no-entry sign: a disc with a white bar
        painter.drawEllipse(QRectF(0.5 * s, 0.5 * s, 15 * s, 15 * s))
        painter.setPen(white)
        painter.drawLine(QPointF(4.5 * s, 8 * s), QPointF(11.5 * s, 8 * s))
    elif level == "warning":  # a triangle with an exclamation mark
        path = QPainterPath()
        path.moveTo(8 * s, 0.8 * s)
        path.lineTo(15.4 * s, 14.6 * s)
        path.lineTo(0.6 * s, 14.6 * s)
        path.closeSubpath()
        painter.drawPath(path)
        painter.setPen(white)
        painter.drawLine(QPointF(8 * s, 5.5 * s), QPointF(8 * s, 9.5 * s))
        painter.drawPoint(QPointF(8 * s, 12.3 * s))
    else:  # information: a disc with an "i"
        painter.drawEllipse(QRectF(0.5 * s, 0.5 * s, 15 * s, 15 * s))
        painter.setPen(white)
        painter.drawPoint(QPointF(8 * s, 4.6 * s))
        painter.drawLine(QPointF(8 * s, 7.5 * s), QPointF(8 * s, 11.8 * s))
    painter.end()
    return image


def pixmap(level: str, size: int = 16) -> QPixmap:
    return QPixmap.fromImage(draw(level, size))


@cache
def img_html(level: str, size: int = 14) -> str:
    """An `<img>` of the icon for rich text (drawn at twice the size, for sharp HiDPI)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    draw(level, size * 2).save(buffer, "PNG")  # type: ignore[call-overload]  # PySide6 takes str
    encoded = base64.b64encode(bytes(data.data())).decode("ascii")
    return (
        f'<img src="data:image/png;base64,{encoded}" width="{size}" height="{size}"'
        ' style="vertical-align:middle">'
    )
