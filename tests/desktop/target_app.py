"""A stand-in chat window: "QR Target", a text box that reports itself to a file.

Run: python target_app.py STATE_FILE [--title T] [--app-name N] [--timeout S] [--read-only]
The state file (JSON, replaced atomically) holds the window id, whether the
window is active, and the exact text, rewritten on every change.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("state", type=Path)
    parser.add_argument("--title", default="QR Target")
    parser.add_argument("--app-name", default="qrtarget")
    parser.add_argument("--timeout", type=float, default=120.0)
    parser.add_argument("--read-only", action="store_true", help="a window that never pastes")
    args = parser.parse_args()

    app = QApplication([sys.argv[0]])
    app.setApplicationName(args.app_name)
    app.setDesktopFileName(args.app_name)
    edit = QPlainTextEdit()
    edit.setWindowTitle(args.title)
    edit.resize(500, 300)
    edit.setReadOnly(args.read_only)

    def write_state() -> None:
        state = {
            "wid": int(edit.winId()),
            "active": edit.isActiveWindow(),
            "text": edit.toPlainText(),
            "pid": os.getpid(),
        }
        tmp = args.state.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, args.state)

    edit.textChanged.connect(write_state)
    app.focusChanged.connect(lambda *_: write_state())
    app.aboutToQuit.connect(write_state)
    # SIGTERM from the test: quit through Qt so the last state is written.
    signal.signal(signal.SIGTERM, lambda *_: app.quit())
    ticker = QTimer()
    ticker.start(100)  # lets Python run its signal handlers while Qt waits
    ticker.timeout.connect(lambda: None)
    QTimer.singleShot(int(args.timeout * 1000), app.quit)
    edit.show()
    edit.activateWindow()
    QTimer.singleShot(0, write_state)
    code = app.exec()
    # Skip interpreter teardown: PySide6 can crash while collecting a process
    # that served the clipboard, and everything worth keeping is written.
    os._exit(code)


if __name__ == "__main__":
    sys.exit(main())
