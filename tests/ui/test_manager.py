"""The library manager on real files: edit -> save -> reload, overrides, undo, drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QKeyCombination, QModelIndex, Qt

from quickreply.core import storage
from quickreply.core.library import Library, load_personal
from quickreply.core.search import SearchIndex
from quickreply.ui.manager.commands import PersonalStore
from quickreply.ui.manager.editor import OVERRIDE, OWN, TEAM
from quickreply.ui.manager.tree import LibraryTreeModel
from quickreply.ui.manager.window import ManagerWindow

pytestmark = pytest.mark.qt

DATA = Path(__file__).resolve().parent.parent / "data"
TEAM_PACK = (DATA / "sample.toml").read_text(encoding="utf-8")
PERSONAL = """\
format = 1

[pack]
id = "personal"
name = "我的回复"
version = "1.0.0"

[[reply]]
id = "mine-1"
title = "我的开场白"
text = "亲，在的～有什么可以帮您？"
scenario = "接待/开场"
codes = ["kc"]

[[reply]]
id = "mine-2"
title = "退款说明"
text = "退款会在 1-3 个工作日原路退回"
scenario = "售后"
"""


class Setup:
    """A data folder with a team pack and a personal pack, and the manager over it."""

    def __init__(self, qtbot: Any) -> None:
        self.home = storage.data_dir()
        self.builtin = self.home / "builtin"  # no built-ins: the team pack is the reference
        self.builtin.mkdir()
        (self.home / "packs").mkdir()
        self.write_team(TEAM_PACK)
        self.personal = self.home / "personal.toml"
        self.personal.write_text(PERSONAL, encoding="utf-8")
        self.saves = 0
        self.library = self.load()
        self.store = PersonalStore(self.personal, on_saved=self.reload)
        self.window = ManagerWindow(
            self.library,
            self.store,
            search=self.search,
            app_hotkeys={"打开搜索面板": "ctrl+alt+space"},
            builtins={"shop": "好物店"},
        )
        qtbot.addWidget(self.window)

    def write_team(self, text: str) -> None:
        (self.home / "packs" / "sample.shop.toml").write_text(text, encoding="utf-8")

    def load(self) -> Library:
        return Library.load(self.builtin, self.home)

    def search(self, query: str) -> list[Any]:
        return SearchIndex(self.library.replies).search(query, 50)

    def reload(self) -> None:
        """What the running app does after a save: a new library, shown everywhere."""
        self.saves += 1
        self.library = self.load()
        self.window.set_library(self.library)

    def select(self, uid: str) -> None:
        assert self.window.select(uid), uid

    def texts_on_disk(self) -> dict[str, str]:
        return {r.id: r.text for r in load_personal(self.personal).replies}


@pytest.fixture
def setup(qtbot: Any) -> Setup:
    return Setup(qtbot)


def _rows(model: Any, parent: QModelIndex = QModelIndex()) -> list[tuple[str, str]]:  # noqa: B008
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        count = model.index(row, 1, parent).data()
        out.append((index.data(), count))
        out += _rows(model, index)
    return out


def test_the_tree_model_passes_qtmodeltester(qtmodeltester: Any, setup: Setup) -> None:
    qtmodeltester.check(setup.window.model)
    qtmodeltester.check(setup.window.proxy)
    setup.window.search.setText("fh")  # filtered, then rebuilt after a save
    qtmodeltester.check(setup.window.proxy)
    setup.reload()
    qtmodeltester.check(setup.window.model)


def test_packs_scenarios_at_every_level_and_replies_with_counts(setup: Setup) -> None:
    rows = _rows(setup.window.model)
    assert ("示例话术", "4") in rows
    assert ("议价", "1") in rows and ("允诺型", "1") in rows  # 议价/允诺型: two levels
    assert ("我的回复（可编辑）", "2") in rows
    assert ("接待", "1") in rows and ("开场", "1") in rows
    assert ("我的开场白", "") in rows


def test_the_palette_search_narrows_the_tree(qtbot: Any, setup: Setup) -> None:
    setup.window.search.setText("kj1")
    rows = [name for name, _ in _rows(setup.window.proxy)]
    assert rows == ["示例话术", "议价", "允诺型", "允诺型砍价:送券不降价"]
    setup.window.search.setText("")
    assert "我的开场白" in [name for name, _ in _rows(setup.window.proxy)]


def test_new_reply_saved_and_reloaded(qtbot: Any, setup: Setup) -> None:
    window = setup.window
    window.new_reply()
    editor = window.editor
    editor.title.setText("发票说明")
    editor.text.setPlainText("亲，{店铺}支持开电子发票，下单时填写抬头即可")
    editor.scenario.setText("售后/发票")
    editor.codes.setText("fp，fapiao")
    editor.platforms["jd"].setChecked(True)
    editor.hotkey.record(QKeyCombination(
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier, Qt.Key.Key_7
    ))
    assert "好物店支持开电子发票" in editor.preview.text()
    editor.save()
    assert setup.saves == 1
    saved = load_personal(setup.personal).reply("my-1")
    assert saved is not None
    assert (saved.title, saved.scenario, saved.codes, saved.platforms, saved.hotkey) == (
        "发票说明", "售后/发票", ("fp", "fapiao"), ("jd",), "ctrl+alt+7"
    )
    # The reloaded library and the tree show it; it is selected for more editing.
    assert setup.library.get("personal/my-1") is not None
    assert window.current_uid() == "personal/my-1"
    assert window.editor.mode == OWN
    assert ("发票", "1") in _rows(window.model)


def test_edit_undo_redo_delete_duplicate(qtbot: Any, setup: Setup) -> None:
    window = setup.window
    setup.select("personal/mine-1")
    window.editor.text.setPlainText("亲，您好！")
    window.editor.save()
    assert setup.texts_on_disk()["mine-1"] == "亲，您好！"
    window.duplicate_action.trigger()
    assert window.current_uid() == "personal/mine-2" or window.current_uid() == "personal/mine-3"
    copy = window.current_uid()
    assert copy is not None and load_personal(setup.personal).reply(copy.split("/")[1]) is not None
    setup.select("personal/mine-2")
    window.delete_action.trigger()
    assert "mine-2" not in setup.texts_on_disk()
    assert window.undo_stack.count() == 3
    assert window.undo_action.text().startswith("撤销")
    window.undo_stack.undo()  # the delete
    assert setup.texts_on_disk()["mine-2"] == "退款会在 1-3 个工作日原路退回"
    window.undo_stack.undo()  # the duplicate
    window.undo_stack.undo()  # the edit
    assert set(setup.texts_on_disk()) == {"mine-1", "mine-2"}
    assert setup.texts_on_disk()["mine-1"] == "亲，在的～有什么可以帮您？"
    window.undo_stack.redo()
    assert setup.texts_on_disk()["mine-1"] == "亲，您好！"
    assert setup.library.get("personal/mine-1").text == "亲，您好！"  # type: ignore[union-attr]


def test_editing_a_team_reply_makes_an_override_that_survives_a_team_update(
    qtbot: Any, setup: Setup
) -> None:
    window = setup.window
    setup.select("sample.shop/ship-time")
    assert window.editor.mode == TEAM and not window.delete_action.isEnabled()
    assert window.editor.save_button.text() == "保存为我的版本"
    window.editor.text.setPlainText("亲，今天下午四点前拍下当天发出哦")
    window.editor.save()
    own = [r for r in load_personal(setup.personal).replies if r.overrides]
    assert [r.overrides for r in own] == ["sample.shop/ship-time"]
    assert window.current_uid() == "sample.shop/ship-time" and window.editor.mode == OVERRIDE
    assert window.editor.restore_button.isVisibleTo(window.editor)
    assert any(name.endswith("（我的版本）") for name, _ in _rows(window.model))
    # The team lead publishes a new version of the pack.
    setup.write_team(TEAM_PACK.replace('version = "1.0.0"', 'version = "1.1.0"')
                     .replace("之后的次日发出", "之后的第二天发出"))
    setup.reload()
    merged = setup.library.get("sample.shop/ship-time")
    assert merged is not None and merged.text == "亲，今天下午四点前拍下当天发出哦"
    assert merged.codes == ("fh",)  # the team's code still finds it
    # 恢复团队版本: the update shows.
    setup.select("sample.shop/ship-time")
    window.editor.restore_button.click()
    restored = setup.library.get("sample.shop/ship-time")
    assert restored is not None and "之后的第二天发出" in restored.text
    assert [r for r in load_personal(setup.personal).replies if r.overrides] == []
    window.undo_stack.undo()  # and back to the agent's version
    assert setup.library.get("sample.shop/ship-time").text == "亲，今天下午四点前拍下当天发出哦"  # type: ignore[union-attr]


def test_drag_and_drop_moves_a_reply_between_scenarios(qtbot: Any, setup: Setup) -> None:
    window = setup.window
    model: LibraryTreeModel = window.model
    source = model.index_of_uid("personal/mine-2")
    target = model.parent(model.index_of_uid("personal/mine-1"))
    assert model.node(target).scenario == "接待/开场"
    # What QTreeView does on a drop onto an item: row and column -1, the item as parent.
    data = window.proxy.mimeData([window.proxy.mapFromSource(source)])
    parent = window.proxy.mapFromSource(target)
    assert window.proxy.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, parent)
    # A team scenario is not a drop target.
    team = model.parent(model.index_of_uid("sample.shop/ship-time"))
    assert not window.proxy.canDropMimeData(
        data, Qt.DropAction.MoveAction, -1, -1, window.proxy.mapFromSource(team)
    )
    with qtbot.waitSignal(model.move_requested):
        window.proxy.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, parent)
    qtbot.waitUntil(lambda: setup.saves == 1)
    assert load_personal(setup.personal).reply("mine-2").scenario == "接待/开场"  # type: ignore[union-attr]
    assert window.undo_stack.command(0).kind == "move"
    window.undo_stack.undo()
    assert load_personal(setup.personal).reply("mine-2").scenario == "售后"  # type: ignore[union-attr]


def test_team_replies_cannot_be_dragged(setup: Setup) -> None:
    model = setup.window.model
    flags = model.flags(model.index_of_uid("sample.shop/ship-time"))
    assert not flags & Qt.ItemFlag.ItemIsDragEnabled
    assert model.flags(model.index_of_uid("personal/mine-1")) & Qt.ItemFlag.ItemIsDragEnabled


def test_code_collisions_and_hotkey_conflicts_block_saving(qtbot: Any, setup: Setup) -> None:
    window = setup.window
    setup.select("personal/mine-2")
    window.editor.codes.setText("kj1")
    assert "kj1 已被「允诺型砍价:送券不降价」使用" in window.editor.problems.text()
    assert not window.editor.save_button.isEnabled()
    window.editor.codes.setText("tk")
    window.editor.hotkey.set_text("alt+ctrl+space")
    window.editor.check()
    assert "打开搜索面板" in window.editor.problems.text()
    window.editor.save()
    assert setup.saves == 0
    window.editor.hotkey.clear()
    assert window.editor.save_button.isEnabled()
    # Its own code is not a collision with itself.
    setup.select("personal/mine-1")
    assert window.editor.problems.text() == ""


def test_placeholder_mistakes_are_shown_and_block_saving(qtbot: Any, setup: Setup) -> None:
    window = setup.window
    setup.select("personal/mine-2")
    window.editor.text.setPlainText("退款{金额 元会退回")
    assert "占位符" in window.editor.problems.text()
    assert [m.rule for m in window.editor.text.marks] == ["placeholder"]
    assert "占位符有误" in window.editor.preview.text()
    window.editor.save()
    assert setup.saves == 0


def test_a_broken_personal_file_is_not_overwritten_without_asking(
    qtbot: Any, setup: Setup
) -> None:
    window = setup.window
    setup.select("personal/mine-1")
    window.editor.text.setPlainText("亲，您好！")
    window.editor.save()  # a good save: the file is in backups now
    broken = "format = 1\n[pack\nid = 'personal'\n"
    setup.personal.write_text(broken, encoding="utf-8")  # the agent edits it by hand, badly
    asked: list[str] = []
    window.store.confirm = lambda problems: asked.append(str(problems[0])) is not None and False
    window.editor.text.setPlainText("亲，您好呀！")
    window.editor.save()
    assert setup.personal.read_text(encoding="utf-8") == broken  # untouched
    assert asked and f"{setup.personal}:2:" in asked[0]
    assert window.broken_box.isVisibleTo(window)
    assert f"{setup.personal}:2" in window.broken_label.text()
    assert window.undo_stack.count() == 1  # the refused edit is not on the stack
    # The agent chooses to overwrite: the broken copy is kept in backups.
    window.store.confirm = lambda problems: True
    window.editor.save()
    assert setup.texts_on_disk()["mine-1"] == "亲，您好呀！"
    kept = [p for p in storage.backups_of(setup.personal) if p.read_text("utf-8") == broken]
    assert kept
    assert not window.broken_box.isVisibleTo(window)


def test_a_broken_file_opens_from_its_last_good_backup(qtbot: Any, setup: Setup) -> None:
    setup.select("personal/mine-1")
    setup.window.editor.text.setPlainText("亲，您好！")
    setup.window.editor.save()
    setup.personal.write_text("format = 1\n[[reply]\n", encoding="utf-8")
    store = PersonalStore(setup.personal)
    assert store.broken and store.broken[0].line == 2
    assert store.from_backup and store.pack.reply("mine-1") is not None


def test_a_save_that_cannot_be_written_is_said_and_loses_nothing(
    qtbot: Any, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quickreply.ui.manager.commands as commands

    def full_disk(*_args: Any, **_kw: Any) -> None:
        raise OSError(28, "No space left on device")

    window = setup.window
    setup.select("personal/mine-1")
    real_save = commands.save_personal
    monkeypatch.setattr(commands, "save_personal", full_disk)
    window.editor.text.setPlainText("亲，您好！")
    window.editor.save()
    assert "No space left on device" in window.statusBar().currentMessage()
    assert setup.texts_on_disk()["mine-1"] == "亲，在的～有什么可以帮您？"
    assert window.editor.text.toPlainText() == "亲，您好！"  # the agent's text is still there
    assert not window.undo_stack.canUndo() and window.undo_stack.canRedo()
    monkeypatch.setattr(commands, "save_personal", real_save)  # space again: 重做 writes it
    window.undo_stack.redo()
    assert setup.texts_on_disk()["mine-1"] == "亲，您好！"


def test_the_agents_own_pack_comes_first_even_when_empty(qtbot: Any, setup: Setup) -> None:
    model = setup.window.model
    assert model.index(0, 0).data() == "我的回复（可编辑）"
    setup.personal.unlink()
    setup.reload()
    assert model.index(0, 0).data() == "我的回复（可编辑）" and model.index(0, 1).data() == "0"
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled
