"""SearchIndex: the library indexed once, searched on every keystroke.

It owns what lives from one keystroke to the next: the index (built or
loaded from the disk cache), the usage weights, and compiled words with their
per-reply verdicts and body scans. The palette searches every prefix, and
multi-word queries repeat their earlier words, so those are kept; they are
pure functions of the word, so reusing them cannot change any result. What a
query finds and in what order is decided in `ranking.py`.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from bench._search_v1 import pinyin
from bench._search_v1.bitsets import mask_of
from bench._search_v1.cache import load_or_build
from bench._search_v1.highlight import Span, hit_spans
from bench._search_v1.index import IndexData
from bench._search_v1.query import Classes, WordQuery, compile_word
from bench._search_v1.ranking import Key, Ranking, UsageLike, usage_weights
from quickreply.core.model import Reply

_WORD_CACHE = 64


@dataclass(frozen=True, slots=True)
class Hit:
    """One reply found: `score` orders hits of one query (see `ranking.py`),
    `spans` says where it matched (see `highlight.py`)."""

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
        self._usage = usage_weights(
            ((position[uid], s) for uid, s in usage.items() if uid in position), now
        )
        self._used_mask = mask_of(self._usage, len(self.replies))

    # -- searching

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        if limit < 1:
            return []
        words = pinyin.fold(query).split()
        if not words:
            return self._most_used(limit)
        queries = [self._word(w) for w in dict.fromkeys(words)]
        ranking = Ranking(
            queries,
            limit,
            data=self._data,
            classes=self._classes,
            usage=self._usage,
            used_mask=self._used_mask,
            body_matches=self._body_matches,
        )
        results, typos = ranking.run()
        top = sorted(results.items(), key=lambda item: self._rank_key(item[0], item[1]))
        return [self._hit(i, key, queries, typos.get(i)) for i, key in top[:limit]]

    def _rank_key(self, i: int, key: Key) -> tuple[int, int, float, int]:
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

    def _hit(self, i: int, key: Key, queries: Sequence[WordQuery], typo: WordQuery | None) -> Hit:
        reply = self.replies[i]
        spans = hit_spans([typo] if typo is not None else queries, self._data, i, reply)
        score = key[0] * 1000.0 + key[1] * 100.0 + self._usage.get(i, 0.0)
        return Hit(reply, score, spans)
