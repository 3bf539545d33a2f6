"""The UI font: an installed Chinese face first (Microsoft YaHei UI on Windows)."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from quickreply.ui.fonts import PREFERRED, apply_ui_font, ui_font_families


def test_windows_prefers_yahei_ui_then_fallbacks() -> None:
    installed = ["Segoe UI", "SimSun", "Microsoft YaHei", "Microsoft YaHei UI", "Arial"]
    assert ui_font_families(installed, "win32") == [
        "Microsoft YaHei UI",
        "Microsoft YaHei",
        "SimSun",
    ]
    # an old Windows without YaHei still gets a Chinese face, never an empty list
    assert ui_font_families(["SimSun", "Tahoma"], "win32") == ["SimSun"]
    assert ui_font_families(["microsoft yahei ui"], "win32") == ["Microsoft YaHei UI"]


def test_unknown_platform_uses_the_linux_list() -> None:
    assert ui_font_families(["Noto Sans CJK SC"], "freebsd") == ["Noto Sans CJK SC"]


def test_apply_puts_an_installed_chinese_face_first(qapp: QApplication) -> None:
    before = qapp.font()
    try:
        families = apply_ui_font(qapp)
        installed = ui_font_families(QFontDatabase.families())
        # CI installs fonts-noto-cjk (.ci/system-deps): a Chinese face must be found
        assert installed, "no preferred Chinese font installed: " + ", ".join(PREFERRED["linux"])
        assert families[: len(installed)] == installed
        assert qapp.font().families()[0] == installed[0]
    finally:
        qapp.setFont(before)
