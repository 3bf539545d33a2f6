"""The library's own words: which of them a typed word names, and a query for those words.

An agent who types `kj` means 砍价, a word the library files replies under,
not 可|加急, where the letters happen to line up across two words. The words
a library files replies under are its tags and scenario words; they are the
segmenter (no dictionary to ship or load: jieba would add 1.2 s and 83 MiB,
measured in bench/bench_suggest.py). A typed word *names* a vocabulary word
when it matches all of it: `kj`, `kanj`, `kanjia` and `砍价` name 砍价; `k`
names nothing.

`Vocabulary.named(q)` finds those words by walking the typed word's
segmentations along the words that start with a character its first chunk
can stand for (no regex to compile on a keystroke: that cost milliseconds),
and `TermsQuery` is a word query for them as plain text, which
`ranking.Ranking` runs like any other: the intent pass that ranks above
chance alignments.
`Vocabulary.split(word, named)` cuts a word typed without spaces into
vocabulary words (`kjyh` -> kj + yh, `砍价优惠`), or at the border of letters
and Chinese (`kj优惠`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter

from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.blocks import Blocks
from quickreply.core.search.index import IndexData
from quickreply.core.search.query import KIND_PINYIN, Classes, WordQuery

_SEP = "\x00"
_MIN_TERM, _MAX_TERM = 2, 12  # characters of a vocabulary word
MAX_NAMED = 24  # vocabulary words one typed word may stand for
_SPLIT_MAX = 16  # longest word tried for splitting
_SPLIT_TRIES = 6  # pieces compiled at most to split one word
_SCRIPT = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


class Vocabulary:
    """The distinct tags and scenario words of a library, folded."""

    def __init__(self, replies: Iterable[Reply], readings: dict[str, tuple[str, ...]]) -> None:
        # each character's most common reading only: `sg` names 身高, not 适合
        # through 合's rare reading ge (all readings still count when the
        # common ones name nothing: 店长 is dianzhang)
        self._primary = Classes({c: r[:1] for c, r in readings.items()})
        # distinct values first: a large library repeats a few hundred of them
        replies = tuple(replies)
        tags = set(chain.from_iterable(map(attrgetter("tags"), replies)))
        scenarios = set(map(attrgetter("scenario"), replies))
        parts = {part for s in scenarios for part in s.split("/")}
        words = {pinyin.fold(w).strip() for w in tags | parts}
        self.words = tuple(
            sorted(w for w in words if _MIN_TERM <= len(w) <= _MAX_TERM and _SEP not in w)
        )
        self._set = frozenset(self.words)
        # first character -> the words (spaces left out) starting with it
        self._by_first: dict[str, list[tuple[str, str]]] = {}
        for w in self.words:
            packed = w.replace(" ", "")
            self._by_first.setdefault(packed[0], []).append((packed, w))
        self._named: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.words)

    def named(self, q: WordQuery, data: IndexData) -> tuple[str, ...]:
        """Vocabulary words `q` matches whole, longest first (at most MAX_NAMED)."""
        found = self._named.get(q.word)
        if found is None:
            found = ()
            # a vocabulary word has two characters at least: one typed
            # character or letter names none
            if self.words and len(q.word) >= _MIN_TERM:
                found = self._match(q, self._primary) or self._match(q, q.classes)
            self._named[q.word] = found
        return found

    def _match(self, q: WordQuery, classes: Classes) -> tuple[str, ...]:
        """Words equal to `q` as typed, or read whole by one of its segmentations
        with these character classes."""
        units = q.units if q.pinyin_possible else ()
        firsts: set[str] = {q.word[0]}
        if units and not isinstance(units[0], str):
            for seg in units[0]:
                firsts |= classes.chunk_set(seg[0])
        hits: set[str] = set()
        by_first = self._by_first
        for first in firsts if len(firsts) < len(by_first) else by_first:
            if first not in firsts:
                continue
            for packed, word in by_first.get(first, ()):
                if packed == q.word or (units and _reads(packed, 0, units, classes)):
                    hits.add(word)
        return tuple(sorted(hits, key=lambda w: (-len(w), w)))[:MAX_NAMED]

    def split(
        self, word: str, compile_piece: Callable[[str], WordQuery], data: IndexData
    ) -> list[str] | None:
        """`word` cut into words: where letters meet Chinese (`kj优惠`, `砍价yh`); Chinese
        into vocabulary words (`砍价优惠`); letters in two, each naming a vocabulary
        word, at a syllable border (`kjyh` -> kj + yh, `kanjiayouhui`). None when it
        cannot be cut. Bounded: at most `_SPLIT_TRIES` pieces are compiled."""
        if not 2 <= len(word) <= _SPLIT_MAX:
            return None
        runs = _SCRIPT.findall(word)
        if len(runs) > 1:
            return runs
        if not word.isascii():
            return self._split_chinese(word)
        segs = pinyin.segmentations(word, limit=1)
        if not segs:
            return None
        borders: list[int] = []
        at = 0
        for chunk in segs[0][:-1]:
            at += len(chunk.letters)
            borders.append(at)
        # balanced cuts first: two words of two characters is the common case
        borders.sort(key=lambda b: abs(len(word) - 2 * b))
        for border in borders[: _SPLIT_TRIES // 2]:
            left, right = word[:border], word[border:]
            if self.named(compile_piece(left), data) and self.named(compile_piece(right), data):
                return [left, right]
        return None

    def _split_chinese(self, word: str) -> list[str] | None:
        """Chinese cut into vocabulary words, longest first from the left."""
        words = self._set
        pieces: list[str] = []
        at = 0
        while at < len(word):
            for end in range(min(len(word), at + _MAX_TERM), at + 1, -1):
                if word[at:end] in words and (at, end) != (0, len(word)):
                    pieces.append(word[at:end])
                    at = end
                    break
            else:
                return None
        return pieces if len(pieces) > 1 else None


def _reads(
    text: str, at: int, units: tuple[str | tuple[pinyin.Segmentation, ...], ...], classes: Classes
) -> bool:
    """Whether `units` (a compiled word's characters and letter runs) read all of
    `text` from `at`, each chunk of a run standing for one character."""
    if not units:
        return at == len(text)
    unit, rest = units[0], units[1:]
    if isinstance(unit, str):
        return text.startswith(unit, at) and _reads(text, at + len(unit), rest, classes)
    for seg in unit:
        end = at + len(seg)
        fits = end <= len(text) and all(
            text[at + k] in classes.chunk_set(chunk) for k, chunk in enumerate(seg)
        )
        if fits and _reads(text, end, rest, classes):
            return True
    return False


@dataclass
class TermsQuery(WordQuery):
    """A query for vocabulary words as plain text: what a typed word names."""

    terms: tuple[str, ...] = ()
    _terms_re: re.Pattern[str] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, word: str, terms: tuple[str, ...], classes: Classes) -> TermsQuery:
        return cls(
            word=_SEP + word,  # never equal to a typed word, so no cache mixes them
            units=(),
            classes=classes,
            kind_bound=KIND_PINYIN,
            has_letters=False,
            runs=(),
            plain_chars="",
            pinyin_possible=False,
            terms=terms,
        )

    @property
    def any(self) -> re.Pattern[str]:
        if self._terms_re is None:
            self._terms_re = re.compile("|".join(re.escape(t) for t in self.terms))
        return self._terms_re

    def scanners(self) -> list[re.Pattern[str] | str]:
        return [self.any]

    def title_starts(self, data: IndexData) -> int:
        return data.title.head(0, "".join(sorted({t[0] for t in self.terms})))

    def literal_candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        return self.candidates(data, groups)

    def in_blocks(self, blocks: Blocks, data: IndexData) -> int:
        return _holding_a_term(self.terms, blocks.char)

    def candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        cached = self._filters.get(groups)
        if cached is None:
            cached = 0
            for name in groups:
                cached |= _holding_a_term(self.terms, data.group(name).char)
            self._filters[groups] = cached
        return cached


def _holding_a_term(terms: Iterable[str], char: Callable[[str], int]) -> int:
    """What holds every character of some term: `char(c)` says what holds `c`."""
    found = 0
    for term in terms:
        mask = -1
        for c in set(term):
            mask &= char(c)
            if not mask:
                break
        found |= mask if mask != -1 else 0
    return found
