"""Cache files behind a checksum: a flipped bit on disk is a miss, never a wrong answer.

The checked-pack and linter caches store marshal data (no code runs on load,
unlike pickle) sealed with a tag naming the kind of file and a BLAKE2b digest
of everything after it, as the search index cache does. Hashing is about
1 GB/s, a few milliseconds for the largest cache. Caches live in the data
folder's `cache/` and are named by a hash of what they were built from, so a
changed input simply misses; a cache that cannot be written only costs the
next start the work again.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path

_DIGEST_SIZE = 32


def seal(tag: bytes, payload: bytes) -> bytes:
    """`tag`, a digest of `payload`, then `payload`."""
    return tag + hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() + payload


def unseal(tag: bytes, raw: bytes) -> bytes:
    """The payload of a sealed file; ValueError if the tag or the checksum is wrong."""
    head = len(tag) + _DIGEST_SIZE
    if not raw.startswith(tag) or len(raw) < head:
        raise ValueError("not a cache file of this kind and version")
    payload = raw[head:]
    if hashlib.blake2b(payload, digest_size=_DIGEST_SIZE).digest() != raw[len(tag) : head]:
        raise ValueError("the cache file does not match its checksum")
    return payload


def save(path: Path, data: bytes, keep: int | None) -> None:
    """Write `data` to `path`; of the other files of its kind, keep the `keep` newest
    (None: leave them, the caller prunes with `prune`).

    Never raises: a cache that cannot be written (a read-only data folder) only
    costs the next start the work it saves.
    """
    from quickreply.core.storage import StorageError, atomic_write_bytes

    with contextlib.suppress(OSError, ValueError, StorageError):
        atomic_write_bytes(path, data)
        if keep is not None:
            prune(path.parent, _kind(path), {path.name}, keep)


def prune(folder: Path, pattern: str, in_use: set[str], keep: int) -> None:
    """Delete the files matching `pattern` in `folder`, but those named in `in_use`
    and the `keep` newest of the others (for switching back). Never raises."""
    with contextlib.suppress(OSError):
        others = sorted(
            (p for p in folder.glob(pattern) if p.name not in in_use),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[keep:]:
            with contextlib.suppress(OSError):
                old.unlink()


def _kind(path: Path) -> str:
    """The glob of a cache file's kind: the name's part before the first `-`, and its suffix."""
    return f"{path.name.split('-', 1)[0]}-*{path.suffix}"
