"""Result rows say where a reply comes from, fit their width, and read clearly."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyleOptionViewItem

from quickreply.core.model import Reply
from quickreply.core.search import Hit
from quickreply.ui.palette.results import (
    NUMBER_COLOUR,
    ROW_BACKGROUNDS,
    SECOND_LINE_COLOUR,
    ResultDelegate,
    ResultsPage,
    contrast_ratio,
    pack_label,
)

pytestmark = pytest.mark.qt

LONG_TITLE = "超长标题：" + "七天无理由退货说明" * 12
LONG_TEXT = "亲，" + "收到商品后如有任何问题请第一时间联系我们客服处理哦～" * 20


def _replies() -> list[Reply]:
    return [
        Reply(id="a", title="通用：已经是活动价", text="亲，价格已经是活动价了。",
              scenario="议价/通用", codes=("yj1",), pack_id="builtin.bargain"),
        Reply(id="b", title=LONG_TITLE, text=LONG_TEXT, scenario="售后/退货/七天无理由",
              codes=("sh1", "sh2"), pack_id="team.shop"),
        Reply(id="c", title="我的开场白", text="您好～", scenario="", pack_id="personal"),
    ]  # fmt: skip


def _plain(html: str) -> str:
    text = re.sub(r"<[^>]+>", "", html).replace("&nbsp;", " ")
    return text.replace("&gt;", ">").replace("&lt;", "<").replace("&amp;", "&")


@pytest.fixture
def page(qtbot) -> ResultsPage:  # type: ignore[no-untyped-def]
    widget = ResultsPage()
    qtbot.addWidget(widget)
    widget.model.set_hits([Hit(r, 1.0, {"title": ((0, 2),)}) for r in _replies()])
    widget.resize(640, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _lines(page: ResultsPage, row: int) -> tuple[str, str, int]:
    view = page.list
    delegate = view.itemDelegate()
    assert isinstance(delegate, ResultDelegate)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.font = view.font()
    option.rect = view.visualRect(page.model.index(row, 0))
    first, second = delegate.lines(option, page.model.index(row, 0))
    return _plain(first), _plain(second), option.rect.width()


def test_every_row_names_its_scenario_path_and_pack(page: ResultsPage) -> None:
    built_in = _lines(page, 0)[1]
    assert "议价 › 通用 · 内置" in built_in
    assert "售后 › 退货" in _lines(page, 1)[1] and "团队" in _lines(page, 1)[1]
    assert _lines(page, 2)[1].strip().startswith("个人")


def test_the_pack_kinds_are_translated(qapp) -> None:  # type: ignore[no-untyped-def]
    from quickreply.ui import resources

    reply = Reply(id="x", title="t", text="t", pack_id="builtin.x")
    assert pack_label(reply) == "内置"
    translator = resources.install_translator("en")
    assert translator is not None
    try:
        assert pack_label(reply) == "Built-in"
        assert pack_label(Reply(id="x", title="t", text="t", pack_id="personal")) == "Personal"
        assert pack_label(Reply(id="x", title="t", text="t", pack_id="team.a")) == "Team"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_long_lines_are_cut_with_an_ellipsis_to_the_row_width(page: ResultsPage) -> None:
    first, second, width = _lines(page, 1)
    assert first.rstrip().endswith("[sh1 sh2]") and "…" in first
    assert second.endswith("…")
    metrics = QFontMetrics(page.list.font())
    assert metrics.horizontalAdvance(first) <= width
    short_first, short_second, _ = _lines(page, 0)
    assert "…" not in short_first and "活动价" in short_second


def test_no_horizontal_scroll_bar_even_for_a_very_long_row(page: ResultsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    for width in (320, 480, 900):
        page.resize(width, 300)
        qtbot.wait(10)
        bar = page.list.horizontalScrollBar()
        assert not bar.isVisible()
        assert bar.maximum() == 0
        hint = page.list.itemDelegate().sizeHint(QStyleOptionViewItem(), page.model.index(1, 0))
        assert hint.width() <= page.list.viewport().width()


def test_only_whole_rows_show(page: ResultsPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.model.set_hits([Hit(r, 1.0) for r in _replies() * 10])
    for height in (200, 217, 251, 333, 400):
        page.resize(640, height)
        qtbot.wait(10)
        shown = page.list.viewport().height()
        assert shown > 0
        assert shown % ResultDelegate.ROW_HEIGHT == 0, (height, shown)


def test_second_line_and_numbers_are_readable() -> None:
    for background in ROW_BACKGROUNDS:
        assert contrast_ratio(SECOND_LINE_COLOUR, background) >= 4.5
        assert contrast_ratio(NUMBER_COLOUR, background) >= 4.5
    # the formula itself: black on white is 21:1, a colour on itself 1:1
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#808080", "#808080") == pytest.approx(1.0)
    assert contrast_ratio("#808080", "#ffffff") < 4.5  # the old grey failed


def test_row_size_hint_is_fixed_height(page: ResultsPage) -> None:
    hint = page.list.itemDelegate().sizeHint(QStyleOptionViewItem(), page.model.index(0, 0))
    assert hint == QSize(0, ResultDelegate.ROW_HEIGHT)


def test_suggested_rows_say_so(page: ResultsPage) -> None:
    reply = _replies()[0]
    page.model.set_hits([Hit(reply, 1.0, suggested=True), Hit(reply, 1.0)])
    assert _lines(page, 0)[1].strip().startswith("按消息推荐 · 议价 › 通用")
    assert "按消息推荐" not in _lines(page, 1)[1]


def test_ctrl_b_lists_the_suggestions_for_the_clipboard_message(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    from quickreply.core.search import SearchIndex
    from quickreply.ui.palette import Palette

    replies = _replies()
    index = SearchIndex(replies, cache_dir=None)
    clipboard = {"text": "老板这个能便宜点吗"}
    palette = Palette(
        lambda q: index.search(q, 50),
        suggest=lambda: index.suggest(clipboard["text"], 50),
    )
    qtbot.addWidget(palette)
    palette.popup()
    palette.query.setText("zzzz")
    assert palette.model.rowCount() == 0
    qtbot.keyClick(palette.query, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    first = palette.model.hit(0)
    assert first is not None and first.suggested and first.reply.id == "a"
    assert palette.current_row == 0
    clipboard["text"] = "🙂"
    qtbot.keyClick(palette.query, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert palette.model.rowCount() == 0
    palette.hide()


def test_the_suggested_mark_is_translated() -> None:
    from quickreply.ui import resources
    from quickreply.ui.palette.results import suggested_mark

    assert suggested_mark() == "按消息推荐"
    translator = resources.install_translator("en")
    assert translator is not None
    try:
        assert suggested_mark() == "Suggested for the message"
    finally:
        QCoreApplication.removeTranslator(translator)
