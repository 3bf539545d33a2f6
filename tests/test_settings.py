"""Settings declared as data: defaults, validation, save/load, and broken files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quickreply.core import settings, storage
from quickreply.core.settings import OPTIONS, Settings, hotkey_problem


def test_every_option_has_a_valid_default_and_a_description() -> None:
    assert len({o.name for o in OPTIONS}) == len(OPTIONS)
    for opt in OPTIONS:
        assert opt.check(opt.default) is None, opt.name
        assert opt.description.strip(), opt.name


def test_missing_file_gives_defaults() -> None:
    loaded, problems = settings.load()
    assert problems == []
    assert loaded["hotkey"] == "ctrl+alt+space"
    assert loaded["language"] == "auto"


def test_save_then_load_round_trips_chinese(quickreply_home: Path) -> None:
    s = Settings().replace(agent="小美", shop="好物旗舰店🌸", hotkey="ctrl+shift+k")
    settings.save(s)
    raw = (quickreply_home / "settings.json").read_text(encoding="utf-8")
    assert "小美" in raw  # readable, not \u escapes
    loaded, problems = settings.load()
    assert problems == []
    assert loaded["agent"] == "小美"
    assert loaded["shop"] == "好物旗舰店🌸"
    assert loaded["hotkey"] == "ctrl+shift+k"


def test_replace_rejects_bad_values_with_a_fix() -> None:
    with pytest.raises(ValueError, match="restore_delay_ms: must be at least"):
        Settings().replace(restore_delay_ms=1)
    with pytest.raises(ValueError, match="not one of"):
        Settings().replace(language="klingon")
    with pytest.raises(ValueError, match="no setting named"):
        Settings().replace(colour="red")


@pytest.mark.parametrize(
    ("hotkey", "ok"),
    [
        ("ctrl+alt+space", True),
        ("Ctrl+Alt+1", True),
        ("space", False),
        ("ctrl+alt", False),
        ("ctrl++k", False),
        ("hyper+k", False),
        ("", False),
    ],
)
def test_hotkey_validation(hotkey: str, ok: bool) -> None:
    assert (hotkey_problem(hotkey) is None) is ok


def test_invalid_json_reports_line_keeps_backup_and_uses_defaults(quickreply_home: Path) -> None:
    path = quickreply_home / "settings.json"
    broken = '{\n  "agent": "小美",\n  "shop": "店"\n  "hotkey": "ctrl+alt+k"\n}\n'
    path.write_text(broken, encoding="utf-8")
    loaded, problems = settings.load()
    assert loaded["hotkey"] == "ctrl+alt+space"
    assert len(problems) == 1
    assert problems[0].line == 4
    assert "not valid JSON" in problems[0].message
    assert str(path) in str(problems[0])
    backups = list(storage.backups_dir().glob("settings.broken-*.json"))
    assert [b.read_text(encoding="utf-8") for b in backups] == [broken]
    assert path.read_text(encoding="utf-8") == broken  # the original is left alone too


def test_one_bad_value_falls_back_for_that_option_only(quickreply_home: Path) -> None:
    path = quickreply_home / "settings.json"
    path.write_text(
        json.dumps({"agent": "阿强", "restore_delay_ms": "fast", "future_option": 3}, indent=2),
        encoding="utf-8",
    )
    loaded, problems = settings.load()
    assert loaded["agent"] == "阿强"
    assert loaded["restore_delay_ms"] == 400
    assert problems[0].line == 3
    assert "restore_delay_ms" in problems[0].message and "whole number" in problems[0].message
    assert "kept in" in problems[-1].message
    # An option from a newer version survives a save.
    settings.save(loaded)
    assert json.loads(path.read_text(encoding="utf-8"))["future_option"] == 3


def test_not_an_object() -> None:
    path = settings.settings_path()
    path.write_text("[1, 2]", encoding="utf-8")
    loaded, problems = settings.load()
    assert loaded["platform"] == "auto"
    assert "one JSON object" in problems[0].message


def test_paste_method_per_app() -> None:
    s = Settings().replace(paste_methods={"XTerm": "shift+insert"})
    assert s.paste_method_for("xterm") == "shift+insert"
    assert s.paste_method_for("wechat") == "ctrl+v"
    with pytest.raises(ValueError):
        Settings().replace(paste_methods={"xterm": "ctrl+q"})


def test_platform_follows_the_chat_client() -> None:
    s = Settings()
    assert s["platform"] == "auto"
    assert s.platform_for("AliWorkbench.exe") == "taobao"  # 千牛
    assert s.platform_for("jingmai") == "jd"  # 京麦
    assert s.platform_for("PddWorkbench.exe") == "pdd"  # 拼多多商家工作台
    assert s.platform_for("feige") == "douyin"  # 抖店飞鸽
    assert s.platform_for("WXWork.exe") == "wechat"  # 企业微信
    assert s.platform_for("notepad") == "generic"
    assert s.platform_for("") == "generic"


def test_a_tmall_shop_maps_qianniu_to_tmall() -> None:
    apps = dict(Settings()["platform_apps"], aliworkbench="tmall")
    assert Settings().replace(platform_apps=apps).platform_for("AliWorkbench") == "tmall"


def test_a_platform_set_by_hand_wins() -> None:
    s = Settings().replace(platform="jd")
    assert s.platform_for("AliWorkbench.exe") == "jd"
    assert s.platform_for("") == "jd"


def test_a_bad_platform_table_is_refused() -> None:
    with pytest.raises(ValueError, match="not one of"):
        Settings().replace(platform_apps={"qianniu": "ebay"})
    with pytest.raises(ValueError):
        Settings().replace(platform="ebay")
