"""Platform profiles: which rules apply where.

The built-in rules are packs under `resources/rules/`. A rule applies to
platform P when its own `platforms` (or, if it has none, its pack's
`platforms`) is empty or names P. `generic.toml` has no pack platforms, so
its rules without a list apply everywhere; each platform file names the
platforms it covers (taobao.toml covers taobao and tmall, since a Tmall shop
is bound by Taobao's rules too).

This module only chooses rules; the engine builds (and caches) linters from
them, so the import points one way: engine -> profiles -> packs.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from quickreply.core.model import PLATFORMS, Pack, Rule
from quickreply.core.packs import load_pack
from quickreply.core.resources import resource


class UnknownPlatform(ValueError):
    """A platform name no profile exists for."""


@cache
def builtin_rule_packs() -> tuple[Pack, ...]:
    """The built-in rule packs (`resources/rules/*.toml`), read once."""
    folder = resource("rules")
    return tuple(load_pack(path) for path in sorted(folder.glob("*.toml")))


def applies(rule: Rule, pack: Pack, platforms: Iterable[str]) -> bool:
    scope = rule.platforms or pack.platforms
    return not scope or any(p in scope for p in platforms)


def rules_for(platforms: Sequence[str], packs: Sequence[Pack] = ()) -> list[Rule]:
    """The rules of the built-in profiles and of `packs` that apply to `platforms`."""
    for name in platforms:
        if name not in PLATFORMS:
            raise UnknownPlatform(f'unknown platform "{name}"; known: {", ".join(PLATFORMS)}')
    return [
        rule
        for pack in (*builtin_rule_packs(), *packs)
        for rule in pack.rules
        if applies(rule, pack, platforms)
    ]
