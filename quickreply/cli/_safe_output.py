"""What the command line prints is safe for a terminal, and a failing output says so.

Titles, ids, messages and texts come from packs that anyone may have written:
an escape sequence in a title could clear the screen or retitle the window,
and a direction override could make a line read differently. Every write to
stdout and stderr goes through `SafeStream`, which shows such characters as
`\\u202e`-style escapes (newlines and tabs stay). JSON output is escaped
before (`print_json`), so it stays valid JSON.
"""

from __future__ import annotations

import contextlib
import os
import sys
from typing import Any, TextIO

from quickreply.core.invisible import escape_for_terminal


class OutputError(OSError):
    """Writing to stdout or stderr failed (a full disk, a device error): not a bug."""


class SafeStream:
    """A text stream that escapes invisible, control and direction characters."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            self._stream.write(escape_for_terminal(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc.errno, exc.strerror) from exc

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def install() -> tuple[Any, Any]:
    """Wrap sys.stdout and sys.stderr; returns the originals for `restore`."""
    originals = (sys.stdout, sys.stderr)
    if sys.stdout is not None and not isinstance(sys.stdout, SafeStream):
        sys.stdout = SafeStream(sys.stdout)  # type: ignore[assignment]
    if sys.stderr is not None and not isinstance(sys.stderr, SafeStream):
        sys.stderr = SafeStream(sys.stderr)  # type: ignore[assignment]
    return originals


def restore(originals: tuple[Any, Any]) -> None:
    sys.stdout, sys.stderr = originals


def silence_stdout() -> None:
    """Point stdout at nothing, so the interpreter's last flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(devnull)
