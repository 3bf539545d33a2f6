"""A buyer's message as the query (智能推荐): the replies for that situation, best first.

An agent pastes what the buyer wrote ("老板能不能再便宜点啊") and wants the
replies filed under that situation, not replies that share its characters.
So the message is read for *topics*:

- words of the library's own vocabulary that appear in it: its tags
  (能便宜吗, 什么时候发货) and scenario words (议价, 发货时间);
- cues of `intents.txt` (便宜, 包邮吗, 几号链接), each standing for the
  trade words libraries file that situation under, and figures
  (`intents.NUMBER_CUES`: 170, 120斤, 39码).

A reply scores, per topic, by where the topic sits in it (a whole tag or the
scenario's own leaf counts most, a title next, a wider scenario least) times
how rare the topic is in this library (inverse document frequency), summed
over topics. Bodies are not read: every reply's body mentions a bit of
everything. The segmenter is the library's vocabulary plus the cue list
matched by one Aho-Corasick pass: measured against jieba on the labelled
messages in `bench/bench_suggest.py`, it loads in milliseconds with no
dictionary to ship, and word boundaries add nothing where the vocabulary
already names the words that matter.

Bounded: the message is cut to `MAX_MESSAGE` characters, the matching is one
linear pass, and each topic's postings are computed once per library.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

import ahocorasick_rs

from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.intents import NUMBER_CUES, intents

MAX_MESSAGE = 1000  # characters of a message read; a chat message is far shorter
_WHOLE_TAG = 3.0
_PART_TAG = 1.5
_LEAF = 3.0
_SCENARIO = 1.5
_TITLE = 2.0
_DIRECT = 1.0  # a library word found in the message as written
_CUE = 0.8  # a topic a cue stands for
_SPREAD = 3  # the first rows come from this many different scenarios, when there are
_BIGRAM = 0.3  # two characters of the message inside a tag or scenario word
# pairs too common in questions to say anything about the situation
_STOP = frozenset("的了吗呢啊吧呀哦么嘛我你他她它们是在有这那个也都就还要会能可以不没很太好")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One reply for a message: its position in the library, score and the topics behind it."""

    position: int
    score: float
    topics: tuple[str, ...]


