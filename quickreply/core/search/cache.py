"""The search index on disk: a start with an unchanged library skips the build.

The file is marshal (no code runs on load, unlike pickle) behind a checksum
(a flipped bit on disk is a rebuild, never a changed ranking), and named by a hash
of the searchable text (or, from the app, of the packs it came from:
`Library.content_key`), so an edited library simply misses and gets a new
file; the two newest others stay for switching back. Folded texts are stored
only where folding changed them (most Chinese text is already folded). An
unreadable or foreign file is rebuilt, never fatal, and a cache that cannot
be written only costs the next start a rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Iterable, Sequence
from operator import attrgetter
from pathlib import Path

from quickreply.core import sealed
from quickreply.core.model import Reply
from quickreply.core.search import pinyin
from quickreply.core.search.blocks import Blocks
from quickreply.core.search.index import Group, IndexData, Initials, Joined, build

CACHE_FORMAT = 12
# The file starts with this tag and a CRC-32 of everything after it (core/sealed.py).
_MAGIC = b"QRIDX4\n"


def _seal(payload: bytes) -> bytes:
    return sealed.seal(_MAGIC, payload)


def _unseal(raw: bytes) -> memoryview:
    """The payload of a sealed file; ValueError if the tag or the checksum is wrong."""
    return sealed.unseal(_MAGIC, raw)


def content_key(replies: Sequence[Reply]) -> str:
    """A hash of everything the index is built from."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}\n{len(replies)}\n".encode())
    # marshal serialises the columns in C, unambiguously (lengths included),
    # several times faster than joining and encoding them in Python
    columns = (
        [r.title for r in replies],
        [r.scenario for r in replies],
        [r.tags for r in replies],
        [r.text for r in replies],
    )
    for column in columns:
        digest.update(marshal.dumps(column, 2))  # version 2: no back-references, stable
    return digest.hexdigest()


def given_key(source_key: str, size: int) -> str:
    """The cache's key from a caller's hash of the replies' source (`Library.content_key`)."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}\nsource\n{size}\n{source_key}".encode())
    return digest.hexdigest()


def cache_path(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"search-{key}.idx"


def _changed(folded: list[str], originals: Iterable[str]) -> dict[int, str]:
    """Folded texts where folding changed them (most Chinese text: nowhere), by position."""
    return {i: f for i, (f, o) in enumerate(zip(folded, originals, strict=True)) if f != o}


def _dump(data: IndexData, replies: Sequence[Reply]) -> bytes:
    return _seal(_marshalled(data, replies))


def _marshalled(data: IndexData, replies: Sequence[Reply]) -> bytes:
    return marshal.dumps(
        {
            "format": CACHE_FORMAT,
            "size": data.size,
            "readings": data.readings,
            "syllables": tuple(sorted(pinyin.syllables())),
            "title": (data.title.chars, data.title.pairs),
            "heads": data.title.heads,
            "blocks": [
                (b.chars, b.pairs, b.twos, b.count) for b in (data.body_blocks, data.title_blocks)
            ],
            "meta": (data.meta.chars, data.meta.pairs),
            "titles": _changed(data.title.texts, map(attrgetter("title"), replies)),
            "metas": data.meta.texts,
            "bodies": _changed(data.bodies.texts, map(attrgetter("text"), replies)),
        }
    )


def _restore(stored: dict[int, str], originals: list[str]) -> list[str]:
    for i, folded in stored.items():
        originals[i] = folded
    return originals


def _load(raw: bytes, replies: Sequence[Reply]) -> IndexData:
    """The cached index; anything unexpected raises ValueError (the caller rebuilds)."""
    try:
        blob = marshal.loads(_unseal(raw))
        if not isinstance(blob, dict) or blob.get("format") != CACHE_FORMAT:
            raise ValueError("not a search cache of this version")
        if blob["size"] != len(replies):
            raise ValueError("cache is for another library")
        readings = {str(k): tuple(v) for k, v in blob["readings"].items()}
        initials = Initials(readings)
        titles = _restore(blob["titles"], list(map(attrgetter("title"), replies)))
        metas = list(blob["metas"])
        bodies = _restore(blob["bodies"], list(map(attrgetter("text"), replies)))
        if len(metas) != len(replies) or not all(isinstance(m, str) for m in metas[:1]):
            raise ValueError("cache does not fit these replies")
        heads = blob["heads"]
        bodies_in_blocks, titles_in_blocks = (
            Blocks(dict(chars), dict(pairs), dict(twos), int(count))
            for chars, pairs, twos, count in blob["blocks"]
        )
        title = Group(titles, dict(blob["title"][0]), dict(blob["title"][1]), initials)
        title.heads = (dict(heads[0]), dict(heads[1]))
        data = IndexData(
            title=title,
            meta=Group(metas, dict(blob["meta"][0]), dict(blob["meta"][1]), initials),
            bodies=Joined.of(bodies),
            readings=readings,
            size=len(replies),
            body_blocks=bodies_in_blocks,
            title_blocks=titles_in_blocks,
        )
        pinyin.use_syllables(frozenset(blob["syllables"]))
    except Exception as exc:  # whatever is wrong with the file, the answer is a rebuild
        raise ValueError(f"unusable search cache: {exc}") from exc
    return data


def load_or_build(
    replies: Sequence[Reply], cache_dir: Path | None, source_key: str | None = None
) -> IndexData:
    """The index, from the cache when it matches these replies; a bad cache is rebuilt.

    `source_key`: a hash the caller has that changes whenever `replies` do
    (hashing 100,000 replies again costs a warm start 0.2 s); None: hash them.
    """
    if cache_dir is None:
        return build(replies)
    key = content_key(replies) if source_key is None else given_key(source_key, len(replies))
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
    from quickreply.core.storage import StorageError, atomic_write_bytes

    # A cache that cannot be written only costs the next start a rebuild.
    with contextlib.suppress(OSError, StorageError):
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
