"""The palette's results page: the list of hits, its painter, and the preview beside it.

Highlighting is data (Ulauncher's habit): `core.search.highlight()` cuts a text into
`(piece, is_match)` pairs from a hit's spans, and the delegate only paints them.
The page only lays the widgets out; the palette (`window.py`) fills the
preview when the current row changes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QResizeEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QLabel,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from quickreply.core import render
from quickreply.core.library import PERSONAL_PACK_ID
from quickreply.core.model import Reply
from quickreply.core.search import Hit, Span, highlight

HitRole = Qt.ItemDataRole.UserRole + 1
UidRole = Qt.ItemDataRole.UserRole + 2
TitleSpansRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


# Row text colours, chosen for contrast (WCAG) on the list's white and on the
# selected row's #fff0e6 (resources/styles/palette.qss): the grey of the
# second line is 7.0:1 on white, 6.4:1 selected (>= 4.5:1 for small text).
SECOND_LINE_COLOUR = "#595959"
NUMBER_COLOUR = "#6b6b6b"  # 5.3:1 on white
ROW_BACKGROUNDS = ("#ffffff", "#fff0e6")
SCENARIO_SEPARATOR = " › "
ELLIPSIS = "…"


def highlighted_html(text: str, spans: Sequence[Span], colour: str = "#ff5000") -> str:
    return "".join(
        f'<b style="color:{colour}">{html.escape(piece)}</b>' if hit else html.escape(piece)
        for piece, hit in highlight(text, spans)
    )


def snippet(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + ELLIPSIS


def pack_label(reply: Reply) -> str:
    """Where a reply comes from, in the UI language: built-in, team or personal."""
    if reply.pack_id == PERSONAL_PACK_ID:
        return QCoreApplication.translate("Results", "个人")
    if reply.pack_id.startswith("builtin."):
        return QCoreApplication.translate("Results", "内置")
    return QCoreApplication.translate("Results", "团队")


def suggested_mark() -> str:
    """Marks a row suggested for a buyer's message rather than matched."""
    return QCoreApplication.translate("Results", "按消息推荐")


def source_line(reply: Reply) -> str:
    """The scenario path and the pack kind: `议价 › 通用 · 内置`."""
    path = SCENARIO_SEPARATOR.join(reply.scenario_path)
    return f"{path} · {pack_label(reply)}" if path else pack_label(reply)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def elide(text: str, metrics: QFontMetrics, width: int) -> str:
    """`text` cut to `width` pixels, ending in "…" when cut."""
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))


