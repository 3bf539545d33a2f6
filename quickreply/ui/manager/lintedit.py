"""A text box that lints as the agent types: the reply editor's and 检查文本's.

`LintHighlighter` (a `QSyntaxHighlighter`) underlines every finding of
`core.lint` and every placeholder mistake in place, and tints the blanks;
hovering a mark shows its message and suggestion; `FindingsList` lists the
same marks, and one click on a row with a suggestion applies it.

Offsets: the linter counts Python characters, Qt counts UTF-16 units (an
emoji is two). Marks are converted once, so a reply with 😊 before a finding
is still underlined in the right place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QPlainTextEdit, QToolTip, QWidget

from quickreply.core import render
from quickreply.core.lint.checker import LintFn
from quickreply.ui import resources

LEVEL_COLOURS = {"error": "#d32f2f", "warning": "#ef8a00", "info": "#1e88e5"}


@dataclass(frozen=True, slots=True)
class Mark:
    """One thing to show in the text; `start`/`end` are UTF-16 offsets (Qt's)."""

    start: int
    end: int
    level: str
    message: str
    suggestion: str | None = None
    rule: str = ""
    match: str = ""


def utf16_offsets(text: str) -> list[int]:
    """For each Python index (and the end), the UTF-16 offset Qt uses."""
    out = [0]
    for char in text:
        out.append(out[-1] + (2 if ord(char) > 0xFFFF else 1))
    return out


def analyse(text: str, lint: LintFn | None) -> tuple[list[Mark], list[tuple[int, int]]]:
    """The marks of `text` (findings, placeholder mistakes) and the spans of its blanks."""
    at = utf16_offsets(text)
    marks: list[Mark] = []
    spans: list[tuple[int, int]] = []
    try:
        for seg in render.parse(text):
            if isinstance(seg, render.Blank):
                spans.append((at[seg.start], at[seg.end]))
    except render.TemplateError as exc:
        end = min(exc.offset + 1, len(text))
        bad = text[exc.offset : end]
        marks.append(Mark(at[exc.offset], at[end], "error", exc.message, None, "placeholder", bad))
    if lint is not None:
        for f in lint(text):
            start, end = min(f.start, len(text)), min(f.end, len(text))
            if any(lo <= at[start] and at[end] <= hi for lo, hi in spans):
                continue  # `{尺码:S|M}`'s colon is syntax, not a half-width mistake
            marks.append(
                Mark(at[start], at[end], f.level, f.message, f.suggestion, f.rule, f.match)
            )
    marks.sort(key=lambda m: (m.start, m.end))
    return marks, spans


class LintHighlighter(QSyntaxHighlighter):
    """Underlines findings (wavy, coloured by level) and tints blanks; `marks` is what it shows."""

    analysed = Signal()

    def __init__(self, document: QTextDocument, lint: LintFn | None = None) -> None:
        super().__init__(document)
        self.lint = lint
        self.marks: list[Mark] = []
        self.blank_spans: list[tuple[int, int]] = []
        self._text: str | None = None

    def set_lint(self, lint: LintFn | None) -> None:
        self.lint = lint
        self._text = None
        self.rehighlight()

    def _analyse(self) -> None:
        text = self.document().toPlainText()
        if text == self._text:
            return
        self._text = text
        self.marks, self.blank_spans = analyse(text, self.lint)
        self.analysed.emit()

    def highlightBlock(self, text: str) -> None:
        self._analyse()
        block_start = self.currentBlock().position()
        block_end = block_start + self.currentBlock().length()
        dark = resources.is_dark()  # tints that keep the text readable in either scheme
        blank = QTextCharFormat()
        blank.setBackground(QColor("#0d3c61" if dark else "#e3f2fd"))
        blank.setForeground(QColor("#bbdefb" if dark else "#0d47a1"))
        for start, end in self.blank_spans:
            self._paint(start, end, block_start, block_end, blank)
        for mark in self.marks:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(LEVEL_COLOURS.get(mark.level, "#d32f2f")))
            if mark.level == "error":
                fmt.setBackground(QColor("#5c1a1a" if dark else "#ffebee"))
            self._paint(mark.start, max(mark.end, mark.start + 1), block_start, block_end, fmt)

    def _paint(self, start: int, end: int, lo: int, hi: int, fmt: QTextCharFormat) -> None:
        s, e = max(start, lo), min(end, hi)
        if s < e:
            self.setFormat(s - lo, e - s, fmt)

    def marks_at(self, position: int) -> list[Mark]:
        self._analyse()
        return [m for m in self.marks if m.start <= position < max(m.end, m.start + 1)]


