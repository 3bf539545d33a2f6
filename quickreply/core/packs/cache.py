"""Checked packs on disk, keyed by content: a start with unchanged packs skips parsing.

Parsing and validating a 100,000-reply pack takes seconds (tomllib alone is
most of it); the app starts with the same packs nearly every time. So the
outcome of `check_pack` for a pack that loaded is kept in the data folder's
cache, in a file named by a hash of the pack file's bytes and of this
program's version: a changed file, or a new QuickReply, simply misses and is
checked again. The file is marshal (plain tuples and strings; no code runs on
load, unlike pickle) behind a checksum (`core/sealed.py`): an unreadable,
damaged or foreign cache file is checked again, never fatal; a cache that
cannot be written costs the next start a check. Packs with errors are never
cached: they are re-checked and reported every time.

The hash is handed on (`CheckResult.key`): the library's search index is
keyed by it instead of hashing every reply again.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Callable, Iterable
from dataclasses import fields
from itertools import starmap
from pathlib import Path
from typing import Any

from quickreply import __version__
from quickreply.core import sealed
from quickreply.core.model import Flow, Pack, Reply, Rule
from quickreply.core.packs.problems import CheckResult, Problem
from quickreply.core.packs.read import check_bytes, check_pack

CACHE_FORMAT = 2
_TAG = b"QRPACK2\n"
_KEEP = 8  # pack caches kept besides the ones in use (for switching back)
_PATTERN = "pack-*.bin"
# Reply fields most replies share with others (a scenario, a tag list): stored
# once, so the loaded pack holds one copy, not 100,000 (marshal keeps identity).
_SHARED = frozenset({"scenario", "codes", "tags", "hotkey", "platforms", "overrides", "pack_id"})
# Reply's fields as the fast paths below spell them out (`_shared_rows`, `_reply`);
# if Reply ever changes, the generic paths are used (and a test fails).
_REPLY_FIELDS = (
    "id",
    "title",
    "text",
    "scenario",
    "codes",
    "tags",
    "hotkey",
    "platforms",
    "overrides",
    "pack_id",
)
_KNOWN_LAYOUT = tuple(f.name for f in fields(Reply)) == _REPLY_FIELDS == Reply.__slots__


def pack_key(raw: bytes) -> str:
    """A hash of a pack file's bytes, the cache format and the program version."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}\n{__version__}\n".encode())
    digest.update(raw)
    return digest.hexdigest()


def content_key(pack: Pack) -> str:
    """A hash of a pack's content, for a pack not read through the cache (the personal pack).

    Not the same value as `pack_key` of its file; both change when the content does.
    """
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"content\n{CACHE_FORMAT}\n{__version__}\n".encode())
    # version 2: no back-references, so equal content gives equal bytes
    digest.update(marshal.dumps(_blob(pack, []), 2))
    return digest.hexdigest()


def checked_pack(path: Path, cache_dir: Path | None) -> CheckResult:
    """`check_pack(path)`, from the cache when the file's content was checked before.

    Returns the same pack and problems as `check_pack`, and the content's
    hash in `key`; `cache_dir` None: no cache (and no key).
    """
    if cache_dir is None:
        return check_pack(path)
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return check_pack(path)  # reports the file it cannot read
    key = pack_key(raw)
    cache = cache_dir / cache_name(key)
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        result = _load(cache.read_bytes(), Path(path))
        result.key = key
        return result
    result = check_bytes(raw, Path(path))  # the bytes hashed: a file changing now cannot mislabel
    if result.ok and result.pack is not None:
        # no pruning here: a library of more packs than _KEEP would delete the
        # caches of its own packs read before this one (see `prune`)
        sealed.save(cache, _dump(result), None)
    result.key = key
    return result


def cache_name(key: str) -> str:
    return f"pack-{key}.bin"


def prune(cache_dir: Path, keys_in_use: set[str], keep: int = _KEEP) -> None:
    """Delete pack caches but those of `keys_in_use` (every pack the library just
    read) and the `keep` newest others. Never raises."""
    sealed.prune(cache_dir, _PATTERN, {cache_name(k) for k in keys_in_use}, keep)


def _row(item: Any) -> tuple[Any, ...]:
    """A dataclass's fields in order (dataclasses.astuple deep-copies: 10x slower)."""
    return tuple(getattr(item, f.name) for f in fields(item))


