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
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
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
from quickreply.core.search import Hit, Span, highlight

HitRole = Qt.ItemDataRole.UserRole + 1
UidRole = Qt.ItemDataRole.UserRole + 2
TitleSpansRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def highlighted_html(text: str, spans: Sequence[Span], colour: str = "#ff5000") -> str:
    return "".join(
        f'<b style="color:{colour}">{html.escape(piece)}</b>' if hit else html.escape(piece)
        for piece, hit in highlight(text, spans)
    )


def snippet(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


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
    """Paints a row: its number (1-9), the title with matches highlighted, codes and a snippet."""

    ROW_HEIGHT = 44

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # One document reused for every row: creating one (and its layout) per
        # painted row costs more than the search itself.
        self._doc = QTextDocument(self)
        self._doc.setDocumentMargin(2)

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        hit: Hit | None = index.data(HitRole)
        doc = self._doc
        doc.setDefaultFont(option.font)
        if hit is None:
            doc.clear()
            return doc
        reply = hit.reply
        number = f"{index.row() + 1}&nbsp;&nbsp;" if index.row() < 9 else "&nbsp;&nbsp;&nbsp;&nbsp;"
        codes = ""
        if reply.codes:
            codes_text = " ".join(reply.codes)
            codes = (
                '&nbsp;&nbsp;<span style="color:#808080">['
                + highlighted_html(codes_text, hit.spans.get("codes", ()))
                + "]</span>"
            )
        text_spans = hit.spans.get("text", ())
        body = snippet(render.preview(reply.text))  # blanks as their default or [name]
        # Spans index the raw text: highlight only when the snippet is that text.
        body_html = highlighted_html(body, text_spans) if body == reply.text else html.escape(body)
        doc.setHtml(
            f'<span style="color:#a0a0a0">{number}</span>'
            + highlighted_html(reply.title, hit.spans.get("title", ()))
            + codes
            + f'<br/><span style="color:#808080; font-size:small">{body_html}</span>'
        )
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
        return QSize(option.rect.width(), self.ROW_HEIGHT)


class ResultsPage(QSplitter):
    """The results page: the ranked list on the left, the reply under the cursor on the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.model = ResultsModel(self)
        self.list = QListView(self)
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
