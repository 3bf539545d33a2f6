"""`quickreply search QUERY`: find replies from the command line."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quickreply.cli import EXIT_OK

if TYPE_CHECKING:
    from quickreply.core.search import Hit

HELP = "search the library (Chinese, pinyin, initials or a shortcut code)"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.cli._common import add_pack_option

    parser.add_argument("query", nargs="+", help="what to look for")
    add_pack_option(parser)
    parser.add_argument("--limit", type=int, default=10, help="at most this many hits (10)")
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import load_library
    from quickreply.core.errors import UserError
    from quickreply.core.search import SearchIndex

    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    library = load_library(args.pack)
    hits = SearchIndex(library.replies).search(" ".join(args.query), limit=args.limit)
    print_hits(hits, as_json=args.json)
    return EXIT_OK


def print_hits(hits: Sequence[Hit], *, as_json: bool) -> None:
    """The output `search` and `suggest` share: a JSON array, or one line per hit."""
    from quickreply.cli._common import print_json

    if as_json:
        print_json(
            [
                {
                    "id": h.reply.uid,
                    "title": h.reply.title,
                    "score": round(h.score, 2),
                    "pack": h.reply.pack_id,
                    "scenario": h.reply.scenario,
                }
                for h in hits
            ]
        )
        return
    if not hits:
        print("没有找到 / no match")
    for h in hits:
        codes = f" [{', '.join(h.reply.codes)}]" if h.reply.codes else ""
        print(f"{h.reply.uid}{codes}  {h.reply.title}")
