"""Pinyin-aware search over replies, ranked, with spans for highlighting.

    index = SearchIndex(replies, usage)
    for hit in index.search("kj"): ...

A query is split on white space; every word must match somewhere in a reply,
in any order. A word matches as typed (`砍价`, `vip`), in full pinyin
(`kanjia`), initials (`kj`), any mix (`kj优惠`, `kanj`), through every reading
of a polyphonic character (`changkuan` finds 长款), full-width or upper case
alike, letters beside Chinese (`txu` finds T恤), across spaces inside a field
(`sfby` finds 顺丰 包邮), with small pinyin typos (`fahou` finds 发货, also
inside several words), or as a shortcut code. Each field is matched on its
own, never as one long combined string (WRatio over such a string caps near
60 and favours short replies).

The agent's intent comes first: a word that names a tag or scenario word of
the library (`kj` -> 砍价) ranks those replies above letters that merely line
up across words (可|加急); two words typed as one (`kjyh`) are cut apart; ties
go to the shorter title. `SearchIndex.suggest(message)` reads a buyer's
message instead (智能推荐). A query is read to 64 characters and 8 words, a
message to 1,000 characters: time stays bounded whatever is pasted.

Where things live, in the order a keystroke passes through them:

    pinyin.py      character readings, IME-style splitting of typed letters, folding
    index.py       the candidate index: initials strings, bit sets, joined texts
    blocks.py      bodies and titles in blocks of 32: which blocks may hold a word
    cache.py       that index on disk between runs
    query.py       one typed word compiled to regexes and a candidate filter
    vocabulary.py  the library's tags and scenario words a typed word names (intent)
    ranking.py     tiers, the settle loop that stops reading early, typos, usage
    highlight.py   where a hit matched, and text cut for painting
    engine.py      SearchIndex, which holds them together across keystrokes: bands
    suggest.py     a buyer's message as the query (cues in intents.txt, intents.py)
    finder.py      the palette's query -> hits, with the fallback to suggest
    bitsets.py     sets of reply positions as bit sets and ascending streams
"""

from quickreply.core.search.engine import Hit, SearchIndex
from quickreply.core.search.highlight import FIELDS, JOIN, Span, highlight, tag_spans
from quickreply.core.search.ranking import UsageLike, UsageStat

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
