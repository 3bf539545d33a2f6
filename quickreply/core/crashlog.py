"""Where an internal error's details go: a handler that never fails itself.

The command line and the app both keep the traceback in `logs/` of the data
folder, or in the temporary folder when the data folder is what is broken
(a QUICKREPLY_HOME that is a file), and show the person one line naming the
file. Every step is guarded: a crash handler that crashes hides the first
error behind its own.
"""

from __future__ import annotations

import sys
import tempfile
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from quickreply.core import storage


def _logs_folder() -> Path:
    return storage.data_dir() / "logs"


def _temp_folder() -> Path:
    return Path(tempfile.gettempdir())


FOLDERS: list[Callable[[], Path]] = [_logs_folder, _temp_folder]


def write(details: str) -> Path | None:
    """Save `details` in the first folder that takes it; None if none does."""
    name = f"quickreply-crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
    for folder in FOLDERS:
        try:
            target = folder()
            target.mkdir(parents=True, exist_ok=True)
            path = target / name
            path.write_text(details, encoding="utf-8", errors="replace")
            return path
        except Exception:
            continue
    return None


def summary(exc: BaseException) -> str:
    """`Type: message` in at most 500 characters, even when str() itself fails."""
    try:
        text = f"{exc.__class__.__name__}: {exc}"
    except Exception:
        text = exc.__class__.__name__
    return text[:500]


def describe(exc: BaseException, tb: TracebackType | None = None) -> str:
    """One line for the person: what failed and where the details are."""
    try:
        details = "".join(traceback.format_exception(type(exc), exc, tb or exc.__traceback__))
    except Exception:
        details = "(the traceback could not be formatted)\n" + summary(exc)
    log = write(details)
    where = (
        f"Details were saved to {log}; please send that file to whoever supports you."
        if log is not None
        else "The details could not be saved anywhere."
    )
    return f"internal error: {summary(exc)}\n{where}"


def make_excepthook(
    report: Callable[[str], None],
) -> Callable[[type[BaseException], BaseException, TracebackType | None], None]:
    """A sys.excepthook for the app: log the details, tell the agent, keep running."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        try:
            if issubclass(exc_type, KeyboardInterrupt):
                sys.__excepthook__(exc_type, exc, tb)
                return
            report(describe(exc, tb))
        except Exception:  # the hook itself must never raise
            pass

    return hook
