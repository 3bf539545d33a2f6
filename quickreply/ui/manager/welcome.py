"""Ways in when there is no tray: the first-start note and the palette's own menu.

Some desktops (a bare X server, GNOME without an extension) show no tray
icon, which left the app invisible, with settings and quit unreachable
(issue 14). The first start there says so on screen: how to open the
palette and where the data folder is. The palette's ☰ button offers the
windows the tray menu would.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from quickreply.ui import resources

NOTE_MARKER = "no-tray-note-shown"


def should_show_note(data_dir: Path) -> bool:
    return not (data_dir / NOTE_MARKER).exists()


def remember_note_shown(data_dir: Path) -> None:
    # If it cannot be written, the note shows again next time: harmless.
    with contextlib.suppress(OSError):
        (data_dir / NOTE_MARKER).write_text("shown\n", encoding="utf-8")


class NoTrayNote(QDialog):
    """'QuickReply is running, but you cannot see it: here is how to reach it.'"""

    def __init__(
        self,
        hotkey: str,
        data_dir: Path,
        open_palette: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NoTrayNote")
        self.setWindowTitle(self.tr("快捷回复助手已在运行"))
        self.setWindowIcon(resources.tray_icon("normal"))
        self.data_dir = data_dir
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setText(
            self.tr(
                "这个桌面没有系统托盘，所以看不到快捷回复的图标，但它已经在后台运行：\n\n"
                "· 按 %1 打开搜索面板，输入几个字，按 Enter 粘贴回复；\n"
                "· 面板右下角的 ☰ 按钮可以打开管理回复、检查文本、设置和退出；\n"
                "· 在命令行运行 quickreply toggle 也能打开面板。\n\n"
                "你的回复、设置和备份都在这个文件夹：\n%2"
            )
            .replace("%1", hotkey)
            .replace("%2", str(data_dir))
        )
        self.text.setMinimumWidth(460)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.palette_button = QPushButton(self.tr("打开搜索面板"), self)
        buttons.addButton(self.palette_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = QPushButton(self.tr("打开数据文件夹"), self)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.open_palette = open_palette
        self.palette_button.clicked.connect(self._open_palette)
        self.folder_button.clicked.connect(self.open_folder)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)

    def _open_palette(self) -> None:
        self.accept()
        self.open_palette()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir)))


class PaletteMenu(QToolButton):
    """☰ in the palette's footer: the tray menu's windows, for desktops without a tray."""

    def __init__(self, actions: list[tuple[str, Callable[[], object]]], palette: QWidget) -> None:
        super().__init__(palette)
        self.setObjectName("PaletteMenu")
        self.setText("☰")
        self.setToolTip(self.tr("菜单：管理回复、检查文本、设置、退出"))
        self.setAutoRaise(True)
        self.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the query keeps the keyboard
        self.menu_ = QMenu(self)
        self.entries: dict[str, QAction] = {}
        for text, callback in actions:
            action = self.menu_.addAction(text)
            action.triggered.connect(lambda _=False, cb=callback: self._run(cb))
            self.entries[text] = action
        self.setMenu(self.menu_)
        self.palette_window = palette
        # The open menu takes the focus for a moment: the palette must not hide on that.
        self.menu_.aboutToShow.connect(lambda: self._hold(True))
        self.menu_.aboutToHide.connect(lambda: self._hold(False))

    def _hold(self, held: bool) -> None:
        if hasattr(self.palette_window, "hide_on_blur"):
            self.palette_window.hide_on_blur = not held

    def _run(self, callback: Callable[[], object]) -> None:
        dismiss = getattr(self.palette_window, "dismiss", None)
        if callable(dismiss) and self.palette_window.isVisible():
            dismiss()
        callback()
