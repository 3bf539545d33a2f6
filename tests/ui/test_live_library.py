"""Team packs under the running app: real files and folders changed while it watches.

The app is the real composition root with fake desktop ports (as in
test_app.py); the library, the subscriptions, the data folder, the watcher,
the worker thread and the web server are all real.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quickreply.core.library import Library, subscribe, upsert_personal_reply
from quickreply.core.model import Reply
from quickreply.desktop.live_library import LibraryUpdate, LiveLibrary
from quickreply.ui import team_updates
from tests.packserver import serve_packs
from tests.test_subscriptions import team_pack, write
from tests.ui.test_app import Rig

pytestmark = pytest.mark.qt

NEW_REPLY = (
    '[[reply]]\nid = "presale"\ntitle = "预售说明"\ntext = "预售商品15天内发货"\ncodes = ["ys"]\n'
)


@pytest.fixture(autouse=True)
def qt_garbage_on_the_ui_thread() -> Iterator[None]:
    """Earlier tests' Qt objects are collected here, on the UI thread, not by chance
    in the web server's threads (the app disables collection only in its own worker)."""
    gc.collect()
    yield
    gc.collect()


@pytest.fixture
def builtin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin"
    folder.mkdir()
    return folder


def start_live(rig: Rig, home: Path, builtin_dir: Path, **kw: Any) -> LiveLibrary:
    live = LiveLibrary(
        lambda: rig.usage.all(),
        lambda: "taobao",
        home=home,
        builtin_dir=builtin_dir,
        debounce_ms=50,
        parent=rig.app,
        **kw,
    )
    team_updates.wire(rig.app, live)
    return live


def shown_titles(rig: Rig) -> list[str]:
    model = rig.app.palette.model
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def texts(rig: Rig, query: str) -> list[str]:
    return [hit.reply.text for hit in rig.app.finder(query)]


def test_a_pack_changed_in_a_watched_folder_reaches_the_palette_and_the_override_stays(
    qtbot: Any, tmp_path: Path, quickreply_home: Path, builtin_dir: Path
) -> None:
    folder = tmp_path / "共享盘"
    pack = write(folder / "team.toml", team_pack("1.0.0"))
    subscribe(folder)
    upsert_personal_reply(
        Reply(
            id="my-ship",
            title="我的发货",
            text="亲，我这边今天一定发😊",
            overrides="acme.team/ship",
        )
    )
    rig = Rig(qtbot, Library.load(builtin_dir, quickreply_home))
    assert texts(rig, "wh") == ["亲，您好～"]
    live = start_live(rig, quickreply_home, builtin_dir)
    live.start()
    qtbot.waitUntil(
        lambda: live.checks >= 1 and live.settled, timeout=10_000
    )  # the first check: nothing new

    rig.press("ctrl+alt+space")  # the palette is open, with a query, while the pack changes
    rig.app.palette.query.setText("ys")
    assert "预售说明" not in shown_titles(rig)
    with qtbot.waitSignal(live.updated, timeout=15_000) as blocker:
        write(pack, team_pack("1.1.0", "亲，双十一快乐，今天下单有礼～", NEW_REPLY))
    update: LibraryUpdate = blocker.args[0]
    assert update.notes and update.notes[0].startswith("「大促话术」已更新到 1.1.0（原 1.0.0）")
    assert texts(rig, "wh") == ["亲，双十一快乐，今天下单有礼～"]
    assert texts(rig, "ys") == ["预售商品15天内发货"]
    # the open palette shows the new library without a keystroke
    assert shown_titles(rig)[0] == "预售说明"
    ship = rig.app.library.get("acme.team/ship")
    assert ship is not None and ship.text == "亲，我这边今天一定发😊"
    assert ("快捷回复", update.notes[0]) in rig.app.tray.messages
    assert "library_updated" in rig.events.names()
    live.stop()


def test_a_refused_update_is_told_once_and_the_last_good_copy_stays(
    qtbot: Any, tmp_path: Path, quickreply_home: Path, builtin_dir: Path
) -> None:
    pack = write(tmp_path / "usb" / "team.toml", team_pack("1.1.0"))
    subscribe(pack)
    rig = Rig(qtbot, Library.load(builtin_dir, quickreply_home))
    live = start_live(rig, quickreply_home, builtin_dir)
    live.start()
    qtbot.waitUntil(lambda: live.checks >= 1 and live.settled, timeout=10_000)
    with qtbot.waitSignal(live.problems_found, timeout=15_000) as blocker:
        write(pack, team_pack("1.0.0", "旧版本"))
    [problem] = blocker.args[0]
    assert "older than 1.1.0" in problem
    errors = [e for e in rig.events.events if e.get("kind") == "pack_update"]
    assert len(errors) == 1 and "older than 1.1.0" in errors[0]["message"]
    assert texts(rig, "wh") == ["亲，您好～"]
    checks = live.checks
    live.check_now()  # the same refusal again: not told twice
    qtbot.waitUntil(lambda: live.checks > checks, timeout=10_000)
    assert len([e for e in rig.events.events if e.get("kind") == "pack_update"]) == 1
    live.stop()


