"""The UI font: a Chinese face that exists on the agent's system, with fallbacks.

Qt's default on Windows is Segoe UI / MS Shell Dlg 2, which has no Chinese: Qt
then borrows glyphs glyph by glyph (often SimSun, a thin serif at small sizes).
Microsoft YaHei UI is the Chinese UI font of every Windows since Vista; the
others are what Linux and macOS desktops ship.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

PREFERRED: dict[str, tuple[str, ...]] = {
    "win32": ("Microsoft YaHei UI", "Microsoft YaHei", "DengXian", "SimHei", "SimSun"),
    "linux": (
        "Noto Sans CJK SC",
        "Source Han Sans SC",
        "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei",
        "Droid Sans Fallback",
    ),
    "darwin": ("PingFang SC", "Hiragino Sans GB", "Heiti SC"),
}


def ui_font_families(available: Iterable[str], platform: str | None = None) -> list[str]:
    """The preferred Chinese faces for `platform` that are installed, best first."""
    installed = {name.casefold() for name in available}
    wanted = PREFERRED.get(platform or sys.platform, PREFERRED["linux"])
    return [name for name in wanted if name.casefold() in installed]


def apply_ui_font(app: QApplication) -> list[str]:
    """Put the installed Chinese faces first in the application font; returns its families."""
    font: QFont = app.font()
    chosen = ui_font_families(QFontDatabase.families())
    families = chosen + [f for f in font.families() if f not in chosen]
    if chosen:
        font.setFamilies(families)
        app.setFont(font)
    return families
