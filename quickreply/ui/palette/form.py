"""The fill-in form: a field for every blank a reply leaves to the agent.

A reply such as 「亲，您身高{身高}、体重{体重}，建议选{推荐尺码:S|M|L|XL}码」
cannot be pasted until the agent has answered its blanks; built-ins
({客服}, {日期}, {剪贴板}) are filled without asking. The form only collects
answers: `quickreply.core.render` does the filling, and the palette
(`window.py`) decides when the reply moves on to the lint gate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from quickreply.core import render
from quickreply.core.model import Reply
from quickreply.ui.palette.query import QueryEdit

Field = tuple[render.Blank, QLineEdit | QComboBox]


@dataclass
class Pending:
    """A reply on its way out: between Enter and the paste (form, confirmation)."""

    reply: Reply
    copy_only: bool
    fields: list[Field] = field(default_factory=list)
    text: str = ""


def preview_text(template: str, builtins: Mapping[str, str]) -> str:
    """The reply as it would be pasted, with each unanswered blank shown as `[name]`."""
    try:
        parts = render.parse(template)
    except render.TemplateError:
        return template
    out: list[str] = []
    for seg in parts:
        if isinstance(seg, str):
            out.append(seg)
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


def is_unanswered(blank: render.Blank, widget: QLineEdit | QComboBox) -> bool:
    """An empty text field with no default: Enter must not skip it (a choice always has one)."""
    return isinstance(widget, QLineEdit) and not widget.text().strip() and blank.default is None


def answers(fields: Sequence[Field]) -> dict[str, str]:
    """The agent's answers by blank name, ready for `render.render`."""
    return {b.name: (w.currentText() if isinstance(w, QComboBox) else w.text()) for b, w in fields}


class FormPage(QFrame):
    """The form's page in the palette; its rows are rebuilt for each reply."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        outer.addWidget(self.title)
        self.host = QWidget(self)
        self.form = QFormLayout(self.host)
        outer.addWidget(self.host)
        outer.addStretch(1)

    def ask(self, reply: Reply, asked: Sequence[render.Blank], keys: QObject) -> list[Field]:
        """One row per blank; `keys` filters the fields' keys (Enter moves on, Esc goes back)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        # Translated in the palette's context, where the catalogue has always had it.
        self.title.setText(
            QCoreApplication.translate("Palette", "填写「%1」的空白：").replace("%1", reply.title)
        )
        fields: list[Field] = []
        for blank in asked:
            editor: QLineEdit | QComboBox
            if blank.choices:
                editor = QComboBox(self.host)
                editor.addItems(list(blank.choices))
            else:
                editor = QueryEdit(self.host)  # tracks IME composition like the query
                editor.setText(blank.default or "")
            editor.setObjectName(f"blank:{blank.name}")
            editor.installEventFilter(keys)
            self.form.addRow(blank.name, editor)
            fields.append((blank, editor))
        return fields
