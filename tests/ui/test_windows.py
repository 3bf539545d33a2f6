"""The manager's windows inside the running app (fake ports): save -> palette, flows, no tray."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt

from quickreply.core import storage
from quickreply.core.library import Library, save_personal
from quickreply.core.library.personal import empty_personal_pack
from quickreply.core.model import Flow, Pack, Reply
from tests.ui.test_app import HOTKEY, Rig

pytestmark = pytest.mark.qt

STEPS = [
    Reply("hi", "问候", "亲，在的～", pack_id="t"),
    Reply("ask", "询问需求", "请问您想了解哪款商品呢？", pack_id="t"),
    Reply("bye", "道别", "感谢光临，祝您生活愉快", pack_id="t"),
]
FLOW_PACK = Pack(
    id="t",
    name="接待",
    version="1.0.0",
    replies=tuple(STEPS),
    flows=(Flow("welcome", "接待流程", ("hi", "ask", "bye"), pack_id="t"),),
)


def test_a_reply_saved_in_the_manager_is_in_the_palette_at_once(qtbot: Any) -> None:
    rig = Rig(qtbot, Library.load())
    manager = rig.app.windows.open_manager()
    qtbot.addWidget(manager)
    manager.new_reply()
    manager.editor.title.setText("补发说明")
    manager.editor.text.setPlainText("亲，漏发的配件已为您补发，单号稍后发您")
    manager.editor.codes.setText("bfa")
    manager.editor.save()
    assert rig.app.library.get("personal/my-1") is not None
    assert "library_reloaded" in rig.events.names()
    rig.press(HOTKEY)
    rig.app.palette.query.setText("bfa")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)
    assert rig.pasted == ["亲，漏发的配件已为您补发，单号稍后发您"]


def test_the_flow_hotkey_walks_a_flow_and_the_runner_follows(qtbot: Any) -> None:
    rig = Rig(qtbot, Library((FLOW_PACK,)))
    assert "ctrl+alt+n" in rig.hotkeys.callbacks  # Ctrl+Alt+N by default
    runner = rig.app.windows.open_flows()
    qtbot.addWidget(runner)
    assert runner.walk is not None and runner.walk.uid == "t/hi"
    assert "第 1/3 步" in runner.where.text() and "ctrl+alt+n" in runner.where.text()
    for expected in ("亲，在的～", "请问您想了解哪款商品呢？", "感谢光临，祝您生活愉快"):
        before = len(rig.pasted)
        rig.press("ctrl+alt+n")
        qtbot.waitUntil(lambda before=before: len(rig.pasted) > before)
        assert rig.pasted[-1] == expected
    assert runner.walk.at_end and runner.step_list.currentRow() == 2
    runner.back_button.click()
    assert runner.walk.uid == "t/ask"
    runner.restart_button.click()
    assert runner.walk.uid == "t/hi" and not runner.back_button.isEnabled()
    runner.forward_button.click()
    assert runner.current_reply() == STEPS[1]


def test_a_step_pasted_from_the_palette_moves_the_runner(qtbot: Any) -> None:
    rig = Rig(qtbot, Library((FLOW_PACK,)))
    runner = rig.app.windows.open_flows()
    qtbot.addWidget(runner)
    rig.press(HOTKEY)
    rig.app.palette.choose(STEPS[1])
    assert runner.walk is not None and runner.walk.uid == "t/bye"


def test_the_check_hotkey_opens_check_text(qtbot: Any) -> None:
    rig = Rig(qtbot, Library((FLOW_PACK,)))
    rig.press("ctrl+alt+k")
    checker = rig.app.windows.checker
    assert checker is not None and checker.isVisible()
    qtbot.addWidget(checker)
    checker.edit.setPlainText("加我微信")
    assert "红线错误" in checker.status.text()
    checker.copy_button.click()
    assert rig.clipboard.text() == "加我微信"
    assert checker.status.text() == "已复制到剪贴板。"


def test_without_a_tray_the_first_start_says_how_to_reach_the_app(qtbot: Any) -> None:
    rig = Rig(qtbot, Library((FLOW_PACK,)))  # the rig has no tray host
    note = rig.app.windows.note
    assert note is not None and note.isVisible()
    qtbot.addWidget(note)
    assert HOTKEY in note.text.text() and str(storage.data_dir()) in note.text.text()
    note.palette_button.click()
    assert rig.app.palette.isVisible() and not note.isVisible()
    again = Rig(qtbot, Library((FLOW_PACK,)))
    assert again.app.windows.note is None  # once only


def test_the_palette_menu_opens_the_windows(qtbot: Any) -> None:
    rig = Rig(qtbot, Library((FLOW_PACK,)))
    button = rig.app.windows.menu_button
    assert button is not None and button.parent() is rig.app.palette
    assert list(button.entries) == ["管理回复…", "检查文本…", "话术流程…", "设置…", "退出"]
    rig.press(HOTKEY)
    button.entries["话术流程…"].trigger()
    assert not rig.app.palette.isVisible()
    assert rig.app.windows.flows is not None and rig.app.windows.flows.isVisible()
    qtbot.addWidget(rig.app.windows.flows)
    with qtbot.waitSignal(rig.app.quit_requested):
        button.entries["退出"].trigger()


def test_a_broken_personal_pack_is_reported_and_its_backup_used(qtbot: Any) -> None:
    path = storage.personal_pack_path()
    mine = Reply("mine", "我的开场白", "亲，在的～", pack_id="personal")
    save_personal(empty_personal_pack(), path)
    save_personal(Pack("personal", "我的回复", "1.0.0", replies=(mine,)), path)
    save_personal(Pack("personal", "我的回复", "1.0.0", replies=(mine,)), path)  # now in backups
    path.write_text("format = 1\n[pack]\nid = 'personal'\nname = \n", encoding="utf-8")
    rig = Rig(qtbot, Library.load())
    assert rig.app.tray.state == "error"
    _title, message = rig.app.tray.messages[-1]
    assert f"{path}:4" in message and "重新读取" in message and "备份" in message
    # The file itself could not be read: the library holds the reply from the backup.
    assert rig.app.library.personal_problem is not None
    assert rig.app.library.personal_problem.backup is not None
    assert rig.app.library.get("personal/mine") is not None
    rig.press(HOTKEY)  # the agent's reply is searchable again, from the backup
    rig.app.palette.query.setText("我的开场白")
    assert rig.app.palette.model.hit(0).reply.uid == "personal/mine"  # type: ignore[union-attr]
    assert path.read_text(encoding="utf-8").endswith("name = \n")  # the broken file untouched


def test_the_language_changes_without_a_restart(qtbot: Any) -> None:
    rig = Rig(qtbot, Library((FLOW_PACK,)))
    try:
        rig.app.apply_settings(rig.app.settings.replace(language="en"))
        assert rig.app.tray.quit_action.text() == "Quit"
        assert rig.app.palette.query.placeholderText().startswith("Search replies")
        assert rig.app.windows.open_flows().back_button.text() == "Back"
        qtbot.addWidget(rig.app.windows.flows)
        rig.app.apply_settings(rig.app.settings.replace(language="zh_CN"))
        assert rig.app.tray.quit_action.text() == "退出"
        assert "拼音" in rig.app.palette.query.placeholderText()
    finally:
        for translator in rig.app.windows.translators:
            QCoreApplication.removeTranslator(translator)


def test_a_reply_hotkey_another_program_holds_is_refused(qtbot: Any) -> None:
    rig = Rig(qtbot, Library.load(), taken={"ctrl+alt+5"})
    manager = rig.app.windows.open_manager()
    qtbot.addWidget(manager)
    manager.new_reply()
    manager.editor.title.setText("测试")
    manager.editor.text.setPlainText("亲，在的")
    manager.editor.hotkey.set_text("ctrl+alt+5")
    assert manager.editor.check() == ["已被占用：其他程序"]
    manager.editor.hotkey.set_text("ctrl+alt+6")
    assert manager.editor.check() == []
    assert "ctrl+alt+6" not in rig.hotkeys.callbacks  # the probe let go of it at once
    manager.editor.save()
    assert "ctrl+alt+6" in rig.hotkeys.callbacks  # saved: the app grabs it for the reply
