"""The one place that loads icons, styles and translations from `resources/`."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QIcon

from quickreply.core.resources import resource

# The source strings in the code are Simplified Chinese (the default UI);
# other languages load a compiled catalogue from resources/i18n/.
SOURCE_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")


@cache
def icon(paused: bool = False) -> QIcon:
    name = "quickreply-paused" if paused else "quickreply"
    result = QIcon()
    for suffix in ("", "@2x"):
        path = resource("icons", f"{name}{suffix}.png")
        if path.exists():
            result.addFile(str(path))
    return result


@cache
def stylesheet(name: str = "palette") -> str:
    path = resource("styles", f"{name}.qss")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def resolve_language(setting: str, system: QLocale | None = None) -> str:
    """The UI language for a `language` setting: `auto` follows the system.

    Chinese is the default; English only when the system asks for English.
    """
    if setting in LANGUAGES:
        return setting
    locale = system or QLocale.system()
    return "en" if locale.language() == QLocale.Language.English else SOURCE_LANGUAGE


def translation_file(language: str) -> str:
    return str(resource("i18n", f"quickreply_{language}.qm"))


def install_translator(language: str) -> QTranslator | None:
    """Load the catalogue for `language` into the application; None for the source language.

    The caller keeps the returned translator alive (Qt does not own it).
    """
    if language == SOURCE_LANGUAGE:
        return None
    translator = QTranslator()
    if not translator.load(translation_file(language)):
        return None
    QCoreApplication.installTranslator(translator)
    return translator
