"""检查文本 (check my text): type or paste a draft, see the red lines live, fix, copy.

The same `LintTextEdit` as the reply editor: findings underlined as the
agent types, message and suggestion on hover, one click on a row applies
its suggestion. 复制 puts the text on the clipboard through the app's own
clipboard port, like a pasted reply.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from quickreply.core.lint.checker import LintFn
from quickreply.ui import resources
from quickreply.ui.manager.lintedit import FindingsList, LintTextEdit


class CheckTextWindow(QWidget):
    def __init__(
        self,
        lint: LintFn | None,
        copy: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("CheckText")
        self.setWindowTitle(self.tr("检查文本"))
        self.setWindowIcon(resources.svg_icon("check"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.resize(560, 380)
        self.copy_fn = copy
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("把要发给买家的话写在这里或粘贴进来，红线问题会实时标出。"), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.edit = LintTextEdit(lint, self)
        self.edit.setObjectName("CheckTextEdit")
        layout.addWidget(self.edit, 1)
        self.findings = FindingsList(self.edit, self)
        layout.addWidget(self.findings)
        row = QHBoxLayout()
        self.status = QLabel(self)
        row.addWidget(self.status, 1)
        self.clear_button = QPushButton(self.tr("清空"), self)
        self.clear_button.clicked.connect(self.edit.clear)
        row.addWidget(self.clear_button)
        self.copy_button = QPushButton(self.tr("复制"), self)
        self.copy_button.setDefault(True)
        self.copy_button.clicked.connect(self.copy)
        row.addWidget(self.copy_button)
        layout.addLayout(row)
        self.edit.highlighter.analysed.connect(self._update_status)
        self._update_status()

    def set_lint(self, lint: LintFn | None) -> None:
        self.edit.highlighter.set_lint(lint)

    def _update_status(self) -> None:
        marks = self.edit.marks
        errors = sum(1 for m in marks if m.level == "error")
        if not self.edit.toPlainText().strip():
            self.status.setText("")
        elif not marks:
            self.status.setText(self.tr("没有发现问题，可以发送。"))
        else:
            self.status.setText(
                self.tr("%1 处问题，其中 %2 处红线错误。")
                .replace("%1", str(len(marks)))
                .replace("%2", str(errors))
            )

    def copy(self) -> None:
        text = self.edit.toPlainText()
        if text:
            self.copy_fn(text)
            self.status.setText(self.tr("已复制到剪贴板。"))

    def open_with(self, text: str = "") -> None:
        """Show the window; a given text (the clipboard's, say) replaces the draft."""
        if text:
            self.edit.setPlainText(text)
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()
