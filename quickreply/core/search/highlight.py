"""Where a hit matched, as data the palette paints (it never searches itself).

`Hit.spans` maps a field name (`FIELDS`) to (start, end) character offsets
into that field's original text: folding keeps one character per character,
so offsets found in folded text hold in the original. "tags" and "codes"
index the tags or codes joined by one space (`JOIN`), and `tag_spans` splits
tag spans per tag. `highlight` turns spans into (segment, is_match) pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Final

from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.index import META_SEP, IndexData
from quickreply.core.search.query import WordQuery

Span = tuple[int, int]

# Field names in Hit.spans. "tags" and "codes" spans index into the tags or
# codes joined by JOIN (one space); `tag_spans` splits them per tag.
FIELDS: Final = ("title", "tags", "scenario", "codes", "text")
JOIN: Final = " "

# tags are joined by META_SEP in the meta text and by JOIN in the field: both
# one character, so offsets carry over
assert len(META_SEP) == len(JOIN) == 1


def hit_spans(
    queries: Iterable[WordQuery], data: IndexData, i: int, reply: Reply
) -> Mapping[str, tuple[Span, ...]]:
    """Every match of `queries` in reply `i`, per field, merged and sorted."""
    spans: dict[str, list[Span]] = {}
    for q in queries:
        _spans_of(q, data, i, reply, spans)
    return {name: merge_spans(found) for name, found in spans.items() if found}


def _spans_of(
    q: WordQuery, data: IndexData, i: int, reply: Reply, spans: dict[str, list[Span]]
) -> None:
    for name, text in (("title", data.title.texts[i]), ("text", data.bodies.texts[i])):
        spans.setdefault(name, []).extend(m.span() for m in _matches(q.any, text))
    meta = data.meta.texts[i]
    cut = len(reply.scenario)
    for m in _matches(q.any, meta):
        start, end = m.span()
        if end <= cut:
            spans.setdefault("scenario", []).append((start, end))
        elif start > cut:
            spans.setdefault("tags", []).append((start - cut - 1, end - cut - 1))
    offset = 0
    for code in reply.codes:
        folded = pinyin.fold(code)
        if folded.startswith(q.word):
            spans.setdefault("codes", []).append((offset, offset + len(q.word)))
        offset += len(code) + len(JOIN)


def _matches(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    return (m for m in pattern.finditer(text) if m.end() > m.start())


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted spans with overlapping and touching ones joined."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


def highlight(text: str, spans: Iterable[Span]) -> list[tuple[str, bool]]:
    """`text` cut into (segment, is_match) pieces for painting; spans may overlap."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in merge_spans([(max(0, s), min(len(text), e)) for s, e in spans if e > s]):
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


def topic_spans(reply: Reply, topics: Iterable[str]) -> Mapping[str, tuple[Span, ...]]:
    """Where suggestion topics (plain words) sit in a reply's title and tags."""
    spans: dict[str, list[Span]] = {}
    words = [t for t in topics if t]
    for name, text in (("title", reply.title), ("tags", JOIN.join(reply.tags))):
        folded = pinyin.fold(text)
        for word in words:
            at = folded.find(word)
            while at >= 0:
                spans.setdefault(name, []).append((at, at + len(word)))
                at = folded.find(word, at + len(word))
    return {name: merge_spans(found) for name, found in spans.items()}
