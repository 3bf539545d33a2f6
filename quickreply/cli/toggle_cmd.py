"""`quickreply toggle`: open the palette of the running app (bind it to a shortcut).

Where global hotkeys cannot be grabbed (Wayland), bind this command to a
keyboard shortcut in the desktop's settings.
"""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "open or close the search palette of the running app"


def configure(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError
    from quickreply.desktop import send_to_running

    if not send_to_running(None, "toggle"):
        raise UserError("QuickReply is not running; start it with `quickreply` first")
    return EXIT_OK
