"""Qianniu (千牛) quick phrases: the CSV its 快捷短语 page imports and exports.

The header is `快捷短语编码,快捷短语,快捷短语分组` (older versions write
`快捷编码,...`); one row per phrase; the file is GB18030/GBK from Qianniu
itself or UTF-8 with a BOM after Excel. A phrase becomes a reply: its group
the scenario (an empty group stays at the top level), its code the shortcut
code, a title made from its first line. Qianniu has no blanks, so braces in a
phrase are literal (`{{` in the pack) and come back as they were on export.
"""

from __future__ import annotations

from quickreply.core.exchange.rows import (
    IdMaker,
    ImportResult,
    clean,
    csv_rows,
    decode,
    title_from,
    write_csv,
)
from quickreply.core.model import Pack, Reply
from quickreply.core.packs import Problem

HEADER = ["快捷短语编码", "快捷短语", "快捷短语分组"]
CODE_NAMES = ("快捷短语编码", "快捷编码", "编码", "短语编码")
TEXT_NAMES = ("快捷短语", "短语内容", "短语", "内容")
GROUP_NAMES = ("快捷短语分组", "分组", "短语分组", "分组名称")
ENCODING = "gb18030"


def looks_like(header: list[str]) -> bool:
    names = {h.strip().lstrip("\ufeff") for h in header}
    return bool(names & set(TEXT_NAMES)) and bool(names & (set(CODE_NAMES) | set(GROUP_NAMES)))


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    cleaned = [h.strip().lstrip("\ufeff") for h in header]
    return next((cleaned.index(n) for n in names if n in cleaned), None)


def read(data: bytes, path: str) -> ImportResult:
    text, encoding = decode(data)
    result = ImportResult(format="qianniu", encoding=encoding)
    rows = csv_rows(text)
    first = next(rows, None)
    if first is None or not looks_like(first[1]):
        result.problems.append(
            Problem(
                path,
                1,
                1,
                "error",
                "not a Qianniu quick-phrase file: the first line must be the header "
                + ",".join(HEADER),
            )
        )
        return result
    header = first[1]
    code_col, text_col = _column(header, CODE_NAMES), _column(header, TEXT_NAMES)
    group_col = _column(header, GROUP_NAMES)
    assert text_col is not None  # looks_like checked it
    ids = IdMaker("qn")
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue

        def cell(col: int | None, row: list[str] = row) -> str:
            return clean(row[col]) if col is not None and col < len(row) else ""

        phrase = cell(text_col)
        if not phrase:
            result.problems.append(
                Problem(
                    path,
                    line,
                    1,
                    "warning",
                    f"{HEADER[1]} is empty: the row is left out (fill it in or delete the row)",
                )
            )
            continue
        code = cell(code_col)
        escaped = phrase.replace("{", "{{").replace("}", "}}")
        result.replies.append(
            Reply(
                id=ids.make(code, phrase),
                title=title_from(phrase),
                text=escaped,
                scenario=cell(group_col).strip("/"),
                codes=(code,) if code else (),
            )
        )
    return result


def unescape(text: str) -> str:
    return text.replace("{{", "{").replace("}}", "}")


def rows_of(pack: Pack) -> list[list[str]]:
    """One row per reply: code, phrase, group; the first code only (Qianniu has one)."""
    return [[r.codes[0] if r.codes else "", unescape(r.text), r.scenario] for r in pack.replies]


def write(pack: Pack) -> bytes:
    """The file Qianniu imports: GB18030, its exact header, CRLF records."""
    return write_csv([HEADER, *rows_of(pack)], encoding=ENCODING)


def replies_to_rows(replies: list[Reply]) -> list[list[str]]:
    """For tests and tools: the rows `write` would give for these replies."""
    return rows_of(Pack(id="x", name="x", version="1.0.0", replies=tuple(replies)))
