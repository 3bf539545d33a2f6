"""The on-disk index cache: a hit skips the build, anything wrong is rebuilt."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from quickreply.core.model import Reply
from quickreply.core.search import SearchIndex
from quickreply.core.search import cache as search_cache

QUERIES = ("kj", "砍价", "优惠 砍价", "changkuan", "fahou", "ＳＦ", "")


def results(index: SearchIndex) -> list[list[tuple[str, float]]]:
    return [[(h.reply.uid, h.score) for h in index.search(q)] for q in QUERIES]


def cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("search-*.idx"))


def test_miss_then_hit_with_equal_results(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    first = SearchIndex(replies, cache_dir=tmp_path)
    assert first.cache_status == "miss"
    assert len(cache_files(tmp_path)) == 1
    second = SearchIndex(replies, cache_dir=tmp_path)
    assert second.cache_status == "hit"
    assert results(second) == results(first) == results(SearchIndex(replies, cache_dir=None))


def test_a_hit_does_not_rebuild(
    replies: tuple[Reply, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    SearchIndex(replies, cache_dir=tmp_path)

    def no_build(_replies: object) -> None:
        raise AssertionError("rebuilt despite a valid cache")

    monkeypatch.setattr(search_cache, "build", no_build)
    assert SearchIndex(replies, cache_dir=tmp_path).cache_status == "hit"


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not a cache at all",
        b"\x00\xff" * 50,
    ],
)
def test_a_corrupt_cache_is_rebuilt_not_fatal(
    replies: tuple[Reply, ...], tmp_path: Path, damage: bytes
) -> None:
    expected = results(SearchIndex(replies, cache_dir=tmp_path))
    (path,) = cache_files(tmp_path)
    path.write_bytes(damage)
    index = SearchIndex(replies, cache_dir=tmp_path)
    assert index.cache_status == "corrupt"
    assert results(index) == expected
    assert SearchIndex(replies, cache_dir=tmp_path).cache_status == "hit"  # rewritten


def test_a_truncated_cache_is_rebuilt(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    expected = results(SearchIndex(replies, cache_dir=tmp_path))
    (path,) = cache_files(tmp_path)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    index = SearchIndex(replies, cache_dir=tmp_path)
    assert index.cache_status == "corrupt"
    assert results(index) == expected


def test_a_cache_of_another_version_is_rebuilt(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    import marshal

    from quickreply.core.search import cache

    SearchIndex(replies, cache_dir=tmp_path)
    (path,) = cache_files(tmp_path)
    blob = marshal.loads(cache._unseal(path.read_bytes()))
    blob["format"] = -1
    path.write_bytes(cache._seal(marshal.dumps(blob)))
    assert SearchIndex(replies, cache_dir=tmp_path).cache_status == "corrupt"


def test_a_flipped_bit_anywhere_in_the_cache_is_a_rebuild(
    replies: tuple[Reply, ...], tmp_path: Path
) -> None:
    SearchIndex(replies, cache_dir=tmp_path)
    (path,) = cache_files(tmp_path)
    good = path.read_bytes()
    # past the tag: in the digest, and deep in the payload (a count a ranking reads)
    for at in (10, len(good) // 2, len(good) - 3):
        flipped = bytearray(good)
        flipped[at] ^= 0x04
        path.write_bytes(bytes(flipped))
        index = SearchIndex(replies, cache_dir=tmp_path)
        assert index.cache_status == "corrupt", at
        assert path.read_bytes() == good  # rebuilt and rewritten whole


def test_changed_replies_miss_the_cache(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    SearchIndex(replies, cache_dir=tmp_path)
    edited = (replace(replies[0], title="全新的标题:运费险"), *replies[1:])
    index = SearchIndex(edited, cache_dir=tmp_path)
    assert index.cache_status == "miss"
    assert index.search("yunfeixian")[0].reply.title == "全新的标题:运费险"
    assert SearchIndex(replies, cache_dir=tmp_path).cache_status == "hit"  # the old one stays


def test_old_caches_are_pruned(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    for n in range(6):
        SearchIndex((*replies, replace(replies[0], id=f"extra{n}")), cache_dir=tmp_path)
    assert len(cache_files(tmp_path)) <= 3


def test_no_cache_dir_means_no_files(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    index = SearchIndex(replies, cache_dir=None)
    assert index.cache_status == "off"
    assert not list(tmp_path.iterdir())


def test_default_cache_lives_in_the_data_dir(
    replies: tuple[Reply, ...], quickreply_home: Path
) -> None:
    assert SearchIndex(replies).cache_status == "miss"
    assert cache_files(quickreply_home / "cache")
    assert SearchIndex(replies).cache_status == "hit"


def test_an_unwritable_cache_dir_still_searches(replies: tuple[Reply, ...], tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    index = SearchIndex(replies, cache_dir=blocker)
    assert index.search("kj")


def test_keys_few_replies_hold_are_kept_as_positions_and_read_as_bit_sets(
    tmp_path: Path,
) -> None:
    from bench._synthetic import make_replies
    from quickreply.core.search.index import build

    rare = Reply(id="rare", title="龘字回复", text="您好", pack_id="p")
    replies = [*make_replies(500, seed=3), rare]
    data = build(replies)
    stored = data.title.chars["龘"]
    assert stored == (len(replies) - 1,)  # one reply: its position, not a 500-bit integer
    assert data.title.char("龘") == 1 << (len(replies) - 1)
    assert isinstance(data.title.chars["龘"], int)  # read once, kept as a bit set
    # a key most replies hold stays a bit set
    assert isinstance(data.title.chars["回"], int)
    # through the cache: the same answers
    built = SearchIndex(replies, cache_dir=tmp_path)
    loaded = SearchIndex(replies, cache_dir=tmp_path)
    assert loaded.cache_status == "hit"
    for query in ("龘", "龘字", "long", "kj"):
        assert [h.reply.uid for h in loaded.search(query)] == [
            h.reply.uid for h in built.search(query)
        ]
