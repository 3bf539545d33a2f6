"""The candidate index behind search: which replies could match a query at all.

For each field group (title; scenario and tags; body) it keeps, as Python
integers used as bit sets over reply positions:

- `chars`: replies whose folded text holds a character (CJK, letter, digit ...);
- `pairs`: replies where one character with initial x stands right before one
  with initial y (`kj` for 砍价), counting every reading of a polyphonic
  character and literal ASCII letters. Typed pinyin always needs the initials
  of consecutive characters, so ANDing these narrows a query to a few
  candidates in microseconds; the regex in `search_query` then decides.

Body pairs are the costliest to build (every adjacent pair of a long text),
so they are made on first use by one C-level scan of the bodies' initials and
kept. Everything built is cached on disk, keyed by a hash of the searchable
text, so the next start reads it instead of rebuilding.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import operator
import string
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import product, repeat
from pathlib import Path

from quickreply.core import pinyin
from quickreply.core.model import Reply

CACHE_FORMAT = 1
# Separates scenario and tags in the "meta" text; no query character matches it.
META_SEP = "\x1f"
GROUPS = ("title", "meta", "body")

_LETTER_PAIRS = frozenset(a + b for a in string.ascii_lowercase for b in string.ascii_lowercase)
_TO_BITS = bytes.maketrans(b"\x00\x01", b"01")


def meta_text(reply: Reply) -> str:
    return META_SEP.join((reply.scenario, *reply.tags))


def searchable(reply: Reply) -> tuple[str, str, str]:
    """The folded (title, meta, body) of a reply, character for character."""
    return pinyin.fold(reply.title), pinyin.fold(meta_text(reply)), pinyin.fold(reply.text)


def content_key(replies: Sequence[Reply]) -> str:
    """A hash of everything the index is built from."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}\n{len(replies)}\n".encode())
    for r in replies:
        digest.update(f"{r.title}\x1e{meta_text(r)}\x1e{r.text}\x1d".encode("utf-8", "replace"))
    return digest.hexdigest()


@dataclass
class Group:
    """The bit sets of one field group."""

    texts: list[str]
    chars: dict[str, int]
    pairs: dict[str, int]
    ascii: int
    # For lazily built pairs: each field's initials and extra polyphonic pairs.
    pair_texts: list[str] | None = None
    _initials: dict[str, int] = field(default_factory=dict)

    def char(self, c: str) -> int:
        return self.chars.get(c, 0)

    def pair(self, key: str) -> int:
        mask = self.pairs.get(key)
        if mask is None:
            if self.pair_texts is None:
                return 0
            hits = bytes(map(operator.contains, self.pair_texts, repeat(key)))
            mask = int(hits.translate(_TO_BITS)[::-1] or b"0", 2)
            self.pairs[key] = mask
        return mask


@dataclass
class IndexData:
    groups: dict[str, Group]
    readings: dict[str, tuple[str, ...]]
    size: int
    cache_status: str = "off"  # "hit", "miss", "corrupt" or "off"
    # letter -> characters with a reading starting with it
    _by_initial: dict[str, str] = field(default_factory=dict)

    def initial_mask(self, group: str, letter: str) -> int:
        """Replies whose `group` holds a character read with initial `letter`, or the letter."""
        g = self.groups[group]
        cached = g._initials.get(letter)
        if cached is not None:
            return cached
        if not self._by_initial:
            by: dict[str, list[str]] = defaultdict(list)
            for char, readings in self.readings.items():
                for first in {r[0] for r in readings}:
                    by[first].append(char)
            self._by_initial.update({k: "".join(v) for k, v in by.items()})
        mask = g.char(letter)
        for char in self._by_initial.get(letter, ""):
            mask |= g.char(char)
        g._initials[letter] = mask
        return mask


# -- building


def _initials_table(readings: dict[str, tuple[str, ...]]) -> dict[int, str]:
    return {ord(c): r[0][0] for c, r in readings.items()}


def _pair_text(text: str, table: dict[int, str], multi: dict[str, str]) -> str:
    """`text` as initials, plus every pair a second reading of a polyphonic character makes."""
    initials = text.translate(table)
    if multi and not multi.keys().isdisjoint(text):
        extra: list[str] = []
        for i, c in enumerate(text):
            alts = multi.get(c)
            if alts is None:
                continue
            before = multi.get(text[i - 1], initials[i - 1]) if i else ""
            after = multi.get(text[i + 1], initials[i + 1]) if i + 1 < len(text) else ""
            extra.extend(a + b for a, b in product(before, alts))
            extra.extend(a + b for a, b in product(alts, after))
        initials += " " + " ".join(extra)
    return initials


def mask_of(indices: Iterable[int], size: int) -> int:
    """A bit set holding `indices` (each below `size`)."""
    if not size:
        return 0
    bits = bytearray(b"0") * size
    deque(map(bits.__setitem__, indices, repeat(0x31)), 0)
    bits.reverse()
    return int(bits, 2)


def _masks(postings: dict[str, list[int]], size: int) -> dict[str, int]:
    """Posting lists to bit sets, through a '0'/'1' string so no Python loop runs per bit."""
    return {key: mask_of(where, size) for key, where in postings.items()}


