"""`quickreply import FILE`: replies from Qianniu, a CSV, JSON or a TOML pack.

- a TOML pack (a team lead's) joins the library as a team pack, as before,
  with the checks of a subscription update (no silent downgrade);
- Qianniu, CSV and JSON rows are merged into your personal pack by a stated
  policy for replies you already have under the same id (`--on-conflict`);
- with `--out PACK.toml`, a new pack file is written instead, ready for
  `quickreply pack check` and for handing out.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from quickreply.cli import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from pathlib import Path

    from quickreply.core.model import Reply

HELP = "import replies (Qianniu CSV, CSV, JSON) or a team pack (TOML); your own replies stay"


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.core.exchange import FORMATS, POLICIES

    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=FORMATS, help="the file's format (detected if omitted)")
    parser.add_argument("--out", metavar="PACK.toml", help="write a new pack instead of merging")
    parser.add_argument("--pack-id", help="with --out: the new pack's id (from the file name)")
    parser.add_argument(
        "--on-conflict",
        choices=POLICIES,
        default="skip",
        help="a reply you already have under the same id, with other text: skip (keep yours, "
        "the default), overwrite (take the file's), keep-both (the file's under a new id)",
    )
    parser.add_argument(
        "--allow-downgrade", action="store_true", help="TOML packs: let an older version in"
    )


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from quickreply.cli._common import UserError
    from quickreply.core.exchange import detect_format, read_bytes

    if args.out and len(args.files) != 1:
        raise UserError("--out takes one input file")
    failed = changed = False
    for name in args.files:
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"{name}: cannot read ({exc.strerror})", file=sys.stderr)
            failed = True
            continue
        fmt = args.format or detect_format(path, data)
        if fmt == "toml" and not args.out:
            installed = _install(path, args.allow_downgrade)
            failed |= not installed
            changed |= installed
            continue
        result = read_bytes(data, name, fmt)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.errors or not result.replies:
            failed = True
            print(f"{name}: nothing imported; your library is unchanged", file=sys.stderr)
            continue
        if args.out:
            failed |= not _write_pack(result.replies, path, Path(args.out), args.pack_id)
        else:
            from quickreply.core.exchange import merge_into_personal

            summary = merge_into_personal(result.replies, args.on_conflict)
            changed |= bool(summary.added or summary.overwritten or summary.kept_both)
            print(
                f"{name}: {fmt} ({result.encoding}), {len(result.replies)} replies read: "
                f"{summary.line()}"
            )
            if summary.skipped:
                print(
                    f"  kept yours (use --on-conflict overwrite or keep-both to change): "
                    f"{', '.join(summary.skipped[:10])}"
                )
        failed |= bool(result.problems) and any(p.level == "error" for p in result.problems)
    if changed:
        _tell_the_running_app()
    return EXIT_PROBLEMS if failed else EXIT_OK


def _tell_the_running_app() -> None:
    """A running QuickReply reads its packs again and says what changed, or why it did not."""
    import sys

    from quickreply.desktop import request

    answer = request(None, "reload")
    if answer is None:
        print("QuickReply is not running: it will use the imported replies when it starts")
    elif answer.ok:
        print(f"the running QuickReply reloaded: {answer.message}")
    else:
        print(f"the running QuickReply could not reload: {answer.message}", file=sys.stderr)
        print("the import is saved; restart QuickReply to use it", file=sys.stderr)


def _install(path: Path, allow_downgrade: bool) -> bool:
    import sys

    from quickreply.core.library import install_pack
    from quickreply.core.packs import PackError

    try:
        pack = install_pack(path, allow_downgrade=allow_downgrade)
    except PackError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{path}: not imported; your library is unchanged", file=sys.stderr)
        return False
    print(f"{path}: imported {pack.id} {pack.version} ({len(pack.replies)} replies)")
    return True


def _write_pack(replies: list[Reply], src: Path, out_path: Path, pack_id: str | None) -> bool:
    import sys

    from quickreply.cli._common import UserError
    from quickreply.cli.pack_cmd import lint_pack
    from quickreply.core.exchange import new_pack, pack_id_for
    from quickreply.core.packs import check_text, dumps_pack
    from quickreply.core.packs.fields import ID_RE

    if out_path.is_dir():
        raise UserError(f"{out_path} is a folder: give a file name, e.g. {out_path / 'team.toml'}")
    pid = pack_id or pack_id_for(src.stem)
    if not ID_RE.match(pid) or pid == "personal":
        raise UserError(f'"{pid}" cannot be a pack id: use a-z, 0-9, ".", "_" and "-"')
    pack = new_pack(replies, pid, src.stem)
    text = dumps_pack(pack)
    checked = check_text(text, str(out_path))
    if not checked.ok:  # never write a pack that does not load
        for problem in checked.errors:
            print(problem, file=sys.stderr)
        return False
    from quickreply.core import storage

    storage.atomic_write_text(out_path, text)
    findings = lint_pack(pack, out_path)
    for problem in findings:
        print(problem, file=sys.stderr if problem.level == "error" else sys.stdout)
    print(f"{out_path}: wrote {pack.id} {pack.version} ({len(pack.replies)} replies)")
    errors = sum(p.level == "error" for p in findings)
    if errors:
        print(
            f"{out_path}: {errors} red-line errors in the texts: fix them before handing "
            "the pack out (`quickreply pack check` fails until then)",
            file=sys.stderr,
        )
    return not errors
