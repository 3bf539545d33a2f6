"""`quickreply subscriptions [--update]`: list subscriptions; fetch and check them now."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quickreply.cli import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from quickreply.core.library import Subscription, SubscriptionReport

HELP = "list your subscriptions; --update fetches and checks every source now"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--update", action="store_true", help="fetch and check every source now")
    parser.add_argument(
        "--allow-downgrade",
        action="store_true",
        help="with --update: let an older version replace a newer one this time",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def _when(stamp: float) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M") if stamp else "never"


def describe(sub: Subscription) -> str:
    signed = ", signed by pinned key" if sub.key else ""
    state = f"  PROBLEM: {sub.error}" if sub.error else ""
    return (
        f"{sub.id}  {sub.kind:<6} {sub.source}\n"
        f"    packs: {', '.join(sub.packs) or '-'}{signed}; "
        f"checked {_when(sub.checked_at)}, updated {_when(sub.updated_at)}{state}"
    )


def print_report(report: SubscriptionReport) -> None:
    import sys

    from quickreply.core.library import format_diff

    sub = report.subscription
    if report.error:
        print(f"{sub.id}: {report.error} (the last good copy stays in use)", file=sys.stderr)
    if report.not_modified:
        print(f"{sub.id}: not modified")
    for p in report.packs:
        if p.outcome == "refused":
            print(f"{sub.id}: {p.message}", file=sys.stderr)
            for problem in p.problems[1:]:
                print(f"    {problem}", file=sys.stderr)
        elif p.outcome == "new":
            print(f"{sub.id}: added {p.pack_id} {p.new_version}")
        elif p.outcome == "unchanged":
            print(f"{sub.id}: {p.pack_id} {p.new_version} unchanged")
        else:
            print(f"{sub.id}: updated {p.pack_id} {p.old_version} -> {p.new_version}")
            if p.diff is not None:
                for line in format_diff(p.diff)[1:]:
                    print(line)
            for uid in p.flagged:
                print(f"    your override of {uid} needs a look: `quickreply review {uid}`")


def run(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from quickreply.cli._common import UserError, print_json
    from quickreply.core.library import SubscriptionsFileError, list_subscriptions, update_all

    try:
        if args.update:
            reports = update_all(allow_downgrade=args.allow_downgrade)
            subs = [r.subscription for r in reports]
        else:
            reports = []
            subs = list_subscriptions()
    except SubscriptionsFileError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print_json([asdict(s) for s in subs])
    else:
        if not subs:
            print("没有订阅 / no subscriptions: `quickreply subscribe SOURCE` adds one")
        for report in reports:
            print_report(report)
        if reports:
            print()
        for sub in subs:
            print(describe(sub))
    failed = any(r.error or r.refused for r in reports)
    return EXIT_PROBLEMS if failed else EXIT_OK
