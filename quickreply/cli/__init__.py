"""The `quickreply` command.

Each verb lives in its own module with `HELP`, `configure(parser)` and
`run(args) -> int`; a module is imported only when its verb runs (or for
`--help`), and keeps its heavy imports inside `run`, so start-up stays fast.

Exit codes: 0 fine, 1 the input has problems, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from types import ModuleType

from quickreply import __version__

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2

# verb -> module under quickreply.cli
VERBS: dict[str, str] = {
    "run": "run_cmd",
    "toggle": "toggle_cmd",
    "search": "search_cmd",
    "list": "list_cmd",
    "copy": "copy_cmd",
    "lint": "lint_cmd",
    "pack": "pack_cmd",
    "import": "import_cmd",
    "export": "export_cmd",
    "stats": "stats_cmd",
    "subscribe": "subscribe_cmd",
    "subscriptions": "subscriptions_cmd",
    "unsubscribe": "unsubscribe_cmd",
    "review": "review_cmd",
}


def _load(verb: str) -> ModuleType:
    return importlib.import_module(f"quickreply.cli.{VERBS[verb]}")


def _parser(verbs: Sequence[str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quickreply",
        description="快捷回复助手 QuickReply: quick replies for shop customer service. "
        "With no verb, starts the tray app.",
    )
    parser.add_argument("--version", action="version", version=f"quickreply {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    for verb in verbs:
        module = _load(verb)
        verb_parser = sub.add_parser(verb, help=module.HELP, description=module.HELP)
        module.configure(verb_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdio()
    first = next((a for a in args_in if not a.startswith("-")), None)
    if not args_in or (first is None and not _asks_help_or_version(args_in)):
        args_in = ["run", *args_in]
        first = "run"
    # Build only the verb being run; `--help` and unknown verbs need them all.
    verbs = [first] if first in VERBS and not _asks_top_help(args_in, first) else list(VERBS)
    args = _parser(verbs).parse_args(args_in)
    if args.verb is None:
        _parser(list(VERBS)).print_help()
        return EXIT_USAGE
    from quickreply.cli import _safe_output
    from quickreply.cli._common import guarded

    originals = _safe_output.install()
    try:
        return guarded(_load(args.verb).run, args)
    finally:
        _safe_output.restore(originals)


def _asks_help_or_version(args: Sequence[str]) -> bool:
    return any(a in ("-h", "--help", "--version") for a in args)


def _asks_top_help(args: Sequence[str], first: str) -> bool:
    index = args.index(first)
    return _asks_help_or_version(args[:index])


def _utf8_stdio() -> None:
    # Windows consoles default to a legacy code page; replies are Chinese and emoji.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(encoding="utf-8", errors="replace")
