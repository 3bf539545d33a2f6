"""The settings dialog, generated from the option table in `quickreply.core.settings`."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.settings import OPTIONS, Option, Settings


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷回复助手 设置"))
        self.original = settings
        self.result_settings: Settings | None = None
        self.editors: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        form = QFormLayout()
        for opt in OPTIONS:
            editor = self._editor(opt, settings[opt.name])
            editor.setObjectName(f"option:{opt.name}")
            self.editors[opt.name] = editor
            form.addRow(QCoreApplication.translate("Settings", opt.description), editor)
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
            combo.addItems(list(opt.choices))
            combo.setCurrentText(str(value))
            return combo
        line = QLineEdit(self)
        line.setText(json.dumps(value, ensure_ascii=False) if opt.kind == "mapping" else str(value))
        return line

    def value_of(self, opt: Option) -> Any:
        editor = self.editors[opt.name]
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if opt.kind == "mapping":
            if not text:
                return {}
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                raise ValueError(
                    QCoreApplication.translate("Settings", opt.description)
                    + ": "
                    + self.tr('请写成 JSON，例如 {"xterm": "shift+insert"}')
                ) from None
        return text

    def accept(self) -> None:
        try:
            changes = {opt.name: self.value_of(opt) for opt in OPTIONS}
            self.result_settings = self.original.replace(**changes)
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        super().accept()