def _shared_rows(replies: Iterable[Reply]) -> list[tuple[Any, ...]]:
    """Reply rows whose `_SHARED` fields are one object per distinct value (tuples,
    and the strings in them)."""
    seen: dict[Any, Any] = {}
    share = seen.setdefault

    def shared_tuple(values: tuple[str, ...]) -> tuple[str, ...]:
        found: tuple[str, ...] | None = seen.get(values)
        if found is None:
            found = seen[values] = tuple([share(v, v) for v in values])
        return found

    if _KNOWN_LAYOUT:  # spelled out: the generic loop below took a first start 0.65 s at 100k
        return [
            (
                r.id,
                r.title,
                r.text,
                share(r.scenario, r.scenario),
                shared_tuple(r.codes),
                shared_tuple(r.tags),
                share(r.hotkey, r.hotkey),
                shared_tuple(r.platforms),
                share(r.overrides, r.overrides),
                share(r.pack_id, r.pack_id),
            )
            for r in replies
        ]
    names = [f.name for f in fields(Reply)]
    return [
        tuple(
            (shared_tuple(v) if isinstance(v, tuple) else share(v, v)) if n in _SHARED else v
            for n, v in zip(names, _row(r), strict=True)
        )
        for r in replies
    ]


def _blob(pack: Pack, problems: list[Problem]) -> dict[str, Any]:
    head = {f.name: getattr(pack, f.name) for f in fields(Pack)}
    for name in ("replies", "flows", "rules", "path"):
        del head[name]
    return {
        "format": CACHE_FORMAT,
        "pack": head,
        "replies": _shared_rows(pack.replies),
        "flows": [_row(f) for f in pack.flows],
        "rules": [_row(r) for r in pack.rules],
        "problems": [_row(p) for p in problems],
    }


def _dump(result: CheckResult) -> bytes:
    assert result.pack is not None
    return sealed.seal(_TAG, marshal.dumps(_blob(result.pack, result.problems)))


class _Unfrozen:
    """Reply's very layout (its slots) without the frozen dataclass's __init__: see `_reply`."""

    __slots__ = Reply.__slots__
    id: str
    title: str
    text: str
    scenario: str
    codes: tuple[str, ...]
    tags: tuple[str, ...]
    hotkey: str | None
    platforms: tuple[str, ...]
    overrides: str | None
    pack_id: str


def _reply(
    id_: str,
    title: str,
    text: str,
    scenario: str,
    codes: tuple[str, ...],
    tags: tuple[str, ...],
    hotkey: str | None,
    platforms: tuple[str, ...],
    overrides: str | None,
    pack_id: str,
) -> Reply:
    """`Reply(*row)`, a third cheaper: the frozen dataclass's __init__ sets every field
    through object.__setattr__ (0.27 s of a start for 100,000 replies); this fills a
    twin of the same layout with plain stores, then makes it the Reply it is laid out
    as (allowed: same slots, same base). The result is a Reply in every way: frozen,
    equal, the same hash."""
    row = _Unfrozen.__new__(_Unfrozen)
    row.id = id_
    row.title = title
    row.text = text
    row.scenario = scenario
    row.codes = codes
    row.tags = tags
    row.hotkey = hotkey
    row.platforms = platforms
    row.overrides = overrides
    row.pack_id = pack_id
    row.__class__ = Reply  # type: ignore[assignment]
    return row  # type: ignore[return-value]


# Reply itself if its fields ever differ from the ones `_reply` fills (a test fails then).
MAKE_REPLY: Callable[..., Reply] = _reply if _KNOWN_LAYOUT else Reply


def _load(raw: bytes, path: Path) -> CheckResult:
    """The cached result; anything unexpected raises (the caller checks again)."""
    blob: Any = marshal.loads(sealed.unseal(_TAG, raw))
    if not isinstance(blob, dict) or blob.get("format") != CACHE_FORMAT:
        raise ValueError("not a pack cache of this version")
    replies = tuple(starmap(MAKE_REPLY, blob["replies"]))
    flows = tuple(Flow(*row) for row in blob["flows"])
    rules = tuple(Rule(*row) for row in blob["rules"])
    pack = Pack(**blob["pack"], replies=replies, flows=flows, rules=rules, path=path)
    problems = [Problem(*row) for row in blob["problems"]]
    # the file name in a problem is where the pack is now
    problems = [Problem(str(path), p.line, p.col, p.level, p.message) for p in problems]
    return CheckResult(pack, problems)
