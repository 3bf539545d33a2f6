"""Checked packs on disk, keyed by content: a start with unchanged packs skips parsing.

Parsing and validating a 100,000-reply pack takes seconds (tomllib alone is
most of it); the app starts with the same packs nearly every time. So the
outcome of `check_pack` for a pack that loaded is kept in the data folder's
cache, in a file named by a hash of the pack file's bytes and of this
program's version: a changed file, or a new QuickReply, simply misses and is
checked again. The file is marshal (plain tuples and strings; no code runs on
load, unlike pickle). An unreadable or foreign cache file is checked again,
never fatal; a cache that cannot be written costs the next start a check.
Packs with errors are never cached: they are re-checked and reported every
time.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from dataclasses import fields
from pathlib import Path
from typing import Any

from quickreply import __version__
from quickreply.core.model import Flow, Pack, Reply, Rule
from quickreply.core.packs.problems import CheckResult, Problem
from quickreply.core.packs.read import check_pack

CACHE_FORMAT = 1
_KEEP = 8  # pack caches kept besides the ones in use (for switching back)


def pack_key(raw: bytes) -> str:
    """A hash of a pack file's bytes, the cache format and the program version."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{CACHE_FORMAT}\n{__version__}\n".encode())
    digest.update(raw)
    return digest.hexdigest()


def checked_pack(path: Path, cache_dir: Path | None) -> CheckResult:
    """`check_pack(path)`, from the cache when the file's content was checked before.

    Returns the same pack and problems as `check_pack`; `cache_dir` None: no cache.
    """
    if cache_dir is None:
        return check_pack(path)
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return check_pack(path)  # reports the file it cannot read
    cache = cache_dir / f"pack-{pack_key(raw)}.bin"
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
        return _load(cache.read_bytes(), Path(path))
    result = check_pack(path)
    if result.ok and result.pack is not None:
        _save(cache, cache_dir, result)
    return result


def _row(item: Any) -> tuple[Any, ...]:
    """A dataclass's fields in order (dataclasses.astuple deep-copies: 10x slower)."""
    return tuple(getattr(item, f.name) for f in fields(item))


def _dump(result: CheckResult) -> bytes:
    pack = result.pack
    assert pack is not None
    head = {f.name: getattr(pack, f.name) for f in fields(Pack)}
    for name in ("replies", "flows", "rules", "path"):
        del head[name]
    return marshal.dumps(
        {
            "format": CACHE_FORMAT,
            "pack": head,
            "replies": [_row(r) for r in pack.replies],
            "flows": [_row(f) for f in pack.flows],
            "rules": [_row(r) for r in pack.rules],
            "problems": [_row(p) for p in result.problems],
        }
    )


def _load(raw: bytes, path: Path) -> CheckResult:
    """The cached result; anything unexpected raises (the caller checks again)."""
    blob: Any = marshal.loads(raw)
    if not isinstance(blob, dict) or blob.get("format") != CACHE_FORMAT:
        raise ValueError("not a pack cache of this version")
    replies = tuple(Reply(*row) for row in blob["replies"])
    flows = tuple(Flow(*row) for row in blob["flows"])
    rules = tuple(Rule(*row) for row in blob["rules"])
    pack = Pack(**blob["pack"], replies=replies, flows=flows, rules=rules, path=path)
    problems = [Problem(*row) for row in blob["problems"]]
    # the file name in a problem is where the pack is now
    problems = [Problem(str(path), p.line, p.col, p.level, p.message) for p in problems]
    return CheckResult(pack, problems)


def _save(cache: Path, cache_dir: Path, result: CheckResult) -> None:
    from quickreply.core.storage import StorageError, atomic_write_bytes

    # A cache that cannot be written (a read-only data folder) only costs the next start.
    with contextlib.suppress(OSError, ValueError, StorageError):
        atomic_write_bytes(cache, _dump(result))
        others = sorted(
            (p for p in cache_dir.glob("pack-*.bin") if p != cache),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[_KEEP:]:
            with contextlib.suppress(OSError):
                old.unlink()
