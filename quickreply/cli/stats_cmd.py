"""`quickreply stats`: which replies the agent uses most (counted at each paste)."""

from __future__ import annotations

import argparse
import sys

from quickreply.cli import EXIT_OK

HELP = "show the most used replies, from the paste counts kept on this PC"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=20, help="at most this many (20)")
    parser.add_argument("--json", action="store_true", help="print a JSON array")


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from quickreply.cli._common import UserError, load_library, print_json
    from quickreply.core.usage import UsageStore

    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    library = load_library([])
    with UsageStore() as usage:
        top = usage.top(args.limit)
        for notice in usage.notices:
            print(notice, file=sys.stderr)
    rows = []
    for stat in top:
        reply = library.get(stat.uid)
        rows.append(
            {
                "id": stat.uid,
                "title": reply.title if reply else None,  # None: no longer in the library
                "count": stat.count,
                "last_used": datetime.fromtimestamp(stat.last_used).isoformat(timespec="seconds"),
            }
        )
    if args.json:
        print_json(rows)
        return EXIT_OK
    if not rows:
        print("还没有使用记录 / no pastes counted yet")
    for row in rows:
        title = row["title"] or "(已不在回复库中 / no longer in the library)"
        print(f"{row['count']:>5}  {row['last_used']}  {row['id']}  {title}")
    return EXIT_OK
