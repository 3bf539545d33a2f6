"""Write a `Pack` back to TOML (tomli-w), in the canonical order of PACK_FORMAT.md.

Optional fields are left out when empty, so a pack QuickReply saves reads
like one written by hand and a diff shows only what changed. Multi-line
texts are written as triple-quoted strings with LF line endings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from quickreply.core.model import Flow, Pack, Reply, Rule
from quickreply.core.packs.fields import normalize_newlines
from quickreply.core.storage import atomic_write_text


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The pack as TOML data, in the canonical order, optional fields left out when empty."""
    head: dict[str, Any] = {"id": pack.id, "name": pack.name, "version": pack.version}
    _put(head, "author", pack.author)
    _put(head, "description", pack.description)
    _put(head, "platforms", list(pack.platforms))
    out: dict[str, Any] = {"format": pack.format, "pack": head}
    if pack.replies:
        out["reply"] = [_reply_dict(r) for r in pack.replies]
    if pack.flows:
        out["flow"] = [_flow_dict(f) for f in pack.flows]
    if pack.rules:
        out["rule"] = [_rule_dict(r) for r in pack.rules]
    return out


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    """Set `key` only when `value` says something: TOML has no null, and less to read."""
    if value not in (None, "", [], (), {}):
        target[key] = value


def _reply_dict(r: Reply) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "title": r.title, "text": r.text}
    _put(d, "scenario", r.scenario)
    _put(d, "codes", list(r.codes))
    _put(d, "tags", list(r.tags))
    _put(d, "hotkey", r.hotkey)
    _put(d, "platforms", list(r.platforms))
    _put(d, "overrides", r.overrides)
    return d


def _flow_dict(f: Flow) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f.id, "title": f.title, "steps": list(f.steps)}
    _put(d, "description", f.description)
    return d


def _rule_dict(r: Rule) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "level": r.level, "message": r.message}
    _put(d, "terms", list(r.terms))
    _put(d, "pattern", r.pattern)
    _put(d, "swap", dict(r.swap))
    _put(d, "exceptions", list(r.exceptions))
    _put(d, "platforms", list(r.platforms))
    _put(d, "suggestion", r.suggestion)
    _put(d, "context", list(r.context))
    return d


def dumps_pack(pack: Pack) -> str:
    """The pack as TOML text; a `\\r` in any string becomes `\\n`, as reading does."""
    data = normalize_newlines(pack_to_dict(pack))
    return tomli_w.dumps(data, multiline_strings=True)


def write_pack(pack: Pack, path: Path, *, backup: bool = True) -> None:
    """Write `pack` to `path` atomically, keeping the previous file in backups."""
    atomic_write_text(path, dumps_pack(pack), backup=backup)
