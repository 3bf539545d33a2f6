"""`quickreply pack keygen|sign|diff`: a team lead's tools for publishing packs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quickreply.cli import EXIT_OK


def configure(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    keygen = sub.add_parser("keygen", help="make a signing key (keep the private file safe)")
    keygen.add_argument("key_file", metavar="KEYFILE", type=Path, help="private key to write")
    sign = sub.add_parser("sign", help="sign a pack: writes PACK.sig beside it")
    sign.add_argument("file", metavar="PACK", type=Path)
    sign.add_argument("--key", required=True, metavar="KEYFILE", type=Path, help="private key")
    diff = sub.add_parser("diff", help="what changed between two copies of a pack")
    diff.add_argument("old", metavar="OLD", type=Path)
    diff.add_argument("new", metavar="NEW", type=Path)
    diff.add_argument("--json", action="store_true", help="print JSON")


def keygen(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError
    from quickreply.core import storage
    from quickreply.core.library.signing import generate_key

    path: Path = args.key_file
    if path.exists():
        raise UserError(f"{path} exists: a signing key is never overwritten; choose another name")
    pem, public = generate_key()
    storage.atomic_write_bytes(path, pem)
    storage.atomic_write_text(path.with_name(path.name + ".pub"), public + "\n")
    print(f"private key: {path} (keep it; whoever has it can publish packs as you)")
    print(f"public key:  {public}")
    print(f"agents subscribe with: quickreply subscribe SOURCE --key {public}")
    return EXIT_OK


def sign(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError
    from quickreply.core import storage
    from quickreply.core.library.signing import SignatureError, sign_bytes, signature_path
    from quickreply.core.packs import PackError, load_pack

    try:
        load_pack(args.file)  # a broken pack is never signed
        data = args.file.read_bytes()
        pem = args.key.read_bytes()
        signature = sign_bytes(data, pem)
    except OSError as exc:
        raise UserError(f"{exc.filename}: cannot read ({exc.strerror})") from None
    except SignatureError as exc:
        raise UserError(f"{args.key}: {exc}") from None
    except PackError:
        raise
    target = signature_path(args.file)
    storage.atomic_write_text(target, signature.to_text())
    print(f"{target}: signed with key {signature.key}")
    print("publish both files together; any later change to the pack needs a new signature")
    return EXIT_OK


def diff(args: argparse.Namespace) -> int:
    from quickreply.cli._common import print_json
    from quickreply.core.library import diff_packs, format_diff
    from quickreply.core.packs import load_pack

    result = diff_packs(load_pack(args.old), load_pack(args.new))
    if args.json:
        kinds = {"replies": result.replies, "flows": result.flows, "rules": result.rules}
        print_json(
            {
                "pack": result.pack_id,
                "old_version": result.old_version,
                "new_version": result.new_version,
                "version_change": result.version_change,
                **{
                    name: {
                        "added": [e.id for e in k.added],
                        "changed": {c.id: list(c.fields) for c in k.changed},
                        "removed": [e.id for e in k.removed],
                    }
                    for name, k in kinds.items()
                },
            }
        )
    else:
        for line in format_diff(result):
            print(line)
    if result.version_change < 0:
        print("note: NEW is older than OLD", file=sys.stderr)
    return EXIT_OK
