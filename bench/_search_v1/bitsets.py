"""Sets of reply positions, in the two shapes search passes them around.

A bit set is a Python integer with bit `i` set for reply `i`: the index keeps
one per character and initial pair, and a query ANDs them, all in C. Where a
set is produced lazily (a regex scan over joined texts), it is an ascending
stream of positions instead, so search can stop reading it early. Both shapes
keep library order, which the ranking relies on to stop early.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat


def mask_of(indices: Iterable[int], size: int) -> int:
    """A bit set holding `indices` (each below `size`)."""
    where = indices if isinstance(indices, list) else list(indices)
    if not where or not size:
        return 0
    if len(where) * 64 < size:
        raw = bytearray((size + 7) // 8)
        for i in where:
            raw[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(raw, "little")
    # dense: through a '0'/'1' string, so no Python loop runs per bit
    digits = bytearray(b"0") * size
    deque(map(digits.__setitem__, where, repeat(0x31)), 0)
    digits.reverse()
    return int(digits, 2)


_BIT_OFFSETS = tuple(tuple(b for b in range(8) if (n >> b) & 1) for n in range(256))
_NONZERO = re.compile(rb"[^\x00]")


def bits(mask: int) -> Iterator[int]:
    """Positions of the set bits of `mask`, ascending.

    A regex skips the zero bytes in C, so a sparse set over a large library
    costs its few members, not its length.
    """
    if mask <= 0:
        return
    raw = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for m in _NONZERO.finditer(raw):
        base = m.start() * 8
        for b in _BIT_OFFSETS[raw[base >> 3]]:
            yield base + b


def unique_merge(streams: Sequence[Iterator[int]]) -> Iterator[int]:
    """Ascending streams merged into one ascending stream without repeats."""
    merged = streams[0] if len(streams) == 1 else heapq.merge(*streams)
    last = -1
    for i in merged:
        if i != last:
            yield i
            last = i
