"""One typed word, compiled: the regexes that match it and the filter that finds candidates.

A word matches text either literally (`砍价`, `vip`, `7天`, as folded) or as
pinyin: each run of letters is split the way an IME splits it
(`pinyin.segmentations`) and every chunk must be consumed by one character
having a reading equal to the chunk (`kan`) or, for an initial or the last
chunk of the run, starting with it (`k`, `zh`, `kanj`). Characters typed as
characters match themselves, so `kj优惠` mixes both.

The segmentations become one regex over character classes ([砍看刊...]) built
from the library's own characters, so the matching itself runs in C. A second
regex that allows only whole syllables (and the literal word) tells a full
match (`kanjia`: kind 2) from an abbreviated one (`kj`: kind 1).
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field

from quickreply.core import pinyin
from quickreply.core.search_index import IndexData, mask_of

_LETTERS = frozenset(string.ascii_lowercase)

KIND_FULL = 2  # as typed, or in whole syllables
KIND_ABBREVIATED = 1  # initials or a cut syllable somewhere


class Classes:
    """Character classes for pinyin chunks, from the characters this library holds."""

    def __init__(self, readings: dict[str, tuple[str, ...]]) -> None:
        self._readings = readings
        self._exact: dict[str, str] | None = None
        self._prefix: dict[str, str] = {}

    def exact(self, syllable: str) -> str:
        if self._exact is None:
            table: dict[str, list[str]] = {}
            for char, readings in self._readings.items():
                for r in readings:
                    table.setdefault(r, []).append(char)
            self._exact = {r: "".join(sorted(cs)) for r, cs in table.items()}
        return self._exact.get(syllable, "")

    def prefix(self, start: str) -> str:
        found = self._prefix.get(start)
        if found is None:
            found = "".join(
                sorted(c for c, rs in self._readings.items() if any(r.startswith(start) for r in rs))
            )
            self._prefix[start] = found
        return found


def _char_class(chars: str) -> str:
    return re.escape(chars) if len(chars) == 1 else f"[{chars}]"


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


def _alternation(segs: Sequence[pinyin.Segmentation], classes: Classes, *, full: bool) -> str:
    """One regex for all segmentations of a letter run, sharing common beginnings."""
    root = _Node()
    for seg in segs:
        chunks: list[str] = []
        for chunk in seg:
            if full and not chunk.full:
                break
            if chunk.open and not full:
                chars = classes.prefix(chunk.letters)
            else:
                chars = classes.exact(chunk.letters)
            if not chars:
                break
            chunks.append(chars)
        else:
            node = root
            for key in chunks:
                node = node.children.setdefault(key, _Node())
            node.end = True

    def emit(node: _Node) -> str:
        options = [_char_class(chars) + emit(child) for chars, child in node.children.items()]
        if node.end:
            options.append("")
        if len(options) == 1:
            return options[0]
        return "(?:" + "|".join(options) + ")"

    return emit(root) if root.children else ""


@dataclass
class WordQuery:
    """A compiled word with what it needs at search time."""

    word: str
    any: re.Pattern[str]
    full: re.Pattern[str]
    # best kind a match can reach without literal ASCII in the field
    kind_bound: int
    has_letters: bool
    literal_chars: str
    # initials sequences: each a tuple of letters per run, with the run's literal chars
    runs: tuple[tuple[tuple[str, ...], ...], ...]
    plain_chars: str  # characters outside letter runs (CJK, digits ...)
    pinyin_possible: bool
    code_exact: frozenset[int] = frozenset()
    code_prefix: frozenset[int] = frozenset()
    code_mask: int = 0
    verified: dict[int, tuple[int, int] | None] = field(default_factory=dict)
    _filters: dict[tuple[str, ...], int] = field(default_factory=dict)

    def candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        """Replies that might match in these field groups (a superset of the real matches)."""
        cached = self._filters.get(groups)
        if cached is not None:
            return cached
        mask = 0
        for name in groups:
            mask |= self._group_candidates(data, name)
        self._filters[groups] = mask
        return mask

    def _group_candidates(self, data: IndexData, name: str) -> int:
        group = data.groups[name]
        literal = -1
        for c in set(self.literal_chars):
            literal &= group.char(c)
            if not literal:
                break
        if not self.pinyin_possible:
            return literal if literal != -1 else 0
        route = -1
        for c in set(self.plain_chars):
            route &= group.char(c)
        for run in self.runs:
            if not route:
                break
            either = 0
            for initials in run:
                m = data.initial_mask(name, initials[0])
                for a, b in zip(initials, initials[1:], strict=False):
                    if not m:
                        break
                    m &= group.pair(a + b)
                either |= m
            route &= either
        both = (literal if literal != -1 else 0) | (route if route != -1 else 0)
        return both


def compile_word(
    word: str, data: IndexData, classes: Classes, codes: Sequence[tuple[str, int]]
) -> WordQuery:
    """Compile one folded, non-empty word."""
    units: list[str] = []
    for c in word:
        if c in _LETTERS and units and units[-1][-1] in _LETTERS:
            units[-1] += c
        else:
            units.append(c)
    any_parts: list[str] = []
    full_parts: list[str] = []
    runs: list[tuple[tuple[str, ...], ...]] = []
    plain = ""
    possible = True
    has_full = True
    for unit in units:
        if unit[0] not in _LETTERS:
            plain += unit
            any_parts.append(re.escape(unit))
            full_parts.append(re.escape(unit))
            continue
        segs = pinyin.segmentations(unit)
        any_alt = _alternation(segs, classes, full=False)
        full_alt = _alternation(segs, classes, full=True)
        if not any_alt:
            possible = False
            break
        any_parts.append(any_alt)
        if full_alt:
            full_parts.append(full_alt)
        else:
            has_full = False
        runs.append(tuple(dict.fromkeys(tuple(c.letters[0] for c in s) for s in segs)))
    literal = re.escape(word)
    any_rx = literal + ("|" + "".join(any_parts) if possible else "")
    full_ok = possible and has_full
    full_rx = literal + ("|" + "".join(full_parts) if full_ok else "")
    has_letters = any(c in _LETTERS for c in word)
    exact, prefix = _code_matches(word, codes)
    code_mask = mask_of(exact | prefix, data.size)
    return WordQuery(
        word=word,
        any=re.compile(any_rx),
        full=re.compile(full_rx),
        kind_bound=KIND_FULL if (not has_letters or full_ok) else KIND_ABBREVIATED,
        has_letters=has_letters,
        literal_chars=word,
        runs=tuple(runs),
        plain_chars=plain,
        pinyin_possible=possible,
        code_exact=exact,
        code_prefix=prefix,
        code_mask=code_mask,
    )


def _code_matches(
    word: str, codes: Sequence[tuple[str, int]]
) -> tuple[frozenset[int], frozenset[int]]:
    """Replies with a code equal to `word`, and with a longer code starting with it."""
    exact: set[int] = set()
    prefix: set[int] = set()
    at = bisect_left(codes, (word, -1))
    while at < len(codes) and codes[at][0].startswith(word):
        code, i = codes[at]
        (exact if code == word else prefix).add(i)
        at += 1
    return frozenset(exact), frozenset(prefix - exact)
