"""The tray icon and its menu: search, pause hotkeys, settings, quit.

Without a tray host (a bare X server, some Linux desktops) there is no icon;
the menu still exists for the tests, notifications go to the log only, and the
app keeps working through the hotkey and `quickreply toggle`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QToolTip

from quickreply.ui import resources


class Tray(QObject):
    search_requested = Signal()
    pause_toggled = Signal(bool)
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, available: bool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        self.menu = QMenu()
        self.search_action = QAction(self.tr("搜索回复"), self)
        self.search_action.triggered.connect(self.search_requested)
        self.pause_action = QAction(self.tr("暂停快捷键"), self)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self._on_pause)
        self.settings_action = QAction(self.tr("设置…"), self)
        self.settings_action.triggered.connect(self.settings_requested)
        self.quit_action = QAction(self.tr("退出"), self)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.search_action)
        self.menu.addAction(self.pause_action)
        self.menu.addSeparator()
        self.menu.addAction(self.settings_action)
        self.menu.addAction(self.quit_action)
        self.icon: QSystemTrayIcon | None = None
        self.messages: list[tuple[str, str]] = []  # shown notifications, newest last
        if self.available:
            self.icon = QSystemTrayIcon(resources.icon(), self)
            self.icon.setContextMenu(self.menu)
            self.icon.setToolTip(self.tr("快捷回复助手"))
            self.icon.activated.connect(self._on_activated)

    def show(self) -> None:
        if self.icon is not None:
            self.icon.show()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()

    def set_hotkey_hint(self, hotkey: str) -> None:
        self.search_action.setText(self.tr("搜索回复") + f"\t{hotkey}")

    def notify(self, title: str, message: str, error: bool = False) -> None:
        self.messages.append((title, message))
        if self.icon is not None and self.icon.isVisible():
            kind = (
                QSystemTrayIcon.MessageIcon.Warning
                if error
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.icon.showMessage(title, message, kind, 8000)
        elif error and QGuiApplication.platformName() not in ("offscreen", "minimal"):
            # No tray to speak from: a tooltip at the mouse, so a failed paste is never silent.
            QToolTip.showText(QCursor.pos(), f"{title}\n{message}")

    def _on_pause(self, paused: bool) -> None:
        if self.icon is not None:
            self.icon.setIcon(resources.icon(paused=paused))
        self.pause_toggled.emit(paused)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.search_requested.emit()
