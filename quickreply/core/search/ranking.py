"""Ranking: which replies a query finds, in what order, read no further than needed.

Tiers, strongest first (a reply's tier is its weakest word's tier; with
several words, a title start or an exact code counts as a title match):

    6  a word equals one of the reply's codes
    5  the title starts with the match
    4  the title holds it, or a code starts with the word
    3  a tag or the scenario holds it
    2  the body holds it
    1  one pinyin slip away in the title, tags or scenario (`fahou`; one-word
       queries, and only while fewer than `limit` replies match as typed)

then the kind of match (found as typed above found through readings; for
typos: title start, title, then tags or scenario), then usage (how often and
how recently the agent used the reply, passed in, so search stays pure), then
library order. `Hit.score` encodes exactly this: tier * 1000 + kind * 100 +
usage (0-99); compare scores within one query only.

Replies are read in library order tier by tier, stopping as soon as no unread
reply can enter the top `limit` (the settle loop), so a keystroke verifies a
few hundred candidates at most, not the library.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import KW_ONLY, dataclass, field
from typing import Protocol

from quickreply.core.search import pinyin
from quickreply.core.search.bitsets import bits, unique_merge
from quickreply.core.search.blocks import scan_blocks
from quickreply.core.search.index import IndexData
from quickreply.core.search.query import KIND_LITERAL, KIND_PINYIN, Classes, WordQuery, compile_word

TIER_CODE, TIER_TITLE_START, TIER_TITLE, TIER_META, TIER_BODY, TIER_TYPO = 6, 5, 4, 3, 2, 1
_TYPO_MIN_LETTERS = 4
_TYPO_MAX_LETTERS = 16
_RECENCY_HALF_LIFE = 3 * 24 * 3600.0  # seconds
_SCAN_ABOVE = 1500  # candidates beyond which one C-level scan beats verifying each

# (tier, kind): compared as a tuple, higher is better
Key = tuple[int, int]


class UsageLike(Protocol):
    @property
    def count(self) -> int: ...
    @property
    def last_used(self) -> float: ...


@dataclass(frozen=True, slots=True)
class UsageStat:
    """How often a reply was used, and when last (seconds since the epoch)."""

    count: int = 0
    last_used: float = 0.0


def usage_weights(stats: Iterable[tuple[int, UsageLike]], now: float | None) -> dict[int, float]:
    """Reply position -> usage weight in (0, 99], for used replies only.

    Frequency (log-scaled against the most used reply) and recency (halving
    every three days, counted from `now`, default the latest use) both count.
    """
    weights: dict[int, float] = {}
    used = [(i, s) for i, s in stats if s.count > 0 or s.last_used > 0]
    if used:
        top = max(s.count for _, s in used)
        ref = now if now is not None else max(s.last_used for _, s in used)
        for i, s in used:
            frequency = math.log1p(max(s.count, 0)) / math.log1p(top) if top > 0 else 0.0
            age = max(ref - s.last_used, 0.0)
            recency = 0.5 ** (age / _RECENCY_HALF_LIFE) if s.last_used > 0 else 0.0
            # above zero even when long unused: any use ranks above none
            weights[i] = max(min(60.0 * frequency + 39.0 * recency, 99.0), 1e-6)
    return weights


def verify(data: IndexData, q: WordQuery, i: int) -> Key | None:
    """The best (tier, kind) of one word in reply `i`, or None (remembered in `q`)."""
    if i in q.verified:
        return q.verified[i]
    found: Key | None = None
    word = q.word
    if i in q.code_exact:
        found = (TIER_CODE, KIND_LITERAL)
    else:
        title = data.title.texts[i]
        m = q.any.search(title)
        if m is not None:
            if m.start() == 0:
                literal = title.startswith(word)
                found = (TIER_TITLE_START, KIND_LITERAL if literal else KIND_PINYIN)
            else:
                literal = i in q.code_prefix or word in title
                found = (TIER_TITLE, KIND_LITERAL if literal else KIND_PINYIN)
        elif i in q.code_prefix:
            found = (TIER_TITLE, KIND_LITERAL)
        else:
            meta = data.meta.texts[i]
            if q.any.search(meta):
                found = (TIER_META, KIND_LITERAL if word in meta else KIND_PINYIN)
            elif q.any.search(data.bodies.texts[i]):
                # one kind in bodies: the body scan cannot tell them apart cheaply
                found = (TIER_BODY, KIND_PINYIN)
    q.verified[i] = found
    return found


def verify_all(data: IndexData, queries: Sequence[WordQuery], i: int) -> Key | None:
    """A reply's (tier, kind): its weakest word's. With several words, a title
    start or an exact code counts as a title match: no word alone decides."""
    tier, kind = TIER_CODE if len(queries) == 1 else TIER_TITLE, KIND_LITERAL
    for q in queries:
        found = verify(data, q, i)
        if found is None:
            return None
        tier, kind = min(tier, found[0]), min(kind, found[1])
    return tier, kind


@dataclass
class Ranking:
    """One search: scan candidates tier by tier until the top `limit` is settled.

    `usage` maps reply positions to weights (`usage_weights`), `used_mask` is
    their bit set, and `body_matches` yields the replies whose body holds a
    word, ascending (the index remembers those scans across keystrokes).
    """

    queries: Sequence[WordQuery]
    limit: int
    _: KW_ONLY
    data: IndexData
    classes: Classes
    usage: Mapping[int, float]
    used_mask: int
    body_matches: Callable[[WordQuery], Iterator[int]]
    # False: titles, tags and scenarios only (no body scan, no typos)
    deep: bool = True
    # compiles typo variants (the index's cache of compiled words)
    compile: Callable[[str], WordQuery] | None = None
    results: dict[int, Key] = field(default_factory=dict, init=False)
    typos: dict[int, WordQuery] = field(default_factory=dict, init=False)
    kind_bound: int = field(init=False)

    def __post_init__(self) -> None:
        self.kind_bound = min(q.kind_bound for q in self.queries)

    def run(self) -> tuple[dict[int, Key], dict[int, WordQuery]]:
        """(tier, kind) per reply found, and the typo variant behind each typo hit."""
        # Each level settles only once every reply that could rank above its
        # bound is known: title starts, then the rest of the titles, then tags
        # and scenarios (a title match found late in the library still beats
        # the tags found early). With several words no word alone decides a
        # title start: their first level is the titles.
        levels: tuple[tuple[int, tuple[str, ...]], ...] = (
            (TIER_TITLE_START, ("title",)),
            (TIER_TITLE, ("title",)),
            (TIER_META, ("title", "meta")),
        )
        for tier, groups in levels[1:] if len(self.queries) > 1 else levels:
            mask = -1
            starts = tier == TIER_TITLE_START
            for q in self.queries:
                found = q.candidates(self.data, groups)
                if starts:
                    # only titles that start the way the word does can start with
                    # it; a code it merely starts ranks as a title match (next level)
                    mask &= (found & q.title_starts(self.data)) | q.code_exact_mask
                else:
                    mask &= found | q.code_mask
            if mask and self._scan(mask, groups, (tier, self.kind_bound), starts=starts):
                return self.results, self.typos
        if self.deep and not self._scan_bodies():
            self._add_typos()
        return self.results, self.typos

    def _scan_bodies(self) -> bool:
        """Body matches, found by one regex scan over all bodies in library order."""
        bound = (TIER_BODY, KIND_PINYIN)
        for i in bits(self.used_mask):
            found = verify_all(self.data, self.queries, i)
            if found is not None:
                self.results[i] = found
        # A reply whose words all sit in titles or meta texts was seen above;
        # any other has some word in its body, so scanning for every word
        # finds it. Replies come in library order: the first `limit` settle it.
        return self._settle(unique_merge([self.body_matches(q) for q in self.queries]), bound)

    def _special(self, mask: int, groups: tuple[str, ...], bound: Key) -> int:
        """Candidates that may beat the bound: used replies, codes, words found as typed."""
        special = self.used_mask
        if len(self.queries) == 1:
            q = self.queries[0]
            special |= q.code_exact_mask
            if bound[0] <= TIER_TITLE:
                # a code the word starts ranks as a title match found as typed:
                # all such replies tie but for usage and position, so the used
                # ones and the first `limit` are all that can reach the top
                # (`k` starts thousands of codes in a large library)
                special |= (q.code_mask & self.used_mask) | _first(q.code_mask, self.limit)
            if q.has_letters:
                special |= q.literal_candidates(self.data, groups)
            return mask & special
        # several words: a reply is found as typed only when every word is
        # (a code it starts counts as typed), so the sets are ANDed
        literal = -1
        for q in self.queries:
            if q.has_letters:
                literal &= q.code_mask | q.literal_candidates(self.data, groups)
        if literal != -1:
            special |= literal
        return mask & special

    def _scan(
        self, mask: int, groups: tuple[str, ...], bound: Key, *, starts: bool = False
    ) -> bool:
        """Verify candidates in `mask`; True when nothing unscanned can enter the top.

        Replies that may beat the bound go first; the rest are read in library
        order, so once `limit` replies sit at or above the bound, every later
        one ranks below them.
        """
        for i in bits(self._special(mask, groups, bound)):
            found = verify_all(self.data, self.queries, i)
            if found is not None:
                self.results[i] = found
        if starts:
            # the filter for title starts reads two characters: it lets few
            # through that do not start with the word, in library order
            return self._settle(bits(mask), bound)
        return self._settle(self._in_order(mask, groups), bound)

    def _settle(self, candidates: Iterable[int], bound: Key) -> bool:
        """Verify `candidates` (library order) until `limit` replies sit at or above
        `bound`; True when that happened, so no later candidate can enter the top.

        Used replies (weights are always above zero) rank above unused ones at
        the same key, so only unused ones at the bound count as they come.
        """
        data = self.data
        usage = self.usage
        strong = sum(
            1 for i, key in self.results.items() if key > bound or (key == bound and i in usage)
        )
        if strong >= self.limit:
            return True
        for i in candidates:
            key = self.results.get(i)
            if key is None:
                # verdicts are cached per word, so candidates seen at a
                # higher tier cost a dictionary look-up here
                key = verify_all(data, self.queries, i)
                if key is None:
                    continue
                self.results[i] = key
            if key == bound and i not in usage:
                strong += 1
                if strong >= self.limit:
                    return True
        return False

    def _in_order(self, mask: int, groups: tuple[str, ...]) -> Iterator[int]:
        """Candidates in library order: from the bit set when it is small, else
        from one regex scan over the joined texts (the filter only knows initials:
        `tuika` lets through every 退款, and Python would verify each), beside the
        replies a code lets in."""
        if mask.bit_count() <= _SCAN_ABOVE:
            return bits(mask)
        lead = max(self.queries, key=lambda q: len(q.word))
        streams = []
        for name in groups:
            joined = self.data.group(name).joined
            if name == "title":
                # only the blocks of titles that hold the word's pairs: a scan
                # for a word whose letters many titles hold apart reads far
                blocks = lead.in_blocks(self.data.title_blocks, self.data)
                streams.append(scan_blocks(joined.joined, joined.starts, lead.any, blocks))
                continue
            scanners = lead.scanners()
            if len(scanners) > 1 and not lead.literal_candidates(self.data, (name,)):
                scanners = scanners[1:]  # no text of the group holds it as typed
            streams.append(joined.scan(scanners))
        coded = 0
        for q in self.queries:
            coded |= q.code_mask
        if coded & mask:
            streams.append(bits(coded & mask))
        return unique_merge(streams)

    def _add_typos(self) -> None:
        """Nothing matches as typed in titles, tags or scenarios: try one-slip pinyin
        typos of a one-word query there (after every real hit, see engine.py)."""
        if len(self.queries) != 1 or len(self.results) >= self.limit:
            return
        if any(key[0] >= TIER_META for key in self.results.values()):
            return  # the word as typed found what the agent filed: no guessing
        word = self.queries[0].word
        if not _TYPO_MIN_LETTERS <= len(word) <= _TYPO_MAX_LETTERS:
            return
        if not word.isascii() or not word.isalpha():
            return
        data = self.data
        compile_variant = self.compile or (lambda t: compile_word(t, data, self.classes))
        variants: list[WordQuery] = []
        for text in typo_variants(word):
            v = compile_variant(text)
            if v.pinyin_possible and v.candidates(data, ("title", "meta")):
                variants.append(v)
                if len(variants) >= _MAX_TYPO_WORDS:
                    break
        titles, metas = data.title.texts, data.meta.texts

        def check(i: int) -> int:
            """The place of a typo hit (2 at a title start, 1 in a title, 0 in
            meta, -1 none), recorded."""
            key = self.results.get(i)
            if key is not None:
                return key[1] if i in self.typos else -1
            for v in variants:
                m = v.any.search(titles[i])
                if m is not None or v.any.search(metas[i]):
                    place = 0 if m is None else 2 if m.start() == 0 else 1
                    self.results[i] = (TIER_TYPO, place)
                    self.typos[i] = v
                    return place
            return -1

        # title starts, then titles, then tags and scenarios, each in library
        # order after the used replies: once `limit` hits sit at a level's
        # place, no later candidate can pass them
        levels = (
            (2, [v.candidates(data, ("title",)) & v.title_starts(data) for v in variants]),
            (1, [v.candidates(data, ("title",)) for v in variants]),
            (0, [v.candidates(data, ("title", "meta")) for v in variants]),
        )
        for place, masks in levels:
            candidates = 0
            for mask in masks:
                candidates |= mask
            strong = sum(1 for i in self.typos if self.results[i][1] >= place)
            for i in bits(candidates & self.used_mask):
                check(i)
            for i in bits(candidates):
                if strong >= self.limit:
                    return
                if i not in self.usage and check(i) >= place:
                    strong += 1


def _first(mask: int, count: int) -> int:
    """The `count` lowest set bits of `mask`."""
    out = 0
    for n, i in enumerate(bits(mask)):
        if n >= count:
            break
        out |= 1 << i
    return out


_VOWELS = "aeiouv"
_INSERTABLE = "aeiouvgnh"  # letters a hurried agent drops: vowels, -ng, -n, zh/ch/sh
_MAX_TYPO_WORDS = 12


def typo_variants(word: str) -> list[str]:
    """Whole-pinyin words one slip away, likeliest slips first.

    Swapped neighbours (`fahou`, `kanjai`), a doubled or stray letter, a
    dropped vowel or n/g/h, one vowel for another.
    """
    seen: dict[str, None] = {}
    for i in range(len(word) - 1):
        seen[word[:i] + word[i + 1] + word[i] + word[i + 2 :]] = None
    for i in range(len(word)):
        seen[word[:i] + word[i + 1 :]] = None
    for i in range(1, len(word) + 1):
        for c in _INSERTABLE:
            seen[word[:i] + c + word[i:]] = None
    for i, old in enumerate(word):
        if old in _VOWELS:
            for c in _VOWELS:
                seen[word[:i] + c + word[i + 1 :]] = None
    seen.pop(word, None)
    return [v for v in seen if len(v) >= 3 and pinyin.is_full_pinyin(v)]
