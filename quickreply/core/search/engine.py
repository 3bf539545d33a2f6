"""SearchIndex: the library indexed once, searched on every keystroke.

It owns what lives from one keystroke to the next: the index (built or
loaded from the disk cache), the usage weights, the vocabulary, and compiled
words with their per-reply verdicts and body scans. The palette searches
every prefix, and multi-word queries repeat their earlier words, so those are
kept; they are pure functions of the word, so reusing them cannot change any
result. Which replies a pass finds is decided in `ranking.py`; how the passes
stack up is decided here:

    band 4  a word equals one of the reply's codes
    band 3  the intent pass: the words the query names in the library's
            vocabulary (`kj` -> 砍价, see `vocabulary.py`) in titles, tags or
            scenarios
    band 2  the query as typed (`ranking.py`'s tiers)
    band 1  a word typed without spaces, cut into words (`kjyh`, `kj优惠`)
    band 0  pinyin typos (`fahou`, `退款 fahou`): always after real hits

`Hit.score` = band * 10000 + tier * 1000 + kind * 100 + usage (0-99).
Ties go to the shorter title (so a title that *is* the query comes first),
then library order: the index numbers replies in that order, which is what
lets the settle loop stop early.
"""

from __future__ import annotations

import heapq
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import attrgetter
from pathlib import Path
from typing import Final

from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.bitsets import mask_of
from quickreply.core.search.blocks import scan_blocks
from quickreply.core.search.cache import load_or_build
from quickreply.core.search.highlight import Span, hit_spans, topic_spans
from quickreply.core.search.index import IndexData
from quickreply.core.search.query import Classes, CodeTable, WordQuery, compile_word
from quickreply.core.search.ranking import (
    TIER_CODE,
    TIER_META,
    TIER_TYPO,
    Ranking,
    UsageLike,
    typo_variants,
    usage_weights,
)
from quickreply.core.search.suggest import Suggester
from quickreply.core.search.vocabulary import TermsQuery, Vocabulary

_WORD_CACHE = 64
_VARIANT_CACHE = 256
# A query is what an agent types: longer input is pasted text, read this far.
MAX_QUERY = 64  # characters
MAX_WORDS = 8
_TYPO_TRIES = 8  # typo variants tried per word of a multi-word query
BAND_CODE, BAND_INTENT, BAND_TYPED, BAND_SPLIT, BAND_TYPO = 4, 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Hit:
    """One reply found: `score` orders hits of one query (see above),
    `spans` says where it matched (see `highlight.py`)."""

    reply: Reply
    score: float
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    # found by `suggest` (a buyer's message), not by matching what was typed
    suggested: bool = False


_DEFAULT_CACHE: Final = Path("<data dir>/cache")

# (band, tier, kind): what a hit ranks by before usage and position
Rank = tuple[int, int, int]


