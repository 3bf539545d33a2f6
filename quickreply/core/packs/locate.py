"""Where tables and keys stand in a pack's source.

TOML carries no positions once parsed, so a problem found in the data is
placed back in the file by this light line scan. It runs only when there is
something to report (the validator asks lazily), so a clean pack never pays
for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass
class Locations:
    """Line and column of tables and keys in the source, found by a light scan."""

    tables: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple[str, int, str], tuple[int, int]] = field(default_factory=dict)
    # (table, index, key) -> True if the value starts a multi-line string on the next line
    string_starts_next_line: dict[tuple[str, int, str], bool] = field(default_factory=dict)


_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?")
_KEY_RE = re.compile(r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=\s*""")


def locate(text: str) -> Locations:
    """Scan `text` once; the n-th `[[reply]]` is table ("reply", n)."""
    locs = Locations()
    counters: dict[str, int] = {}
    table, index = "", 0
    in_multiline: str | None = None  # the closing quotes of an open multi-line string
    depth = 0  # open brackets of a multi-line array or inline table
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if _closes(line, in_multiline):
                in_multiline = None
            continue
        if depth == 0:
            header = _HEADER_RE.match(line)
            if header:
                name = header.group(2).replace('"', "").replace("'", "").strip()
                if header.group(1) == "[[":
                    index = counters.get(name, -1) + 1
                    counters[name] = index
                    table = name
                elif "." in name and name.split(".")[0] in counters:
                    # `[rule.swap]` belongs to the last `[[rule]]`
                    table = name
                    index = counters[name.split(".")[0]]
                else:
                    table, index = name, 0
                locs.tables.setdefault((table, index), (lineno, header.start(2) + 1))
                continue
            key = _KEY_RE.match(line)
            if key:
                name = key.group(2).strip("\"'")
                locs.keys.setdefault((table, index, name), (lineno, len(key.group(1)) + 1))
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.startswith(quote) and not _closes(rest[3:], quote):
                        in_multiline = quote
                        locs.string_starts_next_line[(table, index, name)] = rest[3:].strip() == ""
                        break
                if in_multiline:
                    continue
                depth += _bracket_balance(rest)
                continue
        depth = max(0, depth + _bracket_balance(line))
    return locs


def _closes(fragment: str, quote: str) -> bool:
    """Whether `fragment` holds `quote`, the end of a multi-line string (not escaped)."""
    pos = fragment.find(quote)
    while pos > 0 and quote == '"""' and fragment[pos - 1] == "\\":
        pos = fragment.find(quote, pos + 1)
    return pos >= 0


def _bracket_balance(fragment: str) -> int:
    """Brackets opened minus closed, outside strings and comments.

    While a multi-line array or inline table is open, its lines are not keys.
    """
    balance, quote = 0, ""
    i = 0
    while i < len(fragment):
        ch = fragment[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            balance += 1
        elif ch in "]}":
            balance -= 1
        i += 1
    return balance
