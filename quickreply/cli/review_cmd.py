"""`quickreply review [UID --keep-mine|--take-theirs]`: overrides to look at after a team update."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "your overrides of team replies the team changed: see, keep mine or take theirs"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("uid", nargs="?", metavar="PACK/REPLY", help="show or settle this one")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--keep-mine", action="store_true", help="keep your text; drop the flag")
    choice.add_argument(
        "--take-theirs", action="store_true", help="remove your override (a backup is kept)"
    )


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError
    from quickreply.core.library import (
        inline_changes,
        keep_mine,
        pending_reviews,
        review_diff,
        take_theirs,
    )

    if args.uid is None:
        if args.keep_mine or args.take_theirs:
            raise UserError("name the override: quickreply review PACK/REPLY --keep-mine")
        pending = pending_reviews()
        if not pending:
            print("没有需要复核的回复 / nothing to review")
        for r in pending:
            print(f"{r.uid}  ({r.old_version} -> {r.new_version})  {r.new_title}")
        return EXIT_OK
    try:
        if args.keep_mine:
            keep_mine(args.uid)
            print(f"{args.uid}: keeping your text")
        elif args.take_theirs:
            review = take_theirs(args.uid)
            print(f"{args.uid}: your override {review.personal_id} removed; the team text is used")
        else:
            d = review_diff(args.uid)
            print(
                f"{d.review.uid}: the team changed it ({d.review.old_version} -> "
                f"{d.review.new_version})"
            )
            print(f"  team change: {inline_changes(d.review.old_text, d.review.new_text)}")
            print(f"  yours:       {d.mine}")
            print(f"  yours -> theirs: {inline_changes(d.mine, d.review.new_text)}")
            print("  then: --keep-mine or --take-theirs")
    except KeyError as exc:
        raise UserError(f"{exc.args[0]}; `quickreply review` lists them") from None
    return EXIT_OK
