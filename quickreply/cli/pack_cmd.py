"""`quickreply pack check FILE...`: validate packs before handing them out."""

from __future__ import annotations

import argparse
import sys

from quickreply.cli import EXIT_OK, EXIT_PROBLEMS

HELP = "work with pack files (check)"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="pack_verb", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="validate pack files and report every problem")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--quiet", "-q", action="store_true", help="print problems only")


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.core.packs import check_pack

    failed = False
    for name in args.files:
        result = check_pack(Path(name))
        for problem in result.problems:
            print(problem, file=sys.stderr if problem.level == "error" else sys.stdout)
        if result.ok and result.pack is not None:
            if not args.quiet:
                pack = result.pack
                print(
                    f"{name}: ok: {pack.id} {pack.version}, {len(pack.replies)} replies, "
                    f"{len(pack.flows)} flows, {len(pack.rules)} rules"
                    + (f", {len(result.warnings)} warnings" if result.warnings else "")
                )
        else:
            failed = True
            print(f"{name}: {len(result.errors)} errors", file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK
