"""What the agent reads for the ids the data uses: 淘宝 for `taobao`, 自动 for `auto`.

One table, used by the settings dialog, the reply editor and the tree, so a
raw id never reaches the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate in `context`; translated where it is shown."""
    del context
    return text


_PLATFORMS = {
    "auto": QT_TRANSLATE_NOOP("Names", "自动（跟随聊天程序）"),
    "generic": QT_TRANSLATE_NOOP("Names", "通用"),
    "taobao": QT_TRANSLATE_NOOP("Names", "淘宝"),
    "tmall": QT_TRANSLATE_NOOP("Names", "天猫"),
    "jd": QT_TRANSLATE_NOOP("Names", "京东"),
    "pdd": QT_TRANSLATE_NOOP("Names", "拼多多"),
    "douyin": QT_TRANSLATE_NOOP("Names", "抖音"),
    "wechat": QT_TRANSLATE_NOOP("Names", "微信"),
}
_LANGUAGES = {
    "auto": QT_TRANSLATE_NOOP("Names", "自动（跟随系统）"),
    "zh_CN": "中文",  # each language by its own name, in every UI language
    "en": "English",
}
_PASTE = {"ctrl+v": "Ctrl+V", "shift+insert": "Shift+Insert", "ctrl+shift+v": "Ctrl+Shift+V"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Names", text)


def platform_label(name: str) -> str:
    return _tr(_PLATFORMS[name]) if name in _PLATFORMS else name


def choice_label(option: str, value: str) -> str:
    """The label of one value of a `choice` option (or of the paste-key table)."""
    if option == "language":
        return _tr(_LANGUAGES[value]) if value in _LANGUAGES else value
    if option in ("platform", "platform_apps"):
        return platform_label(value)
    if option in ("paste_method", "paste_methods"):
        return _PASTE.get(value, value)
    return value
