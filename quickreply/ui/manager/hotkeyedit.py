"""Press-to-record hotkeys: a `QKeySequenceEdit` that speaks our `ctrl+alt+space` strings.

A key the hotkey backends cannot grab (a Shift+1 that Qt reports as `!`, a
media key) is refused at once with a reason, never saved: an unknown key
left the app with no hotkey before (issue 14).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QKeySequenceEdit, QToolButton, QWidget

from quickreply.core.settings import hotkey_problem
from quickreply.desktop.keys import HotkeyError, parse_hotkey

_NAMES: dict[Qt.Key, str] = {
    Qt.Key.Key_Space: "space",
    Qt.Key.Key_Return: "enter",
    Qt.Key.Key_Enter: "enter",
    Qt.Key.Key_Tab: "tab",
    Qt.Key.Key_Escape: "escape",
    Qt.Key.Key_Backspace: "backspace",
    Qt.Key.Key_Insert: "insert",
    Qt.Key.Key_Delete: "delete",
    Qt.Key.Key_Home: "home",
    Qt.Key.Key_End: "end",
    Qt.Key.Key_PageUp: "pageup",
    Qt.Key.Key_PageDown: "pagedown",
    Qt.Key.Key_Up: "up",
    Qt.Key.Key_Down: "down",
    Qt.Key.Key_Left: "left",
    Qt.Key.Key_Right: "right",
    Qt.Key.Key_Pause: "pause",
    Qt.Key.Key_Comma: "comma",
    Qt.Key.Key_Period: "period",
    Qt.Key.Key_Slash: "slash",
    Qt.Key.Key_Backslash: "backslash",
    Qt.Key.Key_Semicolon: "semicolon",
    Qt.Key.Key_Apostrophe: "quote",
    Qt.Key.Key_Minus: "minus",
    Qt.Key.Key_Equal: "equal",
    Qt.Key.Key_QuoteLeft: "grave",
    Qt.Key.Key_BracketLeft: "bracketleft",
    Qt.Key.Key_BracketRight: "bracketright",
}
_MODS = (
    (Qt.KeyboardModifier.ControlModifier, "ctrl"),
    (Qt.KeyboardModifier.AltModifier, "alt"),
    (Qt.KeyboardModifier.ShiftModifier, "shift"),
    (Qt.KeyboardModifier.MetaModifier, "super"),
)


def key_name(key: Qt.Key) -> str | None:
    """Our name of a Qt key, or None when the backends cannot grab it."""
    value = int(key.value) if hasattr(key, "value") else int(key)
    if ord("A") <= value <= ord("Z") or ord("0") <= value <= ord("9"):
        return chr(value).lower()
    if int(Qt.Key.Key_F1.value) <= value <= int(Qt.Key.Key_F24.value):
        return f"f{value - int(Qt.Key.Key_F1.value) + 1}"
    return _NAMES.get(key)


def combination_text(combo: QKeyCombination) -> tuple[str, bool]:
    """(`ctrl+alt+x`, known): the combination as we write it, and whether we can grab it."""
    mods = [name for flag, name in _MODS if combo.keyboardModifiers() & flag]
    name = key_name(combo.key())
    if name is None:
        shown = QKeySequence(combo).toString(QKeySequence.SequenceFormat.PortableText).lower()
        return "+".join([*mods, shown or "?"]), False
    return "+".join([*mods, name]), True


def check_hotkey(text: str) -> str | None:
    """Why `text` cannot be a global hotkey (in the words the settings use), or None."""
    problem = hotkey_problem(text)
    if problem:
        return problem
    try:
        parse_hotkey(text)
    except HotkeyError as exc:
        return str(exc)
    return None


class HotkeyEdit(QWidget):
    """Press the keys to record them; the clear button removes the hotkey."""

    changed = Signal(str)

    def __init__(self, value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.recorder = QKeySequenceEdit(self)
        if hasattr(self.recorder, "setMaximumSequenceLength"):
            self.recorder.setMaximumSequenceLength(1)
        self.recorder.setToolTip(self.tr("点一下，然后按下想用的组合键"))
        self.recorder.editingFinished.connect(self._recorded)
        layout.addWidget(self.recorder, 1)
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("清除"))
        self.clear_button.clicked.connect(self.clear)
        layout.addWidget(self.clear_button)
        self._text = ""
        self._known = True
        self.set_text(value)

    def set_text(self, text: str) -> None:
        """Show `text` (`ctrl+alt+1`); a text Qt cannot read is kept as it is."""
        self._text, self._known = text.strip(), True
        self.recorder.blockSignals(True)
        self.recorder.setKeySequence(QKeySequence.fromString(self._text.replace("super", "meta"),
                                                             QKeySequence.SequenceFormat.PortableText))
        self.recorder.blockSignals(False)

    def record(self, combo: QKeyCombination) -> None:
        """What pressing `combo` does (the tests call it with the keys they "press")."""
        self.recorder.setKeySequence(QKeySequence(combo))
        self._recorded()

    def text(self) -> str:
        return self._text

    def problem(self) -> str | None:
        """Why the recorded keys cannot be used, or None (an empty hotkey is fine here)."""
        if not self._text:
            return None
        return hotkey_message(self._text, self._known)

    def clear(self) -> None:
        self.set_text("")
        self.changed.emit("")

    def _recorded(self) -> None:
        sequence = self.recorder.keySequence()
        if sequence.isEmpty():
            return
        self._text, self._known = combination_text(sequence[0])  # type: ignore[index]
        self.changed.emit(self._text)


def hotkey_message(text: str, known: bool) -> str | None:
    """`check_hotkey` in the UI language: the core's reasons are for logs and files."""
    if known and check_hotkey(text) is None:
        return None
    parts = [p for p in text.lower().split("+") if p]
    mods = {"ctrl", "alt", "shift", "super", "meta", "win"}
    if known and parts and (len(parts) == 1 or parts[-1] in mods):
        return QCoreApplication.translate(
            "Hotkeys", "「%1」缺少修饰键或普通键：请按住 Ctrl、Alt、Shift 或 Win 再按一个键"
        ).replace("%1", text)
    bad = QCoreApplication.translate("Hotkeys", "按键「%1」无法注册为全局快捷键，请换一个")
    return bad.replace("%1", text)


def conflicts_text(found: list[str]) -> str:
    return QCoreApplication.translate("Hotkeys", "已被占用：%1").replace("%1", "、".join(found))
