"""Draw the tray icons (a speech bubble) with QPainter and save them as PNG.

Run `QT_QPA_PLATFORM=offscreen python resources/icons/make_icons.py` after a
change. These PNGs are the application's window icon; the tray draws the SVGs
beside them (tray-normal/paused/error.svg, with QtSvg, which PySide6-Essentials
ships), so its outline can follow a light or dark system.
"""

from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

HERE = Path(__file__).resolve().parent


def bubble(size: int, fill: str, out: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 64.0
    path = QPainterPath()
    path.addRoundedRect(QRectF(4 * s, 6 * s, 56 * s, 40 * s), 12 * s, 12 * s)
    tail = QPainterPath()
    tail.moveTo(QPointF(16 * s, 42 * s))
    tail.lineTo(QPointF(12 * s, 58 * s))
    tail.lineTo(QPointF(30 * s, 44 * s))
    tail.closeSubpath()
    path = path.united(tail)
    p.setPen(QPen(QColor("#ffffff"), 2.5 * s))
    p.setBrush(QColor(fill))
    p.drawPath(path)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#ffffff"))
    for x in (20, 32, 44):  # three dots: "typing a reply"
        p.drawEllipse(QPointF(x * s, 26 * s), 4.5 * s, 4.5 * s)
    p.end()
    image.save(str(out))


if __name__ == "__main__":
    app = QGuiApplication([])
    for size in (64, 128):
        suffix = "" if size == 64 else "@2x"
        bubble(size, "#ff5000", HERE / f"quickreply{suffix}.png")
        bubble(size, "#9e9e9e", HERE / f"quickreply-paused{suffix}.png")
