"""The data directory and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quickreply.core import storage


def test_quickreply_home_overrides_the_data_dir(quickreply_home: Path) -> None:
    assert storage.data_dir() == quickreply_home


def test_default_data_dir_is_per_user(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUICKREPLY_HOME")
    path = storage.data_dir(create=False)
    assert "QuickReply" in str(path) and path.is_absolute()


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "file.txt"
    storage.atomic_write_text(target, "旧内容")
    storage.atomic_write_text(target, "新内容😊")
    assert target.read_text("utf-8") == "新内容😊"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "file.txt"
    storage.atomic_write_text(target, "完好")

    def crash(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(storage.StorageError, match="disk full") as caught:
        storage.atomic_write_text(target, "写了一半")
    assert str(target) in str(caught.value)
    assert target.read_text("utf-8") == "完好"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_backups_rotate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(storage, "BACKUPS_KEPT", 3)
    target = tmp_path / "mine.toml"
    for i in range(6):
        storage.atomic_write_text(target, f"v{i}", backup=True)
    backups = storage.backups_of(target)
    assert [b.read_text("utf-8") for b in backups] == ["v2", "v3", "v4"]


def test_lock_can_be_taken_again_after_release(tmp_path: Path) -> None:
    target = tmp_path / "x.toml"
    with storage.locked(target):
        storage.atomic_write_text(target, "1")
    with storage.locked(target):
        storage.atomic_write_text(target, "2")
    assert target.read_text("utf-8") == "2"
