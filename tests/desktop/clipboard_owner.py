"""Another program's clipboard: text AND an image, offered until this process ends.

Run: python clipboard_owner.py READY_FILE TEXT [--timeout S] [--html H] [--kind K]
--kind: text-image (the default), text, html (text and HTML) or image (only an image).
Writes READY_FILE once it owns the clipboard.

With --commands FILE it keeps running and, for each line KIND appended to FILE,
copies that kind again (as the agent copying in another program) and writes
READY_FILE with the number of that line.
"""

from __future__ import annotations

import argparse
import os
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
    parser.add_argument("--size", default="24x16", help="image size, e.g. 1920x1080")
    parser.add_argument("--html", default="<p>原来复制的 <b>HTML</b></p>")
    parser.add_argument(
        "--kind", default="text-image", choices=["text-image", "text", "html", "image"]
    )
    parser.add_argument("--commands", type=Path, help="a file of kinds to copy, one a line")
    args = parser.parse_args()

    app = QApplication([sys.argv[0]])
    width, height = (int(n) for n in args.size.split("x"))
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 30, 60))
    for x in range(width):  # not one flat colour: encoders must do real work
        image.setPixelColor(x, (x * 7) % height, QColor(10, 220, (x * 13) % 256))

    def copy(kind: str) -> None:
        data = QMimeData()
        if kind != "image":
            data.setText(args.text)
        if kind == "html":
            data.setHtml(args.html)
        if kind in ("text-image", "image"):
            data.setImageData(image)
        app.clipboard().setMimeData(data)

    copy(args.kind)
    done = [0]

    def follow_commands() -> None:
        try:
            lines = args.commands.read_text(encoding="utf-8").splitlines()
        except OSError:
            return
        while done[0] < len(lines):
            copy(lines[done[0]].strip())
            done[0] += 1
            app.processEvents()
            args.ready.write_text(str(done[0]), encoding="utf-8")

    watcher = QTimer()
    if args.commands:
        watcher.timeout.connect(follow_commands)
        watcher.start(20)
    # Losing ownership (someone else copied) is part of the test: just keep running.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    ticker = QTimer()
    ticker.start(100)
    ticker.timeout.connect(lambda: None)
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    QTimer.singleShot(0, lambda: args.ready.write_text("ready", encoding="utf-8"))
    code = app.exec()
    # Skip interpreter teardown: PySide6 can crash while collecting a process
    # that served the clipboard, and everything worth keeping is written.
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
