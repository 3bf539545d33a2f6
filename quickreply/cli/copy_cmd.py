"""`quickreply copy ID`: render a reply and put it on the clipboard (for scripts)."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "render a reply and copy it to the clipboard"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.cli._common import add_pack_option

    parser.add_argument("id", help="the reply's global id, pack-id/reply-id")
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value for a blank, e.g. --set 身高=170 (repeatable)",
    )
    parser.add_argument("--print", action="store_true", help="also print the text")
    add_pack_option(parser)


def run(args: argparse.Namespace) -> int:
    import pyperclip

    from quickreply.cli._common import UserError, load_library
    from quickreply.core import render

    values: dict[str, str] = {}
    for item in args.set:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UserError(f'--set "{item}": write NAME=VALUE, e.g. --set 身高=170')
        values[name.strip()] = value
    library = load_library(args.pack)
    reply = library.get(args.id)
    if reply is None:
        raise UserError(f'no reply "{args.id}"; `quickreply list` shows the ids')
    try:
        current = pyperclip.paste()
    except pyperclip.PyperclipException:
        current = ""
    try:
        text = render.render(reply.text, values, render.builtin_values(clipboard=current))
    except render.MissingValues as exc:
        raise UserError(
            f"{exc}: give them with " + " ".join(f"--set {n}=..." for n in exc.names)
        ) from None
    try:
        pyperclip.copy(text)
    except pyperclip.PyperclipException as exc:
        raise UserError(f"cannot reach the clipboard: {exc}") from None
    if args.print:
        print(text)
    return EXIT_OK
