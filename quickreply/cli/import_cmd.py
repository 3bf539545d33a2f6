"""`quickreply import FILE...`: subscribe to team packs, keeping the agent's own replies."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK, EXIT_PROBLEMS

HELP = "import team packs into your library (your own replies are kept)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="pack files from your team lead")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from quickreply.core.library import subscribe
    from quickreply.core.packs import PackError

    failed = imported = False
    for name in args.files:
        try:
            pack = subscribe(Path(name))
        except PackError as exc:
            failed = True
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            print(f"{name}: not imported; your library is unchanged", file=sys.stderr)
            continue
        print(f"{name}: imported {pack.id} {pack.version} ({len(pack.replies)} replies)")
        imported = True
    if imported:
        _tell_the_running_app()
    return EXIT_PROBLEMS if failed else EXIT_OK


def _tell_the_running_app() -> None:
    """A running QuickReply reads its packs again and says what changed, or why it did not."""
    import sys

    from quickreply.desktop import request

    answer = request(None, "reload")
    if answer is None:
        print("QuickReply is not running: it will use the imported packs when it starts")
    elif answer.ok:
        print(f"the running QuickReply reloaded: {answer.message}")
    else:
        print(f"the running QuickReply could not reload: {answer.message}", file=sys.stderr)
        print("the import is saved; restart QuickReply to use it", file=sys.stderr)
