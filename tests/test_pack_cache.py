"""Checked packs kept on disk by content (core/packs/cache.py), and the library using them."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def test_a_flipped_bit_in_the_cache_is_checked_again(tmp_path: Path) -> None:
    """The cache is sealed by a checksum: damage inside a reply's text is never read as the text."""
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    checked_pack(path, cache)
    (entry,) = cache.glob("pack-*.bin")
    good = entry.read_bytes()
    for at in (10, len(good) // 2, len(good) - 3):  # in the digest, and in the payload
        flipped = bytearray(good)
        flipped[at] ^= 0x04
        entry.write_bytes(bytes(flipped))
        assert checked_pack(path, cache).pack == check_pack(path).pack, at
        assert entry.read_bytes() == good  # checked again and written again whole


def test_the_result_carries_the_key_of_the_content(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    cache = tmp_path / "cache"
    checked = checked_pack(path, cache)
    assert checked.key == pack_key(path.read_bytes())
    assert checked_pack(path, cache).key == checked.key  # from the cache: the same
    path.write_text(path.read_text("utf-8").replace("砍价", "议价"), "utf-8")
    assert checked_pack(path, cache).key not in (None, checked.key)
    assert checked_pack(path, None).key is None  # no cache, no key


def test_replies_from_the_cache_share_repeated_values(tmp_path: Path) -> None:
    """A scenario or tag list many replies have is one object once loaded (memory at 100k)."""
    replies = "".join(
        f'[[reply]]\nid = "r{n}"\ntitle = "标题{n}"\ntext = "正文{n}"\n'
        f'scenario = "售后/退款"\ntags = ["退款", "售后"]\n\n'
        for n in range(3)
    )
    path = _copy(
        tmp_path, f'format = 1\n[pack]\nid = "t"\nname = "t"\nversion = "1.0.0"\n\n{replies}'
    )
    cache = tmp_path / "cache"
    checked_pack(path, cache)
    pack = checked_pack(path, cache).pack
    assert pack is not None and pack == check_pack(path).pack
    first, second, third = pack.replies
    assert first.scenario is second.scenario is third.scenario
    assert first.tags is second.tags is third.tags
    assert first.title is not second.title


def test_the_library_key_follows_the_packs(tmp_path: Path) -> None:
    (tmp_path / "packs").mkdir()
    team = _copy(tmp_path / "packs")
    first = Library.load(home=tmp_path)
    again = Library.load(home=tmp_path)  # from the cache: the packs' hashes are the same
    assert first.content_key() == again.content_key()
    team.write_text(team.read_text("utf-8").replace("砍价", "议价"), "utf-8")
    changed = Library.load(home=tmp_path)
    assert changed.content_key() != first.content_key()


def test_a_pack_without_a_file_hash_is_hashed_by_content(tmp_path: Path) -> None:
    """The personal pack (read without the cache), or a pack put in by hand."""
    from dataclasses import replace

    path = _copy(tmp_path)
    checked = checked_pack(path, tmp_path / "cache")
    assert checked.pack is not None and checked.key is not None
    keyed = Library((checked.pack,), pack_keys=((checked.pack, checked.key),))
    plain = Library((checked.pack,))
    assert keyed.content_key() != plain.content_key()  # the file's hash is used when known
    assert plain.content_key() == Library((check_pack(path).pack,)).content_key()  # type: ignore[arg-type]
    edited = replace(checked.pack, replies=checked.pack.replies[1:])
    # a pack replaced by another (same length, same place) never takes the old one's hash
    swapped = Library((edited,), pack_keys=((checked.pack, checked.key),))
    assert swapped.content_key() == Library((edited,)).content_key() != plain.content_key()


def test_the_search_index_is_cached_under_the_library_key(quickreply_home: Path) -> None:
    """The app's index (in the data folder) is keyed by the packs' hashes, not their replies."""
    from quickreply.core.search.finder import Finder

    (quickreply_home / "packs").mkdir()
    team = _copy(quickreply_home / "packs")
    cache = quickreply_home / "cache"
    assert Finder(Library.load(home=quickreply_home), None).index.cache_status == "miss"
    assert Finder(Library.load(home=quickreply_home), None).index.cache_status == "hit"
    team.write_text(team.read_text("utf-8").replace("砍价", "议价"), "utf-8")
    finder = Finder(Library.load(home=quickreply_home), None)
    assert finder.index.cache_status == "miss"  # a changed file: checked and indexed again
    assert finder("议价") and not [h for h in finder("砍价") if "砍价" in h.reply.title]
    assert len(list(cache.glob("search-*.idx"))) == 2


def test_a_library_of_more_packs_than_the_cache_keeps_reads_them_all_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Caches are pruned once the library is read, never those of its own packs: pruning
    on every save once deleted the caches of the packs read before, so a library of the
    13 built-in packs and a team pack was checked again on every start."""
    from quickreply.core.packs import cache as pack_cache

    (tmp_path / "packs").mkdir()
    sample = SAMPLE.read_text(encoding="utf-8")
    for n in range(pack_cache._KEEP + 4):
        text = sample.replace('id = "sample.shop"', f'id = "team{n}"', 1)
        (tmp_path / "packs" / f"team{n}.toml").write_text(text, "utf-8")
    first = Library.load(home=tmp_path)
    assert len(first.packs) > pack_cache._KEEP + 4  # the built-ins too

    def no_check(data: bytes, path: Path) -> None:
        raise AssertionError(f"{path} checked again despite its cache")

    monkeypatch.setattr(pack_cache, "check_bytes", no_check)
    again = Library.load(home=tmp_path)
    assert again.replies == first.replies


def test_caches_of_packs_no_longer_read_are_pruned_beyond_a_few(tmp_path: Path) -> None:
    from quickreply.core.packs import cache as pack_cache

    (tmp_path / "packs").mkdir()
    team = _copy(tmp_path / "packs")
    original = team.read_text("utf-8")
    for n in range(pack_cache._KEEP + 5):  # the team lead publishes new versions
        team.write_text(original.replace("砍价", f"砍价{n}"), "utf-8")
        Library.load(home=tmp_path)
    caches = list((tmp_path / "cache").glob("pack-*.bin"))
    in_use = len(Library.load(home=tmp_path).packs)
    assert len(caches) == in_use + pack_cache._KEEP


def test_replies_made_from_the_cache_are_replies_in_every_way(tmp_path: Path) -> None:
    """The cache builds replies without the frozen dataclass's __init__ (cache._reply):
    they must be indistinguishable from Reply(...)."""
    import dataclasses

    from quickreply.core.model import Reply
    from quickreply.core.packs import cache as pack_cache

    # the fast path is in use: a new Reply field makes this fail until _reply fills it
    assert pack_cache.MAKE_REPLY is pack_cache._reply
    path = _copy(tmp_path)
    checked_pack(path, tmp_path / "cache")
    cached = checked_pack(path, tmp_path / "cache").pack
    plain = check_pack(path).pack
    assert cached is not None and plain is not None
    for mine, theirs in zip(cached.replies, plain.replies, strict=True):
        assert type(mine) is Reply
        assert mine == theirs and hash(mine) == hash(theirs)
        assert dataclasses.astuple(mine) == dataclasses.astuple(theirs)
        assert dataclasses.replace(mine, title="x") == dataclasses.replace(theirs, title="x")
        with pytest.raises(dataclasses.FrozenInstanceError):
            mine.title = "changed"  # type: ignore[misc]
    assert {cached.replies[0]: 1}[plain.replies[0]] == 1  # usable as a dict key for the other


def test_the_spelled_out_and_the_generic_row_sharing_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.core.packs import cache as pack_cache

    assert pack_cache._KNOWN_LAYOUT  # the fast paths are in use
    pack = check_pack(_copy(tmp_path)).pack
    assert pack is not None
    doubled = pack.replies + pack.replies  # every value repeated
    fast = pack_cache._shared_rows(doubled)
    monkeypatch.setattr(pack_cache, "_KNOWN_LAYOUT", False)
    generic = pack_cache._shared_rows(doubled)
    assert fast == generic == [pack_cache._row(r) for r in doubled]
    half = len(pack.replies)
    for rows in (fast, generic):
        assert all(rows[i][5] is rows[i + half][5] for i in range(half))  # tags: one object
        assert all(rows[i][1] is doubled[i].title for i in range(half))  # titles: as they were
