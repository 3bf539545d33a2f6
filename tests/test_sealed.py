"""Cache files behind a checksum (core/sealed.py), shared by the pack, linter and search caches."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from quickreply.core import sealed

TAG = b"QRTEST1\n"


def test_a_sealed_payload_comes_back_whole() -> None:
    payload = "亲，包邮哦 😊".encode() * 1000
    assert bytes(sealed.unseal(TAG, sealed.seal(TAG, payload))) == payload


@pytest.mark.parametrize("at", [0, 7, 8, 11, 12, 500, -1])
def test_any_flipped_bit_is_refused(at: int) -> None:
    raw = bytearray(sealed.seal(TAG, os.urandom(1000)))
    raw[at] ^= 0x01
    with pytest.raises(ValueError):
        sealed.unseal(TAG, bytes(raw))


@pytest.mark.parametrize("raw", [b"", TAG, TAG + b"\x00\x00", b"QRTEST2\n" + b"\x00" * 20])
def test_short_or_foreign_files_are_refused(raw: bytes) -> None:
    with pytest.raises(ValueError):
        sealed.unseal(TAG, raw)


def test_another_kind_of_cache_is_refused() -> None:
    with pytest.raises(ValueError):
        sealed.unseal(TAG, sealed.seal(b"QROTHER\n", b"payload"))


def test_prune_keeps_the_files_in_use_and_the_newest_others(tmp_path: Path) -> None:
    now = time.time()
    for n in range(10):
        path = tmp_path / f"pack-{n}.bin"
        path.write_bytes(b"x")
        os.utime(path, (now - 100 + n, now - 100 + n))  # pack-9 is the newest
    (tmp_path / "search-1.idx").write_bytes(b"another kind")
    sealed.prune(tmp_path, "pack-*.bin", {"pack-0.bin", "pack-1.bin"}, keep=3)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == [
        "pack-0.bin",
        "pack-1.bin",
        "pack-7.bin",
        "pack-8.bin",
        "pack-9.bin",
        "search-1.idx",
    ]


def test_save_never_raises_where_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    sealed.save(blocker / "pack-x.bin", b"data", keep=2)  # no exception
    assert blocker.is_file()
