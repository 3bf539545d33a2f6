"""Runs inside a terminal under test: records exactly what the terminal types into it.

Run: term_reader.py STATE_FILE  (as the terminal's command: xterm -e ..., xfce4-terminal -x ...)
The tty is put in raw mode, so a paste arrives byte for byte (terminals send
a line break as CR). The state file (JSON, replaced atomically) holds the text
so far, the terminal's window id ($WINDOWID) and this process's id.
"""

from __future__ import annotations

import json
import os
import sys
import termios
import tty
from pathlib import Path


def main() -> int:
    state = Path(sys.argv[1])
    fd = sys.stdin.fileno()
    old = termios.tcgetattr(fd)
    tty.setraw(fd)
    received = b""

    def write() -> None:
        data = {
            "text": received.decode("utf-8", errors="replace"),
            "wid": int(os.environ.get("WINDOWID") or 0),
            "pid": os.getpid(),
        }
        tmp = state.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, state)

    try:
        write()
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                return 0
            received += chunk
            write()
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, old)


if __name__ == "__main__":
    sys.exit(main())
