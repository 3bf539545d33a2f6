"""The candidate index behind search: which replies could match a query at all.

Every field is reduced to an *initials* string of the same length: each
character with a pinyin reading becomes its initial (砍价 -> `kj`); a
polyphonic character whose readings start differently (长 zhang/chang, 行
xing/hang) becomes a private-use code standing for that set of initials.
Typed pinyin always needs the initials of consecutive characters, so these
strings decide cheaply which replies are worth a regex.

Titles and the meta text (scenario, tags) keep bit sets (Python integers over
reply positions): per character, and per pair of adjacent initials. ANDing
them narrows a word to a few candidates in microseconds. Scenarios and tags
repeat across replies, so the meta sets are built per distinct value.

Bodies are long and indexing every pair of them costs seconds; instead the
bodies are joined into one string, with bit sets over blocks of bodies
(`blocks.py`), and a word's matches come from a C-level regex scan over the
blocks that may hold it, in library order, which search stops as soon as it
has enough hits. Titles and meta texts are joined too, for words whose bit
sets let through too many.

`build` makes it from the replies; `cache.py` keeps what it built on disk
between runs, so most starts never call it.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat

from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.bitsets import bits, mask_of, unique_merge
from quickreply.core.search.blocks import Blocks

# Separates scenario and tags in the meta text, and bodies in the joined
# text; no query character matches it.
META_SEP = "\x1f"
_JOIN = "\x00"
_CODE_BASE = 0xE000  # private use area: initial-set codes in initials strings
_CODE_END = 0xE800
_TWO_BASE = 0xE800  # ... and codes for sets of two-letter reading starts
_TWO_END = 0xF900
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


# A set of reply positions as stored: a bit set, or, for a key few replies
# hold, the positions themselves (a Python integer is as wide as its highest
# bit: a character three replies hold would cost 12.5 KB at 100,000 replies,
# and the built-in packs bring thousands of such characters). Turned into a
# bit set the first time a query reads it.
Stored = int | tuple[int, ...]


def _stored(where: list[int], size: int) -> Stored:
    return tuple(where) if len(where) * 64 < size else mask_of(where, size)


def meta_text(reply: Reply) -> str:
    return META_SEP.join((reply.scenario, *reply.tags))


@dataclass
class Initials:
    """How characters become initials, and which codes stand for which letters.

    Each character also gets a code for the set of its readings' first two
    letters (款 -> {ku}), so `tuika` can drop every 退款 (ku, not ka) before
    any regex runs.
    """

    readings: dict[str, tuple[str, ...]]
    table: dict[int, str] = field(init=False)
    two_table: dict[int, str] = field(init=False)
    # letter -> that letter and every code whose set includes it
    expand: dict[str, str] = field(init=False)
    # two letters -> every code whose set includes them
    two: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        sets: dict[str, str] = {}
        twos: dict[tuple[str, ...], str] = {}
        table: dict[int, str] = {}
        two_table: dict[int, str] = {}
        for char, readings in self.readings.items():
            letters = "".join(sorted({r[0] for r in readings}))
            if len(letters) == 1:
                table[ord(char)] = letters
            else:
                table[ord(char)] = sets.setdefault(letters, chr(_CODE_BASE + len(sets)))
            starts = tuple(sorted({r[:2] for r in readings if len(r) >= 2}))
            if starts and len(twos) < _TWO_END - _TWO_BASE:
                two_table[ord(char)] = twos.setdefault(starts, chr(_TWO_BASE + len(twos)))
        self.table = table
        self.two_table = two_table
        self.expand = {c: c for c in _LETTERS}
        for letters, code in sets.items():
            for c in letters:
                self.expand[c] += code
        self.two = {}
        for starts, code in twos.items():
            for start in starts:
                self.two[start] = self.two.get(start, "") + code

    def of(self, text: str) -> str:
        return text.translate(self.table)

    def two_of(self, text: str) -> str:
        return text.translate(self.two_table)


@dataclass
class Group:
    """Bit sets for titles or meta texts."""

    texts: list[str]
    chars: dict[str, Stored]
    pairs: dict[str, Stored]
    initials: Initials
    # titles only: the first and the second character (spaces left out) -> replies
    heads: tuple[dict[str, Stored], dict[str, Stored]] = field(default_factory=lambda: ({}, {}))
    joined: Joined = field(init=False)
    _head_cache: dict[tuple[int, str], int] = field(default_factory=dict)
    _pair_cache: dict[str, int] = field(default_factory=dict)
    _initial_cache: dict[str, int] = field(default_factory=dict)
    _two_cache: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.joined = Joined.of(self.texts)

    def _mask(self, table: dict[str, Stored], key: str) -> int:
        found = table.get(key, 0)
        if isinstance(found, tuple):
            found = table[key] = mask_of(list(found), len(self.texts))
        return found

    def char(self, c: str) -> int:
        return self._mask(self.chars, c)

    def head(self, place: int, chars: str) -> int:
        """Titles whose first (`place` 0) or second (1) character is one of `chars`."""
        mask = self._head_cache.get((place, chars))
        if mask is None:
            heads = self.heads[place]
            mask = 0
            for c in chars:
                mask |= self._mask(heads, c)
            self._head_cache[(place, chars)] = mask
        return mask

    def pair(self, a: str, b: str) -> int:
        """Replies where a character with initial `a` stands right before one with `b`."""
        key = a + b
        mask = self._pair_cache.get(key)
        if mask is None:
            mask = 0
            expand = self.initials.expand
            for x in expand.get(a, a):
                for y in expand.get(b, b):
                    mask |= self._mask(self.pairs, x + y)
            self._pair_cache[key] = mask
        return mask

    def starts_with(self, two: str) -> int:
        """Replies holding a character with a reading that starts with these two letters."""
        mask = self._two_cache.get(two)
        if mask is None:
            mask = 0
            for code in self.initials.two.get(two, ""):
                mask |= self._mask(self.chars, code)
            self._two_cache[two] = mask
        return mask

    def initial(self, letter: str) -> int:
        """Replies holding a character read with initial `letter`, or the letter itself."""
        mask = self._initial_cache.get(letter)
        if mask is None:
            mask = 0
            for c in self.initials.expand.get(letter, letter):
                mask |= self._mask(self.pairs, " " + c)
            self._initial_cache[letter] = mask
        return mask


@dataclass
class Joined:
    """A group's texts joined into one string, for C-level regex scans in library order."""

    texts: list[str]
    joined: str
    starts: list[int]

    @classmethod
    def of(cls, texts: list[str]) -> Joined:
        # text i starts after the texts before it and one separator each (in C)
        starts = list(map(operator.add, accumulate(map(len, texts), initial=0), range(len(texts))))
        return cls(texts, _JOIN.join(texts), starts)

    def scan(self, patterns: Sequence[re.Pattern[str] | str], first: int = 0) -> Iterator[int]:
        """Replies from `first` on where any pattern (a regex, or a plain string,
        found faster with str.find) matches, ascending, each once."""
        if first >= len(self.starts):
            return
        yield from unique_merge([self._stream(p, self.starts[first]) for p in patterns])

    def _stream(self, pattern: re.Pattern[str] | str, at: int) -> Iterator[int]:
        starts, text = self.starts, self.joined
        while True:
            if isinstance(pattern, str):
                found = text.find(pattern, at)
                if found < 0:
                    return
            else:
                m = pattern.search(text, at)
                if m is None:
                    return
                found = m.start()
            i = bisect_right(starts, found) - 1
            yield i
            # one hit per reply is enough: go on after this text
            at = starts[i + 1] if i + 1 < len(starts) else len(text)


