"""The library's own words: which of them a typed word names, and a query for those words.

An agent who types `kj` means 砍价, a word the library files replies under,
not 可|加急, where the letters happen to line up across two words. The words
a library files replies under are its tags and scenario words; they are the
segmenter (no dictionary to ship or load: jieba would add 1.2 s and 83 MiB,
measured in bench/bench_suggest.py). A typed word *names* a vocabulary word
when it matches all of it: `kj`, `kanj`, `kanjia` and `砍价` name 砍价; `k`
names nothing.

`Vocabulary.named(q)` finds those words with one regex scan over the
vocabulary joined by NUL (anchored at both ends, in C), and `TermsQuery` is a
word query for them as plain text, which `ranking.Ranking` runs like any
other: the intent pass that ranks above chance alignments.
`Vocabulary.split(word, named)` cuts a word typed without spaces into
vocabulary words (`kjyh` -> kj + yh, `砍价优惠`), or at the border of letters
and Chinese (`kj优惠`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.index import IndexData
from quickreply.core.search.query import KIND_PINYIN, Classes, WordQuery, compile_word

_SEP = "\x00"
_MIN_TERM, _MAX_TERM = 2, 12  # characters of a vocabulary word
MAX_NAMED = 24  # vocabulary words one typed word may stand for
_SPLIT_MAX = 16  # longest word tried for splitting
_SCRIPT = re.compile(r"[a-z0-9]+|[^a-z0-9]+")


class Vocabulary:
    """The distinct tags and scenario words of a library, folded."""

    def __init__(self, replies: Iterable[Reply], readings: dict[str, tuple[str, ...]]) -> None:
        # each character's most common reading only: `sg` names 身高, not 适合
        # through 合's rare reading ge (all readings still count when the
        # common ones name nothing: 店长 is dianzhang)
        self._primary = Classes({c: r[:1] for c, r in readings.items()})
        words: dict[str, None] = {}
        for r in replies:
            for part in (*r.tags, *r.scenario_path):
                folded = pinyin.fold(part).strip()
                if _MIN_TERM <= len(folded) <= _MAX_TERM and _SEP not in folded:
                    words[folded] = None
        self.words = tuple(words)
        self._joined = _SEP + _SEP.join(self.words) + _SEP if self.words else ""
        self._named: dict[str, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self.words)

    def named(self, q: WordQuery, data: IndexData) -> tuple[str, ...]:
        """Vocabulary words `q` matches whole, longest first (at most MAX_NAMED)."""
        found = self._named.get(q.word)
        if found is None:
            found = ()
            if self._joined:
                common = compile_word(q.word, data, self._primary, ())
                found = self._scan(common.any.pattern) or self._scan(q.any.pattern)
            self._named[q.word] = found
        return found

    def _scan(self, source: str) -> tuple[str, ...]:
        pattern = re.compile(f"{_SEP}(?:{source})(?={_SEP})")
        hits = {m.group()[1:] for m in pattern.finditer(self._joined)}
        return tuple(sorted(hits, key=lambda w: (-len(w), w)))[:MAX_NAMED]

    def split(
        self, word: str, compile_piece: Callable[[str], WordQuery], data: IndexData
    ) -> list[str] | None:
        """`word` cut into pieces that each name a vocabulary word (`kjyh` -> [kj, yh]),
        else cut where letters meet Chinese (`kj优惠`); None when it cannot be cut."""
        if len(word) > _SPLIT_MAX or len(word) < 2:
            return None
        memo: dict[int, list[str] | None] = {}

        def rest(at: int) -> list[str] | None:
            if at == len(word):
                return []
            if at in memo:
                return memo[at]
            memo[at] = None
            for end in range(len(word), at + 1, -1):  # longest piece first
                if at == 0 and end == len(word):
                    continue  # the whole word is not a split
                if self.named(compile_piece(word[at:end]), data):
                    tail = rest(end)
                    if tail is not None:
                        memo[at] = [word[at:end], *tail]
                        break
            return memo[at]

        pieces = rest(0)
        if pieces:
            return pieces
        runs = _SCRIPT.findall(word)
        return runs if len(runs) > 1 else None


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

    def literal_candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        return self.candidates(data, groups)

    def candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        cached = self._filters.get(groups)
        if cached is None:
            cached = 0
            for name in groups:
                group = data.group(name)
                for term in self.terms:
                    mask = -1
                    for c in set(term):
                        mask &= group.char(c)
                        if not mask:
                            break
                    cached |= mask if mask != -1 else 0
            self._filters[groups] = cached
        return cached
