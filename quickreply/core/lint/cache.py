"""The per-platform linter cache: building a linter compiles thousands of terms
into an automaton, while the chat window asks for the same platform's linter on
every keystroke, so the last few built are kept.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

from quickreply.core.model import Pack

T = TypeVar("T")


class PackKeyedCache(Generic[T]):
    """A small thread-safe LRU of what is built from (platforms, packs).

    Packs are keyed by identity (hashing a 50,000-reply pack on every keystroke
    would cost more than linting); the cache holds the packs, so an id is never
    reused while its entry lives.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[object, ...], tuple[tuple[Pack, ...], T]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self,
        platforms: tuple[str, ...],
        packs: tuple[Pack, ...],
        build: Callable[[tuple[str, ...], tuple[Pack, ...]], T],
    ) -> T:
        """The cached value: asking again for the same platforms and packs is a dict lookup."""
        key = (tuple(sorted(set(platforms))), *(id(p) for p in packs))
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None and all(a is b for a, b in zip(hit[0], packs, strict=True)):
                self._entries.move_to_end(key)
                return hit[1]
        value = build(platforms, packs)
        with self._lock:
            self._entries[key] = (packs, value)
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value