@dataclass
class IndexData:
    """Everything search reads about one library, built by `build` or loaded from the cache."""

    title: Group
    meta: Group
    bodies: Joined
    readings: dict[str, tuple[str, ...]]
    size: int
    # which blocks of bodies and titles hold which characters and pairs (`blocks.py`)
    body_blocks: Blocks
    title_blocks: Blocks
    cache_status: str = "off"  # "hit", "miss", "corrupt" or "off"

    def group(self, name: str) -> Group:
        return self.title if name == "title" else self.meta


# -- building


def _keys(text: str, initials: Initials) -> set[str]:
    """A field's index keys: its characters, its initial pairs, " x" per
    initial, and the codes of its two-letter reading starts."""
    keys = set(text)
    # pairs run across spaces, as typed pinyin does ("顺丰 包邮" -> sfby)
    first = initials.of(text.replace(" ", ""))
    keys.update(map(operator.add, first, first[1:]))
    keys.update(map(operator.add, repeat(" "), first))
    keys.update(initials.two_of(text))
    return keys


def _heads(texts: list[str]) -> tuple[dict[str, Stored], dict[str, Stored]]:
    """First and second characters of titles (spaces left out, as pinyin runs across them)."""
    firsts: dict[str, list[int]] = defaultdict(list)
    seconds: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        packed = text.replace(" ", "")[:2]
        if packed:
            firsts[packed[0]].append(i)
        if len(packed) > 1:
            seconds[packed[1]].append(i)
    size = len(texts)
    return (
        {c: _stored(where, size) for c, where in firsts.items()},
        {c: _stored(where, size) for c, where in seconds.items()},
    )


