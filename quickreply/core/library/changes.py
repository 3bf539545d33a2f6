"""What changed between two libraries: the short note a reload shows (N added, M changed).

A reply is the same reply when its uid (pack/id) is; it changed when anything
the agent sees or pastes differs (title, text, codes, hotkey, scenario, tags).
"""

from __future__ import annotations

from dataclasses import dataclass

from quickreply.core.library.merge import Library
from quickreply.core.model import Reply


@dataclass(frozen=True)
class Changes:
    added: int
    changed: int
    removed: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def __str__(self) -> str:
        return f"{self.added} replies added, {self.changed} changed, {self.removed} removed"


def _seen(reply: Reply) -> tuple[object, ...]:
    return (reply.title, reply.text, reply.codes, reply.hotkey, reply.scenario, reply.tags)


def compare(old: Library, new: Library) -> Changes:
    before = {r.uid: _seen(r) for r in old.replies}
    after = {r.uid: _seen(r) for r in new.replies}
    added = sum(1 for uid in after if uid not in before)
    removed = sum(1 for uid in before if uid not in after)
    changed = sum(1 for uid, seen in after.items() if uid in before and before[uid] != seen)
    return Changes(added, changed, removed)
