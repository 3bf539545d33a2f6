"""What the verbs share: loading a library from `--pack` options, errors, output."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from quickreply.cli import EXIT_PROBLEMS
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
    for problem in library.problems:
        print(problem, file=sys.stderr)
    return library


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def guarded(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a verb; user errors become a message and exit 1, never a traceback."""
    try:
        return run(args)
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
        return 0
    except Exception as exc:
        log = _write_crash_log()
        print(
            f"quickreply: internal error: {exc.__class__.__name__}: {exc}\n"
            f"Details were saved to {log}; please send that file to whoever supports you.",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS


def _write_crash_log() -> Path:
    from quickreply.core.storage import data_dir

    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
    path.write_text(traceback.format_exc(), encoding="utf-8")
    return path