class SearchIndex:
    """The library, indexed for search. Build once; call `search` on every keystroke.

    `usage` maps `Reply.uid` to a usage stat (`count`, `last_used` epoch
    seconds); `now` is the reference time for recency (default: the latest
    `last_used`). `cache_dir` holds the built index between runs (default
    `data_dir()/cache`; None: no disk cache), under `content_key` when the
    caller has a hash that changes whenever the replies do
    (`Library.content_key`), else under a hash of the replies.
    """

    def __init__(
        self,
        replies: Iterable[Reply],
        usage: Mapping[str, UsageLike] | None = None,
        *,
        now: float | None = None,
        cache_dir: Path | None = _DEFAULT_CACHE,
        content_key: str | None = None,
    ) -> None:
        self.replies: tuple[Reply, ...] = tuple(replies)
        # index positions: shorter titles first, then library order (the tie-break);
        # map and attrgetter keep the per-reply loops of a start in C
        lengths = list(map(len, map(attrgetter("title"), self.replies)))
        self._order = tuple(sorted(range(len(lengths)), key=lengths.__getitem__))
        self._at: tuple[Reply, ...] = tuple(map(self.replies.__getitem__, self._order))
        if cache_dir is _DEFAULT_CACHE:
            from quickreply.core.storage import data_dir

            cache_dir = data_dir() / "cache"
        self._data: IndexData = load_or_build(self._at, cache_dir, content_key)
        self._classes = Classes(self._data.readings)
        # tables every query needs: build them now, not on the first keystroke
        pinyin.syllable_prefixes()
        self._classes.exact("")
        # all codes folded with one scan (30,000 codes: 10 ms, not 80, of a start)
        per_reply = list(map(attrgetter("codes"), self._at))
        owners = chain.from_iterable(map(repeat, range(len(per_reply)), map(len, per_reply)))
        folded = pinyin.fold_all(list(chain.from_iterable(per_reply)))
        self._codes = CodeTable.of(folded, list(owners))
        self._vocabulary = Vocabulary(self._at, self._data.readings)
        self._words: OrderedDict[str, WordQuery] = OrderedDict()
        self._variants: OrderedDict[str, WordQuery] = OrderedDict()
        # word -> (replies whose body holds it, replies scanned so far)
        self._bodies: OrderedDict[str, tuple[list[int], int]] = OrderedDict()
        self._usage: dict[int, float] = {}
        self._used_mask = 0
        self._position: dict[str, int] | None = None
        self._suggester: Suggester | None = None
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
            for i, r in enumerate(self._at):
                self._position.setdefault(r.uid, i)
        position = self._position
        self._usage = usage_weights(
            ((position[uid], s) for uid, s in usage.items() if uid in position), now
        )
        self._used_mask = mask_of(self._usage, len(self._at))

    # -- searching

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        """The best `limit` hits for a typed query (cut to MAX_QUERY characters and
        MAX_WORDS words: beyond that it is pasted text, see `suggest`)."""
        if limit < 1:
            return []
        words = list(dict.fromkeys(pinyin.fold(query[: MAX_QUERY * 4])[:MAX_QUERY].split()))
        if not words:
            return self._most_used(limit)
        words = words[:MAX_WORDS]
        queries = [self._word(w) for w in words]
        found: dict[int, tuple[Rank, Sequence[WordQuery]]] = {}
        results, typos = self._ranking(queries, limit).run()
        for i, key in results.items():
            typo = typos.get(i)
            if typo is not None:
                found[i] = ((BAND_TYPO, *key), [typo])
            else:
                band = BAND_CODE if key[0] == TIER_CODE else BAND_TYPED
                found[i] = ((band, *key), queries)
        named = self._intent(words, queries)
        if named is not None:
            for i, key in self._ranking(named, limit, deep=False).run()[0].items():
                self._offer(found, i, (BAND_INTENT, *key), queries)
        real = sum(1 for rank, _ in found.values() if rank[0] > BAND_TYPO)
        # cut a word apart only when it finds nothing outside bodies as typed
        # (`kjyh`): a word that does was meant as one
        filed = any(rank[0] > BAND_TYPO and rank[1] >= TIER_META for rank, _ in found.values())
        if real < limit and len(words) == 1 and not filed:
            self._split_hits(words[0], limit, found)
        elif real < limit and len(words) > 1:
            self._typo_hits(words, queries, limit - real, found)
        top = heapq.nsmallest(limit, found.items(), key=lambda item: self._order_key(*item))
        return [self._hit(i, rank, spans_of) for i, (rank, spans_of) in top]

    def suggest(self, message: str, limit: int = 20) -> list[Hit]:
        """The replies for the situation a buyer's message describes, best first
        (see `suggest.py`); `Hit.spans` marks the topics found in titles and tags."""
        if self._suggester is None:
            self._suggester = Suggester(self._at, self._data.title.texts)
        found = self._suggester.suggest(message, limit)
        return [
            Hit(
                self._at[s.position],
                s.score,
                topic_spans(self._at[s.position], s.topics),
                suggested=True,
            )
            for s in found
        ]

    # -- the passes

    def _ranking(self, queries: Sequence[WordQuery], limit: int, *, deep: bool = True) -> Ranking:
        return Ranking(
            queries,
            limit,
            data=self._data,
            classes=self._classes,
            usage=self._usage,
            used_mask=self._used_mask,
            body_matches=self._body_matches,
            deep=deep,
            compile=self._variant,
        )

    def _intent(self, words: Sequence[str], queries: Sequence[WordQuery]) -> list[WordQuery] | None:
        """Per word, a query for the vocabulary words it names (the word itself where it
        names none); None when no word names any."""
        out: list[WordQuery] = []
        any_named = False
        for word, q in zip(words, queries, strict=True):
            terms = self._vocabulary.named(q, self._data)
            if terms:
                key = "\x00" + word
                named = self._words.get(key)
                if named is None:
                    named = TermsQuery.of(word, terms, self._classes)
                    self._remember(key, named)
                out.append(named)
                any_named = True
            else:
                out.append(q)
        return out if any_named else None

    def _split_hits(
        self, word: str, limit: int, found: dict[int, tuple[Rank, Sequence[WordQuery]]]
    ) -> None:
        """A word typed without spaces that finds too little, tried as several words."""
        split = self._vocabulary.split(word, self._word, self._data)
        if not split:
            return
        pieces = list(dict.fromkeys(split))
        queries = [self._word(p) for p in pieces]
        results, _ = self._ranking(queries, limit).run()
        named = self._intent(pieces, queries)
        boost = self._ranking(named, limit, deep=False).run()[0] if named else {}
        for i, key in results.items():
            tier = max(key, boost.get(i, key))
            self._offer(found, i, (BAND_SPLIT, *tier), queries)
        for i, key in boost.items():
            self._offer(found, i, (BAND_SPLIT, *key), queries)

    def _typo_hits(
        self,
        words: Sequence[str],
        queries: Sequence[WordQuery],
        wanted: int,
        found: dict[int, tuple[Rank, Sequence[WordQuery]]],
    ) -> None:
        """Too few hits for several words: try one-slip pinyin typos of each word in
        titles, tags and scenarios, the others as typed."""
        added = 0
        for at, word in enumerate(words):
            if not (word.isascii() and word.isalpha() and 4 <= len(word) <= 16):
                continue
            tries = 0
            for variant in typo_variants(word):
                v = self._variant(variant)
                if not v.pinyin_possible or not v.candidates(self._data, ("title", "meta")):
                    continue
                tries += 1
                swapped = [*queries[:at], v, *queries[at + 1 :]]
                for i, key in self._ranking(swapped, wanted, deep=False).run()[0].items():
                    if i not in found:
                        found[i] = ((BAND_TYPO, TIER_TYPO, key[0]), swapped)
                        added += 1
                if added >= wanted or tries >= _TYPO_TRIES:
                    break

    @staticmethod
    def _offer(
        found: dict[int, tuple[Rank, Sequence[WordQuery]]],
        i: int,
        rank: Rank,
        queries: Sequence[WordQuery],
    ) -> None:
        old = found.get(i)
        if old is None or rank > old[0]:
            found[i] = (rank, old[1] if old is not None and old[0][0] > BAND_TYPO else queries)

    def _order_key(
        self, i: int, entry: tuple[Rank, Sequence[WordQuery]]
    ) -> tuple[int, int, int, float, int]:
        band, tier, kind = entry[0]
        return (-band, -tier, -kind, -self._usage.get(i, 0.0), i)

    def _most_used(self, limit: int) -> list[Hit]:
        used = sorted(self._usage, key=lambda i: (-self._usage[i], i))[:limit]
        hits = [Hit(self._at[i], self._usage[i]) for i in used]
        chosen = {self._order[i] for i in used}
        for i, reply in enumerate(self.replies):
            if len(hits) >= limit:
                break
            if i not in chosen:
                hits.append(Hit(reply, 0.0))
        return hits

    # -- compiled words and body scans

    def _word(self, word: str) -> WordQuery:
        found = self._words.get(word)
        if found is None:
            found = compile_word(word, self._data, self._classes, self._codes)
            self._remember(word, found)
        else:
            self._words.move_to_end(word)
        return found

    def _variant(self, word: str) -> WordQuery:
        """A typo variant, compiled once (its own cache: a keystroke makes a dozen)."""
        found = self._variants.get(word)
        if found is None:
            found = compile_word(word, self._data, self._classes)
            self._variants[word] = found
            if len(self._variants) > _VARIANT_CACHE:
                self._variants.popitem(last=False)
        return found

    def _remember(self, key: str, q: WordQuery) -> None:
        self._words[key] = q
        if len(self._words) > _WORD_CACHE:
            self._words.popitem(last=False)

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
        bodies = self._data.bodies
        blocks = q.in_blocks(self._data.body_blocks, self._data)
        found = scan_blocks(bodies.joined, bodies.starts, q.any, blocks, state[1])
        for i in found:
            hits.append(i)
            if keep:
                self._bodies[q.word] = (hits, i + 1)
            yield i
        if keep:
            self._bodies[q.word] = (hits, len(self._at))

    def _hit(self, i: int, rank: Rank, queries: Sequence[WordQuery]) -> Hit:
        reply = self._at[i]
        spans = hit_spans(
            [q for q in queries if not isinstance(q, TermsQuery)], self._data, i, reply
        )
        band, tier, kind = rank
        score = band * 10000.0 + tier * 1000.0 + kind * 100.0 + self._usage.get(i, 0.0)
        return Hit(reply, score, spans)
