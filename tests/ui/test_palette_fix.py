"""The palette as the agent uses it every minute: fix in the gate, see the form's result, notes.

Companion of test_palette.py (keys, model, the basic pages): here the gate is
edited, suggestions applied, the form previewed, and the flow note comes and goes.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton

from quickreply.core.model import Reply
from quickreply.core.search import Hit
from quickreply.ui.palette import PAGE_CONFIRM, PAGE_FORM, PAGE_RESULTS, Palette, icons
from quickreply.ui.palette.gate import describe
from tests.ui.fakes import FakeFinding, fake_lint

pytestmark = pytest.mark.qt

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _reply(rid: str, text: str, title: str = "") -> Reply:
    return Reply(id=rid, title=title or rid, text=text, pack_id="t")


def _gate(qtbot: Any, text: str = "亲,加微信领券,我们最好的款") -> Palette:
    replies = [_reply("bad", text)]
    palette = Palette(lambda q: [Hit(r, 1.0) for r in replies], lint=fake_lint)
    qtbot.addWidget(palette)
    palette.popup()
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert palette.pages.currentIndex() == PAGE_CONFIRM
    return palette


def _words(palette: Palette) -> list[str]:
    labels = palette.confirm_page.findChildren(QLabel, "PaletteGateWords")
    return [w.text() for w in labels if not w.isHidden() and w.parent() is not None]


def _fixes(palette: Palette) -> list[QPushButton]:
    return palette.confirm_page.findChildren(QPushButton, "PaletteGateFix")


def test_a_finding_names_its_words_first_then_the_rule() -> None:
    finding = FakeFinding("r", "error", 0, 5, "全网最低价", "广告法禁止绝对化用语")
    assert describe(finding) == "「全网最低价」广告法禁止绝对化用语"
    assert describe(dataclasses.replace(finding, match="")) == "广告法禁止绝对化用语"


def test_the_gate_text_is_editable_and_findings_follow_each_edit(qtbot: Any) -> None:
    palette = _gate(qtbot)
    editor = palette.confirm_page.text
    assert not editor.isReadOnly()
    qtbot.waitUntil(lambda: _words(palette) == ["「加微信」不要引导到站外", "「最好」极限词"])
    # The agent rewrites the offending words by hand: that finding goes at once.
    editor.setPlainText("亲,关注店铺领券,我们最好的款")
    qtbot.waitUntil(lambda: _words(palette) == ["「最好」极限词"])
    assert "没有红线问题" in palette.confirm_label.text()
    # The underline sits on the words still flagged (an extra selection, not the text).
    marks = editor.extraSelections()
    assert [(m.cursor.selectionStart(), m.cursor.selectedText()) for m in marks] == [(11, "最好")]
    assert editor.toPlainText() == "亲,关注店铺领券,我们最好的款"  # formats never edit the text


def test_enter_pastes_what_the_gate_shows(qtbot: Any) -> None:
    palette = _gate(qtbot)
    editor = palette.confirm_page.text
    editor.setPlainText("  ")
    with qtbot.assertNotEmitted(palette.chosen):  # everything deleted: nothing to paste
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert palette.pages.currentIndex() == PAGE_CONFIRM
    editor.setPlainText("亲,关注店铺领券哦")
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert sig.args[1] == "亲,关注店铺领券哦"
    assert not palette.isVisible()


def test_shift_enter_is_a_new_line_and_ime_enter_commits(qtbot: Any) -> None:
    palette = _gate(qtbot, "亲,加微信")
    editor = palette.confirm_page.text
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(editor, Qt.Key.Key_Return, SHIFT)
        editor.inputMethodEvent(QInputMethodEvent("hao", []))
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert "\n" in editor.toPlainText() or "\u2029" in editor.toPlainText()
    assert palette.pages.currentIndex() == PAGE_CONFIRM


def test_a_suggestion_applies_with_one_click(qtbot: Any) -> None:
    palette = _gate(qtbot)
    buttons = _fixes(palette)
    assert [b.text() for b in buttons] == ["删去", "改为「很好」"]
    qtbot.mouseClick(buttons[1], Qt.MouseButton.LeftButton)
    assert palette.confirm_page.text.toPlainText() == "亲,加微信领券,我们很好的款"
    qtbot.waitUntil(lambda: _words(palette) == ["「加微信」不要引导到站外"])


def test_tab_applies_the_first_suggestion_then_enter_pastes(qtbot: Any) -> None:
    palette = _gate(qtbot)
    editor = palette.confirm_page.text
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # 加微信 -> deleted
    assert editor.toPlainText() == "亲,领券,我们最好的款"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # 最好 -> 很好
    assert editor.toPlainText() == "亲,领券,我们很好的款"
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # nothing left to apply: no tab character
    assert editor.toPlainText() == "亲,领券,我们很好的款"
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert sig.args[1] == "亲,领券,我们很好的款"


def test_a_suggestion_after_emoji_lands_on_the_right_characters(qtbot: Any) -> None:
    palette = _gate(qtbot, "😊😊加微信😊最好")
    palette.confirm_page.apply_first()
    assert palette.confirm_page.text.toPlainText() == "😊😊😊最好"


def test_escape_in_the_gate_goes_back(qtbot: Any) -> None:
    palette = _gate(qtbot)
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(palette.confirm_page.text, Qt.Key.Key_Escape)
    assert palette.pages.currentIndex() == PAGE_RESULTS


def test_the_gates_words_use_full_width_punctuation(qtbot: Any) -> None:
    palette = _gate(qtbot)
    texts = [palette.confirm_label.text(), *_words(palette), palette.hint.text()]
    for text in texts:
        assert ":" not in text and "(" not in text, text


# -- the form


def _form(qtbot: Any, palette: Palette) -> list[Any]:
    palette.popup()
    palette.query.setText("cm1")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert palette.pages.currentIndex() == PAGE_FORM
    return [w for _, w in palette._pending.fields]  # type: ignore[union-attr]


def test_the_form_previews_the_finished_text_as_it_is_typed(qtbot: Any, palette: Palette) -> None:
    height, weight, size = _form(qtbot, palette)
    preview = palette.form_page.preview
    assert preview.toPlainText() == "亲,您身高[身高]、体重[体重],建议选S码哦 😊"
    height.setText("170cm")
    assert preview.toPlainText() == "亲,您身高170cm、体重[体重],建议选S码哦 😊"
    size.setCurrentRow(3)
    assert preview.toPlainText() == "亲,您身高170cm、体重[体重],建议选XL码哦 😊"
    weight.setText("60公斤")
    qtbot.keyClick(height, Qt.Key.Key_Return)
    qtbot.keyClick(weight, Qt.Key.Key_Return)
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(size, Qt.Key.Key_Return)
    assert sig.args[1] == preview.toPlainText() == "亲,您身高170cm、体重60公斤,建议选XL码哦 😊"


def test_choices_are_a_list_the_arrows_move_through(qtbot: Any, palette: Palette) -> None:
    *_, size = _form(qtbot, palette)
    assert isinstance(size, QListWidget)
    assert size.currentItem().text() == "S"
    size.setFocus()
    qtbot.keyClick(size, Qt.Key.Key_Down)
    qtbot.keyClick(size, Qt.Key.Key_Down)
    assert size.currentItem().text() == "L"
    assert palette.pages.currentIndex() == PAGE_FORM


def test_required_blanks_are_marked_at_the_field(qtbot: Any, palette: Palette) -> None:
    height, weight, _size = _form(qtbot, palette)
    labels = {
        palette.form_page.form.labelForField(w).text()  # type: ignore[union-attr]
        for w in (height, weight)
    }
    assert all("＊" in text for text in labels)
    assert isinstance(height, QLineEdit) and height.placeholderText() == "必填"
    assert not height.property("missing")
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(height, Qt.Key.Key_Return)
    assert height.property("missing") is True  # the field itself turns red
    assert palette.pages.currentIndex() == PAGE_FORM
    height.setText("170")
    assert height.property("missing") is False


def test_the_form_preview_underlines_what_the_gate_will_stop(qtbot: Any) -> None:
    replies = [_reply("f", "亲,{渠道:加微信|关注店铺}领券")]
    palette = Palette(lambda q: [Hit(r, 1.0) for r in replies], lint=fake_lint)
    qtbot.addWidget(palette)
    palette.popup()
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert "加微信" in palette.form_page.preview.toolTip()


# -- the flow note


def test_the_flow_note_shows_only_in_its_flows_context(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    palette.set_note("话术「砍价」下一步（2/3）：感谢下单", context={"sample.shop/thanks"})
    assert palette.note.isVisibleTo(palette)  # empty query: right after the step
    palette.query.setText("fh")  # an unrelated search
    assert not palette.note.isVisibleTo(palette)
    palette.query.setText("感谢")  # a query that finds the flow's step
    assert palette.note.isVisibleTo(palette)
    palette.query.setText("cm1")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)  # the form of another reply
    assert palette.pages.currentIndex() == PAGE_FORM
    assert not palette.note.isVisibleTo(palette)
    qtbot.keyClick(palette._pending.fields[0][1], Qt.Key.Key_Escape)  # type: ignore[union-attr]
    palette.query.clear()
    assert palette.note.isVisibleTo(palette)
    palette.set_note("")
    assert not palette.note.isVisibleTo(palette)


# -- icons


@pytest.mark.parametrize(("level", "colour"), [("error", "#d50000"), ("warning", "#f29900")])
def test_level_icons_are_drawn(qapp: Any, level: str, colour: str) -> None:
    image = icons.draw(level, 32)
    centre_ring = QColor(image.pixel(QPoint(16, 28) if level == "warning" else QPoint(4, 16)))
    assert centre_ring.name() == colour
    assert QColor(image.pixel(QPoint(16, 16) if level == "error" else QPoint(16, 15))).name() == (
        "#ffffff"
    )
    assert QColor.fromRgba(image.pixel(0, 0)).alpha() == 0  # transparent corners
