"""The one place that loads icons, styles and translations from `resources/`."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QCoreApplication, QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

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


def is_dark() -> bool:
    """Whether the system draws light text on dark windows (Qt follows the OS setting)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    hints = app.styleHints()
    if hasattr(hints, "colorScheme") and hints.colorScheme() != Qt.ColorScheme.Unknown:
        return bool(hints.colorScheme() == Qt.ColorScheme.Dark)
    return app.palette().window().color().lightness() < 128


def svg_icon(name: str, dark: bool | None = None) -> QIcon:
    """`resources/icons/NAME.svg`, its outline (`currentColor`) light or dark like the system."""
    return _svg_icon(name, is_dark() if dark is None else dark)


@cache
def _svg_icon(name: str, dark: bool) -> QIcon:
    path = resource("icons", f"{name}.svg")
    if not path.exists():
        return QIcon()
    svg = path.read_text(encoding="utf-8").replace("currentColor", "#f0f0f0" if dark else "#303030")
    renderer = QSvgRenderer(QByteArray(svg.encode("utf-8")))
    result = QIcon()
    for size in (16, 22, 24, 32, 48, 64, 128):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result


def tray_icon(state: str = "normal", dark: bool | None = None) -> QIcon:
    """The tray icon for `state`: normal, paused or error."""
    return svg_icon(f"tray-{state}", dark)


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


def install_qt_translator(language: str) -> QTranslator | None:
    """Qt's own strings (OK, Cancel, Yes, the text box menus) in `language`.

    Qt speaks English by itself, so only Chinese loads a catalogue: the
    qtbase one PySide6 ships in its translations folder (no download).
    """
    if language == "en":
        return None
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return None
    QCoreApplication.installTranslator(translator)
    return translator


def switch_language(language: str, installed: list[QTranslator]) -> list[QTranslator]:
    """Remove the catalogues in `installed`, install those of `language`; keep the result alive.

    Widgets built afterwards speak the new language; `QEvent.LanguageChange`
    reaches every open one, which is how the running app switches without a restart.
    """
    for translator in installed:
        QCoreApplication.removeTranslator(translator)
    found = [install_translator(language), install_qt_translator(language)]
    return [t for t in found if t is not None]
