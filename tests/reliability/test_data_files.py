"""Every data file is read defensively: the failures issue 13 listed, each reproduced.

A bad file is moved aside (never deleted) with a notice naming it and saying
what was kept, and the library still loads; personal.toml stays in place and
its replies come from the newest backup that reads.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from quickreply.core import settings as settings_mod
from quickreply.core import storage
from quickreply.core.library import install_pack, upsert_personal_reply
from quickreply.core.model import Reply
from quickreply.core.packs import PackError
from quickreply.core.usage import UsageStore
from tests.conftest import run_cli
from tests.reliability.helpers import DEEP, load, pack_text, tiny_builtins


@pytest.fixture
def builtins(tmp_path: Path) -> Path:
    return tiny_builtins(tmp_path / "builtin")


def _mine(rid: str) -> Reply:
    return Reply(id=rid, title=f"我的{rid}", text="亲，在的😊")


def test_personal_nested_500_deep_keeps_the_file_and_shows_the_last_good_backup(
    builtins: Path,
) -> None:
    upsert_personal_reply(_mine("a"))
    upsert_personal_reply(_mine("b"))  # backs up the copy holding "a"
    path = storage.personal_pack_path()
    broken = path.read_text("utf-8") + f"\nextra = {DEEP}\n"
    path.write_text(broken, "utf-8")
    library = load(builtins)
    problem = library.personal_problem
    assert problem is not None
    assert problem.path == path and problem.backup is not None
    assert "nested too deeply" in str(problem) and f"{path}:" in str(problem)
    assert library.get("personal/a") is not None  # from the backup
    assert not any(str(path) in n for n in library.notices)  # the manager says it, translated
    assert path.read_text("utf-8") == broken  # left for the agent to fix
    with pytest.raises(PackError):
        upsert_personal_reply(_mine("c"))  # refuses to write over it
    assert path.read_text("utf-8") == broken


@pytest.mark.parametrize("bad", ["id = {}", f"id = {DEEP}"])
def test_personal_with_a_bad_id_and_no_backup_still_starts(builtins: Path, bad: str) -> None:
    path = storage.personal_pack_path()
    path.write_text(f'format = 1\n[pack]\n{bad}\nname = "x"\nversion = "1.0.0"\n', "utf-8")
    library = load(builtins)
    assert library.personal_problem is not None and library.personal_problem.backup is None
    assert library.get("builtin.base/hi") is not None
    assert path.exists()


@pytest.mark.parametrize("bad", ["id = {}", f"id = {DEEP}"])
def test_broken_team_pack_is_moved_aside_and_its_previous_copy_restored(
    builtins: Path, tmp_path: Path, bad: str
) -> None:
    source = tmp_path / "team.toml"
    source.write_text(pack_text("team", {"t1": "团队一"}), "utf-8")
    install_pack(source)
    source.write_text(pack_text("team", {"t1": "团队一", "t2": "团队二"}, "1.1.0"), "utf-8")
    install_pack(source)  # the 1.0.0 copy is in backups now
    target = storage.team_packs_dir() / "team.toml"
    target.write_text(f'format = 1\n[pack]\n{bad}\nname = "x"\nversion = "1.0.0"\n', "utf-8")
    library = load(builtins)
    assert library.get("team/t1") is not None
    (notice,) = [n for n in library.notices if "team.toml" in n]
    assert "moved to" in notice and "1.0.0" in notice
    moved = list(storage.backups_dir().glob("team.broken-*.toml"))
    assert len(moved) == 1 and bad in moved[0].read_text("utf-8")
    assert load(builtins).notices == ()  # the restored copy reads next time


def test_settings_nested_100k_deep_uses_defaults_and_names_the_file() -> None:
    path = settings_mod.settings_path()
    path.write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    values, problems = settings_mod.load()
    assert values["hotkey"] == "ctrl+alt+space"
    assert str(path) in str(problems[0]) and "kept in" in str(problems[0])


@pytest.mark.parametrize("kind", ["folder", "columns", "types", "garbage"])
def test_bad_usage_file_is_moved_aside_or_skipped(kind: str) -> None:
    path = storage.data_dir() / "usage.sqlite3"
    if kind == "folder":
        path.mkdir()
    elif kind == "garbage":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(3000))
    else:
        db = sqlite3.connect(path)
        if kind == "columns":
            db.execute("CREATE TABLE usage (a, b)")
        else:
            db.execute("CREATE TABLE usage (uid TEXT PRIMARY KEY, count INTEGER, last_used REAL)")
            db.execute("INSERT INTO usage VALUES ('x', 'many', 'yesterday'), (3, 1, 1.0)")
            db.execute("INSERT INTO usage VALUES ('ok', 2, 1e300)")
        db.commit()
        db.close()
    with UsageStore() as usage:
        usage.record("builtin.base/hi")
        assert usage.get("builtin.base/hi").count == 1
        assert usage.top(5)[0].uid in ("builtin.base/hi", "ok")
        if kind == "types":
            assert usage.notices == [] and usage.get("ok").last_used == 0.0
        else:
            assert str(path) in usage.notices[0] and "moved to" in usage.notices[0]
            assert list(storage.backups_dir().glob("usage.broken-*.sqlite3"))


def test_packs_folder_that_is_a_file_is_moved_aside(builtins: Path) -> None:
    (storage.data_dir() / "packs").write_text("not a folder", "utf-8")
    library = load(builtins)
    assert any("packs" in n and "moved to" in n for n in library.notices)
    assert storage.team_packs_dir().is_dir()


def test_quickreply_home_that_is_a_file_says_so_without_a_traceback(tmp_path: Path) -> None:
    home = tmp_path / "home-file"
    home.write_text("x", "utf-8")
    result = run_cli("list", env={"QUICKREPLY_HOME": str(home)})
    assert result.returncode == 1
    assert str(home) in result.stderr and "is a file" in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


def test_team_pack_named_personal_dot_something_keeps_the_personal_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(storage, "BACKUPS_KEPT", 3)
    for n in range(4):
        upsert_personal_reply(_mine(f"r{n}"))
    personal_backups = storage.backups_of(storage.personal_pack_path())
    assert len(personal_backups) == 3
    source = tmp_path / "p.toml"
    for n in range(6):
        source.write_text(pack_text("personal.team", {"x": f"第{n}版"}, f"1.{n}.0"), "utf-8")
        install_pack(source)
    assert storage.backups_of(storage.personal_pack_path()) == personal_backups
    assert len(storage.backups_of(storage.team_packs_dir() / "personal.team.toml")) == 3


def test_a_lock_path_that_is_a_folder_names_it() -> None:
    target = storage.personal_pack_path()
    target.with_name("personal.toml.lock").mkdir()
    with pytest.raises(storage.StorageError) as caught:
        upsert_personal_reply(_mine("a"))
    assert "personal.toml.lock" in str(caught.value) and "folder" in str(caught.value)


def test_a_write_under_a_file_names_the_path_and_what_to_do(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x", "utf-8")
    with pytest.raises(storage.StorageError) as caught:
        storage.atomic_write_text(blocker / "personal.toml", "x")
    assert str(blocker) in str(caught.value) and "move it away" in str(caught.value)


def test_a_read_only_folder_names_the_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # root writes through permission bits, so the refusal is the kernel's errno
    import errno
    import tempfile

    def refuse(*_a: object, **_k: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(storage.StorageError) as caught:
        storage.atomic_write_text(tmp_path / "settings.json", "{}")
    message = str(caught.value)
    assert str(tmp_path / "settings.json") in message and "read-only" in message


def test_a_killed_saves_temp_files_are_cleaned_at_start(builtins: Path) -> None:
    home = storage.data_dir()
    old = home / ".personal.toml.k3j2h1g0.tmp"
    fresh = home / ".settings.json.a1b2c3d4.tmp"
    for path in (old, fresh):
        path.write_text("half", "utf-8")
    past = time.time() - 3600
    os.utime(old, (past, past))
    load(builtins)
    assert not old.exists()
    assert fresh.exists()  # may be another process's save in flight


def test_id_ending_in_a_newline_is_refused() -> None:
    from quickreply.core.packs import check_text

    result = check_text('format = 1\n[pack]\nid = "a\\n"\nname = "x"\nversion = "1.0.0"\n')
    assert not result.ok and "id" in result.errors[0].message


def test_save_personal_never_writes_over_a_broken_file() -> None:
    from quickreply.core.library import empty_personal_pack, save_personal

    path = storage.personal_pack_path()
    path.write_text('format = 1\n[pack]\nid = "personal"\nname = "我的\n', "utf-8")
    before = path.read_bytes()
    with pytest.raises(PackError) as caught:
        save_personal(empty_personal_pack())
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before
    save_personal(empty_personal_pack(), replace_broken=True)  # when the agent says so
    assert path.read_bytes() != before


def test_the_lock_is_reentrant_in_a_thread_and_exclusive_across_threads(tmp_path: Path) -> None:
    import threading

    target = tmp_path / "new-folder" / "x.toml"
    order: list[str] = []
    with storage.locked(target):
        with storage.locked(target):  # a save inside a read-modify-write
            order.append("nested")

        def take() -> None:
            with storage.locked(target):
                order.append("other")

        other = threading.Thread(target=take)
        other.start()
        other.join(timeout=0.5)
        assert other.is_alive()  # waits for the lock
        order.append("released")
    other.join(timeout=30)
    assert order == ["nested", "released", "other"]


def test_an_immutable_data_folder_names_the_path_and_still_reads(tmp_path: Path) -> None:
    import shutil
    import subprocess

    home = tmp_path / "home"
    home.mkdir()
    (home / "packs").mkdir()
    team = tmp_path / "team.toml"
    team.write_text(pack_text("team", {"t": "团队"}), "utf-8")
    chattr = shutil.which("chattr")
    folders = [str(home / "packs"), str(home)]
    if chattr is None or subprocess.run([chattr, "+i", *folders]).returncode != 0:
        # CI's file system has the flag: there a missing one is a failure, never a skip
        if os.environ.get("CI"):
            pytest.fail("chattr +i did not work on CI's file system")
        pytest.skip("this file system has no immutable flag (chattr +i)")
    try:
        env = {"QUICKREPLY_HOME": str(home)}
        result = run_cli("import", str(team), env=env)
        assert result.returncode == 1
        assert "internal error" not in result.stderr and "Traceback" not in result.stderr
        assert str(home / "packs") in result.stderr and "read-only or locked" in result.stderr
        listed = run_cli("list", env=env)
        assert listed.returncode == 0 and "builtin." in listed.stdout
    finally:
        subprocess.run([chattr, "-i", *folders], check=True)
