"""Packs and reply lists as JSON, for other tools and scripts.

Written as the pack's own data (`format`, `pack`, `reply`, `flow`, `rule`:
the TOML pack in JSON). Read: that shape, or a bare list of reply objects
(`{"title": ..., "text": ...}`), checked by the same validator as a TOML pack.
"""

from __future__ import annotations

import json
from typing import Any

from quickreply.core.exchange.rows import IdMaker, ImportResult, decode, title_from
from quickreply.core.model import Pack
from quickreply.core.packs import Problem, pack_to_dict
from quickreply.core.packs.validate import Validator


def read(data: bytes, path: str) -> ImportResult:
    text, encoding = decode(data)
    result = ImportResult(format="json", encoding=encoding)
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        result.problems.append(
            Problem(path, exc.lineno, exc.colno, "error", f"JSON syntax: {exc.msg}")
        )
        return result
    if isinstance(value, dict) and "pack" in value:
        data_in: dict[str, Any] = value
    else:
        replies = value.get("replies", value.get("reply")) if isinstance(value, dict) else value
        if not isinstance(replies, list):
            result.problems.append(
                Problem(
                    path,
                    1,
                    1,
                    "error",
                    'expected a pack ({"format": 1, "pack": {...}, "reply": [...]}) '
                    'or a list of replies ([{"title": ..., "text": ...}])',
                )
            )
            return result
        ids = IdMaker("json")
        filled = []
        for item in replies:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                item = dict(item)
                item.setdefault("title", title_from(item["text"]))
                if "id" not in item:
                    codes = item.get("codes") or [""]
                    item["id"] = ids.make(str(codes[0]), item["text"])
            filled.append(item)
        data_in = {
            "format": 1,
            "pack": {"id": "imported", "name": "imported", "version": "1.0.0"},
            "reply": filled,
        }
    validator = Validator(data_in, "", path)
    pack = validator.run()
    # JSON has no TOML lines to point at: the message names the entry instead.
    result.problems.extend(validator.problems)
    if pack is not None:
        result.replies.extend(pack.replies)
    return result


def write(pack: Pack) -> bytes:
    return (json.dumps(pack_to_dict(pack), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
