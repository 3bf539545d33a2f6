"""Platform profiles: which rules apply where, and a cache of built linters.

The built-in rules are packs under `resources/rules/`. A rule applies to
platform P when its own `platforms` (or, if it has none, its pack's
`platforms`) is empty or names P. `generic.toml` has no pack platforms, so
its rules without a list apply everywhere; each platform file names the
platforms it covers (taobao.toml covers taobao and tmall, since a Tmall shop
is bound by Taobao's rules too).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from functools import cache

from quickreply.core.lint.engine import Linter
from quickreply.core.model import PLATFORMS, Pack, Rule
from quickreply.core.packs import load_pack
from quickreply.core.resources import resource

_CACHE_SIZE = 32
_cache: OrderedDict[tuple[object, ...], tuple[tuple[Pack, ...], Linter]] = OrderedDict()
_lock = threading.Lock()


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


def linter_for(platforms: tuple[str, ...], packs: tuple[Pack, ...]) -> Linter:
    """A cached linter: asking again for the same platforms and packs is a dict lookup.

    Packs are keyed by identity (hashing a 50,000-reply pack on every keystroke
    would cost more than linting); the cache holds the packs, so an id is never
    reused while its entry lives.
    """
    key = (tuple(sorted(set(platforms))), *(id(p) for p in packs))
    with _lock:
        hit = _cache.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], packs, strict=True)):
            _cache.move_to_end(key)
            return hit[1]
    linter = Linter(rules_for(platforms, packs))
    with _lock:
        _cache[key] = (packs, linter)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return linter
