"""One typed word, compiled: the regexes that match it and the filter that finds candidates.

A word matches text either literally (`砍价`, `vip`, `7天`, as folded) or as
pinyin: each run of letters is split the way an IME splits it
(`pinyin.segmentations`) and every chunk must be consumed by one character
having a reading equal to the chunk (`kan`) or, for an initial or the last
chunk of the run, starting with it (`k`, `zh`, `kanj`). Characters typed as
characters match themselves, so `kj优惠` mixes both.

The segmentations become one regex over character classes ([砍看刊...]) built
from the library's own characters, so the matching itself runs in C. The
regex is compiled on first use: most words made up to try typos are dropped
by their candidate filter before that.
"""

from __future__ import annotations

import itertools
import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from quickreply.core.search import pinyin
from quickreply.core.search.bitsets import mask_of
from quickreply.core.search.blocks import Blocks
from quickreply.core.search.index import Group, IndexData

_LETTERS = frozenset(string.ascii_lowercase)

SEGMENTATION_LIMIT = 96
MAX_PINYIN_LETTERS = 32
# A space a library writes inside a field ("顺丰 包邮") does not stop typed
# pinyin from running across it (`sfby`).
_GAP = " *"
KIND_LITERAL = 2  # found as typed (characters, ASCII, digits)
KIND_PINYIN = 1  # found through readings


class Classes:
    """Character classes for pinyin chunks, from the characters this library holds."""

    def __init__(self, readings: dict[str, tuple[str, ...]]) -> None:
        self._readings = readings
        self._exact: dict[str, str] | None = None
        self._prefix: dict[str, str] | None = None
        self._sets: dict[tuple[str, bool], frozenset[str]] = {}

    def _build(self) -> tuple[dict[str, str], dict[str, str]]:
        exact: dict[str, set[str]] = {}
        prefix: dict[str, set[str]] = {}
        for char, readings in self._readings.items():
            for r in readings:
                exact.setdefault(r, set()).add(char)
                for n in range(1, len(r) + 1):
                    prefix.setdefault(r[:n], set()).add(char)
        for letter in _LETTERS:
            # a one-letter chunk also matches the letter itself: T恤, VIP会员
            prefix.setdefault(letter, set()).add(letter)
        self._exact = {k: "".join(sorted(v)) for k, v in exact.items()}
        self._prefix = {k: "".join(sorted(v)) for k, v in prefix.items()}
        return self._exact, self._prefix

    def exact(self, syllable: str) -> str:
        table = self._exact if self._exact is not None else self._build()[0]
        return table.get(syllable, "")

    def prefix(self, start: str) -> str:
        table = self._prefix if self._prefix is not None else self._build()[1]
        return table.get(start, "")

    def chunk_set(self, chunk: pinyin.Chunk) -> frozenset[str]:
        """The characters one chunk of typed letters matches, as a set."""
        key = (chunk.letters, chunk.open)
        found = self._sets.get(key)
        if found is None:
            chars = self.prefix(chunk.letters) if chunk.open else self.exact(chunk.letters)
            found = self._sets[key] = frozenset(chars)
        return found


def _char_class(chars: str) -> str:
    return re.escape(chars) if len(chars) == 1 else f"[{chars}]"


@dataclass
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    end: bool = False


def _alternation(
    segs: Sequence[pinyin.Segmentation], classes: Classes, *, lead: bool = False
) -> str:
    """One regex for all segmentations of a letter run, sharing common beginnings.

    With `lead`, the regex starts with one class (the union of every first
    character) and picks the branch by looking back at it: a regex that starts
    with a class lets `re` skip non-candidates in C, which makes a scan over
    all bodies joined several times faster.
    """
    root = _Node()
    for seg in segs:
        chunks: list[str] = []
        for chunk in seg:
            chars = classes.prefix(chunk.letters) if chunk.open else classes.exact(chunk.letters)
            if not chars:
                break
            chunks.append(chars)
        else:
            node = root
            for key in chunks:
                node = node.children.setdefault(key, _Node())
            node.end = True

    def emit(node: _Node) -> str:
        options = [
            _char_class(chars) + (_GAP if child.children else "") + emit(child)
            for chars, child in node.children.items()
        ]
        if node.end:
            options.append("")
        if len(options) == 1:
            return options[0]
        return "(?:" + "|".join(options) + ")"

    if not root.children:
        return ""
    if not lead or len(root.children) == 1:
        return emit(root)
    union = "".join(sorted(set("".join(root.children))))
    branches = [
        f"(?<={_char_class(chars)}){_GAP if child.children else ''}{emit(child)}"
        for chars, child in root.children.items()
    ]
    return f"[{union}](?:{'|'.join(branches)})"


# a character typed as itself, or a run of letters with its segmentations
Unit = str | tuple[pinyin.Segmentation, ...]


