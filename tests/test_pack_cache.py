"""Checked packs kept on disk by content (core/packs/cache.py), and the library using them."""

from __future__ import annotations

from pathlib import Path

from quickreply.core.library import Library
from quickreply.core.packs import check_pack
from quickreply.core.packs.cache import checked_pack, pack_key

SAMPLE = Path(__file__).parent / "data" / "sample.toml"


def _copy(tmp_path: Path, text: str | None = None) -> Path:
    path = tmp_path / "team.toml"
    path.write_text(text if text is not None else SAMPLE.read_text(encoding="utf-8"), "utf-8")
    return path


def test_a_second_check_reads_the_cache_and_returns_the_same(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    first = checked_pack(path, cache)
    files = list(cache.glob("pack-*.bin"))
    assert len(files) == 1 and files[0].name == f"pack-{pack_key(path.read_bytes())}.bin"
    second = checked_pack(path, cache)
    plain = check_pack(path)
    assert first.pack == second.pack == plain.pack
    assert second.problems == plain.problems
    assert second.pack is not None and second.pack.path == path
    assert second.pack.replies[0].title == plain.pack.replies[0].title  # type: ignore[union-attr]


def test_the_cache_is_really_read(tmp_path: Path) -> None:
    """A cache file standing for the content is what comes back (proves no re-parse)."""
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    checked_pack(path, cache)
    (tmp_path / "x").mkdir()
    other = _copy(tmp_path / "x")
    text = other.read_text("utf-8").replace('name = "', 'name = "改过的', 1)
    other.write_text(text, "utf-8")
    renamed = checked_pack(other, cache).pack
    assert renamed is not None and renamed.name.startswith("改过的")
    # swap the two cache files' contents: the original content now reads the edited pack
    a, b = sorted(cache.glob("pack-*.bin"))
    raw_a, raw_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(raw_b)
    b.write_bytes(raw_a)
    swapped = checked_pack(path, cache).pack
    assert swapped is not None and swapped.name.startswith("改过的")


def test_a_changed_file_is_checked_again(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    checked_pack(path, cache)
    path.write_text(path.read_text("utf-8").replace("砍价", "议价"), "utf-8")
    again = checked_pack(path, cache)
    assert again.pack == check_pack(path).pack
    assert len(list(cache.glob("pack-*.bin"))) == 2


def test_a_broken_cache_file_is_checked_again(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    checked_pack(path, cache)
    (entry,) = cache.glob("pack-*.bin")
    for junk in (b"", b"\x00garbage", entry.read_bytes()[:40]):
        entry.write_bytes(junk)
        assert checked_pack(path, cache).pack == check_pack(path).pack


def test_a_pack_with_errors_is_never_cached(tmp_path: Path) -> None:
    path = _copy(tmp_path, 'format = 1\n[pack]\nid = "x"\n')
    cache = tmp_path / "cache"
    result = checked_pack(path, cache)
    assert result.errors and result.problems == check_pack(path).problems
    assert not cache.exists() or not list(cache.glob("pack-*.bin"))


def test_the_library_keeps_checked_packs_in_the_data_folder(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    _copy(tmp_path / "packs")
    first = Library.load(home=tmp_path)
    assert len(list((tmp_path / "cache").glob("pack-*.bin"))) >= 2  # built-ins and the team pack
    second = Library.load(home=tmp_path)
    assert first.replies == second.replies
    assert [p.id for p in first.packs] == [p.id for p in second.packs]
