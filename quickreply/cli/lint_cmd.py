"""`quickreply lint`: check a text against the platform's red lines.

    quickreply lint "亲,加我微信吧" --platform taobao
    echo "..." | quickreply lint - --format json
    quickreply lint --file draft.txt --pack team.toml --format line

Exit 1 when any error-level finding exists, 0 otherwise, 2 for wrong usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from quickreply.cli import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE

if TYPE_CHECKING:
    from quickreply.core.lint import Finding

HELP = "check a text for red-line breaches and typos"

FORMATS = ("text", "json", "line")


def configure(parser: argparse.ArgumentParser) -> None:
    from quickreply.core.model import PLATFORMS

    parser.add_argument(
        "text", nargs="?", metavar="TEXT", help='the text to check; "-" reads stdin'
    )
    parser.add_argument("--file", "-f", metavar="FILE", help="check this UTF-8 text file")
    parser.add_argument(
        "--pack",
        action="append",
        default=[],
        metavar="FILE",
        help="also apply the [[rule]] tables of this pack (repeatable)",
    )
    parser.add_argument(
        "--platform",
        "-p",
        default="generic",
        choices=PLATFORMS,
        metavar="P",
        help=f"the platform's profile: {', '.join(PLATFORMS)} (default: generic)",
    )
    parser.add_argument(
        "--format",
        default="text",
        choices=FORMATS,
        help="text: the message with markers; line: FILE:LINE:COL lines; json: an array",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.cli._common import print_json
    from quickreply.core.lint import Linter
    from quickreply.core.packs import load_pack

    if args.text is not None and args.file is not None:
        return _usage("give either TEXT or --file, not both")
    if args.file is not None:
        name = args.file
        try:
            text = Path(args.file).read_bytes().decode("utf-8").removeprefix("\ufeff")
        except OSError as exc:
            return _usage(f"cannot read {args.file}: {exc.strerror or exc}")
        except UnicodeDecodeError:
            return _usage(f"{args.file} is not UTF-8: save it as UTF-8 and try again")
    elif args.text is None or args.text == "-":
        if args.text is None and sys.stdin.isatty():
            return _usage('give a TEXT, "-" to read stdin, or --file FILE')
        name = "-"
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        if isinstance(data, str):
            text = data.removeprefix("\ufeff")
        else:
            try:
                text = data.decode("utf-8").removeprefix("\ufeff")
            except UnicodeDecodeError as exc:
                return _usage(
                    f"the text on stdin is not UTF-8 (byte {exc.start + 1}): "
                    "convert it to UTF-8 (e.g. iconv -f GBK -t UTF-8) and try again"
                )
    else:
        name = "<text>"
        text = args.text
    packs = [load_pack(Path(p)) for p in args.pack]
    findings = Linter.for_platform(args.platform, packs).lint(text)
    if args.format == "json":
        print_json([f.to_dict() for f in findings])
    elif args.format == "line":
        for f in findings:
            line, col = line_col(text, f.start)
            print(f"{name}:{line}:{col}: {f.level} {f.rule}: {_message(f)}")
    else:
        print(render_text(text, findings))
    return EXIT_PROBLEMS if any(f.level == "error" for f in findings) else EXIT_OK


def _usage(message: str) -> int:
    print(f"quickreply lint: {message}", file=sys.stderr)
    return EXIT_USAGE


def _message(f: Finding) -> str:
    if f.suggestion is None:
        return f.message
    if f.suggestion == "":
        return f"{f.message}（删除）"
    return f"{f.message} → {f.suggestion}"


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of `offset`."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: CJK and emoji take two, combining marks none."""
    import unicodedata

    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def render_text(text: str, findings: Sequence[Finding]) -> str:
    """The text, each line followed by a marker line per finding on it."""
    from quickreply.core.invisible import escape_for_terminal

    if not findings:
        return "没有发现问题 / no problems found"
    out: list[str] = []
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # the newline that ends the last line
    offset = 0
    for line in lines:
        shown = line.rstrip("\r")
        # invisible characters are shown as \u200b escapes, and the markers count them so
        out.append(escape_for_terminal(shown))
        line_end = offset + len(line)
        for f in findings:
            if not (offset <= f.start <= line_end) or (
                f.start == line_end and line_end < len(text)
            ):
                continue
            end = min(f.end, offset + len(shown))
            pad = display_width(escape_for_terminal(shown[: f.start - offset]))
            width = max(
                1, display_width(escape_for_terminal(shown[f.start - offset : end - offset]))
            )
            out.append(f"{' ' * pad}{'^' * width} {f.level} {f.rule}: {_message(f)}")
        offset = line_end + 1
    counts = {
        level: sum(f.level == level for f in findings) for level in ("error", "warning", "info")
    }
    out.append(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} info")
    return "\n".join(out)
