"""A plain CSV of replies: the columns anyone can make in a spreadsheet.

Header (any order, English or Chinese): `id` (optional), `title`/标题,
`text`/正文 (required), `scenario`/场景, `codes`/编码, `tags`/标签. Codes and
tags are separated by spaces, commas or semicolons. Unlike Qianniu's format,
the text is QuickReply's own, so `{blanks}` keep their meaning. Written as
UTF-8 with a BOM, which Excel opens without asking.
"""

from __future__ import annotations

from quickreply.core import render
from quickreply.core.exchange.rows import (
    IdMaker,
    ImportResult,
    clean,
    csv_rows,
    decode,
    split_list,
    title_from,
    write_csv,
)
from quickreply.core.model import Pack, Reply
from quickreply.core.packs import Problem
from quickreply.core.packs.fields import ID_RE

HEADER = ["id", "title", "text", "scenario", "codes", "tags"]
ALIASES = {
    "id": ("id", "编号"),
    "title": ("title", "标题", "名称"),
    "text": ("text", "正文", "内容", "回复"),
    "scenario": ("scenario", "场景", "分组"),
    "codes": ("codes", "code", "编码", "快捷编码"),
    "tags": ("tags", "tag", "标签"),
}


def _columns(header: list[str]) -> dict[str, int]:
    cleaned = [h.strip().lstrip("\ufeff").lower() for h in header]
    found: dict[str, int] = {}
    for name, aliases in ALIASES.items():
        for alias in aliases:
            if alias in cleaned:
                found[name] = cleaned.index(alias)
                break
    return found


def read(data: bytes, path: str) -> ImportResult:
    text, encoding = decode(data)
    result = ImportResult(format="csv", encoding=encoding)
    rows = csv_rows(text)
    first = next(rows, None)
    columns = _columns(first[1]) if first else {}
    if "text" not in columns:
        result.problems.append(
            Problem(
                path,
                1,
                1,
                "error",
                "the first line must name the columns, with at least `text`: " + ",".join(HEADER),
            )
        )
        return result
    ids = IdMaker("csv")
    for line, row in rows:
        if not any(c.strip() for c in row):
            continue

        def cell(name: str, row: list[str] = row) -> str:
            col = columns.get(name)
            return clean(row[col]) if col is not None and col < len(row) else ""

        body = cell("text")
        if not body:
            result.problems.append(
                Problem(path, line, 1, "warning", "`text` is empty: the row is left out")
            )
            continue
        try:
            render.parse(body)
        except render.TemplateError as exc:
            result.problems.append(
                Problem(
                    path,
                    line,
                    1,
                    "error",
                    f"{exc}: write {{{{ and }}}} for literal braces; the row is left out",
                )
            )
            continue
        given = cell("id").lower()
        codes = split_list(cell("codes"))
        if given and not ID_RE.match(given):
            result.problems.append(
                Problem(
                    path,
                    line,
                    1,
                    "warning",
                    f'id "{given}" may use only a-z, 0-9, ".", "_" and "-": a new id is used',
                )
            )
            given = ""
        reply_id = (
            given if given and given not in ids.used else ids.make(codes[0] if codes else "", body)
        )
        ids.used.add(reply_id)
        result.replies.append(
            Reply(
                id=reply_id,
                title=cell("title") or title_from(body),
                text=body,
                scenario=cell("scenario").strip("/"),
                codes=codes,
                tags=split_list(cell("tags")),
            )
        )
    return result


def write(pack: Pack) -> bytes:
    rows = [HEADER] + [
        [r.id, r.title, r.text, r.scenario, " ".join(r.codes), " ".join(r.tags)]
        for r in pack.replies
    ]
    return write_csv(rows, encoding="utf-8", bom=True)
