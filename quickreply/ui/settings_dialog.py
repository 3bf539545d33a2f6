"""The settings dialog, generated from the option table in `quickreply.core.settings`.

One editor per option kind: a check box, a number, a drop-down whose items
are labelled in the UI language (淘宝, not `taobao`), a press-to-record
hotkey, the paste key per program as a table. Nothing bad is saved: a
hotkey the backends cannot grab, or one another option, a reply or another
program already has, is refused with the reason before the dialog closes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.library import edits
from quickreply.core.settings import OPTIONS, PASTE_METHODS, Option, Settings
from quickreply.ui.manager.hotkeyedit import HotkeyEdit
from quickreply.ui.manager.names import choice_label

# Probes whether another program holds a hotkey (True: taken); None: cannot tell.
HotkeyProbe = Callable[[str], bool]


def option_label(opt: Option) -> str:
    return QCoreApplication.translate("Settings", opt.description)


class PasteTable(QWidget):
    """A program -> choice mapping (`paste_methods`, `platform_apps`): one row per
    program, its value picked from the option's choices, labelled, never an id."""

    def __init__(
        self,
        value: Mapping[str, str],
        parent: QWidget | None = None,
        *,
        option: str = "paste_methods",
        choices: Sequence[str] = PASTE_METHODS,
    ) -> None:
        super().__init__(parent)
        self.option = option
        self.choices = tuple(choices)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2, self)
        header = self.tr("粘贴按键") if option == "paste_methods" else self.tr("平台")
        self.table.setHorizontalHeaderLabels([self.tr("程序"), header])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMaximumHeight(120)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("添加程序"), self)
        self.add_button.clicked.connect(lambda: self.add_row("", self.choices[0]))
        self.remove_button = QPushButton(self.tr("删除所选"), self)
        self.remove_button.clicked.connect(self.remove_current)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout.addLayout(row)
        for app, method in value.items():
            self.add_row(app, method)

    def add_row(self, app: str, method: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(app)
        item.setToolTip(self.tr("程序名，如 AliWorkBench、xterm"))
        self.table.setItem(row, 0, item)
        combo = QComboBox(self.table)
        for name in self.choices:
            combo.addItem(choice_label(self.option, name), name)
        combo.setCurrentIndex(max(combo.findData(method), 0))
        self.table.setCellWidget(row, 1, combo)
        if not app:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(item)

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def value(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            combo = self.table.cellWidget(row, 1)
            app = item.text().strip() if item is not None else ""
            if app and isinstance(combo, QComboBox):
                out[app] = str(combo.currentData())
        return out


class SettingsDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        reply_hotkeys: Mapping[str, str] | None = None,
        probe: HotkeyProbe | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Settings")
        self.setWindowTitle(self.tr("快捷回复助手 设置"))
        self.original = settings
        self.reply_hotkeys = dict(reply_hotkeys or {})  # reply title -> its hotkey
        self.probe = probe
        self.result_settings: Settings | None = None
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        for opt in OPTIONS:
            editor = self._editor(opt, settings[opt.name])
            editor.setObjectName(f"option:{opt.name}")
            self.editors[opt.name] = editor
            form.addRow(option_label(opt), editor)
        layout.addLayout(form)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

    def _editor(self, opt: Option, value: Any) -> QWidget:
        if opt.kind == "bool":
            box = QCheckBox(self)
            box.setChecked(bool(value))
            return box
        if opt.kind == "int":
            spin = QSpinBox(self)
            spin.setRange(opt.minimum or 0, opt.maximum or 1_000_000)
            spin.setValue(int(value))
            return spin
        if opt.kind == "choice":
            combo = QComboBox(self)
            for choice in opt.choices:
                combo.addItem(choice_label(opt.name, choice), choice)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            return combo
        if opt.kind == "hotkey":
            return HotkeyEdit(str(value), self)
        if opt.kind == "mapping":
            return PasteTable(dict(value), self, option=opt.name, choices=opt.choices)
        line = QLineEdit(self)
        line.setText(str(value))
        return line

    def value_of(self, opt: Option) -> Any:
        editor = self.editors[opt.name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, HotkeyEdit):
            return editor.text()
        if isinstance(editor, PasteTable):
            return editor.value()
        assert isinstance(editor, QLineEdit)
        return editor.text().strip()

    def hotkey_problems(self) -> list[str]:
        """Each hotkey that cannot be saved, and why, in the UI language."""
        problems: list[str] = []
        chosen: dict[str, str] = {}
        for opt in OPTIONS:
            editor = self.editors[opt.name]
            if not isinstance(editor, HotkeyEdit):
                continue
            label, key = option_label(opt), editor.text()
            if not key:
                problems.append(label + self.tr("：请按下一个组合键"))
                continue
            bad = editor.problem()
            if bad:
                problems.append(f"{label}：{bad}")
                continue
            taken = edits.hotkey_conflicts(key, (), {**chosen, **self._reply_keys()})
            if taken:
                problems.append(
                    f"{label}："
                    + self.tr("%1 已被「%2」使用").replace("%1", key).replace("%2", taken[0])
                )
            elif (
                self.probe is not None
                and edits.normal_hotkey(key) != edits.normal_hotkey(str(self.original[opt.name]))
                and self.probe(key)
            ):
                problems.append(f"{label}：" + self.tr("%1 已被其他程序占用").replace("%1", key))
            chosen[label] = key
        return problems

    def _reply_keys(self) -> dict[str, str]:
        label = self.tr("回复「%1」")
        return {label.replace("%1", title): key for title, key in self.reply_hotkeys.items()}

    def accept(self) -> None:
        problems = self.hotkey_problems()
        if problems:
            self.error.setText("\n".join(problems))
            return
        try:
            changes = {opt.name: self.value_of(opt) for opt in OPTIONS}
            self.result_settings = self.original.replace(**changes)
        except ValueError as exc:  # the table itself refuses: kept as a last guard
            self.error.setText(str(exc))
            return
        super().accept()
