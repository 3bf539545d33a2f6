"""Imported replies into the agent's personal pack, or into a new pack of their own.

Merging follows a stated policy for a reply whose id the personal pack
already has with different content: `skip` (keep mine, the default),
`overwrite` (take the file's), `keep-both` (the file's under a new id). A
reply already present word for word is never added twice. The personal pack
is written once, under its lock, with a backup of the previous copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from quickreply.core.library.personal import load_personal, save_personal
from quickreply.core.model import Pack, Reply
from quickreply.core.packs.fields import ID_RE

Policy = Literal["skip", "overwrite", "keep-both"]
POLICIES: tuple[Policy, ...] = ("skip", "overwrite", "keep-both")


@dataclass
class MergeSummary:
    added: list[str] = field(default_factory=list)
    overwritten: list[str] = field(default_factory=list)
    kept_both: list[str] = field(default_factory=list)  # ids the file's copies got
    skipped: list[str] = field(default_factory=list)  # conflicts left as they were
    unchanged: list[str] = field(default_factory=list)  # already there, word for word

    def line(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.overwritten)} overwritten, "
            f"{len(self.kept_both)} kept both, {len(self.skipped)} skipped (conflict), "
            f"{len(self.unchanged)} already there"
        )


def _same(a: Reply, b: Reply) -> bool:
    return (a.title, a.text, a.scenario, a.codes, a.tags) == (
        b.title,
        b.text,
        b.scenario,
        b.codes,
        b.tags,
    )


def merge_replies(
    pack: Pack, incoming: Sequence[Reply], policy: Policy = "skip"
) -> tuple[Pack, MergeSummary]:
    """`pack` with `incoming` merged in by `policy` (pure: nothing written)."""
    summary = MergeSummary()
    replies = {r.id: r for r in pack.replies}
    texts = {(r.title, r.text) for r in pack.replies}
    for reply in incoming:
        reply = replace(reply, pack_id=pack.id)
        mine = replies.get(reply.id)
        if mine is None:
            if (reply.title, reply.text) in texts:
                summary.unchanged.append(reply.id)
                continue
            replies[reply.id] = reply
            summary.added.append(reply.id)
        elif _same(mine, reply):
            summary.unchanged.append(reply.id)
        elif policy == "overwrite":
            replies[reply.id] = replace(reply, overrides=mine.overrides, hotkey=mine.hotkey)
            summary.overwritten.append(reply.id)
        elif policy == "keep-both":
            new_id = _free_id(reply.id, replies)
            replies[new_id] = replace(reply, id=new_id)
            summary.kept_both.append(new_id)
        else:
            summary.skipped.append(reply.id)
        texts.add((reply.title, reply.text))
    return replace(pack, replies=tuple(replies.values())), summary


def _free_id(base: str, taken: dict[str, Reply]) -> str:
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def merge_into_personal(
    incoming: Sequence[Reply], policy: Policy = "skip", path: Path | None = None
) -> MergeSummary:
    """Merge into the personal pack on disk; a broken personal pack raises PackError."""
    merged, summary = merge_replies(load_personal(path), incoming, policy)
    if summary.added or summary.overwritten or summary.kept_both:
        save_personal(merged, path)
    return summary


def pack_id_for(stem: str) -> str:
    """A pack id from a file name; Chinese or odd names give `imported`."""
    slug = re.sub(r"[^a-z0-9._-]+", "-", stem.lower()).strip("-._")
    return slug if slug and ID_RE.match(slug) and slug != "personal" else "imported"


def new_pack(replies: Sequence[Reply], pack_id: str, name: str, version: str = "1.0.0") -> Pack:
    return Pack(
        id=pack_id,
        name=name,
        version=version,
        replies=tuple(replace(r, pack_id=pack_id) for r in replies),
    )
