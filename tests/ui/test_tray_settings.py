"""The tray menu and icons, and the settings dialog generated from the option table."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt, QTranslator
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QSpinBox

from quickreply.core import settings as settings_mod
from quickreply.core.settings import OPTIONS, Settings
from quickreply.ui import resources
from quickreply.ui.manager.hotkeyedit import HotkeyEdit
from quickreply.ui.settings_dialog import PasteTable, SettingsDialog
from quickreply.ui.tray import Tray

pytestmark = pytest.mark.qt

CTRL, ALT, SHIFT = (
    Qt.KeyboardModifier.ControlModifier,
    Qt.KeyboardModifier.AltModifier,
    Qt.KeyboardModifier.ShiftModifier,
)


def test_menu_actions_emit_their_signals(qtbot: Any) -> None:
    tray = Tray(available=False)
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["搜索回复", "管理回复…", "检查文本…", "话术流程…", "暂停快捷键", "设置…", "退出"]
    for action, signal in [
        (tray.search_action, tray.search_requested),
        (tray.manager_action, tray.manager_requested),
        (tray.check_action, tray.check_requested),
        (tray.flows_action, tray.flows_requested),
        (tray.settings_action, tray.settings_requested),
        (tray.quit_action, tray.quit_requested),
    ]:
        with qtbot.waitSignal(signal):
            action.trigger()
    with qtbot.waitSignal(tray.pause_toggled) as sig:
        tray.pause_action.trigger()
    assert sig.args == [True] and tray.state == "paused"
    with qtbot.waitSignal(tray.pause_toggled) as sig:
        tray.pause_action.trigger()
    assert sig.args == [False] and tray.state == "normal"


def test_error_state_wins_until_it_is_cleared(qtbot: Any) -> None:
    tray = Tray(available=False)
    tray.pause_action.trigger()
    tray.set_error("personal.toml:3: ...")
    assert tray.state == "error"
    tray.set_error("")
    assert tray.state == "paused"


def test_tray_icons_are_svg_in_three_states_for_light_and_dark(qtbot: Any) -> None:
    images = {}
    for state in ("normal", "paused", "error"):
        for dark in (False, True):
            icon = resources.tray_icon(state, dark)
            assert not icon.isNull(), state
            images[state, dark] = icon.pixmap(64, 64).toImage()
    # Three different pictures, and the outline follows the colour scheme.
    assert images["normal", False] != images["paused", False] != images["error", False]
    assert images["normal", False] != images["normal", True]
    light, dark = images["normal", False], images["normal", True]
    edge = next(
        (x, y) for y in range(64) for x in range(64) if light.pixelColor(x, y) != dark.pixelColor(x, y)
    )
    assert light.pixelColor(*edge).lightness() < dark.pixelColor(*edge).lightness()


def test_without_a_tray_host_notifications_are_kept(qtbot: Any) -> None:
    tray = Tray(available=False)
    assert tray.icon is None
    tray.show()  # no icon, no crash
    tray.notify("快捷回复", "快捷键已被占用", error=True)
    assert tray.messages == [("快捷回复", "快捷键已被占用")]


def _dialog(qtbot: Any, settings: Settings | None = None, **kw: Any) -> SettingsDialog:
    dialog = SettingsDialog(settings or Settings(), **kw)
    qtbot.addWidget(dialog)
    return dialog


def test_dialog_has_one_editor_per_option_of_the_right_kind(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    kinds = {
        "bool": QCheckBox,
        "int": QSpinBox,
        "choice": QComboBox,
        "hotkey": HotkeyEdit,
        "mapping": PasteTable,
        "str": QLineEdit,
    }
    assert set(dialog.editors) == {o.name for o in OPTIONS}
    for opt in OPTIONS:
        assert isinstance(dialog.editors[opt.name], kinds[opt.kind]), opt.name


def test_choices_are_labelled_in_the_ui_language_not_by_id(qtbot: Any) -> None:
    dialog = _dialog(qtbot)
    shown = {
        name: [combo.itemText(i) for i in range(combo.count())]
        for name, combo in dialog.editors.items()
        if isinstance(combo, QComboBox)
    }
    assert shown["language"] == ["自动（跟随系统）", "中文", "English"]
    assert shown["platform"] == [
        "自动（跟随聊天程序）", "通用", "淘宝", "天猫", "京东", "拼多多", "抖音", "微信"
    ]
    assert shown["paste_method"] == ["Ctrl+V", "Shift+Insert", "Ctrl+Shift+V"]


# A value other than the default for every option: the round trip must cover them all.
CHANGED: dict[str, Any] = {
    "hotkey": "ctrl+shift+space",
    "flow_hotkey": "ctrl+alt+m",
    "check_hotkey": "ctrl+alt+j",
    "language": "en",
    "platform": "jd",
    "agent": "小美😊",
    "shop": "好物旗舰店",
    "paste_method": "shift+insert",
    "paste_methods": {"xterm": "shift+insert", "千牛工作台": "ctrl+shift+v"},
    "platform_apps": {"AliWorkbench": "tmall", "抖店": "douyin"},
    "restore_delay_ms": 800,
    "paste_confirm_ms": 5000,
    "typing_speed_cpm": 72,
    "lint_gate": False,
    "autostart": True,
}


def _set(dialog: SettingsDialog, name: str, value: Any) -> None:
    editor = dialog.editors[name]
    if isinstance(editor, QCheckBox):
        editor.setChecked(value)
    elif isinstance(editor, QSpinBox):
        editor.setValue(value)
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(editor.findData(value))
    elif isinstance(editor, HotkeyEdit):
        editor.set_text(value)
    elif isinstance(editor, PasteTable):
        editor.table.setRowCount(0)  # the defaults' rows go: the table holds exactly `value`
        for app, method in value.items():
            editor.add_row(app, method)
    else:
        assert isinstance(editor, QLineEdit)
        editor.setText(value)


def test_every_option_round_trips_through_the_dialog_and_the_file(qtbot: Any) -> None:
    assert set(CHANGED) == {o.name for o in OPTIONS}, "add the new option to CHANGED"
    for opt in OPTIONS:
        assert CHANGED[opt.name] != opt.default, opt.name
    dialog = _dialog(qtbot)
    for name, value in CHANGED.items():
        _set(dialog, name, value)
    # The main hotkey pressed, not typed: Ctrl+Shift+Space.
    dialog.editors["hotkey"].record(QKeyCombination(CTRL | SHIFT, Qt.Key.Key_Space))  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.error.text() == ""
    result = dialog.result_settings
    assert result is not None
    assert {name: result[name] for name in CHANGED} == CHANGED
    settings_mod.save(result)
    loaded, problems = settings_mod.load()
    assert problems == []
    assert {name: loaded[name] for name in CHANGED} == CHANGED
    again = _dialog(qtbot, loaded)  # and the dialog shows what was saved
    assert {opt.name: again.value_of(opt) for opt in OPTIONS} == CHANGED


@pytest.mark.parametrize(
    ("combo", "fragment"),
    [
        (QKeyCombination(SHIFT, Qt.Key.Key_Exclam), "无法注册"),  # Shift+1 reads as "!"
        (QKeyCombination(Qt.KeyboardModifier.NoModifier, Qt.Key.Key_A), "缺少修饰键"),
        (QKeyCombination(CTRL | ALT, Qt.Key.Key_N), "ctrl+alt+n 已被「打开搜索面板的全局快捷键」使用"),
    ],
)
def test_pressed_hotkeys_that_cannot_work_are_refused_before_saving(
    qtbot: Any, combo: QKeyCombination, fragment: str
) -> None:
    dialog = _dialog(qtbot)
    dialog.editors["hotkey"].record(combo)  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.result_settings is None
    assert fragment in dialog.error.text()
    assert "the" not in dialog.error.text()  # no English mixed into the Chinese UI


def test_an_unknown_key_from_the_file_is_refused_not_saved(qtbot: Any) -> None:
    # The bug of issue 14: `ctrl+alt+foo` was saved and left the app with no hotkey.
    dialog = _dialog(qtbot, Settings().replace(hotkey="ctrl+alt+foo"))
    dialog.accept()
    assert dialog.result_settings is None
    assert "ctrl+alt+foo" in dialog.error.text() and "无法注册" in dialog.error.text()


def test_hotkeys_taken_by_a_reply_or_another_program_are_refused(qtbot: Any) -> None:
    dialog = _dialog(qtbot, reply_hotkeys={"退款说明": "ctrl+alt+1"})
    dialog.editors["check_hotkey"].set_text("alt+ctrl+1")  # type: ignore[attr-defined]
    dialog.accept()
    assert "回复「退款说明」" in dialog.error.text()
    asked: list[str] = []
    dialog = _dialog(qtbot, probe=lambda key: asked.append(key) or key == "ctrl+alt+9")
    dialog.editors["check_hotkey"].set_text("ctrl+alt+9")  # type: ignore[attr-defined]
    dialog.accept()
    assert "其他程序占用" in dialog.error.text() and asked == ["ctrl+alt+9"]  # unchanged keys not probed


def test_paste_table_adds_and_removes_programs(qtbot: Any) -> None:
    dialog = _dialog(qtbot, Settings().replace(paste_methods={"xterm": "shift+insert"}))
    table = dialog.editors["paste_methods"]
    assert isinstance(table, PasteTable)
    assert table.value() == {"xterm": "shift+insert"}
    table.table.setCurrentCell(0, 0)
    table.remove_current()
    table.add_row("微信", "ctrl+v")
    table.add_row("", "ctrl+v")  # an empty row is not a program
    assert table.value() == {"微信": "ctrl+v"}


@pytest.fixture
def qt_chinese(qapp: Any) -> Iterator[QTranslator]:
    translator = resources.install_qt_translator("zh_CN")
    assert translator is not None, "qtbase_zh_CN.qm ships with PySide6"
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_qt_own_buttons_speak_chinese(qtbot: Any, qt_chinese: QTranslator) -> None:
    dialog = _dialog(qtbot)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).text()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert "确定" in ok and "取消" in cancel
