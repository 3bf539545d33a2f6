"""The palette: model, keys, fill-in form, lint gate, IME composition, preview marks."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCharFormat
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget

from quickreply.core.model import Reply
from quickreply.core.search import Hit
from quickreply.core.search import highlight as segments
from quickreply.ui.palette import PAGE_CONFIRM, PAGE_FORM, PAGE_RESULTS, Palette, preview_text
from quickreply.ui.palette.results import ResultsModel
from tests.ui.fakes import fake_lint

pytestmark = pytest.mark.qt

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def _reply(rid: str, text: str, title: str = "") -> Reply:
    return Reply(id=rid, title=title or rid, text=text, pack_id="t")


def test_model_passes_qtmodeltester(qtmodeltester: Any, library: Any) -> None:
    model = ResultsModel()
    model.set_hits([Hit(r, 1.0, {"title": ((0, 2),)}) for r in library.replies])
    qtmodeltester.check(model)
    assert model.rowCount() == len(library.replies)
    assert model.data(model.index(0, 0)) == library.replies[0].title
    model.set_hits([])
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_segments_merge_and_clip() -> None:
    assert segments("砍价送券", [(0, 2)]) == [("砍价", True), ("送券", False)]
    assert segments("abcdef", [(3, 5), (1, 2), (4, 6)]) == [
        ("a", False),
        ("b", True),
        ("c", False),
        ("def", True),
    ]
    assert segments("ab", [(1, 9), (5, 6)]) == [("a", False), ("b", True)]
    assert segments("", [(0, 1)]) == []


def test_popup_shows_all_and_focuses_query(qtbot: Any, palette: Palette, library: Any) -> None:
    with qtbot.waitSignal(palette.shown):
        palette.popup()
    assert palette.isVisible()
    assert palette.model.rowCount() == len(library.replies)
    assert palette.current_row == 0
    qtbot.waitUntil(palette.query.hasFocus)


def test_typing_searches_and_enter_pastes(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    qtbot.keyClicks(palette.query, "fh")
    assert palette.model.hit(0).reply.id == "ship-time"  # type: ignore[union-attr]
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    reply, text, copy_only = sig.args
    assert reply.id == "ship-time"
    assert text == "亲,今天16点前付款的订单当天发货,之后的次日发出哦~"
    assert copy_only is False
    assert not palette.isVisible()


def test_chinese_query_via_set_text(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    palette.query.setText("感谢")
    assert {palette.model.hit(i).reply.id for i in range(palette.model.rowCount())} >= {  # type: ignore[union-attr]
        "thanks"
    }


def test_arrows_and_tab_move_and_wrap(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    count = palette.model.rowCount()
    qtbot.keyClick(palette.query, Qt.Key.Key_Down)
    assert palette.current_row == 1
    qtbot.keyClick(palette.query, Qt.Key.Key_Tab)
    assert palette.current_row == 2
    assert palette.query.hasFocus() or not palette.isActiveWindow()  # Tab did not move focus
    qtbot.keyClick(palette.query, Qt.Key.Key_Backtab)
    qtbot.keyClick(palette.query, Qt.Key.Key_Up)
    assert palette.current_row == 0
    qtbot.keyClick(palette.query, Qt.Key.Key_Up)
    assert palette.current_row == count - 1


def test_ctrl_enter_copies_only(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    qtbot.keyClicks(palette.query, "fh")
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(palette.query, Qt.Key.Key_Return, CTRL)
    assert sig.args[2] is True


def test_alt_digit_picks_that_row(qtbot: Any, palette: Palette, library: Any) -> None:
    palette.popup()
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(palette.query, Qt.Key.Key_2, ALT)
    assert sig.args[0] == library.replies[1]


def test_a_digit_is_always_query_text_never_a_paste(
    qtbot: Any, palette: Palette, library: Any
) -> None:
    palette.popup()
    # Typed into the empty palette: "7tian" is a query (7天), nothing is pasted.
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClicks(palette.query, "7tian")
        qtbot.keyClick(palette.query, Qt.Key.Key_1)
    assert palette.query.text() == "7tian1"
    assert palette.isVisible()
    palette.query.clear()
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_2, Qt.KeyboardModifier.KeypadModifier)
    assert palette.query.text() == "2"
    # Alt+digit still picks, whatever is typed.
    palette.query.clear()
    thanks = next(i for i, r in enumerate(library.replies) if r.id == "thanks")
    digit = getattr(Qt.Key, f"Key_{thanks + 1}")
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(palette.query, digit, ALT)
    assert sig.args[1] == "感谢您的支持,小美随时为您服务~"  # {客服} from the agent profile


def test_escape_closes(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    with qtbot.waitSignal(palette.dismissed), qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_Escape)
    assert not palette.isVisible()


def test_ime_enter_commits_composition_and_never_pastes(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    event = QInputMethodEvent("kuaidi", [])
    palette.query.inputMethodEvent(event)
    assert palette.query.composing
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert not palette.query.composing
    assert palette.query.text() == "kuaidi"
    assert palette.isVisible()
    # With the composition done, Enter pastes again.
    palette.query.setText("fh")
    with qtbot.waitSignal(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)


def test_fill_in_form(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    qtbot.keyClicks(palette.query, "cm1")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert palette.pages.currentIndex() == PAGE_FORM
    fields = palette._pending.fields  # type: ignore[union-attr]
    assert [b.name for b, _ in fields] == ["身高", "体重", "推荐尺码"]
    height, weight, size = (w for _, w in fields)
    assert isinstance(height, QLineEdit) and isinstance(size, QListWidget)
    assert [size.item(i).text() for i in range(size.count())] == ["S", "M", "L", "XL"]
    # An empty blank without a default is not skipped.
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(height, Qt.Key.Key_Return)
    assert "身高" in palette.hint.text()
    height.setText("170cm")
    qtbot.keyClick(height, Qt.Key.Key_Return)
    weight.setText("60公斤")
    qtbot.keyClick(weight, Qt.Key.Key_Return)
    size.setCurrentRow(2)
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(size, Qt.Key.Key_Return)
    assert sig.args[1] == "亲,您身高170cm、体重60公斤,建议选L码哦 😊"


def test_form_escape_goes_back_to_results(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    qtbot.keyClicks(palette.query, "cm1")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    first = palette._pending.fields[0][1]  # type: ignore[union-attr]
    with qtbot.assertNotEmitted(palette.chosen), qtbot.assertNotEmitted(palette.dismissed):
        qtbot.keyClick(first, Qt.Key.Key_Escape)
    assert palette.pages.currentIndex() == PAGE_RESULTS
    assert palette.isVisible()
    assert palette.query.text() == "cm1"


def _gate_palette(qtbot: Any, gate: bool = True) -> Palette:
    replies = [_reply("bad", "亲,某某旗舰店卖得贵,我们最好"), _reply("ok", "亲,我们最好")]
    widget = Palette(lambda q: [Hit(r, 1.0) for r in replies], lint=fake_lint, lint_gate=gate)
    qtbot.addWidget(widget)
    widget.popup()
    return widget


def test_lint_gate_asks_then_pastes_on_second_enter(qtbot: Any) -> None:
    palette = _gate_palette(qtbot)
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    assert palette.pages.currentIndex() == PAGE_CONFIRM
    assert "红线" in palette.confirm_label.text()
    words = [w.text() for w in palette.confirm_page.findChildren(QLabel, "PaletteGateWords")]
    assert words == ["「某某旗舰店」不要在聊天中提及其他店铺", "「最好」极限词"]
    with qtbot.waitSignal(palette.chosen) as sig:
        qtbot.keyClick(palette.confirm_page.text, Qt.Key.Key_Return)
    assert sig.args[1] == "亲,某某旗舰店卖得贵,我们最好"


def test_lint_gate_escape_goes_back(qtbot: Any) -> None:
    palette = _gate_palette(qtbot)
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(palette.confirm_page.text, Qt.Key.Key_Escape)
    assert palette.pages.currentIndex() == PAGE_RESULTS


def test_warnings_do_not_gate(qtbot: Any) -> None:
    palette = _gate_palette(qtbot)
    qtbot.keyClick(palette.query, Qt.Key.Key_Down)
    with qtbot.waitSignal(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)


def test_gate_off_pastes_at_once(qtbot: Any) -> None:
    palette = _gate_palette(qtbot, gate=False)
    with qtbot.waitSignal(palette.chosen):
        qtbot.keyClick(palette.query, Qt.Key.Key_Return)


def test_preview_underlines_findings_by_level(qtbot: Any) -> None:
    palette = _gate_palette(qtbot)
    doc = palette.preview.document()
    text = doc.toPlainText()
    assert text == "亲,某某旗舰店卖得贵,我们最好"

    def underline_at(pos: int) -> QTextCharFormat.UnderlineStyle:
        block = doc.findBlock(pos)
        for fr in block.textFormats():
            if fr.start <= pos < fr.start + fr.length:
                return fr.format.underlineStyle()
        return QTextCharFormat.UnderlineStyle.NoUnderline

    wavy = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    findings = palette.findings_label.text()
    assert "「某某旗舰店」不要在聊天中提及其他店铺" in findings and "「最好」极限词" in findings
    assert "⛔" not in findings and "⚠" not in findings  # drawn icons, not a font's emoji
    assert findings.count('<img src="data:image/png;base64,') == 2
    assert underline_at(text.index("某某")) == wavy
    assert underline_at(text.index("最好")) == wavy
    assert underline_at(0) != wavy


def test_preview_text_fills_builtins_and_marks_blanks() -> None:
    builtins = {"agent": "小美", "shop": "", "date": "1月2日", "time": "", "clipboard": ""}
    assert preview_text("{客服}:{身高}/{尺码:M|L}/{店铺}", builtins) == "小美:[身高]/M/[店铺]"
    assert preview_text("{broken", builtins) == "{broken"


def test_emoji_offsets_underline_the_right_characters(qtbot: Any) -> None:
    replies = [_reply("e", "😊😊某某旗舰店")]
    palette = Palette(lambda q: [Hit(r, 1.0) for r in replies], lint=fake_lint)
    qtbot.addWidget(palette)
    palette.popup()
    cursor = palette.preview.textCursor()
    wavy = QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    cursor.setPosition(4)  # after two emoji (two UTF-16 units each)
    cursor.setPosition(5, cursor.MoveMode.KeepAnchor)
    assert cursor.charFormat().underlineStyle() == wavy
    cursor.setPosition(3)
    cursor.setPosition(4, cursor.MoveMode.KeepAnchor)
    assert cursor.charFormat().underlineStyle() != wavy


def test_clicking_another_window_puts_the_palette_away(qtbot: Any, palette: Palette) -> None:
    from PySide6.QtWidgets import QWidget

    palette.popup()
    qtbot.waitUntil(palette.isActiveWindow)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    with qtbot.waitSignal(palette.abandoned), qtbot.assertNotEmitted(palette.dismissed):
        other.activateWindow()
    assert not palette.isVisible()


def test_ime_enter_in_a_form_field_commits_and_stays(qtbot: Any, palette: Palette) -> None:
    palette.popup()
    qtbot.keyClicks(palette.query, "cm1")
    qtbot.keyClick(palette.query, Qt.Key.Key_Return)
    height = palette._pending.fields[0][1]  # type: ignore[union-attr]
    height.inputMethodEvent(QInputMethodEvent("yimiqi", []))  # type: ignore[union-attr]
    with qtbot.assertNotEmitted(palette.chosen):
        qtbot.keyClick(height, Qt.Key.Key_Return)
    assert height.text() == "yimiqi"  # type: ignore[union-attr]
    assert palette.pages.currentIndex() == PAGE_FORM
    assert height.hasFocus() or not palette.isActiveWindow()