def test_a_url_is_polled_and_a_personal_edit_elsewhere_reloads(
    qtbot: Any, tmp_path: Path, quickreply_home: Path, builtin_dir: Path
) -> None:
    site = tmp_path / "site"
    pack = write(site / "team.toml", team_pack("1.0.0"))
    with serve_packs(site) as served:
        subscribe(served.url("team.toml"))
        rig = Rig(qtbot, Library.load(builtin_dir, quickreply_home))
        live = start_live(rig, quickreply_home, builtin_dir, poll_ms=200)
        live.start()
        write(pack, team_pack("1.0.1", "亲，新的问候"))
        with qtbot.waitSignal(live.updated, timeout=15_000):
            pass
        assert texts(rig, "wh") == ["亲，新的问候"]
        assert any(inm for _path, _status, inm, _ims in served.requests)  # conditional GETs
        # another program (the manager, `quickreply import`) edits the personal pack
        with qtbot.waitSignal(live.updated, timeout=15_000) as blocker:
            upsert_personal_reply(
                Reply(id="mine", title="我的", text="我自己加的回复", codes=("wd",))
            )
        assert blocker.args[0].notes == []
        assert texts(rig, "wd") == ["我自己加的回复"]
        live.stop()


def test_sources_are_polled_where_they_are_not_watched(
    qtbot: Any,
    tmp_path: Path,
    quickreply_home: Path,
    builtin_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As on Windows, where a watched USB stick could not be ejected: polling only.
    monkeypatch.setattr("quickreply.desktop.live_library.WATCH_SOURCES", False)
    pack = write(tmp_path / "usb" / "team.toml", team_pack("1.0.0"))
    subscribe(pack)
    rig = Rig(qtbot, Library.load(builtin_dir, quickreply_home))
    live = start_live(rig, quickreply_home, builtin_dir, local_poll_ms=300)
    live.start()
    qtbot.waitUntil(lambda: live.checks >= 1 and live.settled, timeout=10_000)
    watched = live.watcher.files() + live.watcher.directories()
    assert not any(str(tmp_path / "usb") in path for path in watched)
    with qtbot.waitSignal(live.updated, timeout=15_000):
        write(pack, team_pack("1.0.1", "亲，轮询到的新问候"))
    assert texts(rig, "wh") == ["亲，轮询到的新问候"]
    live.stop()


def test_a_paste_does_not_set_off_a_check(
    qtbot: Any, tmp_path: Path, quickreply_home: Path, builtin_dir: Path
) -> None:
    pack = write(tmp_path / "share" / "team.toml", team_pack("1.0.0"))
    subscribe(pack)
    rig = Rig(qtbot, Library.load(builtin_dir, quickreply_home))
    live = start_live(rig, quickreply_home, builtin_dir)
    live.start()
    qtbot.waitUntil(lambda: live.checks >= 1 and live.settled, timeout=10_000)
    checks = live.checks
    for _ in range(3):  # the usage database in the data folder changes at each paste
        rig.usage.record("acme.team/greet", chars=5)
    (quickreply_home / "cache-note.txt").write_text("x", encoding="utf-8")
    qtbot.wait(600)  # longer than the debounce
    assert live.checks == checks
    # the personal pack, in the same folder, does set one off
    upsert_personal_reply(Reply(id="mine", title="我的", text="我的回复"))
    qtbot.waitUntil(lambda: live.checks > checks, timeout=10_000)
    live.stop()


def test_no_reload_work_while_the_agent_types(
    qtbot: Any, tmp_path: Path, quickreply_home: Path, builtin_dir: Path
) -> None:
    folder = tmp_path / "share"
    pack = write(folder / "team.toml", team_pack("1.0.0"))
    subscribe(folder)
    rig = Rig(qtbot, Library.load(builtin_dir, quickreply_home))
    live = start_live(rig, quickreply_home, builtin_dir, ui_busy=rig.app.palette.isVisible)
    live.start()
    qtbot.waitUntil(lambda: live.checks >= 1 and live.settled, timeout=10_000)
    checks = live.checks
    rig.press("ctrl+alt+space")
    assert rig.app.palette.isVisible()
    write(pack, team_pack("1.1.0", "亲，关掉面板后才换新"))
    qtbot.wait(1500)  # the change is seen (debounced), but nothing runs while the palette is open
    assert live.checks == checks and texts(rig, "wh") == ["亲，您好～"]
    with qtbot.waitSignal(live.updated, timeout=15_000):
        rig.app.palette.dismiss()
    assert texts(rig, "wh") == ["亲，关掉面板后才换新"]
    live.stop()
