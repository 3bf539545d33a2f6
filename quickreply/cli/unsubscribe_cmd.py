"""`quickreply unsubscribe ID`: stop following a source; its packs leave the library."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "stop a subscription (by its id or source); your own replies stay"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help="as `quickreply subscriptions` lists it")


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError
    from quickreply.core.library import SubscriptionsFileError, unsubscribe

    try:
        sub = unsubscribe(args.id)
    except KeyError:
        raise UserError(
            f'no subscription "{args.id}": `quickreply subscriptions` lists them'
        ) from None
    except SubscriptionsFileError as exc:
        raise UserError(str(exc)) from None
    packs = ", ".join(sub.packs) or "no packs"
    print(f"unsubscribed {sub.id}: {sub.source} ({packs} removed; a copy is in backups/)")
    return EXIT_OK
