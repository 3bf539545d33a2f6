"""`quickreply lint`: check a text against the platform's red lines."""

from __future__ import annotations

import argparse

HELP = "check a text for red-line breaches and typos"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("text", nargs="?")


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError

    raise UserError("the linter is not built yet")