def _build_group(texts: list[str], initials: Initials) -> Group:
    size = len(texts)
    posts: dict[str, list[int]] = defaultdict(list)
    get = posts.__getitem__
    for i, text in enumerate(texts):
        deque(map(list.append, map(get, _keys(text, initials)), repeat(i)), 0)
    chars, pairs = _split({k: _stored(v, size) for k, v in posts.items()})
    return Group(texts, chars, pairs, initials)


def _split(masks: dict[str, Stored]) -> tuple[dict[str, Stored], dict[str, Stored]]:
    chars = {k: v for k, v in masks.items() if len(k) == 1}
    pairs = {k: v for k, v in masks.items() if len(k) == 2 and _useful_pair(k)}
    return chars, pairs


def _useful_pair(key: str) -> bool:
    return all(c == " " or "a" <= c <= "z" or _CODE_BASE <= ord(c) < _CODE_END for c in key)


def _build_meta(replies: Sequence[Reply], texts: list[str], initials: Initials) -> Group:
    """Meta bit sets per distinct scenario and tag, ORed into each key: they repeat a lot."""
    size = len(texts)
    owners: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(replies):
        for part in dict.fromkeys((r.scenario, *r.tags)):
            owners[pinyin.fold(part)].append(i)
    masks: dict[str, int] = {}
    for part, where in owners.items():
        part_mask = mask_of(where, size)
        for key in _keys(part, initials):
            masks[key] = masks.get(key, 0) | part_mask
    chars, pairs = _split({k: _stored(list(bits(m)), size) for k, m in masks.items()})
    return Group(texts, chars, pairs, initials)


def build(replies: Sequence[Reply]) -> IndexData:
    titles = pinyin.fold_all([r.title for r in replies])
    metas = pinyin.fold_all([meta_text(r) for r in replies])
    joined = Joined.of(pinyin.fold_all([r.text for r in replies]))
    # each character once, read in C from the joined texts
    all_chars = set(_JOIN.join(titles)) | set(_JOIN.join(metas)) | set(joined.joined)
    readings = pinyin.readings_for(c for c in all_chars if ord(c) > 0x2E7F)
    pinyin.syllables()  # needed by every query; part of the cold build
    initials = Initials(readings)
    title = _build_group(titles, initials)
    title.heads = _heads(titles)
    return IndexData(
        title=title,
        meta=_build_meta(replies, metas, initials),
        bodies=joined,
        readings=readings,
        size=len(replies),
        body_blocks=Blocks.build(joined.joined, joined.starts, initials.table, initials.two_table),
        title_blocks=Blocks.build(
            title.joined.joined, title.joined.starts, initials.table, initials.two_table
        ),
    )
