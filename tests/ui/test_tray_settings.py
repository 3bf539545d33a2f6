"""The tray menu's actions and the settings dialog generated from the option table."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox

from quickreply.core import settings as settings_mod
from quickreply.core.settings import OPTIONS, Settings
from quickreply.ui.settings_dialog import SettingsDialog
from quickreply.ui.tray import Tray

pytestmark = pytest.mark.qt


def test_menu_actions_emit_their_signals(qtbot: Any) -> None:
    tray = Tray(available=False)
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["搜索回复", "暂停快捷键", "设置…", "退出"]
    with qtbot.waitSignal(tray.search_requested):
        tray.search_action.trigger()
    with qtbot.waitSignal(tray.settings_requested):
        tray.settings_action.trigger()
    with qtbot.waitSignal(tray.quit_requested):
        tray.quit_action.trigger()
    with qtbot.waitSignal(tray.pause_toggled) as sig:
        tray.pause_action.trigger()
    assert sig.args == [True]
    with qtbot.waitSignal(tray.pause_toggled) as sig:
        tray.pause_action.trigger()
    assert sig.args == [False]


def test_without_a_tray_host_notifications_are_kept(qtbot: Any) -> None:
    tray = Tray(available=False)
    assert tray.icon is None
    tray.show()  # no icon, no crash
    tray.notify("快捷回复", "快捷键已被占用", error=True)
    assert tray.messages == [("快捷回复", "快捷键已被占用")]


def test_dialog_has_one_editor_per_option_of_the_right_kind(qtbot: Any) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    kinds = {"bool": QCheckBox, "int": QSpinBox, "choice": QComboBox}
    assert set(dialog.editors) == {o.name for o in OPTIONS}
    for opt in OPTIONS:
        assert isinstance(dialog.editors[opt.name], kinds.get(opt.kind, QLineEdit)), opt.name


def test_dialog_accepts_valid_edits(qtbot: Any) -> None:
    dialog = SettingsDialog(Settings().replace(agent="小美"))
    qtbot.addWidget(dialog)
    assert dialog.editors["agent"].text() == "小美"  # type: ignore[attr-defined]
    dialog.editors["shop"].setText("好物旗舰店")  # type: ignore[attr-defined]
    dialog.editors["hotkey"].setText("ctrl+shift+space")  # type: ignore[attr-defined]
    dialog.editors["restore_delay_ms"].setValue(800)  # type: ignore[attr-defined]
    dialog.editors["paste_methods"].setText('{"xterm": "shift+insert"}')  # type: ignore[attr-defined]
    dialog.accept()
    result = dialog.result_settings
    assert result is not None
    assert result["agent"] == "小美"
    assert result["shop"] == "好物旗舰店"
    assert result["hotkey"] == "ctrl+shift+space"
    assert result["restore_delay_ms"] == 800
    assert result.paste_method_for("xterm") == "shift+insert"
    settings_mod.save(result)
    loaded, problems = settings_mod.load()
    assert problems == [] and loaded["shop"] == "好物旗舰店"


@pytest.mark.parametrize(
    ("name", "text", "fragment"),
    [("hotkey", "space", "modifier"), ("paste_methods", "{not json", "JSON")],
)
def test_dialog_refuses_bad_values_and_says_why(
    qtbot: Any, name: str, text: str, fragment: str
) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.editors[name].setText(text)  # type: ignore[attr-defined]
    dialog.accept()
    assert dialog.result_settings is None
    assert fragment in dialog.error.text()
