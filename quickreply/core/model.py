"""The pack model: replies, flows, rules and packs as frozen dataclasses.

These names are read by benchmarks and outside tools (`Pack.replies`,
`Reply.text`, ...): keep them stable.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

FORMAT_VERSION = 1

Level = Literal["error", "warning", "info"]
LEVELS: tuple[Level, ...] = ("error", "warning", "info")

# Platform profiles the linter and packs know; "generic" applies everywhere.
PLATFORMS: tuple[str, ...] = ("generic", "taobao", "tmall", "jd", "pdd", "douyin", "wechat")


@dataclass(frozen=True, slots=True)
class Reply:
    id: str
    title: str
    text: str
    scenario: str = ""
    codes: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    hotkey: str | None = None
    platforms: tuple[str, ...] = ()
    # In the personal pack: the global id of a team or built-in reply this one
    # replaces in the merged view; it survives updates of that pack.
    overrides: str | None = None
    pack_id: str = ""

    @property
    def uid(self) -> str:
        """The global identity, `pack-id/reply-id`."""
        return f"{self.pack_id}/{self.id}"

    @property
    def scenario_path(self) -> tuple[str, ...]:
        return tuple(part for part in self.scenario.split("/") if part)


@dataclass(frozen=True, slots=True)
class Flow:
    id: str
    title: str
    steps: tuple[str, ...]
    description: str = ""
    pack_id: str = ""

    @property
    def uid(self) -> str:
        return f"{self.pack_id}/{self.id}"

    def step_uids(self) -> tuple[str, ...]:
        """Steps as global ids: a bare step names a reply of the same pack."""
        return tuple(s if "/" in s else f"{self.pack_id}/{s}" for s in self.steps)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    level: Level
    message: str
    terms: tuple[str, ...] = ()
    pattern: str | None = None
    swap: tuple[tuple[str, str], ...] = ()
    exceptions: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    suggestion: str | None = None
    pack_id: str = ""
    # Words that, just before a match, show it is something else (an order
    # number after 单号 is not a phone number): the match is not reported.
    context: tuple[str, ...] = ()

    @property
    def uid(self) -> str:
        return f"{self.pack_id}/{self.id}"

    @property
    def kind(self) -> Literal["terms", "pattern", "swap"]:
        if self.terms:
            return "terms"
        if self.pattern is not None:
            return "pattern"
        return "swap"


@dataclass(frozen=True, slots=True)
class Pack:
    id: str
    name: str
    version: str
    author: str = ""
    description: str = ""
    platforms: tuple[str, ...] = ()
    replies: tuple[Reply, ...] = ()
    flows: tuple[Flow, ...] = ()
    rules: tuple[Rule, ...] = ()
    format: int = FORMAT_VERSION
    # Where the pack was read from; not part of its identity.
    path: Path | None = field(default=None, compare=False)

    def reply(self, reply_id: str) -> Reply | None:
        for r in self.replies:
            if r.id == reply_id:
                return r
        return None
