"""Pinyin-aware search over replies, ranked, with spans for highlighting.

A query is split on white space; every word must match somewhere in a reply,
in any order. A word matches as typed (`砍价`, `vip`), in full pinyin
(`kanjia`), initials (`kj`), any mix (`kj优惠`, `kanj`), through every reading
of a polyphonic character (`changkuan` finds 长款), full-width or upper case
alike, with small pinyin typos (`fahou` finds 发货), or as a shortcut code.

Ranking, strongest first (a reply's tier is its weakest word's tier; with
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
how recently the agent used the reply, passed in, so this module stays
pure), then library order. `Hit.score` encodes exactly this: tier * 1000 +
kind * 100 + usage (0-99); compare scores within one query only.

Spans: `Hit.spans` maps a field name ("title", "tags", "scenario", "codes",
"text") to (start, end) character offsets into that field's original text;
"tags" and "codes" index the tags or codes joined by one space (`JOIN`), and
`tag_spans` splits tag spans per tag. `highlight` turns spans into
(segment, is_match) pieces for the palette to paint.

Each field is matched on its own, never as one long combined string (WRatio
over such a string caps near 60 and favours short replies).

Speed: `search_index` narrows a word to candidate replies with bit sets
(titles, tags, scenarios) or one C-level regex scan (bodies, and titles when
the bit sets leave too many), and replies are read in library order tier by
tier, stopping as soon as no unread reply can enter the top `limit`. A
keystroke therefore verifies a few hundred candidates at most, not the
library. Compiled words and their per-reply verdicts are kept for the next
keystrokes (the palette searches every prefix, and multi-word queries repeat
their earlier words); they are pure functions of the word, so reusing them
cannot change any result.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Protocol

from quickreply.core import pinyin
from quickreply.core.model import Reply
from quickreply.core.search_index import (
    META_SEP,
    IndexData,
    load_or_build,
    mask_of,
    unique_merge,
)
from quickreply.core.search_query import (
    KIND_LITERAL,
    KIND_PINYIN,
    Classes,
    WordQuery,
    compile_word,
)

__all__ = [
    "FIELDS",
    "JOIN",
    "Hit",
    "SearchIndex",
    "Span",
    "UsageLike",
    "UsageStat",
    "highlight",
    "tag_spans",
]

Span = tuple[int, int]

# Field names in Hit.spans. "tags" and "codes" spans index into the tags or
# codes joined by JOIN (one space); `tag_spans` splits them per tag.
FIELDS: Final = ("title", "tags", "scenario", "codes", "text")
JOIN: Final = " "

TIER_CODE, TIER_TITLE_START, TIER_TITLE, TIER_META, TIER_BODY, TIER_TYPO = 6, 5, 4, 3, 2, 1
_TYPO_MIN_LETTERS = 4
_TYPO_MAX_LETTERS = 16
_RECENCY_HALF_LIFE = 3 * 24 * 3600.0  # seconds
_WORD_CACHE = 64
_SCAN_ABOVE = 1500  # candidates beyond which one C-level scan beats verifying each


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


@dataclass(frozen=True, slots=True)
class Hit:
    reply: Reply
    score: float
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)


_DEFAULT_CACHE: Final = Path("<data dir>/cache")


class SearchIndex:
    """The library, indexed for search. Build once; call `search` on every keystroke.

    `usage` maps `Reply.uid` to a usage stat (`count`, `last_used` epoch
    seconds); `now` is the reference time for recency (default: the latest
    `last_used`). `cache_dir` holds the built index between runs (default
    `data_dir()/cache`; None: no disk cache).
    """

    def __init__(
        self,
        replies: Iterable[Reply],
        usage: Mapping[str, UsageLike] | None = None,
        *,
        now: float | None = None,
        cache_dir: Path | None = _DEFAULT_CACHE,
    ) -> None:
        self.replies: tuple[Reply, ...] = tuple(replies)
        if cache_dir is _DEFAULT_CACHE:
            from quickreply.core.storage import data_dir

            cache_dir = data_dir() / "cache"
        self._data: IndexData = load_or_build(self.replies, cache_dir)
        self._classes = Classes(self._data.readings)
        # tables every query needs: build them now, not on the first keystroke
        pinyin.syllable_prefixes()
        self._classes.exact("")
        self._codes = sorted(
            (pinyin.fold(code), i) for i, r in enumerate(self.replies) for code in r.codes
        )
        self._words: OrderedDict[str, WordQuery] = OrderedDict()
        # word -> (replies whose body holds it, replies scanned so far)
        self._bodies: OrderedDict[str, tuple[list[int], int]] = OrderedDict()
        self._usage: dict[int, float] = {}
        self._used_mask = 0
        self._position: dict[str, int] | None = None
        self.set_usage(usage or {}, now=now)

    @property
    def cache_status(self) -> str:
        """How the index was built: "hit", "miss", "corrupt" (rebuilt) or "off"."""
        return self._data.cache_status

    def __len__(self) -> int:
        return len(self.replies)

    # -- usage

    def set_usage(self, usage: Mapping[str, UsageLike], *, now: float | None = None) -> None:
        """Replace the usage figures (cheap: call it after every paste)."""
        self._usage = {}
        self._used_mask = 0
        if not usage:
            return
        if self._position is None:
            # the first reply wins when two share a uid (never in a merged library)
            self._position = {}
            for i, r in enumerate(self.replies):
                self._position.setdefault(r.uid, i)
        position = self._position
        stats = [(position[uid], s) for uid, s in usage.items() if uid in position]
        stats = [(i, s) for i, s in stats if s.count > 0 or s.last_used > 0]
        if stats:
            top = max(s.count for _, s in stats)
            ref = now if now is not None else max(s.last_used for _, s in stats)
            for i, s in stats:
                frequency = math.log1p(max(s.count, 0)) / math.log1p(top) if top > 0 else 0.0
                age = max(ref - s.last_used, 0.0)
                recency = 0.5 ** (age / _RECENCY_HALF_LIFE) if s.last_used > 0 else 0.0
                # above zero even when long unused: any use ranks above none
                self._usage[i] = max(min(60.0 * frequency + 39.0 * recency, 99.0), 1e-6)
        self._used_mask = mask_of(self._usage, len(self.replies))

    # -- searching

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        if limit < 1:
            return []
        words = pinyin.fold(query).split()
        if not words:
            return self._most_used(limit)
        queries = [self._word(w) for w in dict.fromkeys(words)]
        results, typos = _Ranking(self, queries, limit).run()
        top = sorted(results.items(), key=lambda item: self._rank_key(item[0], item[1]))
        return [self._hit(i, key, queries, typos.get(i)) for i, key in top[:limit]]

    def _rank_key(self, i: int, key: tuple[int, int]) -> tuple[int, int, float, int]:
        return (-key[0], -key[1], -self._usage.get(i, 0.0), i)

    def _most_used(self, limit: int) -> list[Hit]:
        used = sorted(self._usage, key=lambda i: (-self._usage[i], i))[:limit]
        hits = [Hit(self.replies[i], self._usage[i]) for i in used]
        chosen = set(used)
        for i, reply in enumerate(self.replies):
            if len(hits) >= limit:
                break
            if i not in chosen:
                hits.append(Hit(reply, 0.0))
        return hits

    def _word(self, word: str) -> WordQuery:
        found = self._words.get(word)
        if found is None:
            found = compile_word(word, self._data, self._classes, self._codes)
            self._words[word] = found
            if len(self._words) > _WORD_CACHE:
                self._words.popitem(last=False)
        else:
            self._words.move_to_end(word)
        return found

    def _body_matches(self, q: WordQuery) -> Iterator[int]:
        """Replies whose body holds word `q`, ascending, remembered across keystrokes.

        Whatever a word matches, each of its prefixes matches too (see
        `pinyin.segmentations`), so a word typed on from one whose bodies were
        scanned need only re-check that word's hits, then scan on from where
        that scan stopped.
        """
        state = self._bodies.get(q.word)
        if state is None:
            known = [] if q.truncated else [w for w in self._bodies if q.word.startswith(w)]
            texts = self._data.bodies.texts
            if known:
                hits, done = self._bodies[max(known, key=len)]
                state = ([i for i in hits if q.any.search(texts[i])], done)
            else:
                state = ([], 0)
            if not q.truncated:
                self._bodies[q.word] = state
            if len(self._bodies) > _WORD_CACHE:
                self._bodies.popitem(last=False)
        hits = state[0]
        yield from list(hits)
        keep = not q.truncated
        for i in self._data.bodies.scan(q.scanners(), state[1]):
            hits.append(i)
            if keep:
                self._bodies[q.word] = (hits, i + 1)
            yield i
        if keep:
            self._bodies[q.word] = (hits, len(self.replies))

    def _verify(self, q: WordQuery, i: int) -> tuple[int, int] | None:
        """The best (tier, kind) of one word in reply `i`, or None."""
        if i in q.verified:
            return q.verified[i]
        found: tuple[int, int] | None = None
        data = self._data
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

    def _verify_all(self, queries: Sequence[WordQuery], i: int) -> tuple[int, int] | None:
        """A reply's (tier, kind): its weakest word's. With several words, a title
        start or an exact code counts as a title match: no word alone decides."""
        tier, kind = TIER_CODE if len(queries) == 1 else TIER_TITLE, KIND_LITERAL
        for q in queries:
            found = self._verify(q, i)
            if found is None:
                return None
            tier, kind = min(tier, found[0]), min(kind, found[1])
        return tier, kind

    # -- spans

    def _hit(
        self,
        i: int,
        key: tuple[int, int],
        queries: Sequence[WordQuery],
        typo: WordQuery | None,
    ) -> Hit:
        reply = self.replies[i]
        spans: dict[str, list[Span]] = {}
        for q in [typo] if typo is not None else queries:
            self._spans_of(q, i, reply, spans)
        score = key[0] * 1000.0 + key[1] * 100.0 + self._usage.get(i, 0.0)
        return Hit(reply, score, {name: _merge(found) for name, found in spans.items() if found})

    def _spans_of(self, q: WordQuery, i: int, reply: Reply, spans: dict[str, list[Span]]) -> None:
        data = self._data
        for name, text in (("title", data.title.texts[i]), ("text", data.bodies.texts[i])):
            spans.setdefault(name, []).extend(m.span() for m in _matches(q.any, text))
        meta = data.meta.texts[i]
        cut = len(reply.scenario)
        for m in _matches(q.any, meta):
            start, end = m.span()
            if end <= cut:
                spans.setdefault("scenario", []).append((start, end))
            elif start > cut:
                # tags are joined by META_SEP in the meta text and by JOIN in
                # the field: both one character, so offsets carry over
                spans.setdefault("tags", []).append((start - cut - 1, end - cut - 1))
        offset = 0
        for code in reply.codes:
            folded = pinyin.fold(code)
            if folded.startswith(q.word):
                spans.setdefault("codes", []).append((offset, offset + len(q.word)))
            offset += len(code) + len(JOIN)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return (m for m in pattern.finditer(text) if m.end() > m.start())


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


assert len(META_SEP) == len(JOIN) == 1


class _Ranking:
    """One search: scan candidates tier by tier until the top `limit` is settled."""

    def __init__(self, index: SearchIndex, queries: Sequence[WordQuery], limit: int) -> None:
        self.index = index
        self.queries = queries
        self.limit = limit
        self.results: dict[int, tuple[int, int]] = {}
        self.typos: dict[int, WordQuery] = {}
        self.kind_bound = min(q.kind_bound for q in queries)

    def run(self) -> tuple[dict[int, tuple[int, int]], dict[int, WordQuery]]:
        levels: tuple[tuple[int, tuple[str, ...]], ...] = (
            (TIER_TITLE_START, ("title",)),
            (TIER_META, ("title", "meta")),
        )
        for tier, groups in levels:
            mask = -1
            for q in self.queries:
                mask &= q.candidates(self.index._data, groups) | q.code_mask
            if len(self.queries) > 1:
                tier = min(tier, TIER_TITLE)
            if mask and self._scan(mask, groups, (tier, self.kind_bound)):
                return self.results, self.typos
        if not self._scan_bodies():
            self._add_typos()
        return self.results, self.typos

    def _scan_bodies(self) -> bool:
        """Body matches, found by one regex scan over all bodies in library order."""
        index = self.index
        bound = (TIER_BODY, KIND_PINYIN)
        for i in _bits(index._used_mask):
            found = index._verify_all(self.queries, i)
            if found is not None:
                self.results[i] = found
        # A reply whose words all sit in titles or meta texts was seen above;
        # any other has some word in its body, so scanning for every word
        # finds it. Replies come in library order: the first `limit` settle it.
        return self._settle(unique_merge([index._body_matches(q) for q in self.queries]), bound)

    def _special(self, mask: int, groups: tuple[str, ...], bound: tuple[int, int]) -> int:
        """Candidates that may beat the bound: used replies, codes, words found as typed."""
        special = self.index._used_mask
        for q in self.queries:
            special |= q.code_exact_mask
            if bound[0] <= TIER_TITLE:
                special |= q.code_mask
            if q.has_letters:
                special |= q.literal_candidates(self.index._data, groups)
        return mask & special

    def _scan(self, mask: int, groups: tuple[str, ...], bound: tuple[int, int]) -> bool:
        """Verify candidates in `mask`; True when nothing unscanned can enter the top.

        Replies that may beat the bound go first; the rest are read in library
        order, so once `limit` replies sit at or above the bound, every later
        one ranks below them.
        """
        index = self.index
        for i in _bits(self._special(mask, groups, bound)):
            found = index._verify_all(self.queries, i)
            if found is not None:
                self.results[i] = found
        return self._settle(self._in_order(mask, groups), bound)

    def _settle(self, candidates: Iterable[int], bound: tuple[int, int]) -> bool:
        """Verify `candidates` (library order) until `limit` replies sit at or above
        `bound`; True when that happened, so no later candidate can enter the top.

        Used replies (weights are always above zero) rank above unused ones at
        the same key, so only unused ones at the bound count as they come.
        """
        index = self.index
        usage = index._usage
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
                key = index._verify_all(self.queries, i)
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
        `tuika` lets through every 退款, and Python would verify each)."""
        if mask.bit_count() <= _SCAN_ABOVE:
            return _bits(mask)
        data = self.index._data
        lead = max(self.queries, key=lambda q: len(q.word))
        streams = [data.group(name).joined.scan(lead.scanners()) for name in groups]
        return unique_merge(streams)

    def _add_typos(self) -> None:
        """Fewer than `limit` replies match as typed: try one-slip pinyin typos of
        a one-word query in titles, tags and scenarios."""
        if len(self.queries) != 1 or len(self.results) >= self.limit:
            return
        word = self.queries[0].word
        if not _TYPO_MIN_LETTERS <= len(word) <= _TYPO_MAX_LETTERS:
            return
        if not word.isascii() or not word.isalpha():
            return
        strong = len(self.results)
        index = self.index
        data = index._data
        variants: list[WordQuery] = []
        candidates = 0
        for text in _typo_variants(word):
            v = compile_word(text, data, index._classes, ())
            mask = v.candidates(data, ("title", "meta")) if v.pinyin_possible else 0
            if mask:
                variants.append(v)
                candidates |= mask
                if len(variants) >= _MAX_TYPO_WORDS:
                    break
        titles, metas = data.title.texts, data.meta.texts
        best = (TIER_TYPO, 2)

        def check(i: int) -> bool:
            """Record a typo hit: 2 at a title start, 1 in a title, 0 in meta."""
            if i in self.results:
                return False
            for v in variants:
                m = v.any.search(titles[i])
                if m is not None or v.any.search(metas[i]):
                    place = 0 if m is None else 2 if m.start() == 0 else 1
                    self.results[i] = (TIER_TYPO, place)
                    self.typos[i] = v
                    return True
            return False

        # used replies first; then library order, where the first `limit`
        # title-start hits outrank every later one
        for i in _bits(candidates & index._used_mask):
            if check(i) and self.results[i] == best:
                strong += 1
        for i in _bits(candidates):
            if strong >= self.limit:
                return
            if i not in index._usage and check(i) and self.results[i] == best:
                strong += 1


