"""`quickreply toggle`: open the palette of the running app (bind it to a shortcut)."""

from __future__ import annotations

import argparse

HELP = "open or close the search palette of the running app"


def configure(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError

    raise UserError("the tray app is not built yet")
