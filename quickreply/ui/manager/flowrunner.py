"""The flow runner: the talk scripts of the library, their steps, and where the agent is.

The agent picks a flow; the current step is marked and shown in full.
粘贴当前一步 (or the flow hotkey, Ctrl+Alt+N by default) pastes it through
the same path as the palette and moves on; 上一步 / 下一步 / 重新开始 move by
hand. Pasting a step from the palette moves the runner too (`follow`).
The position is a `core.flows.FlowWalk`, so the tests compare values.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from quickreply.core import render
from quickreply.core.flows import FlowWalk
from quickreply.core.library import Library
from quickreply.core.model import Reply
from quickreply.ui import resources


class FlowRunner(QWidget):
    paste_requested = Signal(object)  # the Reply of the current step

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FlowRunner")
        self.setWindowTitle(self.tr("话术流程"))
        self.setWindowIcon(resources.svg_icon("flow"))
        self.setWindowFlag(Qt.WindowType.Window, True)
        self.resize(760, 460)
        self.library = library
        self.walk: FlowWalk | None = None
        self.hotkey = ""
        self._build()
        self.set_library(library)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        split = QSplitter(self)
        self.flow_list = QListWidget(split)
        self.flow_list.setObjectName("Flows")
        self.flow_list.currentRowChanged.connect(self._on_flow)
        self.step_list = QListWidget(split)
        self.step_list.setObjectName("Steps")
        self.step_list.itemClicked.connect(lambda item: self.go(self.step_list.row(item)))
        split.addWidget(self.flow_list)
        split.addWidget(self.step_list)
        split.setSizes([240, 500])
        layout.addWidget(split, 1)
        self.where = QLabel(self)
        self.where.setObjectName("FlowWhere")
        layout.addWidget(self.where)
        self.current_text = QLabel(self)
        self.current_text.setObjectName("FlowStepText")
        self.current_text.setWordWrap(True)
        self.current_text.setTextFormat(Qt.TextFormat.PlainText)
        self.current_text.setStyleSheet("background: palette(base); padding: 8px;")
        self.current_text.setMinimumHeight(70)
        layout.addWidget(self.current_text)
        row = QHBoxLayout()
        self.back_button = QPushButton(self.tr("上一步"), self)
        self.back_button.clicked.connect(self.back)
        self.forward_button = QPushButton(self.tr("下一步"), self)
        self.forward_button.clicked.connect(self.forward)
        self.restart_button = QPushButton(self.tr("重新开始"), self)
        self.restart_button.clicked.connect(self.restart)
        self.paste_button = QPushButton(self.tr("粘贴当前一步"), self)
        self.paste_button.setDefault(True)
        self.paste_button.clicked.connect(self.paste_current)
        for button in (self.back_button, self.forward_button, self.restart_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.paste_button)
        layout.addLayout(row)

    def set_library(self, library: Library) -> None:
        chosen = self.walk.flow.uid if self.walk else None
        self.library = library
        self.flow_list.blockSignals(True)
        self.flow_list.clear()
        for flow in library.flows:
            item = QListWidgetItem(self.tr("%1（%2 步）").replace("%1", flow.title)
                                   .replace("%2", str(len(flow.steps))))
            item.setToolTip(flow.description)
            self.flow_list.addItem(item)
        self.flow_list.blockSignals(False)
        uids = [f.uid for f in library.flows]
        if chosen in uids:
            index = self.walk.index if self.walk else 0
            self.flow_list.setCurrentRow(uids.index(chosen))
            self.go(index)
        elif uids:
            self.flow_list.setCurrentRow(0)
        else:
            self.walk = None
            self._show()

    def set_hotkey(self, hotkey: str) -> None:
        self.hotkey = hotkey
        self._show()

    # -- moving

    def choose(self, flow_uid: str) -> bool:
        uids = [f.uid for f in self.library.flows]
        if flow_uid not in uids:
            return False
        self.flow_list.setCurrentRow(uids.index(flow_uid))
        return True

    def _on_flow(self, row: int) -> None:
        flows = self.library.flows
        self.walk = FlowWalk(flows[row]) if 0 <= row < len(flows) else None
        self._show()

    def go(self, index: int) -> None:
        if self.walk is not None:
            self.walk = self.walk.at(index)
            self._show()

    def forward(self) -> None:
        if self.walk is not None:
            self.walk = self.walk.forward()
            self._show()

    def back(self) -> None:
        if self.walk is not None:
            self.walk = self.walk.back()
            self._show()

    def restart(self) -> None:
        if self.walk is not None:
            self.walk = self.walk.restart()
            self._show()

    def follow(self, uid: str) -> None:
        """A reply was pasted (from here or the palette): move past it if it is a step."""
        if self.walk is not None:
            self.walk = self.walk.after_pasting(uid)
            self._show()

    def current_reply(self) -> Reply | None:
        uid = self.walk.uid if self.walk else None
        return self.library.get(uid) if uid else None

    def paste_current(self) -> None:
        reply = self.current_reply()
        if reply is not None:
            self.paste_requested.emit(reply)

    # -- showing

    def _show(self) -> None:
        self.step_list.clear()
        walk = self.walk
        for button in (self.back_button, self.forward_button, self.restart_button):
            button.setEnabled(walk is not None)
        if walk is None:
            self.where.setText(self.tr("这个回复库里没有话术流程。"))
            self.current_text.setText("")
            self.paste_button.setEnabled(False)
            return
        for i, uid in enumerate(walk.flow.step_uids()):
            reply = self.library.get(uid)
            title = reply.title if reply else self.tr("（缺少：%1）").replace("%1", uid)
            item = QListWidgetItem(f"{i + 1}. {title}")
            if i == walk.index:
                font = QFont()
                font.setBold(True)
                item.setFont(font)
                item.setText("▶ " + item.text())
            elif i < walk.index:
                item.setForeground(QColor("#808080"))
            self.step_list.addItem(item)
        self.step_list.setCurrentRow(walk.index)
        reply = self.current_reply()
        where = (
            self.tr("「%1」第 %2/%3 步").replace("%1", walk.flow.title)
            .replace("%2", str(walk.index + 1)).replace("%3", str(walk.total))
        )
        if self.hotkey:
            where += self.tr("，按 %1 粘贴这一步").replace("%1", self.hotkey)
        self.where.setText(where)
        self.current_text.setText(render.preview(reply.text) if reply else "")
        self.paste_button.setEnabled(reply is not None)
        self.back_button.setEnabled(walk.index > 0)
        self.forward_button.setEnabled(not walk.at_end)
