"""The reply editor: title, scenario, text with live lint, preview, codes, tags, platforms, hotkey.

It edits a copy; `save_requested` hands the manager the edited `Reply`,
which turns it into one undoable edit of the personal pack. A built-in or
team reply opens read-only in spirit: the agent may type, and saving makes
their own version (an override); 恢复团队版本 drops that version again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.library import edits
from quickreply.core.lint.checker import LintFn
from quickreply.core.model import PLATFORMS, Reply
from quickreply.ui.manager.hotkeyedit import HotkeyEdit, conflicts_text
from quickreply.ui.manager.lintedit import FindingsList, LintTextEdit, preview_html
from quickreply.ui.manager.names import platform_label

# Who the reply belongs to, which decides what saving does.
OWN, TEAM, OVERRIDE, NEW = "own", "team", "override", "new"


class ReplyEditor(QWidget):
    save_requested = Signal(object)  # the edited Reply
    restore_requested = Signal(str)  # the uid of the team reply

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reply: Reply | None = None
        self.mode = NEW
        self.collisions: Callable[[tuple[str, ...], tuple[str, ...]], dict[str, list[Reply]]] = (
            lambda codes, own: {}
        )
        self.hotkey_conflicts: Callable[[str, tuple[str, ...]], list[str]] = lambda key, own: []
        # Whether another program holds a hotkey (tried on the desktop); None: not asked.
        self.probe: Callable[[str], bool] | None = None
        self.builtins: Mapping[str, str] = {}
        self.original_uid: str | None = None
        self._build()
        self.load(None, OWN)  # nothing chosen yet: empty and disabled

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        self.banner = QLabel(self)
        self.banner.setObjectName("EditorBanner")
        self.banner.setWordWrap(True)
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.title = QLineEdit(self)
        form.addRow(self.tr("标题"), self.title)
        self.scenario = QLineEdit(self)
        self.scenario.setPlaceholderText(self.tr("用 / 分级，如 售后/退款"))
        form.addRow(self.tr("场景"), self.scenario)
        self.text = LintTextEdit(None, self)
        hint = self.tr("回复正文；{名字} 是要填的空，选项写成 {size:S|M|L}")
        self.text.setPlaceholderText(hint)
        self.text.setMinimumHeight(110)
        form.addRow(self.tr("正文"), self.text)
        self.findings = FindingsList(self.text, self)
        form.addRow("", self.findings)
        self.preview = QLabel(self)
        self.preview.setObjectName("EditorPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("预览"), self.preview)
        self.codes = QLineEdit(self)
        self.codes.setPlaceholderText(self.tr("如 kj1，多个用空格或逗号分开"))
        form.addRow(self.tr("快捷编码"), self.codes)
        self.tags = QLineEdit(self)
        form.addRow(self.tr("标签"), self.tags)
        row = QHBoxLayout()
        self.platforms: dict[str, QCheckBox] = {}
        for name in PLATFORMS:
            if name == "generic":
                continue
            box = QCheckBox(platform_label(name), self)
            self.platforms[name] = box
            row.addWidget(box)
        row.addStretch(1)
        form.addRow(self.tr("适用平台"), row)
        self.hotkey = HotkeyEdit("", self)
        form.addRow(self.tr("快捷键"), self.hotkey)
        layout.addLayout(form)
        self.problems = QLabel(self)
        self.problems.setObjectName("EditorProblems")
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020")
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("恢复团队版本"), self)
        self.restore_button.clicked.connect(self._restore)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        self.save_button = QPushButton(self.tr("保存"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.text.textChanged.connect(self._update_preview)
        self.text.highlighter.analysed.connect(self.check)
        self.title.textChanged.connect(self.check)
        self.codes.textChanged.connect(self.check)
        self.hotkey.changed.connect(lambda _key: self.check())

    def set_lint(self, lint: LintFn | None) -> None:
        self.text.highlighter.set_lint(lint)

    # -- what is shown

    def load(self, reply: Reply | None, mode: str, original_uid: str | None = None) -> None:
        """Show `reply`; `mode` says whose it is (OWN, TEAM, OVERRIDE, NEW)."""
        self.reply, self.mode, self.original_uid = reply, mode, original_uid
        self.setEnabled(reply is not None)
        shown = reply or Reply("", "", "")
        self.title.setText(shown.title)
        self.scenario.setText(shown.scenario)
        self.text.setPlainText(shown.text)
        self.codes.setText(" ".join(shown.codes))
        self.tags.setText(" ".join(shown.tags))
        for name, box in self.platforms.items():
            box.setChecked(name in shown.platforms)
        self.hotkey.set_text(shown.hotkey or "")
        self.restore_button.setVisible(mode == OVERRIDE)
        self.banner.setText(
            {
                TEAM: self.tr("这是内置或团队的回复，只读。修改后保存，会存为你的个人版本，团队更新不会覆盖它。"),  # noqa: E501
                OVERRIDE: self.tr("这是你改过的团队回复（个人版本）。可随时恢复团队版本。"),
                NEW: self.tr("新回复：写好后保存，就能在搜索面板里找到。"),
            }.get(mode, "")
        )
        self.banner.setVisible(mode != OWN)
        self.save_button.setText(self.tr("保存为我的版本") if mode == TEAM else self.tr("保存"))
        self._update_preview()
        self.check()

    def set_scenarios(self, scenarios: list[str]) -> None:
        self.scenario.setCompleter(QCompleter(scenarios, self))

    def _update_preview(self) -> None:
        self.preview.setText(preview_html(self.text.toPlainText(), dict(self.builtins)))

    # -- what was typed

    def own_uids(self) -> tuple[str, ...]:
        uids = [self.reply.uid] if self.reply is not None and self.reply.id else []
        if self.original_uid:
            uids.append(self.original_uid)
        return tuple(uids)

    def edited(self) -> Reply:
        base = self.reply or Reply("", "", "")
        return replace(
            base,
            title=self.title.text().strip(),
            scenario=self.scenario.text().strip(),
            text=self.text.toPlainText(),
            codes=edits.split_words(self.codes.text()),
            tags=edits.split_words(self.tags.text()),
            platforms=tuple(n for n, box in self.platforms.items() if box.isChecked()),
            hotkey=self.hotkey.text() or None,
        )

    def check(self) -> list[str]:
        """What stops saving, shown under the form (empty: it can be saved)."""
        problems: list[str] = []
        if self.reply is None:
            self.problems.setText("")
            return problems
        reply = self.edited()
        if not reply.title:
            problems.append(self.tr("请写一个标题"))
        if not reply.text.strip():
            problems.append(self.tr("正文不能为空"))
        if any(m.rule == "placeholder" for m in self.text.marks):
            problems.append(self.tr("正文里的占位符有误，见标红处"))
        for code, others in self.collisions(reply.codes, self.own_uids()).items():
            problems.append(
                self.tr("快捷编码 %1 已被「%2」使用")
                .replace("%1", code)
                .replace("%2", others[0].title)
            )
        bad_key = self.hotkey.problem()
        if bad_key:
            problems.append(bad_key)
        elif reply.hotkey:
            taken = self.hotkey_conflicts(reply.hotkey, self.own_uids())
            if taken:
                problems.append(conflicts_text(taken))
            elif (
                self.probe is not None
                and reply.hotkey != (self.reply.hotkey or "")
                and self.probe(reply.hotkey)
            ):
                problems.append(conflicts_text([self.tr("其他程序")]))
        self.problems.setText("\n".join(problems))
        self.save_button.setEnabled(not problems)
        return problems

    def save(self) -> None:
        if self.reply is None or self.check():
            return
        self.save_requested.emit(self.edited())

    def _restore(self) -> None:
        if self.original_uid:
            self.restore_requested.emit(self.original_uid)
