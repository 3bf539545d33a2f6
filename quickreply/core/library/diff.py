"""What changed between two copies of a pack: replies, flows and rules.

`quickreply pack diff OLD NEW`, the "what's new" note when a subscribed pack
updates, and the review of personal overrides all read a `PackDiff`. Entries
are matched by id; a changed entry lists the fields that differ. Text
differences are data (`text_changes`), so the CLI prints them and the manager
paints them without parsing anything.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, fields
from typing import Literal

from quickreply.core.library.versions import compare_versions
from quickreply.core.model import Flow, Pack, Reply, Rule

Entry = Reply | Flow | Rule
Op = Literal["equal", "insert", "delete"]
# fields that are bookkeeping, not content
_IGNORED = {"pack_id"}


@dataclass(frozen=True, slots=True)
class Changed:
    """An entry present in both copies whose content differs."""

    id: str
    old: Entry
    new: Entry
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KindDiff:
    """Added, changed and removed entries of one kind (replies, flows or rules)."""

    added: tuple[Entry, ...] = ()
    changed: tuple[Changed, ...] = ()
    removed: tuple[Entry, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass(frozen=True, slots=True)
class PackDiff:
    pack_id: str
    old_version: str
    new_version: str
    replies: KindDiff
    flows: KindDiff
    rules: KindDiff
    header_fields: tuple[str, ...] = ()  # name, description, ... of [pack]

    @property
    def version_change(self) -> int:
        """1 newer, 0 same version, -1 older (a downgrade)."""
        return compare_versions(self.new_version, self.old_version)

    @property
    def empty(self) -> bool:
        return not (self.replies or self.flows or self.rules or self.header_fields)


def diff_packs(old: Pack, new: Pack) -> PackDiff:
    """Compare two copies of a pack (normally the same id, any versions)."""
    header = tuple(
        name
        for name in ("name", "author", "description", "platforms")
        if getattr(old, name) != getattr(new, name)
    )
    return PackDiff(
        pack_id=new.id,
        old_version=old.version,
        new_version=new.version,
        replies=_diff_entries(old.replies, new.replies),
        flows=_diff_entries(old.flows, new.flows),
        rules=_diff_entries(old.rules, new.rules),
        header_fields=header,
    )


def _diff_entries(old: tuple[Entry, ...], new: tuple[Entry, ...]) -> KindDiff:
    before = {e.id: e for e in old}
    after = {e.id: e for e in new}
    changed: list[Changed] = []
    for entry in new:
        previous = before.get(entry.id)
        if previous is None:
            continue
        differ = tuple(
            f.name
            for f in fields(entry)
            if f.name not in _IGNORED and getattr(previous, f.name) != getattr(entry, f.name)
        )
        if differ:
            changed.append(Changed(entry.id, previous, entry, differ))
    return KindDiff(
        added=tuple(e for e in new if e.id not in before),
        changed=tuple(changed),
        removed=tuple(e for e in old if e.id not in after),
    )


def text_changes(old: str, new: str) -> list[tuple[Op, str]]:
    """Character-level differences, as (op, text) runs: Chinese has no words to split on.

    A single unchanged character between two changes is folded into them
    ("48" -> "24" reads as one replacement, not 2, 4, 8 shuffled).
    """
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    runs: list[tuple[str, str, str]] = []  # (tag, old part, new part)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        part = ("equal" if tag == "equal" else "change", old[i1:i2], new[j1:j2])
        if runs and part[0] == "change" and runs[-1][0] == "change":
            runs[-1] = ("change", runs[-1][1] + part[1], runs[-1][2] + part[2])
        elif (
            part[0] == "change"
            and len(runs) >= 2
            and runs[-1][0] == "equal"
            and len(runs[-1][1]) < 2
            and runs[-2][0] == "change"
        ):
            glue = runs.pop()[1]
            last = runs.pop()
            runs.append(("change", last[1] + glue + part[1], last[2] + glue + part[2]))
        else:
            runs.append(part)
    out: list[tuple[Op, str]] = []
    for kind, before, after in runs:
        if kind == "equal":
            out.append(("equal", before))
            continue
        if before:
            out.append(("delete", before))
        if after:
            out.append(("insert", after))
    return out


def inline_changes(old: str, new: str) -> str:
    """One line a terminal shows: deletions as [-…-], insertions as {+…+}."""
    marks = {"equal": "{}", "delete": "[-{}-]", "insert": "{{+{}+}}"}
    return "".join(marks[op].format(text) for op, text in text_changes(old, new))


def _title(entry: Entry) -> str:
    return getattr(entry, "title", "") or getattr(entry, "message", "")


def format_diff(diff: PackDiff) -> list[str]:
    """The diff as lines for a terminal (the CLI prints these)."""
    direction = {1: "newer", 0: "same version", -1: "OLDER"}[diff.version_change]
    lines = [f"{diff.pack_id}: {diff.old_version} -> {diff.new_version} ({direction})"]
    if diff.header_fields:
        lines.append(f"  [pack] changed: {', '.join(diff.header_fields)}")
    for label, kind in (("reply", diff.replies), ("flow", diff.flows), ("rule", diff.rules)):
        for entry in kind.added:
            lines.append(f"  + {label} {entry.id}: {_title(entry)}")
        for change in kind.changed:
            lines.append(f"  ~ {label} {change.id}: {', '.join(change.fields)} changed")
            if isinstance(change.old, Reply) and isinstance(change.new, Reply):
                if "title" in change.fields:
                    lines.append(
                        f"      title: {inline_changes(change.old.title, change.new.title)}"
                    )
                if "text" in change.fields:
                    shown = inline_changes(change.old.text, change.new.text)
                    lines.append("      text:  " + shown.replace("\n", "\n             "))
        for entry in kind.removed:
            lines.append(f"  - {label} {entry.id}: {_title(entry)}")
    if diff.empty:
        lines.append("  no changes in replies, flows or rules")
    return lines


def whats_new(diff: PackDiff, pack_name: str, lang: str = "zh") -> str:
    """The short note the app shows when a subscribed pack updates (zh or en)."""
    r = diff.replies
    rules = len(diff.rules.added) + len(diff.rules.changed) + len(diff.rules.removed)
    counts = [
        (len(r.added), "新增 {} 条回复", "{} replies added"),
        (len(r.changed), "修改 {} 条回复", "{} replies changed"),
        (len(r.removed), "删除 {} 条回复", "{} replies removed"),
        (rules, "红线规则变更 {} 条", "{} red-line rules changed"),
        (
            len(diff.flows.added) + len(diff.flows.changed),
            "话术流程更新 {} 个",
            "{} talk scripts updated",
        ),
    ]
    zh = lang != "en"
    parts = [(zh_text if zh else en_text).format(n) for n, zh_text, en_text in counts if n]
    examples = [e.title for e in r.added[:2] if isinstance(e, Reply)]
    examples += [c.new.title for c in r.changed[:2] if isinstance(c.new, Reply)]
    if zh:
        summary = "，".join(parts) if parts else "内容无变化"
        tail = "：" + "、".join(f"「{t}」" for t in examples[:3]) if examples else ""
        return (
            f"「{pack_name}」已更新到 {diff.new_version}（原 {diff.old_version}）：{summary}{tail}"
        )
    summary = ", ".join(parts) if parts else "no changes"
    tail = ": " + ", ".join(f"“{t}”" for t in examples[:3]) if examples else ""
    return f"“{pack_name}” updated to {diff.new_version} (was {diff.old_version}): {summary}{tail}"
