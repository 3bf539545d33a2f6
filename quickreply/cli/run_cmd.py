"""`quickreply run`: start the tray app."""

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
    from quickreply.cli._common import UserError

    raise UserError("the tray app is not built yet; use `quickreply search` meanwhile")
