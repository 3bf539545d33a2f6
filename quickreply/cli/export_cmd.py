"""`quickreply export SOURCE --format ... --out FILE`: your replies or a pack, in any format.

SOURCE is `personal` (your own replies), a pack file, or the id of a pack in
your library. Qianniu's format is written in GB18030 with its exact header,
ready for Qianniu's 快捷短语 import.
"""

from __future__ import annotations

import argparse

from quickreply.cli import EXIT_OK

HELP = "export your own replies or a pack as Qianniu CSV, CSV, JSON or TOML"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.core.exchange import FORMATS

    parser.add_argument(
        "source", metavar="SOURCE", help='"personal", a pack file, or a pack id from your library'
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    parser.add_argument(
        "--format", choices=FORMATS, help="default: from the --out name (.csv is csv, ...)"
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.cli._common import UserError
    from quickreply.core import storage
    from quickreply.core.exchange import export_bytes
    from quickreply.core.library import Library, load_personal
    from quickreply.core.packs import load_pack

    source = Path(args.source)
    if args.source == "personal":
        pack = load_personal()
    elif source.is_file():
        pack = load_pack(source)
    else:
        found = Library.load().pack(args.source)
        if found is None:
            raise UserError(
                f'"{args.source}" is neither a pack file nor a pack in your library '
                "(`quickreply list` shows pack ids)"
            )
        pack = found
    out = Path(args.out)
    if out.is_dir():
        raise UserError(f"{out} is a folder: give a file name, e.g. {out / 'mine.csv'}")
    fmt = args.format or {".json": "json", ".csv": "csv", ".toml": "toml"}.get(
        out.suffix.lower(), "toml"
    )
    storage.atomic_write_bytes(out, export_bytes(pack, fmt))
    print(f"{out}: wrote {pack.id} {pack.version} as {fmt} ({len(pack.replies)} replies)")
    return EXIT_OK