_VOWELS = "aeiouv"
_INSERTABLE = "aeiouvgnh"  # letters a hurried agent drops: vowels, -ng, -n, zh/ch/sh
_MAX_TYPO_WORDS = 12


def _typo_variants(word: str) -> list[str]:
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


_BIT_OFFSETS = tuple(tuple(b for b in range(8) if (n >> b) & 1) for n in range(256))
_NONZERO = re.compile(rb"[^\x00]")


def _bits(mask: int) -> Iterator[int]:
    """Positions of the set bits of `mask`, ascending."""
    if mask <= 0:
        return
    raw = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for m in _NONZERO.finditer(raw):
        base = m.start() * 8
        for b in _BIT_OFFSETS[raw[base >> 3]]:
            yield base + b


def highlight(text: str, spans: Iterable[Span]) -> list[tuple[str, bool]]:
    """`text` cut into (segment, is_match) pieces for painting; spans may overlap."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in _merge([(max(0, s), min(len(text), e)) for s, e in spans if e > s]):
        if start >= len(text):
            break
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def tag_spans(reply: Reply, spans: Sequence[Span]) -> list[tuple[str, tuple[Span, ...]]]:
    """Split `Hit.spans["tags"]` into spans per tag: [(tag, spans into that tag)]."""
    out: list[tuple[str, tuple[Span, ...]]] = []
    offset = 0
    for tag in reply.tags:
        end = offset + len(tag)
        own = tuple(
            (max(s, offset) - offset, min(e, end) - offset)
            for s, e in spans
            if s < end and e > offset
        )
        out.append((tag, own))
        offset = end + len(JOIN)
    return out
