"""Which texts could hold a word: bit sets over blocks of consecutive texts.

Bodies are long: keeping a bit set per character and initial pair for each
of them costs seconds to build at 100k replies (7 million postings, measured
2.6 s). Blocks of `BLOCK` consecutive bodies cost a fraction of that, and a
word that is rare in bodies (`faho`, a typo on its way) then reads only the
few blocks that hold its characters and initial pairs next to each other,
instead of one regex scan over every body (48 ms at 100k, measured). Titles
get the same for words whose per-title filter lets too many through (`qtwl`
in titles that hold its initials apart, not together).

Per block the index keeps the characters it holds and two kinds of pairs of
neighbouring characters (across spaces, as typed pinyin runs): initial then
initial (`kj`), and initial then the first two letters of a reading (`k`,
`ji`: 发货 is not 发后 for `fahou`). Initials and two-letter starts are the
codes of `index.Initials`, so a polyphonic character stands for all its
readings. The pairs are made in C: the two translations of many blocks at
a time are encoded as UTF-32 and interleaved into 64-bit integers, without a
Python string per pair.

`WordQuery.in_blocks` is a superset of the blocks where a word matches;
search then runs the word's regex over those blocks' text only.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import TypeVar

from quickreply.core.search.bitsets import bits, mask_of

BLOCK = 32  # texts per block
_SPAN = 256  # blocks built together
_K = TypeVar("_K", str, int)


def _pair_key(a: str, b: str) -> int:
    """Two characters side by side as the 64-bit integer `_pairs` makes of them."""
    return ord(a) | ord(b) << 32


def _post(posts: defaultdict[_K, list[int]], keys: Iterable[_K], block: int) -> None:
    """Add `block` to the posting list of every key (the loop runs in C)."""
    deque(map(list.append, map(posts.__getitem__, keys), repeat(block)), 0)


def _pairs(firsts: str, seconds: str) -> memoryview:
    """Each character of `firsts` with the next one of `seconds` (the same text
    translated two ways, so of equal length), as `_pair_key` integers: both are
    encoded as UTF-32 and interleaved, all in C."""
    count = len(firsts) - 1
    if count < 1:
        return memoryview(b"").cast("Q")
    out = bytearray(8 * count)
    halves = memoryview(out).cast("I")
    halves[0::2] = memoryview(firsts.encode("utf-32-le")).cast("I")[:count]
    halves[1::2] = memoryview(seconds.encode("utf-32-le")).cast("I")[1:]
    return memoryview(out).cast("Q")


@dataclass
class Blocks:
    """Characters and initial pairs per block of texts, as bit sets over blocks."""

    chars: dict[str, int]
    pairs: dict[int, int]  # initial, initial (`_pair_key`)
    twos: dict[int, int]  # initial, two-letter start (`_pair_key`)
    count: int  # blocks
    _class_masks: dict[str, int] = field(default_factory=dict, repr=False)
    _pair_masks: dict[str, int] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        text: str,
        starts: Sequence[int],
        initials: Mapping[int, str],
        twos: Mapping[int, str],
    ) -> Blocks:
        """From the texts joined (`text`, each starting at `starts[i]`) and the
        tables that turn characters into the codes of their initials and of their
        two-letter reading starts (`index.Initials.table`, `.two_table`)."""
        # spaces left out: typed pinyin runs across them (顺丰 包邮)
        firsts = {**initials, ord(" "): None}
        seconds = {**twos, ord(" "): None}
        size = len(starts)
        count = (size + BLOCK - 1) // BLOCK
        char_posts: defaultdict[str, list[int]] = defaultdict(list)
        pair_posts: defaultdict[int, list[int]] = defaultdict(list)
        two_posts: defaultdict[int, list[int]] = defaultdict(list)
        edges = [starts[b * BLOCK] for b in range(count)] + [len(text)]
        for span in range(0, count, _SPAN):
            # many blocks at a time: one translation and encoding per span
            begin, end = edges[span], edges[min(span + _SPAN, count)]
            piece = text[begin:end]
            first = piece.translate(firsts)
            same = _pairs(first, first)
            next_two = _pairs(first, piece.translate(seconds))
            at = 0  # where the block starts in `first`
            for block in range(span, min(span + _SPAN, count)):
                low, high = edges[block] - begin, edges[block + 1] - begin
                length = high - low - piece.count(" ", low, high)
                _post(char_posts, set(piece[low:high]), block)
                _post(pair_posts, set(same[at : at + length - 1]), block)
                _post(two_posts, set(next_two[at : at + length - 1]), block)
                at += length
        chars = {k: mask_of(p, count) for k, p in char_posts.items()}
        pairs = {k: mask_of(p, count) for k, p in pair_posts.items()}
        two_pairs = {k: mask_of(p, count) for k, p in two_posts.items()}
        return cls(chars=chars, pairs=pairs, twos=two_pairs, count=count)

    # -- what a query reads

    def char(self, c: str) -> int:
        return self.chars.get(c, 0)

    def any_of(self, chars: str) -> int:
        """Blocks holding any of these characters (a chunk's character class)."""
        mask = self._class_masks.get(chars)
        if mask is None:
            mask = 0
            for c in chars:
                mask |= self.chars.get(c, 0)
            self._class_masks[chars] = mask
        return mask

    def pair(self, a: str, b: str, expand: Mapping[str, str], two: Mapping[str, str]) -> int:
        """Blocks where a character with initial `a` stands right before one read
        starting with `b` (one letter, or two). `expand`: a letter -> it and the
        codes of the initial sets holding it; `two`: two letters -> the codes of
        the two-letter start sets holding them (`index.Initials`)."""
        mask = self._pair_masks.get(a + b)
        if mask is None:
            mask = 0
            table, seconds = (
                (self.pairs, expand.get(b, b))
                if len(b) == 1
                else (
                    self.twos,
                    two.get(b, ""),
                )
            )
            for x in expand.get(a, a):
                for y in seconds:
                    mask |= table.get(_pair_key(x, y), 0)
            self._pair_masks[a + b] = mask
        return mask


def scan_blocks(
    text: str, starts: Sequence[int], pattern: re.Pattern[str], blocks: int, first: int = 0
) -> Iterator[int]:
    """Texts from `first` on, in the given blocks, where `pattern` matches: ascending,
    each once (`text`, `starts`: the texts joined, as for `Blocks.build`)."""
    size = len(starts)
    if first >= size:
        return
    blocks &= ~((1 << (first // BLOCK)) - 1)
    for block in bits(blocks):
        at = starts[max(block * BLOCK, first)]
        last = (block + 1) * BLOCK
        end = starts[last] - 1 if last < size else len(text)
        while True:
            m = pattern.search(text, at, end)
            if m is None:
                break
            i = bisect_right(starts, m.start(), block * BLOCK, min(last, size)) - 1
            yield i
            if i + 1 >= size:
                return
            at = starts[i + 1]
            if at >= end:
                break
