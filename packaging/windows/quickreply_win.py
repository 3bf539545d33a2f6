"""QuickReply.exe: the frozen app's entry point (PyInstaller, no console window).

A windowed program has no stderr: the event log goes to
%APPDATA%\\QuickReply\\logs\\quickreply.log instead, and anything unexpected
ends as a short message box and a crash file in the same folder, never as a
traceback on the agent's screen.
"""

from __future__ import annotations

import sys
import traceback
from datetime import datetime
from typing import TextIO

LOG_LIMIT = 1_000_000  # bytes; a bigger log starts over (the last one is kept as .1)


class _Tee:
    """Writes to the log file and to the stream the app was given (if started from a console)."""

    def __init__(self, *streams: TextIO) -> None:
        self.streams = streams

    def write(self, text: str) -> int:
        for stream in self.streams:
            try:
                stream.write(text)
                stream.flush()
            except (OSError, ValueError):
                pass
        return len(text)

    def flush(self) -> None:
        pass


def _open_log() -> None:
    """The event log always goes to the log file (support asks agents for it)."""
    from quickreply.core.storage import data_dir

    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "quickreply.log"
    if path.exists() and path.stat().st_size > LOG_LIMIT:
        path.replace(folder / "quickreply.log.1")
    log = open(path, "a", encoding="utf-8", buffering=1)  # noqa: SIM115 - lives as long as the app
    sys.stderr = _Tee(log, sys.stderr) if sys.stderr is not None else log  # type: ignore[assignment]
    if sys.stdout is None:
        sys.stdout = log


def _tell(message: str) -> None:
    import ctypes

    ctypes.windll.user32.MessageBoxW(None, message, "快捷回复 QuickReply", 0x10)


def main() -> int:
    try:
        _open_log()
        from quickreply.cli import main as cli_main

        return cli_main(sys.argv[1:])
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0
    except BaseException as exc:
        details = traceback.format_exc()
        where = "?"
        try:
            from quickreply.core.storage import data_dir

            crash = data_dir() / "logs" / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
            crash.parent.mkdir(parents=True, exist_ok=True)
            crash.write_text(details, encoding="utf-8")
            where = str(crash)
        except Exception:
            pass
        _tell(
            f"快捷回复无法启动：{exc.__class__.__name__}: {exc}\n\n"
            f"详细信息已保存到 {where}，请发给技术支持。"
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
