"""`quickreply export`: write your personal replies (or any pack) to a file."""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "export your own replies, or one pack of the library, to a TOML file"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("output", metavar="FILE", help="where to write the pack")
    parser.add_argument(
        "--pack-id", default="personal", help='which pack to export (default: "personal")'
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.cli._common import UserError
    from quickreply.core.library import Library, load_personal
    from quickreply.core.packs import write_pack

    if args.pack_id == "personal":
        pack = load_personal()
    else:
        found = Library.load().pack(args.pack_id)
        if found is None:
            raise UserError(f'no pack "{args.pack_id}" in the library')
        pack = found
    output = Path(args.output)
    if output.is_dir():
        raise UserError(f"{output} is a folder: give a file name, e.g. {output / 'mine.toml'}")
    write_pack(pack, output, backup=False)
    print(f"{output}: wrote {pack.id} {pack.version} ({len(pack.replies)} replies)")
    return EXIT_OK
