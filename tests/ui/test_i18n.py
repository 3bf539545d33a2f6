"""Translations: the code's strings are all in the English catalogue, compiled, and load."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6 import __file__ as pyside_file
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from quickreply.core.resources import resource
from quickreply.ui import resources
from quickreply.ui.palette import Palette
from quickreply.ui.tray import Tray

pytestmark = pytest.mark.qt

ROOT = Path(__file__).resolve().parent.parent.parent
TS = resource("i18n", "quickreply_en.ts")
QM = resource("i18n", "quickreply_en.qm")


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    bundled = Path(os.path.dirname(pyside_file)) / name
    assert bundled.exists(), f"pyside6-{name} is part of PySide6 and must be installed"
    return str(bundled)


def _messages(ts: Path) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            out[(name, msg.findtext("source") or "")] = (tr.text, tr.get("type"))
    return out


def test_every_string_in_the_code_has_a_finished_english_translation(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "quickreply" / "ui").rglob("*.py"))
    sources.append(str(ROOT / "quickreply" / "core" / "settings.py"))
    subprocess.run(
        [_tool("lupdate"), *sources, "-ts", str(fresh), "-source-language", "zh_CN"],
        check=True,
        capture_output=True,
    )
    in_code = set(_messages(fresh))
    assert len(in_code) > 20  # lupdate did find the strings
    committed = _messages(TS)
    missing = in_code - set(committed)
    assert not missing, f"run resources/i18n/update.sh and translate: {sorted(missing)}"
    unfinished = [k for k in in_code if not committed[k][0] or committed[k][1] == "unfinished"]
    assert not unfinished, f"untranslated in {TS.name}: {unfinished}"


def test_the_compiled_catalogue_matches_its_source(tmp_path: Path) -> None:
    out = tmp_path / "en.qm"
    subprocess.run([_tool("lrelease"), str(TS), "-qm", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == QM.read_bytes(), "run resources/i18n/update.sh and commit the .qm"


@pytest.fixture
def english(qapp: Any) -> Iterator[QTranslator]:
    translator = resources.install_translator("en")
    assert translator is not None
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_english_catalogue_translates_known_strings(english: QTranslator) -> None:
    assert QCoreApplication.translate("Tray", "退出") == "Quit"
    assert QCoreApplication.translate("Settings", "打开搜索面板的全局快捷键").startswith("Global")
    tray = Tray(available=False)
    assert tray.quit_action.text() == "Quit"
    assert tray.pause_action.text() == "Pause hotkeys"


def test_english_palette(qtbot: Any, english: QTranslator) -> None:
    palette = Palette(lambda q: [])
    qtbot.addWidget(palette)
    assert palette.query.placeholderText().startswith("Search replies")
    assert "Enter paste" in palette.hint.text()
    assert "Alt+1–9 pick · Esc close" in palette.hint.text()  # no bare-digit shortcut left


def test_chinese_is_the_default(qtbot: Any) -> None:
    assert resources.install_translator("zh_CN") is None
    tray = Tray(available=False)
    assert tray.quit_action.text() == "退出"
    palette = Palette(lambda q: [])
    qtbot.addWidget(palette)
    assert "拼音" in palette.query.placeholderText()


@pytest.mark.parametrize(
    ("setting", "system", "expected"),
    [
        ("auto", QLocale(QLocale.Language.Chinese, QLocale.Country.China), "zh_CN"),
        ("auto", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "en"),
        ("auto", QLocale(QLocale.Language.German, QLocale.Country.Germany), "zh_CN"),
        ("auto", QLocale.c(), "zh_CN"),
        ("en", QLocale(QLocale.Language.Chinese, QLocale.Country.China), "en"),
        ("zh_CN", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates), "zh_CN"),
    ],
)
def test_language_choice(setting: str, system: QLocale, expected: str) -> None:
    assert resources.resolve_language(setting, system) == expected
