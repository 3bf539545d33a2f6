"""`quickreply run`: start the tray app (the default with no verb)."""

from __future__ import annotations

import argparse

HELP = "start the tray app (the default with no verb)"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.cli._common import add_pack_option

    add_pack_option(parser)
    parser.add_argument(
        "--log-json", action="store_true", help="log one JSON object per event on stderr"
    )


def run(args: argparse.Namespace) -> int:
    # A second launch hands over to the running app and opens its palette.
    from quickreply.ui.app import main

    return main(packs=args.pack, log_json=args.log_json)
