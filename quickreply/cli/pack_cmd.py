"""`quickreply pack check FILE...`: validate packs before handing them out.

Besides the pack format, every reply is linted (its text with placeholders
previewed) against the profiles of the platforms the reply or pack names (the
generic profile when it names none) plus the pack's own rules: an error-level
finding fails the check, warnings are printed.
"""

from __future__ import annotations

import argparse
import bisect
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from quickreply.cli import EXIT_OK, EXIT_PROBLEMS

if TYPE_CHECKING:
    from pathlib import Path

    from quickreply.core.lint import Finding, Linter
    from quickreply.core.model import Pack, Reply
    from quickreply.core.packs import Problem

HELP = "work with pack files (check, diff, sign, keygen)"


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="pack_verb", metavar="ACTION", required=True)
    check = sub.add_parser("check", help="validate pack files and report every problem")
    check.add_argument("files", nargs="+", metavar="FILE")
    check.add_argument("--quiet", "-q", action="store_true", help="print problems only")
    check.add_argument(
        "--no-lint", action="store_true", help="check the format only, do not lint the replies"
    )
    from quickreply.cli import pack_tools

    pack_tools.configure(sub)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from quickreply.core.packs import check_pack

    if args.pack_verb != "check":
        from quickreply.cli import pack_tools

        verb: Callable[[argparse.Namespace], int] = getattr(pack_tools, args.pack_verb)
        return verb(args)

    failed = False
    for name in args.files:
        result = check_pack(Path(name))
        problems = list(result.problems)
        lint_errors = 0
        if result.ok and result.pack is not None and not args.no_lint:
            found = lint_pack(result.pack, Path(name))
            lint_errors = sum(p.level == "error" for p in found)
            problems = sorted(problems + found, key=lambda p: (p.line, p.col))
        for problem in problems:
            print(problem, file=sys.stderr if problem.level == "error" else sys.stdout)
        if result.ok and result.pack is not None and not lint_errors:
            if not args.quiet:
                pack = result.pack
                warnings = sum(p.level == "warning" for p in problems)
                print(
                    f"{name}: ok: {pack.id} {pack.version}, {len(pack.replies)} replies, "
                    f"{len(pack.flows)} flows, {len(pack.rules)} rules"
                    + (f", {warnings} warnings" if warnings else "")
                )
        else:
            failed = True
            errors = len(result.errors) + lint_errors
            print(f"{name}: {errors} errors", file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def lint_pack(pack: Pack, path: Path) -> list[Problem]:
    """Lint every reply of `pack`; errors and warnings as problems at the reply's text."""
    from quickreply.core.lint import Linter
    from quickreply.core.model import PLATFORMS
    from quickreply.core.render import preview

    linters: dict[tuple[str, ...], Linter] = {}
    flagged: list[tuple[int, Reply, str, list[Finding]]] = []
    for index, reply in enumerate(pack.replies):
        names = tuple(p for p in (reply.platforms or pack.platforms) if p in PLATFORMS)
        names = names or ("generic",)
        linter = linters.get(names)
        if linter is None:
            linter = linters[names] = Linter.for_platforms(names, (pack,))
        raw = reply.text
        text = preview(raw) if "{" in raw or "}" in raw else raw
        findings = [f for f in linter.lint(text) if f.level != "info"]
        if findings:
            flagged.append((index, reply, text, findings))
    if not flagged:
        return []
    return _locate_findings(flagged, path, len(pack.replies))


def _locate_findings(
    flagged: list[tuple[int, Reply, str, list[Finding]]], path: Path, count: int
) -> list[Problem]:
    from quickreply.core.packs import Problem, read_source

    try:
        source = read_source(path)
    except Exception:  # the file was read a moment ago; positions are a nicety
        source = ""
    text_key = _text_key_finder(source, count)
    line_starts = [0] + [m.end() for m in re.finditer("\n", source)]
    source_lines = source.splitlines()
    problems: list[Problem] = []
    for index, reply, text, findings in flagged:
        offset = text_key(index)
        key = _line_col(line_starts, offset) if offset is not None else (1, 1)
        start_line, start_col, single_line = _value_start(source_lines, key)
        to_template = _preview_offsets(reply.text, text)
        for f in findings:
            offset = to_template[f.start] if f.start < len(to_template) else len(reply.text)
            before = reply.text[:offset]
            newlines = 0 if single_line else before.count("\n")
            if newlines:
                line, col = start_line + newlines, offset - (before.rfind("\n") + 1) + 1
            else:
                line, col = start_line, start_col + offset
            problems.append(
                Problem(
                    str(path),
                    line,
                    col,
                    f.level,
                    f'lint {f.rule}: {f.message}: 「{f.match}」 in reply "{reply.id}"'
                    + (f" (→ {f.suggestion})" if f.suggestion else ""),
                )
            )
    return problems


# One regex pass finds triple quotes, `[[reply]]` headers and `text =` keys.
_SCAN = re.compile(
    r"(\"\"\"|\'\'\')|^[ \t]*(\[\[[ \t]*reply[ \t]*\]\])|^([ \t]*)(?:text|\"text\"|'text')[ \t]*=",
    re.M,
)


def _text_key_finder(source: str, count: int) -> Callable[[int], int | None]:
    """A function from a reply's index to the offset of its `text` key.

    core/packs/locate.py scans every line in Python, which costs seconds on a
    50,000-reply pack. The usual file writes `[[reply]]` at the start of a line:
    find those with str.find and search a `text` key only for the replies asked
    about; if their number is not the number of replies, fall back to one
    careful regex pass that skips multi-line strings.
    """
    headers: list[int] = []
    pos = source.find("[[reply]]")
    while pos >= 0:
        line_start = source.rfind("\n", 0, pos) + 1
        if not source[line_start:pos].strip(" \t"):
            headers.append(pos)
        pos = source.find("[[reply]]", pos + 9)
    if len(headers) != count:
        careful = _careful_text_offsets(source)
        return lambda index: careful[index] if index < len(careful) else None
    ends = [*headers[1:], len(source)]

    def find(index: int) -> int | None:
        if index >= len(headers):
            return None
        key = _TEXT_KEY.search(source, headers[index], ends[index])
        return key.start(1) if key is not None else headers[index]

    return find


_TEXT_KEY = re.compile(r"^[ \t]*((?:text|\"text\"|'text')[ \t]*=)", re.M)


def _careful_text_offsets(source: str) -> list[int]:
    found: list[int] = []
    inside: str | None = None
    has_text = True
    for m in _SCAN.finditer(source):
        quote = m.group(1)
        if quote:
            if inside is None:
                inside = quote
            elif inside == quote:
                inside = None
            continue
        if inside is not None:
            continue
        if m.group(2):
            found.append(m.start(2))
            has_text = False
        elif not has_text:
            found[-1] = m.start() + len(m.group(3))
            has_text = True
    return found


def _line_col(line_starts: list[int], offset: int) -> tuple[int, int]:
    line = bisect.bisect_right(line_starts, offset)
    return line, offset - line_starts[line - 1] + 1


def _value_start(lines: list[str], key: tuple[int, int]) -> tuple[int, int, bool]:
    """Where the string value of a `text = ...` key starts: line, column, and whether
    it is a one-line string (so embedded escapes like \\n do not move to new lines)."""
    line_no, col = key
    if not 0 < line_no <= len(lines):
        return line_no, col, True
    line = lines[line_no - 1]
    eq = line.find("=", col - 1)
    if eq < 0:
        return line_no, col, True
    pos = eq + 1
    while pos < len(line) and line[pos] in " \t":
        pos += 1
    for quote in ('"""', "'''"):
        if line.startswith(quote, pos):
            rest = line[pos + 3 :]
            if not rest.strip():
                return line_no + 1, 1, False
            return line_no, pos + 4, False
    return line_no, pos + 2, True


def _preview_offsets(template: str, previewed: str) -> list[int]:
    """For each character of the previewed text, its offset in the template."""
    from quickreply.core import render

    try:
        segments = render.parse(template)
    except render.TemplateError:
        return list(range(len(previewed)))
    out: list[int] = []
    pos = 0
    for seg in segments:
        if isinstance(seg, str):
            for char in seg:
                out.append(pos)
                # `{{` and `}}` in the template are one brace in the text
                pos += 2 if char in "{}" else 1
        else:
            shown = seg.default if seg.default is not None else f"[{seg.name}]"
            out.extend([seg.start] * len(shown))
            pos = seg.end
    return out