def _build_group(
    texts: list[str], table: dict[int, str], multi: dict[str, str], *, eager_pairs: bool
) -> Group:
    size = len(texts)
    char_posts: dict[str, list[int]] = defaultdict(list)
    pair_posts: dict[str, list[int]] = defaultdict(list)
    pair_texts = [_pair_text(t, table, multi) for t in texts]
    get_char, get_pair = char_posts.__getitem__, pair_posts.__getitem__
    add = operator.add
    for i, text in enumerate(texts):
        deque(map(list.append, map(get_char, set(text)), repeat(i)), 0)
        if eager_pairs:
            ini = pair_texts[i]
            keys = _LETTER_PAIRS.intersection(map(add, ini, ini[1:]))
            deque(map(list.append, map(get_pair, keys), repeat(i)), 0)
    chars = _masks(char_posts, size)
    ascii_mask = 0
    for letter in string.ascii_lowercase:
        ascii_mask |= chars.get(letter, 0)
    return Group(
        texts=texts,
        chars=chars,
        pairs=_masks(pair_posts, size) if eager_pairs else {},
        ascii=ascii_mask,
        pair_texts=None if eager_pairs else pair_texts,
    )


def build(replies: Sequence[Reply]) -> IndexData:
    folded = [searchable(r) for r in replies]
    titles = [f[0] for f in folded]
    metas = [f[1] for f in folded]
    bodies = [f[2] for f in folded]
    all_chars: set[str] = set().union(*titles, *metas, *bodies)
    readings = pinyin.readings_for(c for c in all_chars if ord(c) > 0x2E7F)
    table = _initials_table(readings)
    multi = {c: "".join(dict.fromkeys(x[0] for x in r)) for c, r in readings.items()}
    multi = {c: v for c, v in multi.items() if len(v) > 1}
    groups = {
        "title": _build_group(titles, table, multi, eager_pairs=True),
        "meta": _build_group(metas, table, multi, eager_pairs=True),
        "body": _build_group(bodies, table, multi, eager_pairs=False),
    }
    return IndexData(groups=groups, readings=readings, size=len(replies))


# -- the disk cache


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"search-{key}.idx"


def _dump(data: IndexData) -> bytes:
    return marshal.dumps(
        {
            "format": CACHE_FORMAT,
            "size": data.size,
            "readings": data.readings,
            "syllables": tuple(sorted(pinyin.syllables())),
            "groups": {
                name: {"chars": g.chars, "pairs": g.pairs, "ascii": g.ascii}
                for name, g in data.groups.items()
            },
        }
    )


def _load(raw: bytes, replies: Sequence[Reply]) -> IndexData:
    """The cached index; anything unexpected raises ValueError (the caller rebuilds)."""
    try:
        blob = marshal.loads(raw)
        if not isinstance(blob, dict) or blob.get("format") != CACHE_FORMAT:
            raise ValueError("not a search cache of this version")
        if blob["size"] != len(replies):
            raise ValueError("cache is for another library")
        readings = {str(k): tuple(v) for k, v in blob["readings"].items()}
        folded = [searchable(r) for r in replies]
        table = _initials_table(readings)
        multi = {c: "".join(dict.fromkeys(x[0] for x in r)) for c, r in readings.items()}
        multi = {c: v for c, v in multi.items() if len(v) > 1}
        groups: dict[str, Group] = {}
        for column, name in enumerate(GROUPS):
            stored = blob["groups"][name]
            texts = [f[column] for f in folded]
            lazy = name == "body"
            groups[name] = Group(
                texts=texts,
                chars=dict(stored["chars"]),
                pairs=dict(stored["pairs"]),
                ascii=int(stored["ascii"]),
                pair_texts=[_pair_text(t, table, multi) for t in texts] if lazy else None,
            )
        pinyin.use_syllables(frozenset(blob["syllables"]))
    except (EOFError, ValueError, TypeError, KeyError, AttributeError) as exc:
        raise ValueError(str(exc)) from exc
    return IndexData(groups=groups, readings=readings, size=len(replies))


def load_or_build(replies: Sequence[Reply], cache_dir: Path | None) -> IndexData:
    """The index, from the cache when it matches these replies; a bad cache is rebuilt."""
    if cache_dir is None:
        return build(replies)
    key = content_key(replies)
    path = cache_path(cache_dir, key)
    status = "miss"
    with contextlib.suppress(OSError):
        raw = path.read_bytes()
        try:
            data = _load(raw, replies)
        except ValueError:
            status = "corrupt"
        else:
            data.cache_status = "hit"
            return data
    data = build(replies)
    data.cache_status = status
    _save(data, cache_dir, path)
    return data


def _save(data: IndexData, cache_dir: Path, path: Path) -> None:
    from quickreply.core.storage import atomic_write_bytes

    # A cache that cannot be written only costs the next start a rebuild.
    with contextlib.suppress(OSError):
        atomic_write_bytes(path, _dump(data))
        for old in _stale(cache_dir, keep=path):
            with contextlib.suppress(OSError):
                old.unlink()


def _stale(cache_dir: Path, keep: Path) -> Iterable[Path]:
    """Older search caches (other library contents) beyond the three newest."""
    others = sorted(
        (p for p in cache_dir.glob("search-*.idx") if p != keep),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    return others[2:]
