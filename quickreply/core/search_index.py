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
bodies are joined into one string, and a word's matches come from a C-level
scan over it (str.find for the word as typed, a regex for its readings), in
library order, which search stops as soon as it has enough hits. Titles and
meta texts are joined too, for words whose bit sets let through too many.

Everything built is cached on disk (marshal; no code runs on load), keyed by
a hash of the searchable text; an unreadable cache is rebuilt, never fatal.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import marshal
import operator
import re
from bisect import bisect_right
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from pathlib import Path

from quickreply.core import pinyin
from quickreply.core.model import Reply

CACHE_FORMAT = 2
# Separates scenario and tags in the meta text, and bodies in the joined
# text; no query character matches it.
META_SEP = "\x1f"
_JOIN = "\x00"
_CODE_BASE = 0xE000  # private use area: initial-set codes in initials strings
_CODE_END = 0xE800
_TWO_BASE = 0xE800  # ... and codes for sets of two-letter reading starts
_TWO_END = 0xF900
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def meta_text(reply: Reply) -> str:
    return META_SEP.join((reply.scenario, *reply.tags))


def content_key(replies: Sequence[Reply]) -> str:
    """A hash of everything the index is built from."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}\n{len(replies)}\n".encode())
    columns = (
        [r.title for r in replies],
        [r.scenario for r in replies],
        ["\x1f".join(r.tags) for r in replies],
        [r.text for r in replies],
    )
    for column in columns:
        digest.update("\x1e".join(column).encode("utf-8", "surrogatepass"))
        digest.update(b"\x1d")
    return digest.hexdigest()


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
    bits = bytearray(b"0") * size
    deque(map(bits.__setitem__, where, repeat(0x31)), 0)
    bits.reverse()
    return int(bits, 2)


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
    chars: dict[str, int]
    pairs: dict[str, int]
    initials: Initials
    joined: Joined = field(init=False)
    _pair_cache: dict[str, int] = field(default_factory=dict)
    _initial_cache: dict[str, int] = field(default_factory=dict)
    _two_cache: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.joined = Joined.of(self.texts)

    def char(self, c: str) -> int:
        return self.chars.get(c, 0)

    def pair(self, a: str, b: str) -> int:
        """Replies where a character with initial `a` stands right before one with `b`."""
        key = a + b
        mask = self._pair_cache.get(key)
        if mask is None:
            mask = 0
            expand = self.initials.expand
            for x in expand.get(a, a):
                for y in expand.get(b, b):
                    mask |= self.pairs.get(x + y, 0)
            self._pair_cache[key] = mask
        return mask

    def starts_with(self, two: str) -> int:
        """Replies holding a character with a reading that starts with these two letters."""
        mask = self._two_cache.get(two)
        if mask is None:
            mask = 0
            for code in self.initials.two.get(two, ""):
                mask |= self.chars.get(code, 0)
            self._two_cache[two] = mask
        return mask

    def initial(self, letter: str) -> int:
        """Replies holding a character read with initial `letter`, or the letter itself."""
        mask = self._initial_cache.get(letter)
        if mask is None:
            mask = 0
            for c in self.initials.expand.get(letter, letter):
                mask |= self.pairs.get(" " + c, 0)
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
        starts = [0, *accumulate(len(t) + 1 for t in texts)][: len(texts)]
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


def unique_merge(streams: Sequence[Iterator[int]]) -> Iterator[int]:
    """Ascending streams merged into one ascending stream without repeats."""
    merged = streams[0] if len(streams) == 1 else heapq.merge(*streams)
    last = -1
    for i in merged:
        if i != last:
            yield i
            last = i


@dataclass
class IndexData:
    title: Group
    meta: Group
    bodies: Joined
    readings: dict[str, tuple[str, ...]]
    size: int
    cache_status: str = "off"  # "hit", "miss", "corrupt" or "off"

    def group(self, name: str) -> Group:
        return self.title if name == "title" else self.meta


# -- building


def _keys(text: str, initials: Initials) -> set[str]:
    """A field's index keys: its characters, its initial pairs, " x" per
    initial, and the codes of its two-letter reading starts."""
    keys = set(text)
    first = initials.of(text)
    keys.update(map(operator.add, first, first[1:]))
    keys.update(map(operator.add, repeat(" "), first))
    keys.update(initials.two_of(text))
    return keys


def _build_group(texts: list[str], initials: Initials) -> Group:
    size = len(texts)
    posts: dict[str, list[int]] = defaultdict(list)
    get = posts.__getitem__
    for i, text in enumerate(texts):
        deque(map(list.append, map(get, _keys(text, initials)), repeat(i)), 0)
    chars, pairs = _split({k: mask_of(v, size) for k, v in posts.items()})
    return Group(texts, chars, pairs, initials)


def _split(masks: dict[str, int]) -> tuple[dict[str, int], dict[str, int]]:
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
    chars, pairs = _split(masks)
    return Group(texts, chars, pairs, initials)


def _fold_all(texts: Iterable[str]) -> list[str]:
    return [pinyin.fold(t) for t in texts]


def build(replies: Sequence[Reply]) -> IndexData:
    titles = _fold_all(r.title for r in replies)
    metas = _fold_all(meta_text(r) for r in replies)
    bodies = _fold_all(r.text for r in replies)
    all_chars: set[str] = set().union(*titles, *metas, *bodies)
    readings = pinyin.readings_for(c for c in all_chars if ord(c) > 0x2E7F)
    pinyin.syllables()  # needed by every query; part of the cold build
    initials = Initials(readings)
    return IndexData(
        title=_build_group(titles, initials),
        meta=_build_meta(replies, metas, initials),
        bodies=Joined.of(bodies),
        readings=readings,
        size=len(replies),
    )


# -- the disk cache


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"search-{key}.idx"


def _changed(folded: list[str], originals: Iterable[str]) -> list[str | None]:
    """Folded texts, None where folding changed nothing (most Chinese text)."""
    return [f if f != o else None for f, o in zip(folded, originals, strict=True)]


def _dump(data: IndexData, replies: Sequence[Reply]) -> bytes:
    return marshal.dumps(
        {
            "format": CACHE_FORMAT,
            "size": data.size,
            "readings": data.readings,
            "syllables": tuple(sorted(pinyin.syllables())),
            "title": (data.title.chars, data.title.pairs),
            "meta": (data.meta.chars, data.meta.pairs),
            "titles": _changed(data.title.texts, [r.title for r in replies]),
            "metas": data.meta.texts,
            "bodies": _changed(data.bodies.texts, [r.text for r in replies]),
        }
    )


def _restore(stored: list[str | None], originals: Iterable[str]) -> list[str]:
    return [o if s is None else s for s, o in zip(stored, originals, strict=True)]


def _load(raw: bytes, replies: Sequence[Reply]) -> IndexData:
    """The cached index; anything unexpected raises ValueError (the caller rebuilds)."""
    try:
        blob = marshal.loads(raw)
        if not isinstance(blob, dict) or blob.get("format") != CACHE_FORMAT:
            raise ValueError("not a search cache of this version")
        if blob["size"] != len(replies):
            raise ValueError("cache is for another library")
        readings = {str(k): tuple(v) for k, v in blob["readings"].items()}
        initials = Initials(readings)
        titles = _restore(blob["titles"], [r.title for r in replies])
        metas = list(blob["metas"])
        bodies = _restore(blob["bodies"], [r.text for r in replies])
        if len(metas) != len(replies) or not all(isinstance(m, str) for m in metas[:1]):
            raise ValueError("cache does not fit these replies")
        data = IndexData(
            title=Group(titles, dict(blob["title"][0]), dict(blob["title"][1]), initials),
            meta=Group(metas, dict(blob["meta"][0]), dict(blob["meta"][1]), initials),
            bodies=Joined.of(bodies),
            readings=readings,
            size=len(replies),
        )
        pinyin.use_syllables(frozenset(blob["syllables"]))
    except Exception as exc:  # whatever is wrong with the file, the answer is a rebuild
        raise ValueError(f"unusable search cache: {exc}") from exc
    return data


def load_or_build(replies: Sequence[Reply], cache_dir: Path | None) -> IndexData:
    """The index, from the cache when it matches these replies; a bad cache is rebuilt."""
    if cache_dir is None:
        return build(replies)
    key = content_key(replies)
    path = cache_path(cache_dir, key)
    status = "miss"
    raw: bytes | None = None
    with contextlib.suppress(OSError):
        raw = path.read_bytes()
    if raw is not None:
        try:
            data = _load(raw, replies)
        except ValueError:
            status = "corrupt"
        else:
            data.cache_status = "hit"
            return data
    data = build(replies)
    data.cache_status = status
    _save(data, replies, cache_dir, path)
    return data


def _save(data: IndexData, replies: Sequence[Reply], cache_dir: Path, path: Path) -> None:
    from quickreply.core.storage import atomic_write_bytes

    # A cache that cannot be written only costs the next start a rebuild.
    with contextlib.suppress(OSError):
        atomic_write_bytes(path, _dump(data, replies))
        for old in _stale(cache_dir, keep=path):
            with contextlib.suppress(OSError):
                old.unlink()


def _stale(cache_dir: Path, keep: Path) -> list[Path]:
    """Older search caches (other library contents) beyond the two newest."""
    others = sorted(
        (p for p in cache_dir.glob("search-*.idx") if p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    return others[2:]