@dataclass
class WordQuery:
    """A compiled word with what it needs at search time."""

    word: str
    # the word cut into literal characters and letter runs (with their readings)
    units: tuple[Unit, ...]
    classes: Classes
    # best kind a match can reach where the word is not found literally
    kind_bound: int
    has_letters: bool
    # per letter run, the chunks of each of its segmentations
    runs: tuple[tuple[tuple[str, ...], ...], ...]
    plain_chars: str  # characters outside letter runs (CJK, digits ...)
    pinyin_possible: bool
    # some letter run had more readings than are kept: its matches may then
    # not include all of a longer word's, so nothing is reused across words
    truncated: bool = False
    code_exact: frozenset[int] = frozenset()
    code_prefix: frozenset[int] = frozenset()
    code_mask: int = 0  # code equal to the word or starting with it
    code_exact_mask: int = 0
    verified: dict[int, tuple[int, int] | None] = field(default_factory=dict)
    _filters: dict[tuple[str, ...], int] = field(default_factory=dict)
    _literal: dict[tuple[str, ...], int] = field(default_factory=dict)
    _blocks: dict[int, int] = field(default_factory=dict)  # id(Blocks) -> blocks
    _compiled: re.Pattern[str] | None = None
    _scanners: list[re.Pattern[str] | str] | None = None

    @property
    def any(self) -> re.Pattern[str]:
        """The regex finding the word as typed or through readings."""
        if self._compiled is None:
            pattern = self._literal_source()
            if self.pinyin_possible:
                pattern += "|" + self._pinyin_source(lead=False)
            self._compiled = re.compile(pattern)
        return self._compiled

    def _literal_source(self) -> str:
        """The word as typed; Chinese also across spaces a field holds (顺丰 包邮)."""
        if len(self.word) > 1 and not self.has_letters and len(self.word) <= 32:
            return _GAP.join(re.escape(c) for c in self.word)
        return re.escape(self.word)

    def scanners(self) -> list[re.Pattern[str] | str]:
        """What to scan joined texts for: the word as typed (a plain string, or a
        regex where spaces may fall between its characters), and its readings as
        a regex that starts with one class (see `_alternation`)."""
        if self._scanners is None:
            literal = self._literal_source()
            plain = literal == re.escape(self.word)
            self._scanners = [self.word if plain else re.compile(literal)]
            if self.pinyin_possible:
                self._scanners.append(re.compile(self._pinyin_source(lead=True)))
        return self._scanners

    def _pinyin_source(self, *, lead: bool, classes: Classes | None = None) -> str:
        return _GAP.join(
            re.escape(u)
            if isinstance(u, str)
            else _alternation(u, classes or self.classes, lead=lead and n == 0)
            for n, u in enumerate(self.units)
        )

    def source_with(self, classes: Classes) -> str:
        """The `any` regex source with other character classes (same segmentations)."""
        if not self.pinyin_possible:
            return self._literal_source()
        inner = self._pinyin_source(lead=False, classes=classes)
        return f"{self._literal_source()}|{inner}" if inner else self._literal_source()

    def literal_candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        """Replies that might hold the word as typed in these groups."""
        cached = self._literal.get(groups)
        if cached is None:
            cached = 0
            for name in groups:
                group = data.group(name)
                mask = -1
                for c in set(self.word):
                    mask &= group.char(c)
                    if not mask:
                        break
                cached |= mask if mask != -1 else 0
            self._literal[groups] = cached
        return cached

    def title_starts(self, data: IndexData) -> int:
        """Replies whose title starts the way this word can start (a superset): its
        first two characters as typed, or read the way its units begin."""
        title = data.title
        mask = title.head(0, self.word[0])
        if len(self.word) > 1:
            mask &= title.head(1, self.word[1])
        if not self.pinyin_possible:
            return mask
        first = self.units[0]
        after = self._second_heads(title, self.units[1] if len(self.units) > 1 else None)
        if isinstance(first, str):
            return mask | (title.head(0, first) & after)
        for seg in first:
            m = title.head(0, self._chunk_chars(seg[0]))
            mask |= m & (title.head(1, self._chunk_chars(seg[1])) if len(seg) > 1 else after)
        return mask

    def _second_heads(self, title: Group, unit: Unit | None) -> int:
        """Titles whose second character the unit after a one-character start can be
        (-1, all, when the word has no such unit)."""
        if unit is None:
            return -1
        if isinstance(unit, str):
            return title.head(1, unit)
        mask = 0
        for seg in unit:
            mask |= title.head(1, self._chunk_chars(seg[0]))
        return mask

    def _chunk_chars(self, chunk: pinyin.Chunk) -> str:
        """The characters one chunk of typed letters matches."""
        if chunk.open:
            return self.classes.prefix(chunk.letters)
        return self.classes.exact(chunk.letters)

    def candidates(self, data: IndexData, groups: tuple[str, ...]) -> int:
        """Replies that might match in these field groups (a superset of the real matches)."""
        cached = self._filters.get(groups)
        if cached is not None:
            return cached
        mask = 0
        for name in groups:
            mask |= self._group_candidates(data, name)
        self._filters[groups] = mask
        return mask

    def in_blocks(self, blocks: Blocks, data: IndexData) -> int:
        """Blocks of texts (`blocks.BLOCK` each) that might hold the word: as typed
        (all its characters), or through readings (per segmentation, every chunk's
        characters and every pair of neighbouring chunks' initials)."""
        cached = self._blocks.get(id(blocks))
        if cached is None:
            cached = self._blocks[id(blocks)] = self._in_blocks(blocks, data)
        return cached

    def _in_blocks(self, blocks: Blocks, data: IndexData) -> int:
        expand, two = data.title.initials.expand, data.title.initials.two
        literal = -1
        for c in set(self.word):
            literal &= blocks.char(c)
            if not literal:
                break
        route = 0
        if self.pinyin_possible:
            route = -1
            for unit in self.units:
                if not route:
                    break
                if isinstance(unit, str):
                    route &= blocks.char(unit)
                    continue
                either = 0
                for seg in unit:
                    m = -1
                    for chunk in seg:
                        m &= blocks.any_of(self._chunk_chars(chunk))
                        if not m:
                            break
                    for a, b in itertools.pairwise(seg):
                        if not m:
                            break
                        m &= blocks.pair(a.letters[0], b.letters[:2], expand, two)
                    either |= m
                route &= either
        return (literal | route) & ((1 << blocks.count) - 1)

    def _group_candidates(self, data: IndexData, name: str) -> int:
        literal = self.literal_candidates(data, (name,))
        if not self.pinyin_possible:
            return literal
        group = data.group(name)
        route = -1
        for c in set(self.plain_chars):
            route &= group.char(c)
        for run in self.runs:
            if not route:
                break
            either = 0
            for chunks in run:
                m = group.initial(chunks[0][0])
                for a, b in itertools.pairwise(chunks):
                    if not m:
                        break
                    m &= group.pair(a[0], b[0])
                for chunk in chunks:
                    if len(chunk) >= 2 and m:
                        m &= group.starts_with(chunk[:2])
                either |= m
            route &= either
        return literal | (route if route != -1 else 0)


