"""`quickreply list`: every reply of the library."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "list the replies of the library"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.cli._common import add_pack_option

    add_pack_option(parser)
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import load_library, print_json

    library = load_library(args.pack)
    if args.json:
        print_json(
            [
                {
                    "id": r.uid,
                    "title": r.title,
                    "pack": r.pack_id,
                    "scenario": r.scenario,
                    "codes": list(r.codes),
                    "tags": list(r.tags),
                    "text": r.text,
                }
                for r in library.replies
            ]
        )
        return EXIT_OK
    for r in library.replies:
        codes = f" [{', '.join(r.codes)}]" if r.codes else ""
        print(f"{r.uid}{codes}  {r.scenario or '-'}  {r.title}")
    return EXIT_OK
