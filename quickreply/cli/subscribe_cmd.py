"""`quickreply subscribe SOURCE`: follow a team pack file, a folder of packs or a URL."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "subscribe to a team pack: a file, a folder of packs or an http(s) URL"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="SOURCE", help="pack file, folder or http(s) URL")
    parser.add_argument(
        "--key",
        metavar="PUBLIC_KEY",
        help="accept only packs signed with this key (from `quickreply pack keygen`)",
    )
    parser.add_argument(
        "--allow-downgrade",
        action="store_true",
        help="let an older version replace a newer one (normally refused)",
    )


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError
    from quickreply.cli.subscriptions_cmd import print_report
    from quickreply.core.library import SourceError, SubscriptionsFileError, subscribe
    from quickreply.core.library.signing import SignatureError, check_public_key

    try:
        key = check_public_key(args.key) if args.key else None
        report = subscribe(args.source, key=key, allow_downgrade=args.allow_downgrade)
    except (SourceError, SubscriptionsFileError, SignatureError) as exc:
        raise UserError(str(exc)) from None
    if report.refused:
        print_report(report)
        raise UserError(f"{args.source}: not subscribed; your library is unchanged")
    sub = report.subscription
    print(f"subscribed {sub.id}: {sub.source}")
    print_report(report)
    return EXIT_OK
