"""The tray icon and its menu: search, manage, check text, flows, pause, settings, quit.

Without a tray host (a bare X server, some Linux desktops) there is no icon;
the menu still exists (the palette's own menu button offers the same
windows), notifications go to the log only, and the app keeps working
through the hotkey and `quickreply toggle`.

The icon is drawn from SVG in three states (normal, paused, error), its
outline dark or light like the system's colour scheme, and it follows a
change of scheme while the app runs.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QCursor, QGuiApplication
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QToolTip

from quickreply.ui import resources

STATES = ("normal", "paused", "error")


class Tray(QObject):
    search_requested = Signal()
    manager_requested = Signal()
    check_requested = Signal()
    flows_requested = Signal()
    pause_toggled = Signal(bool)
    settings_requested = Signal()
    quit_requested = Signal()

    def __init__(self, available: bool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.available = QSystemTrayIcon.isSystemTrayAvailable() if available is None else available
        self.state = "normal"
        self.error_text = ""
        self._hotkey = ""
        self.menu = QMenu()
        self.search_action = QAction(self)
        self.search_action.triggered.connect(self.search_requested)
        self.manager_action = QAction(self)
        self.manager_action.setIcon(resources.svg_icon("manager"))
        self.manager_action.triggered.connect(self.manager_requested)
        self.check_action = QAction(self)
        self.check_action.setIcon(resources.svg_icon("check"))
        self.check_action.triggered.connect(self.check_requested)
        self.flows_action = QAction(self)
        self.flows_action.setIcon(resources.svg_icon("flow"))
        self.flows_action.triggered.connect(self.flows_requested)
        self.pause_action = QAction(self)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self._on_pause)
        self.settings_action = QAction(self)
        self.settings_action.triggered.connect(self.settings_requested)
        self.quit_action = QAction(self)
        self.quit_action.triggered.connect(self.quit_requested)
        self.menu.addAction(self.search_action)
        self.menu.addAction(self.manager_action)
        self.menu.addAction(self.check_action)
        self.menu.addAction(self.flows_action)
        self.menu.addSeparator()
        self.menu.addAction(self.pause_action)
        self.menu.addAction(self.settings_action)
        self.menu.addAction(self.quit_action)
        self.icon: QSystemTrayIcon | None = None
        self.messages: list[tuple[str, str]] = []  # shown notifications, newest last
        if self.available:
            self.icon = QSystemTrayIcon(resources.tray_icon("normal"), self)
            self.icon.setContextMenu(self.menu)
            self.icon.activated.connect(self._on_activated)
        self.retranslate()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication) and hasattr(app.styleHints(), "colorSchemeChanged"):
            app.styleHints().colorSchemeChanged.connect(lambda _scheme: self._show_state())

    def retranslate(self) -> None:
        """Every text again, in the language now installed (the language changed)."""
        hint = f"\t{self._hotkey}" if self._hotkey else ""
        self.search_action.setText(self.tr("搜索回复") + hint)
        self.manager_action.setText(self.tr("管理回复…"))
        self.check_action.setText(self.tr("检查文本…"))
        self.flows_action.setText(self.tr("话术流程…"))
        self.pause_action.setText(self.tr("暂停快捷键"))
        self.settings_action.setText(self.tr("设置…"))
        self.quit_action.setText(self.tr("退出"))
        self._show_state()

    def show(self) -> None:
        if self.icon is not None:
            self.icon.show()

    def hide(self) -> None:
        if self.icon is not None:
            self.icon.hide()

    def set_hotkey_hint(self, hotkey: str) -> None:
        self._hotkey = hotkey
        self.search_action.setText(self.tr("搜索回复") + f"\t{hotkey}")

    def set_error(self, text: str) -> None:
        """Something needs the agent (empty `text`: it is fixed): the icon turns red."""
        self.error_text = text
        self._show_state()

    def _show_state(self) -> None:
        if self.error_text:
            self.state = "error"
        else:
            self.state = "paused" if self.pause_action.isChecked() else "normal"
        if self.icon is None:
            return
        self.icon.setIcon(resources.tray_icon(self.state))
        tip = self.tr("快捷回复助手")
        if self.state == "paused":
            tip += self.tr("（快捷键已暂停）")
        elif self.state == "error":
            tip += "\n" + self.error_text
        self.icon.setToolTip(tip)

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
        self._show_state()
        self.pause_toggled.emit(paused)

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.search_requested.emit()
