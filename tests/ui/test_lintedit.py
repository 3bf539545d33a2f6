"""Live lint in a text box: spans in the right place (emoji too), hover, one-click fixes; 检查文本."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCharFormat

from quickreply.core.lint import Linter
from quickreply.ui.manager.checktext import CheckTextWindow
from quickreply.ui.manager.lintedit import FindingsList, LintTextEdit, preview_html, utf16_offsets

pytestmark = pytest.mark.qt

LINT = Linter.for_platform("taobao").lint


def _underlined(edit: LintTextEdit, block_number: int = 0) -> list[tuple[int, int]]:
    """(start, length) of every wavy-underlined range Qt actually laid out in a block."""
    block = edit.document().findBlockByNumber(block_number)
    return [
        (r.start, r.length)
        for r in block.layout().formats()
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline
    ]


def test_utf16_offsets_count_emoji_twice() -> None:
    assert utf16_offsets("a😊b") == [0, 1, 3, 4]


def test_findings_are_underlined_where_they_are_even_after_an_emoji(qtbot: Any) -> None:
    edit = LintTextEdit(LINT)
    qtbot.addWidget(edit)
    edit.setPlainText("亲😊，加我微信领券，全网最低价")
    rules = [(m.rule, m.start, m.end) for m in edit.marks]
    # Python offsets 5..7 and 10..15; the emoji before them is two UTF-16 units.
    assert rules == [("offsite-contact", 6, 8), ("absolute-claim", 11, 16)]
    assert _underlined(edit) == [(6, 2), (11, 5)]
    cursor = edit.textCursor()  # Qt's positions 6..8 are the two characters 微信
    cursor.setPosition(6)
    cursor.setPosition(8, cursor.MoveMode.KeepAnchor)
    assert cursor.selectedText() == "微信"


def test_marks_follow_typing_and_span_lines(qtbot: Any) -> None:
    edit = LintTextEdit(LINT)
    qtbot.addWidget(edit)
    edit.setPlainText("亲，您好\n全网最低价哦")
    assert _underlined(edit, 0) == [] and _underlined(edit, 1) == [(0, 5)]
    edit.setPlainText("亲，您好\n价格实惠哦")
    assert edit.marks == [] and _underlined(edit, 1) == []


def test_blanks_are_tinted_and_placeholder_mistakes_marked_in_place(qtbot: Any) -> None:
    edit = LintTextEdit(None)
    qtbot.addWidget(edit)
    edit.setPlainText("尺码{尺码:S|M}，{店铺")
    assert edit.highlighter.blank_spans == []  # a broken text has no trusted blanks
    assert [(m.rule, m.start) for m in edit.marks] == [("placeholder", 11)]
    edit.setPlainText("尺码{尺码:S|M}")
    assert edit.highlighter.blank_spans == [(2, 10)]


def test_hover_shows_the_message_and_the_suggestion(qtbot: Any) -> None:
    edit = LintTextEdit(LINT)
    qtbot.addWidget(edit)
    edit.resize(400, 200)
    edit.show()
    edit.setPlainText("己经发货了")
    cursor = edit.textCursor()
    cursor.setPosition(1)
    tip = edit.tooltip_at(edit.cursorRect(cursor).center())
    assert "错别字" in tip and "已经" in tip
    cursor.setPosition(4)
    assert edit.tooltip_at(edit.cursorRect(cursor).center()) == ""


def test_one_click_applies_a_suggestion(qtbot: Any) -> None:
    edit = LintTextEdit(LINT)
    findings = FindingsList(edit)
    qtbot.addWidget(edit)
    qtbot.addWidget(findings)
    edit.setPlainText("你好,亲，己经发货了😊")
    assert findings.count() == 2
    findings.itemClicked.emit(findings.item(1))  # the typo, after the comma row
    findings.itemClicked.emit(findings.item(0))
    assert edit.toPlainText() == "你好，亲，已经发货了😊"
    assert findings.count() == 0
    edit.undo()  # each fix is one undo step of the box
    assert edit.toPlainText() == "你好,亲，已经发货了😊"


def test_preview_fills_builtins_and_shows_blanks() -> None:
    html = preview_html("{店铺}的{尺码:S|M}码，{颜色}", {"shop": "好物店"})
    assert html.startswith("好物店的") and "S/M" in html and "［颜色］" in html


def test_check_text_window_lints_live_and_copies(qtbot: Any) -> None:
    copied: list[str] = []
    window = CheckTextWindow(LINT, copied.append)
    qtbot.addWidget(window)
    window.open_with("加我微信，全网最低价")
    assert window.status.text() == "2 处问题，其中 2 处红线错误。"
    window.edit.setPlainText("亲，已为您加急发货")
    assert window.status.text() == "没有发现问题，可以发送。"
    window.copy_button.click()
    assert copied == ["亲，已为您加急发货"]


def test_the_syntax_inside_a_placeholder_is_not_a_finding(qtbot: Any) -> None:
    edit = LintTextEdit(LINT)
    qtbot.addWidget(edit)
    edit.setPlainText("送您一张{面额:5|10}元的券,下次用")
    assert [(m.rule, m.match) for m in edit.marks] == [("halfwidth-punct", ",")]
