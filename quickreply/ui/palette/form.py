"""The fill-in form: a field for every blank a reply leaves to the agent.

A reply such as 「亲，您身高{身高}、体重{体重}，建议选{推荐尺码:S|M|L|XL}码」
cannot be pasted until the agent has answered its blanks; built-ins
({客服}, {日期}, {剪贴板}) are filled without asking. Under the fields the
finished text shows as it will be pasted, updated on every keystroke, with
what is still unanswered as [name]. A blank with no default is required: its
label says so, and the field is marked red when Enter would skip it empty.
Choices are a short list (arrows pick). The form only collects answers:
`quickreply.core.render` does the filling, and the palette (`window.py`)
decides when the reply moves on to the lint gate.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from quickreply.core import render
from quickreply.core.lint.checker import LintFn
from quickreply.core.model import Reply
from quickreply.ui.palette import gate
from quickreply.ui.palette.query import QueryEdit

Editor = QLineEdit | QListWidget
Field = tuple[render.Blank, Editor]
_LIST_ROWS = 5  # a choice list taller than this scrolls


@dataclass
class Pending:
    """A reply on its way out: between Enter and the paste (form, confirmation)."""

    reply: Reply
    copy_only: bool
    fields: list[Field] = field(default_factory=list)
    text: str = ""


def preview_text(
    template: str, builtins: Mapping[str, str], values: Mapping[str, str] | None = None
) -> str:
    """The reply as it would be pasted, with each unanswered blank shown as `[name]`."""
    try:
        parts = render.parse(template)
    except render.TemplateError:
        return template
    given = values or {}
    out: list[str] = []
    for seg in parts:
        if isinstance(seg, str):
            out.append(seg)
        elif given.get(seg.name, "").strip():
            out.append(given[seg.name])
        elif seg.builtin is not None and builtins.get(seg.builtin):
            out.append(builtins[seg.builtin])
        elif seg.default is not None:
            out.append(seg.default)
        else:
            out.append(f"[{seg.name}]")
    return "".join(out)


def fill_in(template: str, values: Mapping[str, str], builtins: Mapping[str, str]) -> str:
    """The text to paste: answers and built-ins filled in, whatever the template's state.

    A malformed template is pasted as written, and a built-in with no value
    (no shop name set) is left empty: neither may stop the agent pasting.
    """
    try:
        return render.render(template, values, builtins)
    except render.TemplateError:
        return template
    except render.MissingValues as exc:
        blank_values = {**dict.fromkeys(exc.names, ""), **values}
        return render.render(template, blank_values, builtins)


def is_required(blank: render.Blank) -> bool:
    """A blank with neither a default nor choices must be answered."""
    return blank.default is None and not blank.choices


def value_of(widget: Editor) -> str:
    if isinstance(widget, QListWidget):
        item = widget.currentItem()
        return item.text() if item is not None else ""
    return widget.text()


def is_unanswered(blank: render.Blank, widget: Editor) -> bool:
    """An empty required field: Enter must not skip it (a choice always has one)."""
    return is_required(blank) and not value_of(widget).strip()


def answers(fields: Sequence[Field]) -> dict[str, str]:
    """The agent's answers by blank name, ready for `render.render`."""
    return {b.name: value_of(w) for b, w in fields}


class FormPage(QFrame):
    """The form's page in the palette: fields (rebuilt for each reply) above a live preview."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[Field] = []
        self.template = ""
        self.builtins: Mapping[str, str] = {}
        self.lint: LintFn | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 4, 6, 4)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.host = QWidget(self)
        self.form = QFormLayout(self.host)
        self.form.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.host)
        self.preview_title = QLabel(QCoreApplication.translate("Palette", "将要发送："), self)
        self.preview_title.setObjectName("PaletteFormPreviewTitle")
        outer.addWidget(self.preview_title)
        self.preview = QTextEdit(self)
        self.preview.setObjectName("PaletteFormPreview")
        self.preview.setReadOnly(True)
        self.preview.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer.addWidget(self.preview, 1)

    def ask(
        self,
        reply: Reply,
        asked: Sequence[render.Blank],
        keys: QObject,
        builtins: Mapping[str, str],
        lint: LintFn | None = None,
    ) -> list[Field]:
        """One row per blank; `keys` filters the fields' keys (Enter moves on, Esc goes back)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.template, self.builtins, self.lint = reply.text, builtins, lint
        title = QCoreApplication.translate("Palette", "填写「%1」的空白：")
        self.title.setText(title.replace("%1", reply.title))
        self.fields = []
        for blank in asked:
            editor: Editor
            if blank.choices:
                editor = self._choice_list(blank)
            else:
                editor = QueryEdit(self.host)  # tracks IME composition like the query
                editor.setText(blank.default or "")
                if is_required(blank):
                    editor.setPlaceholderText(QCoreApplication.translate("Palette", "必填"))
                editor.textChanged.connect(self.refresh)
            editor.setObjectName(f"blank:{blank.name}")
            editor.installEventFilter(keys)
            self.form.addRow(self._label(blank), editor)
            self.fields.append((blank, editor))
        self.refresh()
        return self.fields

    def _label(self, blank: render.Blank) -> QLabel:
        label = QLabel(self.host)
        label.setTextFormat(Qt.TextFormat.RichText)
        name = html.escape(blank.name)
        if is_required(blank):  # marked at the field, not only in the footer
            name += '<span style="color:#d50000">＊</span>'
            label.setToolTip(QCoreApplication.translate("Palette", "必填"))
        label.setText(name)
        return label

    def _choice_list(self, blank: render.Blank) -> QListWidget:
        choices = QListWidget(self.host)
        choices.addItems(list(blank.choices))
        default = blank.default if blank.default in blank.choices else blank.choices[0]
        choices.setCurrentRow(blank.choices.index(default))
        row = max(choices.sizeHintForRow(0), 18)
        choices.setFixedHeight(row * min(len(blank.choices), _LIST_ROWS) + 2 * choices.frameWidth())
        choices.currentRowChanged.connect(self.refresh)
        return choices

    def mark_missing(self, widget: Editor, missing: bool) -> None:
        """A red frame on a required field left empty (palette.qss: [missing="true"])."""
        widget.setProperty("missing", missing)
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def refresh(self) -> None:
        """The preview follows every answer; a field answered loses its red frame."""
        for blank, widget in self.fields:
            if widget.property("missing") and not is_unanswered(blank, widget):
                self.mark_missing(widget, False)
        text = preview_text(self.template, self.builtins, answers(self.fields))
        gate.show_marked(self.preview, text, self.lint)

