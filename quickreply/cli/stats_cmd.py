"""`quickreply stats`: use, time saved and red lines caught on this PC; the team report.

- `quickreply stats [--since DATE] [--format table|csv|json]`: this PC
- `quickreply stats export FILE`: the figures to hand to the team lead
- `quickreply stats merge FILE... --out report.html`: one offline page for the team
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from quickreply.cli import EXIT_OK

if TYPE_CHECKING:
    from quickreply.core.usage.report import UsageSummary

HELP = "replies used, time saved and red lines caught; export and merge team reports"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--since", metavar="DATE", help="only from this day on (YYYY-MM-DD)")
    parser.add_argument("--format", choices=("table", "csv", "json"), default="table")
    parser.add_argument("--json", action="store_true", help="same as --format json")
    parser.add_argument("--limit", type=int, default=20, help="at most this many rows (20)")
    sub = parser.add_subparsers(dest="stats_verb", metavar="ACTION")
    export = sub.add_parser("export", help="write this PC's figures for the team lead")
    export.add_argument("file", metavar="FILE")
    export.add_argument("--since", dest="export_since", metavar="DATE")
    merge = sub.add_parser("merge", help="merge exports from many PCs into one HTML report")
    merge.add_argument("files", nargs="+", metavar="FILE")
    merge.add_argument("--out", required=True, metavar="report.html")
    merge.add_argument(
        "--lang", choices=("zh", "en"), help="the page's language (default: your UI language)"
    )


def _since(text: str | None) -> float | None:
    from datetime import datetime

    from quickreply.cli._common import UserError

    if not text:
        return None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        raise UserError(f'--since "{text}": write a date as YYYY-MM-DD, e.g. 2026-11-01') from None


def _summary(since: float | None) -> UsageSummary:
    from quickreply.cli._common import load_library
    from quickreply.core import settings as settings_mod
    from quickreply.core.usage import UsageStore
    from quickreply.core.usage.report import summarize

    library = load_library([])
    cpm = int(settings_mod.load()[0]["typing_speed_cpm"])
    with UsageStore() as usage:
        for notice in usage.notices:  # a damaged database was set aside: say so
            print(notice, file=sys.stderr)
        return summarize(usage, library.packs, since=since, cpm=cpm)


def run(args: argparse.Namespace) -> int:
    from quickreply.cli._common import UserError

    if args.stats_verb == "export":
        return _export(args)
    if args.stats_verb == "merge":
        return _merge(args)
    if args.limit < 1:
        raise UserError("--limit must be at least 1")
    summary = _summary(_since(args.since))
    fmt = "json" if args.json else args.format
    rows = [_row(r) for r in summary.rows[: args.limit]]
    if fmt == "json":
        from quickreply.cli._common import print_json

        print_json(rows)
    elif fmt == "csv":
        _print_csv(rows)
    else:
        _print_table(summary, rows)
    return EXIT_OK


def _row(r: Any) -> dict[str, Any]:
    from datetime import datetime

    return {
        "id": r.uid,
        "title": r.title,  # None: no longer in the library
        "count": r.uses,
        "last_used": datetime.fromtimestamp(r.last_used).isoformat(timespec="seconds"),
        "chars": r.chars,
        "seconds_saved": round(r.seconds_saved, 1),
    }


def _print_csv(rows: list[dict[str, Any]]) -> None:
    import csv
    import sys

    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["id", "title", "count", "last_used", "chars", "seconds_saved"])
    for row in rows:
        writer.writerow([row[k] if row[k] is not None else "" for k in row])


def _print_table(summary: UsageSummary, rows: list[dict[str, Any]]) -> None:
    if not rows:
        print("还没有使用记录 / no pastes counted yet")
    for row in rows:
        title = row["title"] or "(已不在回复库中 / no longer in the library)"
        print(f"{row['count']:>5}  {row['last_used']}  {row['id']}  {title}")
    if summary.rows:
        minutes = summary.total_seconds_saved / 60
        print(
            f"共 {summary.total_uses} 次 / uses, {summary.total_chars} 字 / characters, "
            f"省下约 {minutes:.0f} 分钟 / minutes saved at {summary.cpm} characters a minute"
        )
    for catch in summary.catches[:10]:
        print(f"红线拦截 / caught {catch.count:>4}  {catch.rule}  {catch.message}")


def _export(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.core import settings as settings_mod
    from quickreply.core.usage.report import write_export

    summary = _summary(_since(args.export_since))
    agent = str(settings_mod.load()[0]["agent"])
    write_export(Path(args.file), summary, agent)
    print(
        f"{args.file}: {summary.total_uses} uses, {len(summary.rows)} replies, "
        f"{summary.total_catches} red-line catches (no chat text is in the file)"
    )
    return EXIT_OK


def _merge(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.cli._common import UserError
    from quickreply.core import storage
    from quickreply.core.usage.html import render_report
    from quickreply.core.usage.report import ExportError, load_export, merge_exports

    exports = []
    for name in args.files:
        try:
            exports.append(load_export(Path(name)))
        except ExportError as exc:
            raise UserError(str(exc)) from None
    report = merge_exports(exports)
    lang = args.lang
    if lang is None:
        from quickreply.core import settings as settings_mod

        lang = "en" if settings_mod.load()[0]["language"] == "en" else "zh"
    storage.atomic_write_text(Path(args.out), render_report(report, lang))
    print(
        f"{args.out}: {len(report.agents)} agents, {sum(n for _u, _t, n in report.most_used)} "
        f"uses, {len(report.never_used)} replies never used"
    )
    return EXIT_OK