class ResultsModel(QAbstractListModel):
    """One row per hit, in ranking order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[Hit] = []

    def set_hits(self, hits: Sequence[Hit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> Hit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        reply = hit.reply
        if role == Qt.ItemDataRole.DisplayRole:
            return reply.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return reply.text
        if role == HitRole:
            return hit
        if role == UidRole:
            return reply.uid
        if role == TitleSpansRole:
            return list(hit.spans.get("title", ()))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )


class ResultDelegate(QStyledItemDelegate):
    """Paints a row in two lines that never wrap or scroll sideways:

        1  title with matches highlighted  [codes]
           [按消息推荐 · ]scenario › path · pack — snippet of the reply…

    (the mark when the row was suggested for a buyer's message, not matched).

    Both lines are cut to the row's width with "…" (Qt's font metrics), so a
    long title or body never widens the list.
    """

    ROW_HEIGHT = 46
    PADDING = 6  # pixels kept free at the right edge

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One document reused for every row: creating one (and its layout) per
        # painted row costs more than the search itself.
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)
        no_wrap = QTextOption()
        no_wrap.setWrapMode(QTextOption.WrapMode.NoWrap)
        self._doc.setDefaultTextOption(no_wrap)

    def lines(self, option: QStyleOptionViewItem, index: _Index) -> tuple[str, str]:
        """The row's two lines as HTML, each cut to fit the row's width."""
        hit: Hit | None = index.data(HitRole)
        if hit is None:
            return "", ""
        reply = hit.reply
        font = QFont(option.font)
        metrics = QFontMetrics(font)
        small = QFont(font)
        if font.pixelSize() > 0:
            small.setPixelSize(max(round(font.pixelSize() * 0.86), 8))
        elif font.pointSizeF() > 0:
            small.setPointSizeF(max(font.pointSizeF() * 0.86, 6.0))
        small_metrics = QFontMetrics(small)
        width = option.rect.width() - self.PADDING - 2 * int(self._doc.documentMargin())
        number = f"{index.row() + 1}  " if index.row() < 9 else "    "
        codes = f"  [{' '.join(reply.codes)}]" if reply.codes else ""
        room = width - metrics.horizontalAdvance(number) - metrics.horizontalAdvance(codes)
        title = elide(reply.title, metrics, room)
        if not title and reply.title:  # too narrow for the codes too: the title first
            codes = ""
            title = elide(reply.title, metrics, width - metrics.horizontalAdvance(number))
        keep = len(title) - (1 if title != reply.title and title.endswith(ELLIPSIS) else 0)
        title_spans = [(a, min(b, keep)) for a, b in hit.spans.get("title", ()) if a < keep]
        first = (
            f'<span style="color:{NUMBER_COLOUR}">{html.escape(number).replace(" ", "&nbsp;")}'
            "</span>"
            + highlighted_html(title, title_spans)
            + (
                f'<span style="color:{SECOND_LINE_COLOUR}">'
                + highlighted_html(codes, _shift(hit.spans.get("codes", ()), 3))
                + "</span>"
                if codes
                else ""
            )
        )
        indent = "    "
        body = " ".join(render.preview(reply.text).split())
        mark = suggested_mark() + " · " if hit.suggested else ""
        second_text = elide(
            f"{indent}{mark}{source_line(reply)} — {body}",
            small_metrics,
            width,
        )
        size = f"{small.pixelSize()}px" if small.pixelSize() > 0 else f"{small.pointSizeF():.1f}pt"
        second = (
            f'<span style="color:{SECOND_LINE_COLOUR}; font-size:{size}">'
            + html.escape(second_text).replace(" ", "&nbsp;")
            + "</span>"
        )
        return first, second

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        doc = self._doc
        doc.setDefaultFont(option.font)
        first, second = self.lines(option, index)
        if not first:
            doc.clear()
            return doc
        doc.setHtml(f"{first}<br/>{second}")
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        clip = QRectF(0, 0, option.rect.width(), option.rect.height())
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        # The selection background (palette.qss) is light: keep the normal text colour.
        context.palette.setColor(
            QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.Text)
        )
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        # as wide as the view, never wider: no horizontal scroll bar
        return QSize(0, self.ROW_HEIGHT)


def _shift(spans: Sequence[Span], by: int) -> list[Span]:
    return [(a + by, b + by) for a, b in spans]


class ResultsList(QListView):
    """The list of hits: whole rows only (the bottom margin takes what a partial
    row would show), never a horizontal scroll bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerItem)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setWordWrap(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)

    def resizeEvent(self, event: QResizeEvent) -> None:
        height = self.contentsRect().height()
        self.setViewportMargins(0, 0, 0, height % ResultDelegate.ROW_HEIGHT)
        super().resizeEvent(event)


class ResultsPage(QSplitter):
    """The results page: the ranked list on the left, the reply under the cursor on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.model = ResultsModel(self)
        self.list = ResultsList(self)
        self.list.setObjectName("PaletteResults")
        self.list.setModel(self.model)
        self.list.setItemDelegate(ResultDelegate(self.list))
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys stay in the query box
        self.list.setUniformItemSizes(True)
        side = QWidget(self)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.setSpacing(2)
        self.preview = QTextEdit(side)
        self.preview.setObjectName("PalettePreview")
        self.preview.setReadOnly(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # Translated in the palette's context, where the catalogue has always had it.
        self.preview.setPlaceholderText(QCoreApplication.translate("Palette", "没有找到匹配的回复"))
        side_layout.addWidget(self.preview, 1)
        # What the linter found in the reply under the cursor, in words (the
        # underlines alone need a mouse to read).
        self.findings_label = QLabel(side)
        self.findings_label.setObjectName("PaletteFindings")
        self.findings_label.setWordWrap(True)
        self.findings_label.setTextFormat(Qt.TextFormat.PlainText)
        side_layout.addWidget(self.findings_label)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
