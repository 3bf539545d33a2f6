"""`quickreply suggest MESSAGE`: the replies for what a buyer wrote (智能推荐)."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "suggest replies for a buyer's message (paste what the buyer wrote)"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.cli._common import add_pack_option

    parser.add_argument(
        "message", nargs="+", help="the buyer's message, or - to read it from stdin"
    )
    add_pack_option(parser)
    parser.add_argument("--limit", type=int, default=10, help="at most this many hits (10)")
    parser.add_argument("--json", action="store_true", help="print a JSON array, best first")


def run(args: argparse.Namespace) -> int:
    import sys

    from quickreply.cli._common import load_library
    from quickreply.cli.search_cmd import print_hits
    from quickreply.core.errors import UserError
    from quickreply.core.search import SearchIndex

    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    message = sys.stdin.read() if args.message == ["-"] else " ".join(args.message)
    library = load_library(args.pack)
    hits = SearchIndex(library.replies).suggest(message, limit=args.limit)
    print_hits(hits, as_json=args.json)
    return EXIT_OK
