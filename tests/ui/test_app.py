"""The composition root with fake ports: hotkey -> palette -> paste, failures, settings."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from quickreply.core import settings as settings_mod
from quickreply.core.library import Library
from quickreply.core.model import Pack, Reply
from quickreply.core.search.finder import Finder
from quickreply.core.settings import Settings
from quickreply.core.usage import UsageStore
from quickreply.desktop.fakes import (
    TEXT_FORMAT,
    FakeClipboard,
    FakeForeground,
    FakeHotkeyBackend,
    FakePaster,
)
from quickreply.desktop.paste import PasteService
from quickreply.ui.controller import QuickReplyApp
from quickreply.ui.eventlog import EventLog

pytestmark = pytest.mark.qt

HOTKEY = "ctrl+alt+space"
CHAT = 42  # the chat window that has the keyboard when the agent presses the hotkey
AGENT_CLIPBOARD = {
    TEXT_FORMAT: "顾客的订单号 123".encode(),
    "image/png": b"\x89PNG fake",  # the screenshot copied with it must come back too
}


class Rig:
    def __init__(self, qtbot: Any, library: Library, **kw: Any) -> None:
        self.log: list[str] = []  # the clipboard's, paster's and window's steps, in order
        self.clipboard = FakeClipboard(self.log)
        self.clipboard.formats = dict(AGENT_CLIPBOARD)
        self.paster = FakePaster(self.log)
        self.paster.fail_paste = kw.pop("fail", False)
        # The (fake) chat window reads the clipboard when the keystroke arrives.
        self.pasted: list[str] = []
        self.paster.on_paste = lambda method: self.pasted.append(self.clipboard.text())
        self.foreground = FakeForeground(self.log)
        self.foreground.add_window(CHAT, "fakechat", active=True)
        self.hotkeys = FakeHotkeyBackend(taken=kw.pop("taken", ()))
        self.stream = io.StringIO()
        self.events = EventLog(json_lines=True, stream=self.stream)
        self.usage = UsageStore()
        self.restores: list[Callable[[], None]] = []
        service = PasteService(
            self.clipboard,
            self.paster,
            self.foreground,
            scheduler=lambda ms, cb: self.restores.append(cb),
        )
        self.app = QuickReplyApp(
            library,
            kw.pop("settings", Settings()),
            clipboard=self.clipboard,
            paster=self.paster,
            foreground=self.foreground,
            hotkeys=self.hotkeys,
            events=self.events,
            usage=self.usage,
            tray_available=False,
            paste_service=service,
            **kw,
        )
        qtbot.addWidget(self.app.palette)
        self.app.start()

    def run_restores(self) -> None:
        while self.restores:
            self.restores.pop(0)()

    def press(self, hotkey: str) -> None:
        assert self.hotkeys.press(hotkey), f"{hotkey} was never grabbed"

    def activated(self) -> list[str]:
        return [step for step in self.log if step.startswith("activate:")]


@pytest.fixture
def rig(qtbot: Any, library: Library) -> Rig:
    return Rig(qtbot, library)


def test_start_grabs_the_hotkey_and_says_ready(rig: Rig) -> None:
    assert HOTKEY in rig.hotkeys.callbacks
    names = rig.events.names()
    assert names.index("warning") < names.index("ready")  # no tray host: said so first
    assert '"event": "ready"' in rig.stream.getvalue()


def test_hotkey_then_enter_pastes_restores_and_counts(qtbot: Any, rig: Rig) -> None:
    rig.press(HOTKEY)
    assert rig.app.palette.isVisible()
    assert rig.app.target == CHAT
    qtbot.waitUntil(lambda: "palette_shown" in rig.events.names())
    shown = next(e for e in rig.events.events if e["event"] == "palette_shown")
    assert shown.get("focused", True) is True
    # The agent's clipboard is read while they type, not after Enter.
    qtbot.waitUntil(lambda: "prefetch" in rig.log)
    qtbot.keyClicks(rig.app.palette.query, "fh")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert not rig.app.palette.isVisible()
    assert rig.log.index("prefetch") < rig.log.index("snapshot")
    assert rig.pasted == ["亲,今天16点前付款的订单当天发货,之后的次日发出哦~"]
    assert rig.activated() == [f"activate:{CHAT}"]
    pasted = [e for e in rig.events.events if e["event"] == "pasted"]
    assert pasted and pasted[0]["reply"] == "sample.shop/ship-time"
    assert isinstance(pasted[0]["ms"], float)
    rig.run_restores()
    assert rig.clipboard.formats == AGENT_CLIPBOARD
    assert rig.usage.get("sample.shop/ship-time").count == 1


def test_clipboard_builtin_comes_from_the_clipboard(qtbot: Any, library: Library) -> None:
    reply = Reply(id="echo", title="复述", text="您的订单号是{剪贴板}", pack_id="t")
    rig = Rig(qtbot, Library((Pack(id="t", name="t", version="1.0.0", replies=(reply,)),)))
    rig.press(HOTKEY)
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert rig.pasted == ["您的订单号是顾客的订单号 123"]


def test_escape_gives_focus_back(qtbot: Any, rig: Rig) -> None:
    rig.press(HOTKEY)
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Escape)
    assert rig.activated() == [f"activate:{CHAT}"]
    assert rig.pasted == []


def test_failed_paste_leaves_the_reply_and_says_so(qtbot: Any, library: Library) -> None:
    rig = Rig(qtbot, library, fail=True)
    rig.press(HOTKEY)
    qtbot.keyClicks(rig.app.palette.query, "fh")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    errors = [e for e in rig.events.events if e["event"] == "error"]
    assert errors[0]["kind"] == "paste_failed"
    assert errors[0]["on_clipboard"] is True
    assert rig.clipboard.text().startswith("亲,今天16点前")
    assert "手动粘贴" in rig.app.tray.messages[-1][1]
    assert rig.usage.get("sample.shop/ship-time").count == 0


def test_taken_hotkey_is_reported_never_silent(qtbot: Any, library: Library) -> None:
    rig = Rig(qtbot, library, taken={HOTKEY})
    error = next(e for e in rig.events.events if e["event"] == "error")
    assert error["kind"] == "hotkey_taken" and error["hotkey"] == HOTKEY
    assert HOTKEY in rig.app.tray.messages[-1][1]
    assert "ready" in rig.events.names()  # the app still runs (tray, toggle)


def test_copy_only_leaves_the_text(qtbot: Any, rig: Rig) -> None:
    rig.press(HOTKEY)
    qtbot.keyClicks(rig.app.palette.query, "fh")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    rig.run_restores()
    assert rig.pasted == []
    assert rig.clipboard.text().startswith("亲,今天16点前")
    assert "copied" in rig.events.names()


def test_pause_releases_and_resume_grabs_again(rig: Rig) -> None:
    rig.app.tray.pause_action.trigger()
    assert rig.hotkeys.callbacks == {}
    rig.app.tray.pause_action.trigger()
    assert HOTKEY in rig.hotkeys.callbacks


def test_reply_hotkey_pastes_directly(qtbot: Any) -> None:
    reply = Reply(
        id="hi",
        title="问候",
        text="亲,在的~🌸\n请问有什么可以帮您",
        hotkey="ctrl+alt+1",
        pack_id="t",
    )
    rig = Rig(qtbot, Library((Pack(id="t", name="t", version="1.0.0", replies=(reply,)),)))
    rig.press("ctrl+alt+1")
    qtbot.waitUntil(lambda: bool(rig.pasted))
    assert not rig.app.palette.isVisible()
    assert rig.pasted == ["亲,在的~🌸\n请问有什么可以帮您"]


def test_second_launch_command_toggles(rig: Rig) -> None:
    rig.app.on_command("toggle")
    assert rig.app.palette.isVisible()
    rig.app.on_command("toggle")
    assert not rig.app.palette.isVisible()
    rig.app.on_command("show")
    assert rig.app.palette.isVisible()


def test_new_hotkey_in_settings_is_saved_and_grabbed(rig: Rig, quickreply_home: Path) -> None:
    rig.app.apply_settings(rig.app.settings.replace(hotkey="ctrl+shift+k", agent="阿强"))
    assert "ctrl+shift+k" in rig.hotkeys.callbacks and HOTKEY not in rig.hotkeys.callbacks
    loaded, _ = settings_mod.load()
    assert loaded["hotkey"] == "ctrl+shift+k" and loaded["agent"] == "阿强"
    assert rig.app.builtins()["agent"] == "阿强"


def test_empty_query_lists_most_used_first(library: Library) -> None:
    usage = UsageStore()
    last = library.replies[-1]
    usage.record(last.uid)
    find = Finder(library, usage)
    assert find("")[0].reply == last
    assert len(find("")) == len(library.replies)


def test_next_step_of_a_flow_is_offered_first(qtbot: Any, library: Library) -> None:
    # sample.toml's flow "presale": size-advice -> bargain-promise -> thanks
    rig = Rig(qtbot, library)
    rig.press(HOTKEY)
    assert not rig.app.palette.note.isVisibleTo(rig.app.palette)
    qtbot.keyClicks(rig.app.palette.query, "kj1")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)  # bargain-promise: a choice
    size_field = rig.app.palette._pending.fields[0][1]  # type: ignore[union-attr]
    qtbot.keyClick(size_field, Qt.Key.Key_Return)
    assert rig.pasted and "店铺券" in rig.pasted[0]
    rig.press(HOTKEY)
    assert rig.app.palette.model.hit(0).reply.id == "thanks"  # type: ignore[union-attr]
    note = rig.app.palette.note
    assert note.isVisibleTo(rig.app.palette)
    assert "售前接待" in note.text() and "3/3" in note.text() and "感谢下单" in note.text()


def test_flow_position_survives_a_restart(qtbot: Any, library: Library) -> None:
    UsageStore().record("sample.shop/size-advice")
    rig = Rig(qtbot, library)
    rig.press(HOTKEY)
    assert rig.app.palette.model.hit(0).reply.id == "bargain-promise"  # type: ignore[union-attr]


def test_a_linter_that_cannot_start_is_reported_and_pasting_goes_on(
    qtbot: Any, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.core.lint import Linter, stored

    def broken(*_args: Any, **_kw: Any) -> Linter:
        raise ValueError("rules/taobao.toml:3: bad pattern")

    monkeypatch.setattr(Linter, "for_platform", broken)
    monkeypatch.setattr(stored, "for_platform", broken)  # the app's, through the disk cache
    rig = Rig(qtbot, library)
    qtbot.waitUntil(lambda: "error" in rig.events.names())
    error = next(e for e in rig.events.events if e["event"] == "error")
    assert error["kind"] == "lint_unavailable" and "taobao.toml:3" in error["message"]
    rig.press(HOTKEY)
    qtbot.keyClicks(rig.app.palette.query, "fh")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert len(rig.pasted) == 1


def test_the_clipboard_is_read_only_for_replies_that_use_it(qtbot: Any, library: Library) -> None:
    rig = Rig(qtbot, library)
    reads: list[int] = []
    real_text = rig.clipboard.text
    rig.clipboard.text = lambda: (reads.append(1), real_text())[1]  # type: ignore[method-assign]
    rig.press(HOTKEY)
    qtbot.keyClicks(rig.app.palette.query, "fh")
    assert reads == []  # showing the palette and searching never asked
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert reads == [1]  # only the (fake) chat window reading what was pasted
    builtins = rig.app.builtins()
    assert builtins["agent"] == "" and reads == [1]
    assert builtins["clipboard"] == rig.pasted[0]
    assert reads == [1, 1]


def test_opened_from_the_tray_never_pastes_into_the_taskbar(qtbot: Any, library: Library) -> None:
    rig = Rig(qtbot, library)
    rig.foreground.app_name = lambda handle: "Explorer.EXE"  # type: ignore[method-assign]
    rig.app.tray.search_action.trigger()
    assert rig.app.palette.isVisible()
    qtbot.keyClicks(rig.app.palette.query, "fh")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert rig.pasted == []
    assert rig.clipboard.text().startswith("亲,今天16点前")  # copied for a paste by hand
    error = next(e for e in rig.events.events if e["event"] == "error")
    assert error["kind"] == "paste_failed" and error["on_clipboard"] is True


def test_opened_from_the_tray_pastes_into_a_chat_window(qtbot: Any, rig: Rig) -> None:
    rig.app.tray.search_action.trigger()
    qtbot.keyClicks(rig.app.palette.query, "fh")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert len(rig.pasted) == 1


def _pack_with(reply: Reply, hotkey_pack_id: str = "t") -> Library:
    return Library((Pack(id=hotkey_pack_id, name="t", version="1.0.0", replies=(reply,)),))


def test_set_library_refreshes_an_open_palette_lint_and_hotkeys(qtbot: Any, rig: Rig) -> None:
    rig.press(HOTKEY)
    rig.app.palette.query.setText("tuihuo")
    model = rig.app.palette.model
    before = [model.hit(i).reply.title for i in range(model.rowCount())]
    new = Reply(id="return", title="退货地址", text="亲，退货请寄回仓库哦", pack_id="t", hotkey="ctrl+alt+9")
    with qtbot.waitSignal(rig.app.library_changed):
        rig.app.set_library(_pack_with(new))
    after = [model.hit(i).reply.title for i in range(model.rowCount())]
    assert after == ["退货地址"] and after != before
    assert "ctrl+alt+9" in rig.hotkeys.callbacks  # the reply's own hotkey is grabbed
    reloaded = [e for e in rig.events.events if e["event"] == "library_reloaded"]
    assert reloaded and reloaded[0]["replies"] == 1


def test_reload_command_reads_the_pack_files_again(
    qtbot: Any, tmp_path: Path, library: Library
) -> None:
    pack = tmp_path / "team.toml"
    text = 'format = 1\n[pack]\nid = "team"\nname = "团队"\nversion = "1.0.0"\n' \
        '[[reply]]\nid = "a"\ntitle = "{title}"\ntext = "亲，您好"\n'
    pack.write_text(text.replace("{title}", "旧的问候"), encoding="utf-8")
    rig = Rig(qtbot, Library.open([pack]), pack_paths=[pack])
    pack.write_text(text.replace("{title}", "新的问候"), encoding="utf-8")
    rig.app.on_command("reload")
    assert [r.title for r in rig.app.library.replies] == ["新的问候"]
    assert [h.reply.title for h in rig.app.finder("wenhou")] == ["新的问候"]


def test_the_linter_follows_the_chat_client(qtbot: Any, library: Library) -> None:
    rig = Rig(qtbot, library)
    jd_window = 43
    rig.foreground.add_window(jd_window, "jingmai.exe", active=True)
    rig.press(HOTKEY)
    assert rig.app.lint_platform == "jd"
    assert rig.app.palette.lint is not None
    assert [f.rule for f in rig.app.palette.lint("淘宝上更便宜")] == ["competitor-platform"]
    assert {"event": "lint_platform", "platform": "jd", "app": "jingmai"}.items() <= next(
        e for e in rig.events.events if e["event"] == "lint_platform"
    ).items()
    rig.app.palette.dismiss()
    rig.foreground.add_window(CHAT, "AliWorkbench.exe", active=True)
    rig.press(HOTKEY)
    assert rig.app.lint_platform == "taobao"
    assert rig.app.palette.lint("淘宝上更便宜") == []


def test_a_platform_chosen_by_hand_wins_over_the_chat_client(
    qtbot: Any, library: Library
) -> None:
    rig = Rig(qtbot, library, settings=Settings().replace(platform="pdd"))
    rig.foreground.add_window(44, "AliWorkbench.exe", active=True)
    rig.press(HOTKEY)
    assert rig.app.lint_platform == "pdd"
    assert "lint_platform" not in rig.events.names()


def test_settings_that_cannot_be_saved_say_where_and_still_apply(
    rig: Rig, quickreply_home: Path
) -> None:
    (quickreply_home / "settings.json.lock").mkdir()  # a folder where the lock file goes
    rig.app.apply_settings(rig.app.settings.replace(agent="阿强"))
    assert rig.app.builtins()["agent"] == "阿强"
    (event,) = [e for e in rig.events.events if e.get("kind") == "settings_not_saved"]
    assert "settings.json.lock" in event["message"] and "folder" in event["message"]
