"""Another program's clipboard: text AND an image, offered until this process ends.

Run: python clipboard_owner.py READY_FILE TEXT [--timeout S]
Writes READY_FILE once it owns the clipboard.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("ready", type=Path)
    parser.add_argument("text")
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()

    app = QApplication([sys.argv[0]])
    image = QImage(24, 16, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 60))
    for x in range(24):
        image.setPixelColor(x, x % 16, QColor(10, 220, 90))  # not one flat colour
    data = QMimeData()
    data.setText(args.text)
    data.setImageData(image)
    app.clipboard().setMimeData(data)
    # Losing ownership (someone else copied) is part of the test: just keep running.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    ticker = QTimer()
    ticker.start(100)
    ticker.timeout.connect(lambda: None)
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    QTimer.singleShot(0, lambda: args.ready.write_text("ready", encoding="utf-8"))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
