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

    failed = False
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
    return EXIT_PROBLEMS if failed else EXIT_OK