class Suggester:
    """Topics read from a message, and the replies filed under them."""

    def __init__(self, replies: Sequence[Reply], titles: Sequence[str] | None = None) -> None:
        """`titles`: the replies' titles already folded (the search index has them)."""
        self.size = len(replies)
        folded = list(titles) if titles is not None else [pinyin.fold(r.title) for r in replies]
        # titles joined, so a topic is found by str.find in C, not a loop over replies
        self._joined = "\x00".join(folded)
        self._starts = [0, *accumulate(len(t) + 1 for t in folded)][: len(folded)]
        self._scenario_of = [r.scenario for r in replies]
        self._tags: dict[str, list[int]] = {}
        self._leaves: dict[str, list[int]] = {}
        self._scenarios: dict[str, list[int]] = {}
        # by raw value first (a large library repeats a few hundred), folded after
        raw_tags: dict[str, list[int]] = {}
        raw_scenarios: dict[str, list[int]] = {}
        for i, r in enumerate(replies):
            for tag in r.tags:
                raw_tags.setdefault(tag, []).append(i)
            raw_scenarios.setdefault(r.scenario, []).append(i)
        for tag, where in raw_tags.items():
            self._tags.setdefault(pinyin.fold(tag), []).extend(where)
        for scenario, where in raw_scenarios.items():
            parts = [pinyin.fold(p) for p in scenario.split("/") if p]
            if parts:
                self._leaves.setdefault(parts[-1], []).extend(where)
                for part in parts[:-1]:
                    self._scenarios.setdefault(part, []).extend(where)
        # what the automaton finds -> the topics it stands for, with a strength
        self._meaning: dict[str, dict[str, float]] = {}
        for word in (*self._tags, *self._leaves, *self._scenarios):
            if len(word) >= 2:
                self._meaning.setdefault(word, {})[word] = _DIRECT
        for cues, topics in intents():
            for cue in cues:
                found = self._meaning.setdefault(pinyin.fold(cue), {})
                for topic in topics:
                    found[topic] = max(found.get(topic, 0.0), _CUE)
        self._patterns = list(self._meaning)
        self._automaton = ahocorasick_rs.AhoCorasick(self._patterns)
        self._postings: dict[str, tuple[dict[int, float], float]] = {}

    def topics(self, message: str) -> dict[str, float]:
        """Topic -> strength for a message (cut to MAX_MESSAGE characters)."""
        text = pinyin.fold(message[:MAX_MESSAGE])
        found: dict[str, float] = {}
        for index, _start, _end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            for topic, strength in self._meaning[self._patterns[index]].items():
                found[topic] = max(found.get(topic, 0.0), strength)
        for pattern, topics in NUMBER_CUES:
            if pattern.search(text):
                for topic in topics:
                    found[topic] = max(found.get(topic, 0.0), _CUE)
        return found

    def bigrams(self, message: str) -> list[str]:
        """Two-character pieces of the message's Chinese, less the ones every question has."""
        text = pinyin.fold(message[:MAX_MESSAGE])
        pairs = (text[i : i + 2] for i in range(len(text) - 1))
        return list(
            dict.fromkeys(
                p
                for p in pairs
                if all("\u4e00" <= c <= "\u9fff" for c in p) and not all(c in _STOP for c in p)
            )
        )

    def suggest(self, message: str, limit: int) -> list[Suggestion]:
        """The best `limit` replies for `message`, best first (ties: library order)."""
        if limit < 1 or not self.size:
            return []
        scores: dict[int, float] = {}
        why: dict[int, list[str]] = {}
        for topic, strength in self.topics(message).items():
            weights, idf = self._posting(topic)
            factor = strength * idf
            for i, weight in weights.items():
                scores[i] = scores.get(i, 0.0) + factor * weight
                why.setdefault(i, []).append(topic)
        for pair in self.bigrams(message):
            weights, idf = self._pair_posting(pair)
            factor = _BIGRAM * idf
            for i, weight in weights.items():
                scores[i] = scores.get(i, 0.0) + factor * weight
        ranked = sorted(scores, key=lambda i: (-scores[i], i))
        best = _spread(ranked, self._scenario_of, limit)
        return [Suggestion(i, scores[i], tuple(why.get(i, ()))) for i in best]

    def _pair_posting(self, pair: str) -> tuple[dict[int, float], float]:
        """Replies with a tag or scenario leaf holding these two characters."""
        key = "\x00" + pair
        cached = self._postings.get(key)
        if cached is None:
            weights: dict[int, float] = {}
            for owners in (self._tags, self._leaves):
                for value, where in owners.items():
                    if pair in value:
                        for i in where:
                            weights[i] = 1.0
            idf = math.log1p(self.size / len(weights)) if weights else 0.0
            cached = self._postings[key] = (weights, idf)
        return cached

    def _posting(self, topic: str) -> tuple[dict[int, float], float]:
        """Replies holding `topic`, each with a weight for where; and the topic's rarity."""
        cached = self._postings.get(topic)
        if cached is not None:
            return cached
        weights: dict[int, float] = {}

        def add(owners: dict[str, list[int]], whole: float, part: float) -> None:
            for value, where in owners.items():
                if topic in value:
                    weight = whole if value == topic else part
                    for i in where:
                        weights[i] = max(weights.get(i, 0.0), weight)

        add(self._tags, _WHOLE_TAG, _PART_TAG)
        field = dict(weights)
        weights.clear()
        add(self._leaves, _LEAF, _LEAF * 0.8)
        add(self._scenarios, _SCENARIO, _SCENARIO * 0.8)
        for i, weight in weights.items():
            field[i] = field.get(i, 0.0) + weight
        if len(topic) >= 2 and "\x00" not in topic:
            at = self._joined.find(topic)
            while at >= 0:
                i = bisect_right(self._starts, at) - 1
                field[i] = field.get(i, 0.0) + _TITLE
                # one per title: go on after this one
                nxt = self._starts[i + 1] if i + 1 < len(self._starts) else len(self._joined)
                at = self._joined.find(topic, nxt)
        idf = math.log1p(self.size / len(field)) if field else 0.0
        self._postings[topic] = (field, idf)
        return field, idf


def _spread(ranked: list[int], scenario_of: Sequence[str], limit: int) -> list[int]:
    """The best reply of each of the first `_SPREAD` scenarios, then the rest by score.

    A message is often ambiguous (包邮吗 is bargaining or a remote address):
    the first rows offer each likely situation once, rather than three
    wordings of the likeliest one.
    """
    first: list[int] = []
    seen: set[str] = set()
    for i in ranked:
        if len(first) >= _SPREAD:
            break
        if scenario_of[i] not in seen:
            seen.add(scenario_of[i])
            first.append(i)
    chosen = set(first)
    return (first + [i for i in ranked if i not in chosen])[:limit]