def describe(mark: Mark) -> str:
    """The message, and what to write instead when the rule says."""
    if mark.suggestion is None:
        return mark.message
    if mark.suggestion == "":
        return mark.message + QCoreApplication.translate("LintEdit", "（点击删除）")
    change = QCoreApplication.translate("LintEdit", "（点击改为「%1」）")
    return mark.message + change.replace("%1", mark.suggestion)


class LintTextEdit(QPlainTextEdit):
    """A plain text box with live lint; hovering a mark shows what it is."""

    def __init__(self, lint: LintFn | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.highlighter = LintHighlighter(self.document(), lint)
        self.viewport().installEventFilter(self)
        self.setTabChangesFocus(True)

    @property
    def marks(self) -> list[Mark]:
        return self.highlighter.marks

    def tooltip_at(self, pos: Any) -> str:
        cursor = self.cursorForPosition(pos)
        found = self.highlighter.marks_at(cursor.position())
        return "\n".join(describe(m) for m in found)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.viewport() and event.type() == QEvent.Type.ToolTip:
            tip = self.tooltip_at(event.pos())  # type: ignore[attr-defined]
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
            return True
        return super().eventFilter(watched, event)

    def apply(self, mark: Mark) -> bool:
        """Replace the marked text by its suggestion (one undo step in the box)."""
        if mark.suggestion is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.setPosition(mark.start)
        cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != mark.match and mark.match:
            return False  # the text changed under the mark: do not guess
        cursor.insertText(mark.suggestion)
        return True


class FindingsList(QListWidget):
    """The marks of a `LintTextEdit`, one row each; clicking a row applies its suggestion."""

    def __init__(self, edit: LintTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_edit = edit  # not `edit`: QAbstractItemView has an edit()
        self.setObjectName("Findings")
        self.setWordWrap(True)
        self.setMaximumHeight(110)
        edit.highlighter.analysed.connect(self.refresh)
        self.itemClicked.connect(self._clicked)
        self.refresh()

    def refresh(self) -> None:
        self.clear()
        levels = {"error": self.tr("错误"), "warning": self.tr("警告"), "info": self.tr("提示")}
        for mark in self.text_edit.marks:
            level = levels.get(mark.level, mark.level)
            if mark.match.strip():
                row = self.tr("%1「%2」：%3").replace("%2", mark.match)
            else:
                row = self.tr("%1：%3")
            item = QListWidgetItem(row.replace("%1", level).replace("%3", describe(mark)))
            item.setForeground(QColor(LEVEL_COLOURS.get(mark.level, "#d32f2f")))
            item.setData(Qt.ItemDataRole.UserRole, mark)
            if mark.suggestion is not None:
                item.setToolTip(self.tr("点击应用建议"))
            self.addItem(item)
        self.setVisible(bool(self.text_edit.marks))

    def _clicked(self, item: QListWidgetItem) -> None:
        mark = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(mark, Mark):
            self.text_edit.apply(mark)
            self.text_edit.setFocus()


def preview_html(text: str, builtins: dict[str, str]) -> str:
    """The reply as it will be pasted: built-ins and defaults filled, blanks left to fill shown."""
    from html import escape

    try:
        segments: Sequence[Any] = render.parse(text)
    except render.TemplateError as exc:
        wrong = QCoreApplication.translate("LintEdit", "占位符有误：") + exc.message
        return '<span style="color:#d32f2f">' + escape(wrong) + "</span>"
    out: list[str] = []
    for seg in segments:
        if isinstance(seg, str):
            out.append(escape(seg))
            continue
        value = builtins.get(seg.builtin) if seg.builtin else None
        if value:
            out.append(escape(value))
        elif seg.default is not None:
            shown = "/".join(seg.choices) if seg.choices else seg.default
            out.append(f'<span style="background:#e3f2fd;color:#0d47a1">{escape(shown)}</span>')
        else:
            out.append(
                f'<span style="background:#fff3e0;color:#c05000">［{escape(seg.name)}］</span>'
            )
    return "".join(out).replace("\n", "<br>")
