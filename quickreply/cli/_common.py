"""What the verbs share: loading a library from `--pack` options, errors, output."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from quickreply.cli import EXIT_PROBLEMS
from quickreply.cli._safe_output import OutputError, silence_stdout
from quickreply.core.errors import UserError
from quickreply.core.library import Library
from quickreply.core.packs import PackError


def add_pack_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="FILE",
        type=Path,
        help="use this pack instead of the built-in library (repeatable)",
    )


def load_library(packs: Sequence[Path]) -> Library:
    """The library for a verb: the given packs only, or built-ins plus the agent's own."""
    library = Library.open(packs)
    personal = library.personal_problem
    for problem in library.problems:
        if personal is None or problem.path != str(personal.path):
            print(problem, file=sys.stderr)
    for notice in library.notices:  # files moved aside or recovered; the personal problem
        print(notice, file=sys.stderr)
    return library


def print_json(value: Any) -> None:
    from quickreply.core.invisible import escape_for_json

    print(escape_for_json(json.dumps(value, ensure_ascii=False, indent=2)))


def guarded(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a verb; user errors become a message and exit 1, never a traceback."""
    try:
        code = run(args)
        sys.stdout.flush()  # a full disk under stdout shows here, not at exit
        return code
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    except UserError as exc:
        print(f"quickreply: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        silence_stdout()
        return 0
    except OutputError as exc:  # a full disk or a device error under stdout
        silence_stdout()
        _say(
            f"quickreply: cannot write the output ({exc.strerror or exc}): "
            "free some disk space, or send the output somewhere else"
        )
        return EXIT_PROBLEMS
    except Exception as exc:
        return crashed(exc)


def crashed(exc: BaseException) -> int:
    """Report an internal error in one line and keep the details; never fails itself."""
    log = _write_crash_log()
    where = (
        f"Details were saved to {log}; please send that file to whoever supports you."
        if log is not None
        else "The details could not be saved anywhere."
    )
    try:
        summary = f"{exc.__class__.__name__}: {exc}"
    except Exception:  # an exception whose str() fails
        summary = exc.__class__.__name__
    _say(f"quickreply: internal error: {summary[:500]}\n{where}")
    return EXIT_PROBLEMS


def _say(message: str) -> None:
    with contextlib.suppress(Exception):
        print(message, file=sys.stderr)


def _write_crash_log() -> Path | None:
    """The traceback in logs/ of the data folder, else the temporary folder; None if neither."""
    try:
        details = traceback.format_exc()
    except Exception:
        details = "(the traceback could not be formatted)"
    name = f"quickreply-crash-{datetime.now():%Y%m%d-%H%M%S-%f}.txt"
    for folder in (_logs_folder, _temp_folder):
        try:
            target = folder()
            target.mkdir(parents=True, exist_ok=True)
            path = target / name
            path.write_text(details, encoding="utf-8", errors="replace")
            return path
        except Exception:
            continue
    return None


def _logs_folder() -> Path:
    from quickreply.core.storage import data_dir

    return data_dir() / "logs"


def _temp_folder() -> Path:
    import tempfile

    return Path(tempfile.gettempdir())
