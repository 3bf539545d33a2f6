"""What the linter found, shown to the agent: underlines, a summary and the lint gate.

The palette shows findings in two places: under the reply in the preview (with
lines of words beside it, since underlines alone need a mouse to read), and
on the gate that an error-level finding opens before pasting. The gate is
where the agent fixes the reply: the text is editable, the findings follow
each edit, a suggestion applies with a click (or Tab), and Enter pastes what
is shown; Esc goes back. Each finding names its words first, then the rule.
Which findings gate is the palette's decision (`window.py`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QInputMethodEvent, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.lint.checker import LintFn
from quickreply.ui.palette import icons


class FindingLike(Protocol):
    """What the palette reads from a linter finding (`quickreply.core.lint.Finding`)."""

    level: str
    start: int
    end: int
    match: str
    message: str
    suggestion: str | None


UNDERLINE = {"error": "#d50000", "warning": "#ff8f00", "info": "#1e88e5"}
_SHOWN_LEVELS = ("error", "warning")
MAX_ROWS = 4  # findings listed on the gate; the rest are underlined in the text


def findings(lint: LintFn | None, text: str) -> list[Any]:
    """What `lint` finds in `text`; nothing when there is no linter or it fails."""
    if lint is None:
        return []
    try:
        return list(lint(text))
    except Exception:  # a linter bug must not block pasting
        return []


def describe(finding: Any) -> str:
    """A finding in words: the words it matched first, then the rule (「全网最低价」广告法…)."""
    match = str(getattr(finding, "match", "") or "").strip()
    message = str(finding.message)
    return f"「{match}」{message}" if match else message


def _underlines(text: str, found: Sequence[Any]) -> list[tuple[int, int, QTextCharFormat]]:
    out = []
    for f in found:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        fmt.setUnderlineColor(QColor(UNDERLINE.get(f.level, UNDERLINE["info"])))
        fmt.setToolTip(describe(f))
        out.append((_qt_pos(text, f.start), _qt_pos(text, f.end), fmt))
    return out


def show_marked(editor: QTextEdit, text: str, lint: LintFn | None) -> list[Any]:
    """Show `text` in `editor` with lint findings underlined by level."""
    editor.setPlainText(text)
    found = findings(lint, text)
    cursor = QTextCursor(editor.document())
    for start, end, fmt in _underlines(text, found):
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(fmt)
    editor.setToolTip("\n".join(f"{_level_name(f.level)}：{describe(f)}" for f in found))
    return found


def summary(found: Sequence[Any]) -> str:
    """The preview's findings as rich text: a drawn icon, the words, the rule (three at most)."""
    shown = [f for f in found if f.level in _SHOWN_LEVELS][:3]
    return "<br>".join(
        f'{icons.img_html(f.level)}&nbsp;<span style="color:{_TEXT_COLOUR[f.level]}">'
        f"{html.escape(describe(f))}</span>"
        for f in shown
    )


_TEXT_COLOUR = {"error": "#b00020", "warning": "#8a5a00"}


