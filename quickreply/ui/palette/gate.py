"""What the linter found, shown to the agent: underlines, a summary and the lint gate.

The palette shows findings in two places: under the reply in the preview (with
a line of words beside it, since underlines alone need a mouse to read), and
on the confirmation page that an error-level finding opens before pasting (the
gate: Enter again pastes anyway, Esc goes back). Which findings gate is the
palette's decision (`window.py`); this module only displays them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from quickreply.core.lint.checker import LintFn


class FindingLike(Protocol):
    """What the palette reads from a linter finding (`quickreply.core.lint.Finding`)."""

    level: str
    start: int
    end: int
    match: str
    message: str
    suggestion: str | None


UNDERLINE = {"error": "#d50000", "warning": "#ff8f00", "info": "#1e88e5"}
_MARK = {"error": "⛔", "warning": "⚠"}


def findings(lint: LintFn | None, text: str) -> list[Any]:
    """What `lint` finds in `text`; nothing when there is no linter or it fails."""
    if lint is None:
        return []
    try:
        return list(lint(text))
    except Exception:  # a linter bug must not block pasting
        return []


def show_marked(editor: QTextEdit, text: str, lint: LintFn | None) -> list[Any]:
    """Show `text` in `editor` with lint findings underlined by level."""
    editor.setPlainText(text)
    found = findings(lint, text)
    cursor = QTextCursor(editor.document())
    tips = []
    for f in found:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(QColor(UNDERLINE.get(f.level, UNDERLINE["info"])))
        fmt.setToolTip(f.message)
        cursor.setPosition(_qt_pos(text, f.start))
        cursor.setPosition(_qt_pos(text, f.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
        tips.append(f"{_level_name(f.level)}: {f.message}")
    editor.setToolTip("\n".join(tips))
    return found


def summary(found: Sequence[Any]) -> str:
    """The preview's findings in words: the first three errors and warnings."""
    shown = [f for f in found if f.level in ("error", "warning")]
    return "\n".join(f"{_MARK[f.level]} {_level_name(f.level)}:{f.message}" for f in shown[:3])


class ConfirmPage(QFrame):
    """The gate's page: why the reply was stopped, and the text with its findings marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # it takes the second Enter
        layout = QVBoxLayout(self)
        self.label = QLabel(self)
        self.label.setObjectName("PaletteConfirm")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.text = QTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.text, 1)

    def set_errors(self, errors: Sequence[Any]) -> None:
        """List the error findings that stopped the reply, each with the words it matched."""
        lines = [QCoreApplication.translate("Palette", "这条回复可能触犯平台红线：")]
        lines += [f"· {f.message}({f.match})" for f in errors]
        self.label.setText("\n".join(lines))


def _qt_pos(text: str, index: int) -> int:
    """A Python string index as a Qt (UTF-16) position: emoji count twice."""
    index = max(0, min(index, len(text)))
    return index + sum(1 for ch in text[:index] if ord(ch) > 0xFFFF)


def _level_name(level: str) -> str:
    names = {
        "error": QCoreApplication.translate("Palette", "错误"),
        "warning": QCoreApplication.translate("Palette", "警告"),
        "info": QCoreApplication.translate("Palette", "提示"),
    }
    return names.get(level, level)
