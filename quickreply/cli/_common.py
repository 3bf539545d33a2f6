"""What the verbs share: loading a library from `--pack` options, errors, output."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable, Sequence
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
    from quickreply.core import crashlog

    _say(f"quickreply: {crashlog.describe(exc)}")
    return EXIT_PROBLEMS


def _say(message: str) -> None:
    with contextlib.suppress(Exception):
        print(message, file=sys.stderr)
