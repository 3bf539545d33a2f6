"""The palette window: it stacks the pages, walks a reply through them, and owns the keys.

Keys (shown in the footer):
- typing searches on every keystroke;
- Up/Down, Tab/Shift+Tab, PageUp/PageDown move;
- Enter pastes, Ctrl+Enter copies only, Esc closes (or goes back a step);
- Alt+1..9 picks the row with that number; a digit typed without Alt is
  always query text (`7天`, `48小时`, a shortcut code such as `kj1`), even
  into an empty query, so a digit never pastes by surprise;
- while an input method is composing (pinyin not yet committed), Enter
  commits the composition and never pastes.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QCursor, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from quickreply.core import render
from quickreply.core.lint.checker import LintFn
from quickreply.core.model import Reply
from quickreply.core.ports import FocusSpot
from quickreply.core.search import Hit
from quickreply.core.search.finder import RESULT_LIMIT
from quickreply.ui.palette import form, gate, placement
from quickreply.ui.palette.note import FlowNote
from quickreply.ui.palette.query import QueryEdit
from quickreply.ui.palette.results import ResultsPage

FindFn = Callable[[str], Sequence[Hit]]
BuiltinsFn = Callable[[], Mapping[str, str]]

PAGE_RESULTS, PAGE_FORM, PAGE_CONFIRM = 0, 1, 2
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}
# Keys that move the current row, by how many rows (it wraps at either end).
_MOVES: dict[int, int] = {
    Qt.Key.Key_Down: 1,
    Qt.Key.Key_Tab: 1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Backtab: -1,
    Qt.Key.Key_PageDown: 8,
    Qt.Key.Key_PageUp: -8,
}


class Palette(QWidget):
    chosen = Signal(object, str, bool)  # reply, final text, copy only
    dismissed = Signal()
    abandoned = Signal()  # the agent clicked another window: hidden, focus left there
    shown = Signal()
    focused = Signal()  # the window manager gave the palette the keyboard
    gated = Signal(list)  # rule ids of the error findings that asked for confirmation

    LIMIT = RESULT_LIMIT

    def __init__(
        self,
        find: FindFn,
        *,
        lint: LintFn | None = None,
        builtins: BuiltinsFn | None = None,
        lint_gate: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.search_fn = find
        self.lint = lint
        self.builtins_fn: BuiltinsFn = builtins or (lambda: render.builtin_values())
        self.lint_gate = lint_gate
        self._builtins: Mapping[str, str] = {}
        self._pending: form.Pending | None = None
        self._was_active = False
        self._announcement = ""
        # Where the agent types, as the OS said when the hotkey was pressed (controller).
        self.anchor: FocusSpot | None = None
        self.hide_on_blur = True
        self.setObjectName("Palette")
        self.setWindowFlags(
            Qt.WindowType.Tool
            | Qt.WindowType.FramelessWindowHint
            | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setWindowTitle(self.tr("快捷回复"))
        self.resize(760, 440)
        self._build()

    # -- construction

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 6)
        layout.setSpacing(6)
        self.query = QueryEdit(self)
        self.query.setObjectName("PaletteQuery")
        self.query.setPlaceholderText(self.tr("搜索回复：中文、拼音、首字母或快捷编码"))
        self.query.textChanged.connect(self._on_query)
        self.query.installEventFilter(self)
        layout.addWidget(self.query)

        self.note = FlowNote(self)
        layout.addWidget(self.note)

        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)

        # Results and preview.
        split = ResultsPage(self.pages)
        self.model, self.results = split.model, split.list
        self.preview, self.findings_label = split.preview, split.findings_label
        self.findings_label.setTextFormat(Qt.TextFormat.RichText)  # drawn icons (gate.summary)
        self.results.selectionModel().currentRowChanged.connect(self._on_current)
        self.results.doubleClicked.connect(lambda idx: self.accept_row(idx.row()))
        self.pages.addWidget(split)

        # The fill-in form (rebuilt per reply).
        self.form_page = form.FormPage(self.pages)
        self.pages.addWidget(self.form_page)

        # The lint gate's confirmation.
        self.confirm_page = gate.ConfirmPage(self.pages)
        self.confirm_page.submitted.connect(self._gate_submitted)
        self.confirm_page.cancelled.connect(self.back_to_results)
        self.confirm_label = self.confirm_page.label
        self.pages.addWidget(self.confirm_page)

        footer = QHBoxLayout()
        self.footer = footer  # the app adds its ☰ menu button here (ui/manager/welcome.py)
        self.hint = QLabel(self)
        self.hint.setObjectName("PaletteHint")
        footer.addWidget(self.hint, 1)
        layout.addLayout(footer)
        self._show_results_hint()

    # -- showing

    def popup(self, near: FocusSpot | None = None) -> None:
        """Show near where the agent types (else at the mouse), the query focused and emptied."""
        self.anchor = near
        self._reset()
        if self.query.text():
            self.query.clear()  # runs the empty search
        else:
            self._on_query("")
        self._show_window()
        self.query.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.shown.emit()

    def _reset(self) -> None:
        self._builtins = self._read_builtins()
        self._pending = None
        self.pages.setCurrentIndex(PAGE_RESULTS)
        self._show_results_hint()

    def _show_window(self) -> None:
        if not self.isVisible():
            self._place()
        self.show()
        self.raise_()
        self.activateWindow()

    def hideEvent(self, event: Any) -> None:
        self._was_active = False
        super().hideEvent(event)

    def announce(self, text: str) -> None:
        """A one-off footer line (new replies loaded) until the agent types; trays may be absent."""
        self._announcement = text
        if self.isVisible() and self.pages.currentIndex() == PAGE_RESULTS:
            self._show_results_hint()

    def set_note(self, text: str, context: Collection[str] = ()) -> None:
        """The next step of a talk script above the results, while in that flow (`note.py`)."""
        self.note.set_note(text, context)
        self._update_note()

    def _update_note(self) -> None:
        hits = (self.model.hit(row) for row in range(self.model.rowCount()))
        uids = (hit.reply.uid for hit in hits if hit is not None)
        self.note.follow(self.pages.currentIndex() == PAGE_RESULTS, self.query.text(), uids)

    def dismiss(self) -> None:
        self.hide()
        self._pending = None
        self.dismissed.emit()

    def _place(self) -> None:
        """Near the caret or the focused window's centre (`anchor`), else the mouse; on-screen."""
        rect = placement.place(self.size(), self.anchor, QCursor.pos(), placement.screens())
        if rect is not None:
            self.setGeometry(rect)

    def _read_builtins(self) -> Mapping[str, str]:
        try:
            return self.builtins_fn()  # may be lazy: {clipboard} is read only when used
        except Exception:  # a clipboard that cannot be read must not block the palette
            return render.builtin_values()

    # -- results

    def _on_query(self, text: str) -> None:
        if self._announcement and text:  # read: the keys come back
            self._announcement = ""
            self._show_results_hint()
        hits = self.search_fn(text.strip())[: self.LIMIT]
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0, 0))
        else:
            self.preview.clear()
            self.findings_label.clear()
        self._update_note()

    def search_again(self) -> None:
        """The library changed under an open palette: the same query, new results."""
        self._on_query(self.query.text())

    @property
    def current_row(self) -> int:
        return self.results.currentIndex().row()

    def step(self, step: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self.current_row
        row = (row + step) % count if row >= 0 else 0
        self.results.setCurrentIndex(self.model.index(row, 0))

    def _on_current(self, current: Any, _previous: Any) -> None:
        hit = self.model.hit(current.row())
        if hit is None:
            self.preview.clear()
            self.findings_label.clear()
            return
        text = form.preview_text(hit.reply.text, self._builtins)
        found = gate.show_marked(self.preview, text, self.lint)
        self.findings_label.setText(gate.summary(found))

    # -- choosing

    def accept_row(self, row: int | None = None, copy_only: bool = False) -> None:
        row = self.current_row if row is None else row
        hit = self.model.hit(row)
        if hit is None:
            return
        self.results.setCurrentIndex(self.model.index(row, 0))
        self.choose(hit.reply, copy_only)

    def choose(self, reply: Reply, copy_only: bool = False) -> None:
        """Take `reply` through the form and the lint gate; shows the palette only if needed.

        A reply's own hotkey calls this directly: with no blanks and no red line
        it is emitted at once, without the palette ever appearing.
        """
        if not self.isVisible():
            self._reset()
        self._pending = form.Pending(reply, copy_only)
        try:
            asked = render.questions(reply.text)
        except render.TemplateError:
            asked = []  # a malformed template is pasted as written
        if asked:
            self._open_form(asked)
        else:
            self._finish({})

    def _open_form(self, asked: Sequence[render.Blank]) -> None:
        assert self._pending is not None
        self._show_window()
        fields = self.form_page.ask(
            self._pending.reply, asked, keys=self, builtins=self._builtins, lint=self.lint
        )
        self._pending.fields = fields
        self.pages.setCurrentIndex(PAGE_FORM)
        self._update_note()
        self.hint.setText(self.tr("Enter 下一项 / 最后一项粘贴 · Esc 返回"))
        fields[0][1].setFocus()

    def _form_enter(self, editor: QObject) -> None:
        assert self._pending is not None
        fields = self._pending.fields
        index = next(i for i, (_b, e) in enumerate(fields) if e is editor)
        blank, widget = fields[index]
        if form.is_unanswered(blank, widget):
            self.form_page.mark_missing(widget, True)
            self.hint.setText(self.tr("请填写「%1」").replace("%1", blank.name))
            return
        if index + 1 < len(fields):
            fields[index + 1][1].setFocus()
            return
        self._finish(form.answers(fields))

    def _finish(self, values: Mapping[str, str]) -> None:
        assert self._pending is not None
        pending = self._pending
        pending.text = text = form.fill_in(pending.reply.text, values, self._builtins)
        if self.lint_gate:
            errors = [f for f in gate.findings(self.lint, text) if f.level == "error"]
            if errors:
                self._open_confirm(text, errors)
                return
        self._emit(pending)

    def _open_confirm(self, text: str, errors: Sequence[Any]) -> None:
        self._show_window()
        self.pages.setCurrentIndex(PAGE_CONFIRM)
        self._update_note()
        self.confirm_page.open(text, self.lint)
        self.hint.setText(
            self.tr("在此修改 · Tab 采用建议 · Enter 粘贴所示文字 · Shift+Enter 换行 · Esc 返回")
        )
        self.gated.emit([str(getattr(f, "rule", "")) for f in errors])

    def _gate_submitted(self, text: str) -> None:
        """Enter on the gate: paste the text as shown there, fixed or not (never nothing)."""
        if self._pending is not None and text.strip():
            self._pending.text = text
            self._emit(self._pending)

    def _emit(self, pending: form.Pending) -> None:
        self._pending = None
        self.hide()
        self.chosen.emit(pending.reply, pending.text, pending.copy_only)

    def back_to_results(self) -> None:
        self._pending = None
        self.pages.setCurrentIndex(PAGE_RESULTS)
        self._show_results_hint()
        self._update_note()
        self.query.setFocus()

    def _show_results_hint(self) -> None:
        if self._announcement:
            self.hint.setText(self._announcement)
            return
        self.hint.setText(
            self.tr(
                "↑↓/Tab 选择 · Enter 粘贴 · Ctrl+Enter 仅复制 · Alt+1–9 直接选 · Esc 关闭"
            )
        )

    # -- keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        if watched is self.query:
            return self._query_key(event)
        if self._pending is not None and any(watched is e for _b, e in self._pending.fields):
            if event.key() in _ENTER:
                if isinstance(watched, QueryEdit) and watched.composing:
                    watched.commit_preedit()
                else:
                    self._form_enter(watched)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.back_to_results()
                return True
            if event.key() == Qt.Key.Key_Tab:
                self.focusNextChild()
                return True
        return super().eventFilter(watched, event)

    def _query_key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers()
        if key in _ENTER:
            if self.query.composing:
                self.query.commit_preedit()
            else:
                self.accept_row(copy_only=bool(mods & Qt.KeyboardModifier.ControlModifier))
            return True
        if key == Qt.Key.Key_Escape:
            self.dismiss()
            return True
        if key in _MOVES:
            self.step(_MOVES[key])
            return True
        if key in _DIGITS and mods & Qt.KeyboardModifier.AltModifier and not self.query.composing:
            self.accept_row(_DIGITS[key] - 1)
            return True
        return False  # a bare digit is query text, always

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange:
            if self.isActiveWindow():
                self._was_active = True
                self.focused.emit()
            elif self._was_active and self.isVisible() and self.hide_on_blur:
                # Like any launcher palette: clicking elsewhere puts it away.
                self._was_active = False
                self.hide()
                self._pending = None
                self.abandoned.emit()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            if self.pages.currentIndex() == PAGE_RESULTS:
                self.dismiss()
            else:
                self.back_to_results()
            return
        super().keyPressEvent(event)
