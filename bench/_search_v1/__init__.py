"""Search as it was before v2 (frozen from the commit search v2 started from), for
bench/bench_search.py to measure beside the current engine in the same run.

The original docstring follows.

Pinyin-aware search over replies, ranked, with spans for highlighting.

    index = SearchIndex(replies, usage)
    for hit in index.search("kj"): ...

A query is split on white space; every word must match somewhere in a reply,
in any order. A word matches as typed (`砍价`, `vip`), in full pinyin
(`kanjia`), initials (`kj`), any mix (`kj优惠`, `kanj`), through every reading
of a polyphonic character (`changkuan` finds 长款), full-width or upper case
alike, with small pinyin typos (`fahou` finds 发货), or as a shortcut code.
Each field is matched on its own, never as one long combined string (WRatio
over such a string caps near 60 and favours short replies).

Where things live, in the order a keystroke passes through them:

    pinyin.py     character readings, IME-style splitting of typed letters, folding
    index.py      the candidate index: initials strings, bit sets, joined texts
    cache.py      that index on disk between runs
    query.py      one typed word compiled to regexes and a candidate filter
    ranking.py    tiers, the settle loop that stops reading early, typos, usage
    highlight.py  where a hit matched, and text cut for painting
    engine.py     SearchIndex, which holds them together across keystrokes
    bitsets.py    sets of reply positions as bit sets and ascending streams
"""

from bench._search_v1.engine import Hit, SearchIndex
from bench._search_v1.highlight import FIELDS, JOIN, Span, highlight, tag_spans
from bench._search_v1.ranking import UsageLike, UsageStat

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