class GateEdit(QTextEdit):
    """The gate's text: plain text only, and aware of input-method composition (as the query)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setTabChangesFocus(False)
        self.preedit = ""

    @property
    def composing(self) -> bool:
        return bool(self.preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.preedit = event.preeditString()
        super().inputMethodEvent(event)


class ConfirmPage(QFrame):
    """The gate: the reply, editable, with what the linter finds in it as the agent edits.

    Enter pastes the text as shown (fixed or not: the agent decides), Tab
    applies the first suggestion, a click on a suggestion applies that one,
    Shift+Enter starts a new line and Esc goes back to the results.
    """

    submitted = Signal(str)  # the text to paste
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lint: LintFn | None = None
        self.found: list[Any] = []
        self._listed: tuple[Any, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(4)
        self.label = QLabel(self)
        self.label.setObjectName("PaletteConfirm")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.label)
        self.rows_host = QWidget(self)
        self.rows = QVBoxLayout(self.rows_host)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(2)
        layout.addWidget(self.rows_host)
        self.text = GateEdit(self)
        self.text.setObjectName("PaletteGateText")
        self.text.installEventFilter(self)
        self.text.textChanged.connect(self.relint)
        layout.addWidget(self.text, 1)
        self.setFocusProxy(self.text)

    def open(self, text: str, lint: LintFn | None) -> None:
        """Show `text` for fixing; the findings follow every edit."""
        self.lint = lint
        self.text.setPlainText(text)  # runs relint
        self.text.moveCursor(QTextCursor.MoveOperation.End)
        self.text.setFocus()

    @property
    def current_text(self) -> str:
        return self.text.toPlainText()

    def relint(self) -> None:
        text = self.current_text
        shown = [f for f in findings(self.lint, text) if f.level in _SHOWN_LEVELS]
        self.found = sorted(shown, key=lambda f: (f.start, f.end))  # in reading order
        marks = []
        for start, end, fmt in _underlines(text, self.found):
            mark = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            mark.cursor = cursor
            mark.format = fmt
            marks.append(mark)
        self.text.setExtraSelections(marks)  # not the document: editing is untouched
        errors = sum(1 for f in self.found if f.level == "error")
        self.label.setText(
            QCoreApplication.translate("Palette", "这条回复可能触犯平台红线，可以直接在下面修改：")
            if errors
            else QCoreApplication.translate("Palette", "没有红线问题了，按 Enter 粘贴。")
        )
        self._list_findings()

    def _list_findings(self) -> None:
        # Most keystrokes change no finding: keep the rows (rebuilding costs a frame).
        listed = (len(self.found), *((f.level, describe(f), f.suggestion) for f in self.found))
        if listed == self._listed:
            return
        self._listed = listed
        while self.rows.count():
            item = self.rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for index, finding in enumerate(self.found[:MAX_ROWS]):
            self.rows.addWidget(self._row(index, finding))
        if len(self.found) > MAX_ROWS:
            rest = str(len(self.found) - MAX_ROWS)
            more = QLabel(
                QCoreApplication.translate("Palette", "另有 %1 处已在文中标出").replace("%1", rest)
            )
            more.setObjectName("PaletteGateMore")
            self.rows.addWidget(more)

    def _row(self, index: int, finding: Any) -> QWidget:
        row = QWidget(self.rows_host)
        row.setObjectName("PaletteGateFinding")
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        icon = QLabel(row)
        icon.setPixmap(icons.pixmap(finding.level, 16))
        icon.setToolTip(_level_name(finding.level))
        icon.setFixedSize(18, 18)
        line.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        words = QLabel(describe(finding), row)
        words.setObjectName("PaletteGateWords")
        words.setTextFormat(Qt.TextFormat.PlainText)
        words.setWordWrap(True)
        words.setStyleSheet(f"color: {_TEXT_COLOUR.get(finding.level, '#000000')}")
        line.addWidget(words, 1)
        if finding.suggestion is not None:
            suggestion = str(finding.suggestion)
            fix = (
                QCoreApplication.translate("Palette", "改为「%1」").replace("%1", suggestion)
                if suggestion
                else QCoreApplication.translate("Palette", "删去")
            )
            button = QPushButton(fix, row)
            button.setObjectName("PaletteGateFix")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the text
            # By position: the rows outlive edits that only move the words.
            button.clicked.connect(lambda _=False, i=index: self.apply(self.found[i]))
            line.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def apply(self, finding: Any) -> bool:
        """Put the finding's suggestion in place of its words; False when it has none."""
        if finding.suggestion is None:
            return False
        text = self.current_text
        if text[finding.start : finding.end] != finding.match:
            return False  # the text moved on since: the next relint lists it afresh
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(_qt_pos(text, finding.start))
        cursor.setPosition(_qt_pos(text, finding.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(str(finding.suggestion))
        self.text.setTextCursor(cursor)
        return True

    def apply_first(self) -> bool:
        """Tab: apply the first finding that has a suggestion."""
        return any(self.apply(f) for f in self.found if f.suggestion is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key, mods = event.key(), event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.text.composing:
                if mods & Qt.KeyboardModifier.ShiftModifier:
                    return False  # a new line in the reply
                self.submitted.emit(self.current_text)
                return True
            if key == Qt.Key.Key_Tab:
                self.apply_first()
                return True  # never a tab character in a reply
            if key == Qt.Key.Key_Escape:
                self.cancelled.emit()
                return True
        return super().eventFilter(watched, event)



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
