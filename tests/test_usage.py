"""The usage counter: counts, recency, ordering, and a damaged database."""

from __future__ import annotations

from pathlib import Path

from quickreply.core import storage
from quickreply.core.usage import USAGE_FILE, UsageStore


def test_counts_and_last_used(quickreply_home: Path) -> None:
    with UsageStore() as store:
        store.record("shop/a", when=100.0)
        store.record("shop/a", when=200.0)
        store.record("shop/b", when=150.0)
        assert store.get("shop/a").count == 2
        assert store.get("shop/a").last_used == 200.0
        assert store.get("shop/b").count == 1
        assert store.get("never/used").count == 0
        assert store.counts() == {"shop/a": 2, "shop/b": 1}
        assert store.last() is not None and store.last().uid == "shop/a"  # type: ignore[union-attr]
    assert (quickreply_home / USAGE_FILE).exists()


def test_survives_reopen_and_keeps_chinese_ids(tmp_path: Path) -> None:
    path = tmp_path / "u.sqlite3"
    with UsageStore(path) as store:
        store.record("店铺.话术/问候", when=1.0)
    with UsageStore(path) as store:
        assert store.get("店铺.话术/问候").count == 1


def test_top_orders_by_count_then_recency() -> None:
    with UsageStore() as store:
        for uid, when in [("p/x", 1.0), ("p/y", 5.0), ("p/y", 6.0), ("p/z", 9.0), ("p/x", 2.0)]:
            store.record(uid, when=when)
        assert [s.uid for s in store.top(3)] == ["p/y", "p/x", "p/z"]
        assert [s.uid for s in store.top(1)] == ["p/y"]


def test_an_older_timestamp_does_not_move_last_used_back() -> None:
    with UsageStore() as store:
        store.record("p/x", when=50.0)
        store.record("p/x", when=10.0)
        assert store.get("p/x").last_used == 50.0
        assert store.get("p/x").count == 2


def test_damaged_database_is_kept_and_replaced(quickreply_home: Path) -> None:
    path = quickreply_home / USAGE_FILE
    path.write_bytes(b"this is not sqlite at all" * 100)
    with UsageStore() as store:
        store.record("p/x")
        assert store.get("p/x").count == 1
    kept = list(storage.backups_dir().glob("usage.broken-*.sqlite3"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"this is not sqlite")
