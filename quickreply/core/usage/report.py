"""Usage statistics: time saved, the summary `quickreply stats` shows, team exports.

Time saved is the characters pasted divided by the agent's typing speed (the
`typing_speed_cpm` setting, characters per minute): what typing the same
replies by hand would have cost. Each PC writes its figures with `quickreply
stats export FILE` (a small JSON file that holds no chat text, only reply ids,
titles and counts); the team lead merges any number of them into one report
(`quickreply stats merge ... --out report.html`).
"""

from __future__ import annotations

import json
import socket
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from quickreply.core import storage
from quickreply.core.model import Pack
from quickreply.core.usage.store import UsageStore

EXPORT_FORMAT = "quickreply-stats"
DEFAULT_CPM = 50  # a customer-service agent typing Chinese with a pinyin input method


def seconds_saved(chars: int, cpm: int) -> float:
    return chars * 60.0 / max(1, cpm)


@dataclass(frozen=True, slots=True)
class ReplyRow:
    uid: str
    title: str | None  # None: no longer in the library
    uses: int
    chars: int
    last_used: float
    seconds_saved: float


@dataclass(frozen=True, slots=True)
class CatchRow:
    rule: str
    message: str
    count: int


@dataclass
class UsageSummary:
    """One PC's figures: per reply, red-line catches, totals (the manager's stats view)."""

    rows: list[ReplyRow]
    catches: list[CatchRow]
    never_used: list[tuple[str, str]]  # (uid, title) of library replies with no use
    cpm: int = DEFAULT_CPM
    since: float | None = None

    @property
    def total_uses(self) -> int:
        return sum(r.uses for r in self.rows)

    @property
    def total_chars(self) -> int:
        return sum(r.chars for r in self.rows)

    @property
    def total_seconds_saved(self) -> float:
        return sum(r.seconds_saved for r in self.rows)

    @property
    def total_catches(self) -> int:
        return sum(c.count for c in self.catches)


def rule_messages(packs: Iterable[Pack]) -> dict[str, str]:
    """Rule id and uid -> its message, from the built-in rule packs and the library's."""
    from quickreply.core.lint.profiles import builtin_rule_packs

    out: dict[str, str] = {}
    for pack in (*builtin_rule_packs(), *packs):
        for rule in pack.rules:
            out.setdefault(rule.id, rule.message)
            out[f"{pack.id}/{rule.id}"] = rule.message
    return out


def summarize(
    store: UsageStore,
    packs: Sequence[Pack] = (),
    *,
    since: float | None = None,
    cpm: int = DEFAULT_CPM,
) -> UsageSummary:
    """The figures of this PC; titles and never-used replies come from `packs`."""
    titles = {r.uid: r.title for p in packs for r in p.replies}
    rows = [
        ReplyRow(
            u.uid, titles.get(u.uid), u.uses, u.chars, u.last_used, seconds_saved(u.chars, cpm)
        )
        for u in store.reply_uses(since)
    ]
    used = {r.uid for r in rows}
    never = [
        (uid, t) for uid, t in titles.items() if uid not in used and not uid.startswith("personal/")
    ]
    messages = rule_messages(packs) if store.catch_counts(since) else {}
    catches = [
        CatchRow(rule, messages.get(rule, ""), n) for rule, n in store.catch_counts(since).items()
    ]
    return UsageSummary(rows, catches, never, cpm, since)


# -- exports from each PC


class ExportError(ValueError):
    """A stats file that cannot be merged; the message names the file and what is wrong."""


@dataclass
class AgentExport:
    agent: str
    host: str
    exported_at: str
    summary: UsageSummary
    path: str = ""
    library: dict[str, str] = field(default_factory=dict)  # uid -> title, for never-used

    @property
    def label(self) -> str:
        return self.agent or self.host or Path(self.path).stem


def export_data(summary: UsageSummary, agent: str, host: str | None = None) -> dict[str, Any]:
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "agent": agent,
        "host": host if host is not None else socket.gethostname(),
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "since": summary.since,
        "typing_speed_cpm": summary.cpm,
        "replies": [asdict(r) for r in summary.rows],
        "catches": [asdict(c) for c in summary.catches],
        "never_used": [list(pair) for pair in summary.never_used],
    }


def write_export(path: Path, summary: UsageSummary, agent: str, host: str | None = None) -> None:
    text = json.dumps(export_data(summary, agent, host), ensure_ascii=False, indent=1) + "\n"
    storage.atomic_write_text(Path(path), text)


def load_export(path: Path) -> AgentExport:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ExportError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: not a stats file (JSON: {exc})") from None
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise ExportError(
            f"{path}: not a QuickReply stats file: make it with `quickreply stats export FILE`"
        )
    try:
        cpm = int(data.get("typing_speed_cpm", DEFAULT_CPM))
        rows = [ReplyRow(**r) for r in data["replies"]]
        catches = [CatchRow(**c) for c in data["catches"]]
        never = [(str(u), str(t)) for u, t in data.get("never_used", [])]
    except (KeyError, TypeError, ValueError) as exc:
        raise ExportError(f"{path}: the file is damaged ({exc}); export it again") from None
    summary = UsageSummary(rows, catches, never, cpm, data.get("since"))
    library = {uid: t for uid, t in never}
    library.update({r.uid: r.title for r in rows if r.title})
    return AgentExport(
        str(data.get("agent", "")),
        str(data.get("host", "")),
        str(data.get("exported_at", "")),
        summary,
        str(path),
        library,
    )


@dataclass
class TeamReport:
    agents: list[AgentExport]
    most_used: list[tuple[str, str, int]]  # uid, title, uses over all agents
    never_used: list[tuple[str, str]]
    catches: list[tuple[str, str, int]]  # rule, message, count
    saved_per_agent: list[tuple[str, float, int]]  # label, seconds saved, uses


def merge_exports(exports: Sequence[AgentExport]) -> TeamReport:
    """Add up every agent's figures; one agent's file given twice counts once."""
    seen: set[tuple[str, str, str]] = set()
    agents = []
    for e in exports:
        key = (e.agent, e.host, e.exported_at)
        if key not in seen:
            seen.add(key)
            agents.append(e)
    uses: Counter[str] = Counter()
    titles: dict[str, str] = {}
    catches: Counter[str] = Counter()
    messages: dict[str, str] = {}
    for e in agents:
        titles.update(e.library)
        for row in e.summary.rows:
            uses[row.uid] += row.uses
        for c in e.summary.catches:
            catches[c.rule] += c.count
            messages[c.rule] = messages.get(c.rule) or c.message
    most = [(uid, titles.get(uid, ""), n) for uid, n in uses.most_common()]
    never = sorted((uid, t) for uid, t in titles.items() if uses[uid] == 0)
    caught = [(rule, messages.get(rule, ""), n) for rule, n in catches.most_common()]
    saved = sorted(
        ((e.label, e.summary.total_seconds_saved, e.summary.total_uses) for e in agents),
        key=lambda item: -item[1],
    )
    return TeamReport(agents, most, never, caught, saved)