def compile_word(
    word: str, data: IndexData, classes: Classes, codes: CodeTable | None = None
) -> WordQuery:
    """Compile one folded, non-empty word."""
    units: list[str] = []
    for c in word:
        if c in _LETTERS and units and units[-1][-1] in _LETTERS:
            units[-1] += c
        else:
            units.append(c)
    cut: list[str | tuple[pinyin.Segmentation, ...]] = []
    runs: list[tuple[tuple[str, ...], ...]] = []
    plain = ""
    possible = True
    truncated = False
    for unit in units:
        if unit[0] not in _LETTERS:
            plain += unit
            cut.append(unit)
            continue
        if len(unit) > MAX_PINYIN_LETTERS:
            possible = False  # pasted text, not typed pinyin: match it as typed
            break
        every = pinyin.segmentations(unit, limit=SEGMENTATION_LIMIT)
        truncated = truncated or len(every) >= SEGMENTATION_LIMIT
        segs = tuple(s for s in every if _readable(s, classes))
        if not segs:
            possible = False
            break
        cut.append(segs)
        runs.append(tuple(dict.fromkeys(tuple(c.letters for c in s) for s in segs)))
    has_letters = any(c in _LETTERS for c in word)
    exact, prefix = (codes or NO_CODES).matches(word)
    return WordQuery(
        word=word,
        units=tuple(cut),
        classes=classes,
        kind_bound=KIND_PINYIN if has_letters else KIND_LITERAL,
        has_letters=has_letters,
        runs=tuple(runs),
        plain_chars=plain,
        pinyin_possible=possible and has_letters,
        truncated=truncated,
        code_exact=exact,
        code_prefix=prefix,
        code_mask=mask_of(sorted(exact | prefix), data.size) if exact or prefix else 0,
        code_exact_mask=mask_of(sorted(exact), data.size) if exact else 0,
    )


def _readable(seg: pinyin.Segmentation, classes: Classes) -> bool:
    """Whether every chunk of `seg` is read by some character of the library."""
    return all((classes.prefix if c.open else classes.exact)(c.letters) for c in seg)


@dataclass(frozen=True)
class CodeTable:
    """Every reply's codes, folded and sorted, for look-ups by bisection (`k`
    starts thousands of codes in a large library: a slice, not a loop)."""

    keys: list[str]
    positions: list[int]

    @classmethod
    def of(cls, keys: list[str], positions: list[int]) -> CodeTable:
        """From every code (folded) and the position of the reply holding it."""
        # sorted by code alone (stable: positions stay ascending among equal
        # codes), faster than comparing (code, position) tuples
        order = sorted(range(len(keys)), key=keys.__getitem__)
        return cls(list(map(keys.__getitem__, order)), list(map(positions.__getitem__, order)))

    def matches(self, word: str) -> tuple[frozenset[int], frozenset[int]]:
        """Replies with a code equal to `word`, and with a longer code starting with it."""
        lo = bisect_left(self.keys, word)
        mid = bisect_right(self.keys, word, lo)
        hi = bisect_left(self.keys, word + "\U0010ffff", mid)
        exact = frozenset(self.positions[lo:mid])
        return exact, frozenset(self.positions[mid:hi]) - exact


NO_CODES = CodeTable([], [])
