"""The composition root: the only place that wires core, desktop and widgets together.

`main()` builds the real backends for this session; `QuickReplyApp` takes
every port as an argument, so the tests build it with fakes.
"""

from __future__ import annotations

import contextlib
import logging
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from quickreply.core import render
from quickreply.core import settings as settings_mod
from quickreply.core.flows import FlowTracker
from quickreply.core.library import Library
from quickreply.core.model import Reply
from quickreply.core.ports import (
    Clipboard,
    DesktopError,
    ForegroundWindow,
    HotkeyBackend,
    HotkeyTaken,
    Paster,
    WindowHandle,
)
from quickreply.core.search import Hit, SearchIndex
from quickreply.core.settings import Settings
from quickreply.core.usage import UsageStore
from quickreply.desktop.paste import PasteService, normalise_app
from quickreply.ui import resources
from quickreply.ui.eventlog import EventLog
from quickreply.ui.palette import Palette
from quickreply.ui.tray import Tray

log = logging.getLogger(__name__)

LintFn = Callable[[str], Sequence[Any]]

# After a reply's own hotkey, before its paste (see paste_reply_now).
REPLY_HOTKEY_SETTLE_MS = 80

# Clicking the tray icon focuses the desktop's panel (on Windows the taskbar,
# owned by explorer): never a window to paste into.
SHELL_APPS = frozenset(
    {
        "explorer",
        "shell_traywnd",
        "trayer",
        "plasmashell",
        "gnome-shell",
        "xfce4-panel",
        "lxpanel",
        "tint2",
        "polybar",
        "waybar",
    }
)


def make_lint(
    platform: str, library: Library, on_error: Callable[[str], None] | None = None
) -> LintFn | None:
    """The linter for `platform` with the library's rules; None if it cannot start."""
    from quickreply.core.lint import Linter

    try:
        linter = Linter.for_platform(platform, packs=library.packs)
    except Exception as exc:  # bad rule data must not stop pasting; it is reported
        log.warning("the linter could not start: %s", exc)
        if on_error is not None:
            on_error(str(exc))
        return None
    lint: LintFn = linter.lint
    return lint


class LazyBuiltins(Mapping[str, str]):
    """Built-in values; `clipboard` is read only when a reply asks for it.

    Reading another program's clipboard is a round trip that a hung owner can
    stretch to seconds: it must not sit between the hotkey and the palette.
    """

    def __init__(self, values: Mapping[str, str], clipboard: Callable[[], str]) -> None:
        self._values = dict(values)
        self._read_clipboard: Callable[[], str] | None = clipboard

    def __getitem__(self, key: str) -> str:
        if key == "clipboard" and self._read_clipboard is not None:
            self._values["clipboard"] = self._read_clipboard()
            self._read_clipboard = None
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


class Finder:
    """Query -> hits for the palette; the empty query lists the most used replies first."""

    def __init__(self, library: Library, usage: UsageStore | None) -> None:
        self.usage = usage
        self.index = SearchIndex(library.replies, usage=usage.all() if usage else None)
        self.pinned: list[Reply] = []  # the next steps of a flow, offered first

    def __call__(self, query: str) -> list[Hit]:
        hits = self.index.search(query, Palette.LIMIT)
        if query or not self.pinned:
            return hits
        first = [Hit(r, 0.0) for r in self.pinned]
        pinned = {r.uid for r in self.pinned}
        return (first + [h for h in hits if h.reply.uid not in pinned])[: Palette.LIMIT]

    def refresh_usage(self) -> None:
        """After a paste: the ranking follows what the agent uses."""
        if self.usage is not None:
            self.index.set_usage(self.usage.all())


class QuickReplyApp(QObject):
    """The running app: hotkeys -> palette -> paste, with the tray around it."""

    quit_requested = Signal()

    def __init__(
        self,
        library: Library,
        settings: Settings,
        *,
        clipboard: Clipboard,
        paster: Paster,
        foreground: ForegroundWindow,
        hotkeys: HotkeyBackend,
        events: EventLog,
        usage: UsageStore | None = None,
        tray_available: bool | None = None,
        settings_path: Path | None = None,
        language: str = resources.SOURCE_LANGUAGE,
        paste_service: PasteService | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings
        self.settings_path = settings_path
        self.clipboard = clipboard
        self.foreground = foreground
        self.hotkeys = hotkeys
        self.events = events
        self.usage = usage
        self.language = language
        self.paused = False
        self.target: WindowHandle | None = None
        self.grabbed: list[str] = []
        self.paste_service = paste_service or self._make_paste_service(clipboard, paster)
        self.finder = Finder(library, usage)
        self.flows = FlowTracker(library.flows, library.replies)
        self.palette = Palette(
            self.finder,
            lint=make_lint(settings["platform"], library, self._lint_failed),
            builtins=self.builtins,
            lint_gate=bool(settings["lint_gate"]),
        )
        self.palette.setStyleSheet(resources.stylesheet("palette"))
        self.palette.chosen.connect(self._on_chosen)
        self.palette.dismissed.connect(self._on_dismissed)
        self.palette.abandoned.connect(lambda: self.events.emit("palette_closed", abandoned=True))
        self.palette.focused.connect(self._on_palette_focused)
        self._shown_at: float | None = None
        self._focus_timer = QTimer(self)
        self._focus_timer.setSingleShot(True)
        self._focus_timer.setInterval(1000)
        self._focus_timer.timeout.connect(self._focus_refused)
        self.palette.gated.connect(lambda rules: self.events.emit("lint_gate", rules=rules))
        self.tray = Tray(tray_available, self)
        self.tray.search_requested.connect(self.show_palette_from_tray)
        self.tray.pause_toggled.connect(self.set_paused)
        self.tray.settings_requested.connect(self.open_settings)
        self.tray.quit_requested.connect(self.quit_requested)

    def _make_paste_service(self, clipboard: Clipboard, paster: Paster) -> PasteService:
        return PasteService(
            clipboard,
            paster,
            self.foreground,
            app_methods=self.settings["paste_methods"],
            default_method=self.settings["paste_method"],
            restore_delay_ms=self.settings["restore_delay_ms"],
        )

    # -- start-up

    def start(self) -> None:
        """Warm the palette, show the tray, grab the hotkeys, then say `ready`."""
        self.palette.search_fn("")  # first search builds caches before the agent waits on it
        self.palette.ensurePolished()
        self.palette.winId()  # the native window exists before the first hotkey
        if self.tray.available:
            self.tray.show()
        else:
            self.events.emit(
                "warning",
                kind="no_tray",
                message="no system tray here: use the hotkey or `quickreply toggle`",
            )
        self.register_hotkeys()
        self.tray.set_hotkey_hint(self.settings["hotkey"])
        last = self.usage.last() if self.usage is not None else None
        self.follow_flow(last.uid if last else None)
        self.events.emit(
            "ready",
            replies=len(self.library),
            tray=self.tray.available,
            hotkeys=list(self.grabbed),
        )

    def follow_flow(self, uid: str | None) -> None:
        """After `uid` was used: offer the next step of its talk script first."""
        steps = self.flows.after(uid)
        self.finder.pinned = [s.reply for s in steps]
        if not steps:
            self.palette.set_note("")
            return
        step = steps[0]
        self.palette.set_note(
            self.tr("话术「%1」下一步（%2/%3）：%4")
            .replace("%1", step.flow.title)
            .replace("%2", str(step.index + 1))
            .replace("%3", str(step.total))
            .replace("%4", step.reply.title)
        )

    def register_hotkeys(self) -> None:
        self.hotkeys.unregister_all()
        self.grabbed = []
        wanted: list[tuple[str, Callable[[], None], str]] = [
            (self.settings["hotkey"], self.toggle_palette, "palette")
        ]
        for reply in self.library.replies:
            if reply.hotkey:
                wanted.append((reply.hotkey, _bind(self.paste_reply_now, reply), reply.uid))
        for hotkey, callback, what in wanted:
            try:
                self.hotkeys.register(hotkey, callback)
            except HotkeyTaken as exc:
                self._report(
                    "hotkey_taken",
                    self.tr("快捷键 %1 已被其他程序占用，请在设置中换一个").replace("%1", hotkey),
                    hotkey=hotkey,
                    target=what,
                    detail=str(exc),
                )
            except DesktopError as exc:  # no global hotkeys in this session at all
                self._report(
                    "hotkey_unavailable",
                    self.tr("无法注册全局快捷键 %1：%2")
                    .replace("%1", hotkey)
                    .replace("%2", str(exc)),
                    hotkey=hotkey,
                    target=what,
                    detail=str(exc),
                )
            else:
                self.grabbed.append(hotkey)

    def set_paused(self, paused: bool) -> None:
        self.paused = paused
        if paused:
            self.hotkeys.unregister_all()
            self.grabbed = []
        else:
            self.register_hotkeys()
        self.events.emit("paused" if paused else "resumed")

    # -- the palette

    def builtins(self) -> Mapping[str, str]:
        values = render.builtin_values(agent=self.settings["agent"], shop=self.settings["shop"])
        return LazyBuiltins(values, self._clipboard_text)

    def _clipboard_text(self) -> str:
        try:
            return self.clipboard.text()
        except DesktopError:
            return ""

    def show_palette(self) -> None:
        if self.palette.isVisible():
            self.palette.activateWindow()
            return
        self._shown_at = time.perf_counter()
        self.target = self._current_window()
        self.palette.popup()
        # Save the agent's clipboard while they type, not after Enter: a
        # screenshot on it costs ~180 ms to read (measured), ~10 ms when read ahead.
        QTimer.singleShot(0, self.paste_service.prepare)
        if self.palette.isActiveWindow():
            self._on_palette_focused()
        else:  # `palette_shown` once the window manager hands over the keyboard
            self._focus_timer.start()

    def _on_palette_focused(self) -> None:
        if self._shown_at is None:
            return
        ms = round((time.perf_counter() - self._shown_at) * 1000, 2)
        self._shown_at = None
        self._focus_timer.stop()
        self.events.emit("palette_shown", ms=ms)

    def _focus_refused(self) -> None:
        if self._shown_at is None or not self.palette.isVisible():
            return
        self._shown_at = None
        self.events.emit("palette_shown", ms=None, focused=False)
        self._report(
            "palette_no_focus",
            self.tr("搜索面板没有得到键盘焦点，请用鼠标点一下面板再输入"),
        )

    def show_palette_from_tray(self) -> None:
        self.show_palette()
        if self.target is not None:
            try:
                app = normalise_app(self.foreground.app_name(self.target))
            except DesktopError:
                app = ""
            if app in SHELL_APPS:
                self.target = None  # the reply is copied and the agent pastes it
                self.events.emit("target_is_shell", app=app)

    def toggle_palette(self) -> None:
        if self.palette.isVisible():
            self.palette.dismiss()
        else:
            self.show_palette()

    def paste_reply_now(self, reply: Reply) -> None:
        """A reply's own hotkey: paste it into the window that has the focus."""
        if not self.palette.isVisible():
            self.target = self._current_window()
        # The hotkey's key grab ends with its release, and the chat window gets its
        # focus back (FocusIn after the grab) a moment later: a Ctrl+V sent at once
        # is lost (measured on X11 with a Qt chat window). A short settle fixes it.
        QTimer.singleShot(REPLY_HOTKEY_SETTLE_MS, lambda: self.palette.choose(reply))

    def _current_window(self) -> WindowHandle | None:
        try:
            return self.foreground.current()
        except DesktopError:
            return None

    def _on_dismissed(self) -> None:
        if self.target is not None:
            with contextlib.suppress(DesktopError):
                self.foreground.activate(self.target)
        self.events.emit("palette_closed")

    def _on_chosen(self, reply: Reply, text: str, copy_only: bool) -> None:
        started = time.perf_counter()
        try:
            if copy_only:
                result = self.paste_service.copy_only(text)
            else:
                result = self.paste_service.paste_text(text, self.target)
        except DesktopError as exc:  # a bad per-app paste key in the settings
            self._report("paste_failed", str(exc), reply=reply.uid, step="config")
            return
        ms = round((time.perf_counter() - started) * 1000, 2)
        lang = "en" if self.language == "en" else "zh"
        if result.ok:
            if self.usage is not None:
                self.usage.record(reply.uid)
                self.finder.refresh_usage()
            self.follow_flow(reply.uid)
            if copy_only:
                self.events.emit("copied", reply=reply.uid, ms=ms)
                self.tray.notify(self.tr("快捷回复"), result.message(lang))
            else:
                self.events.emit("pasted", reply=reply.uid, ms=ms, method=result.method)
            return
        self._report(
            "paste_failed",
            result.message(lang),
            reply=reply.uid,
            step=result.step,
            detail=result.detail,
            on_clipboard=result.on_clipboard,
        )

    # -- settings

    def open_settings(self) -> None:
        from quickreply.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings)
        if dialog.exec() and dialog.result_settings is not None:
            self.apply_settings(dialog.result_settings)

    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        settings_mod.save(new, self.settings_path)
        self.paste_service.set_app_methods(new["paste_methods"])
        self.paste_service.default_method = new["paste_method"]
        self.paste_service.restore_delay_ms = new["restore_delay_ms"]
        self.palette.lint = make_lint(new["platform"], self.library, self._lint_failed)
        self.palette.lint_gate = bool(new["lint_gate"])
        if new["hotkey"] != old["hotkey"] and not self.paused:
            self.register_hotkeys()
            self.tray.set_hotkey_hint(new["hotkey"])
        if new["start_at_login"] != old["start_at_login"]:
            from quickreply.desktop import autostart

            try:
                autostart.apply(bool(new["start_at_login"]))
            except DesktopError as exc:
                self._report("autostart_failed", str(exc))
        if new["language"] != old["language"]:
            self.tray.notify(self.tr("快捷回复"), self.tr("界面语言将在重新启动后生效"))
        self.events.emit("settings_saved")

    # -- commands from a second launch

    def on_command(self, command: str) -> None:
        if command == "toggle":
            self.toggle_palette()
        elif command == "show":
            self.show_palette()
        elif command == "hide" and self.palette.isVisible():
            self.palette.dismiss()
        elif command == "quit":
            self.quit_requested.emit()

    def _lint_failed(self, detail: str) -> None:
        # The tray may not exist yet: report once the event loop runs.
        QTimer.singleShot(
            0,
            lambda: self._report(
                "lint_unavailable",
                self.tr("红线检查无法启动，粘贴前不会检查：%1").replace("%1", detail),
            ),
        )

    def _report(self, kind: str, message: str, **fields: Any) -> None:
        """Every failure: a tray notification and the log, never silent."""
        self.events.emit("error", kind=kind, message=message, **fields)
        self.tray.notify(self.tr("快捷回复"), message, error=True)

    def shutdown(self) -> None:
        self.hotkeys.unregister_all()
        close = getattr(self.hotkeys, "close", None)
        if close is not None:
            close()
        self.paste_service.restore_now()
        self.tray.hide()
        if self.usage is not None:
            self.usage.close()


def _bind(fn: Callable[[Reply], None], reply: Reply) -> Callable[[], None]:
    return lambda: fn(reply)


def _sync_autostart(settings: Settings, errors: list[str]) -> Settings:
    """Make start-at-login match the setting; an unset one shows what the OS has."""
    from quickreply.desktop import autostart

    try:
        at_login = autostart.apply(settings.data.get("start_at_login"))
    except DesktopError as exc:
        errors.append(f"start at login: {exc}")
        return settings
    if "start_at_login" in settings.data:
        return settings
    return settings.replace(start_at_login=at_login)


def _check_display() -> None:
    """No graphical session: say so, instead of letting Qt abort the process."""
    import os

    from quickreply.cli._common import UserError

    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    ):
        raise UserError(
            "no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set): "
            "start QuickReply from the desktop"
        )


def _quit_on_signals(qapp: QApplication) -> None:
    """Ctrl+C and SIGTERM quit cleanly (hotkeys released, clipboard restored)."""
    import signal

    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: qapp.quit())
    # Python runs signal handlers only between bytecodes: wake it now and then.
    timer = QTimer(qapp)
    timer.timeout.connect(lambda: None)
    timer.start(250)


def main(packs: Sequence[Path] = (), log_json: bool = False) -> int:
    """`quickreply run`: one instance per user and data directory."""
    started = time.perf_counter()
    events = EventLog(json_lines=log_json)
    _check_display()
    from quickreply.desktop.win_dpi import enable_per_monitor_dpi
    from quickreply.ui.fonts import apply_ui_font

    dpi = enable_per_monitor_dpi()  # before the QApplication: Windows fixes it per process
    # "quickreply" names the windows (WM_CLASS) whatever the launcher was.
    qapp = QApplication.instance() or QApplication(["quickreply"])
    assert isinstance(qapp, QApplication)
    fonts = apply_ui_font(qapp)
    qapp.setQuitOnLastWindowClosed(False)
    qapp.setApplicationName("QuickReply")

    from quickreply import desktop

    server = desktop.try_become_server()
    if server is None:
        delivered = desktop.send_to_running(None, "show")
        events.emit("handed_over", delivered=delivered)
        return 0 if delivered else 1

    from quickreply.cli._common import load_library

    startup_errors: list[str] = []
    try:
        library = load_library(packs)
    except FileNotFoundError as exc:  # an install without its built-in library
        library = Library(())
        startup_errors.append(str(exc))
    for problem in library.problems:
        events.emit("warning", kind="pack_problem", message=str(problem))
    settings, problems = settings_mod.load()
    autostart_errors: list[str] = []
    settings = _sync_autostart(settings, autostart_errors)
    language = resources.resolve_language(settings["language"])
    translator = resources.install_translator(language)
    qapp.setWindowIcon(resources.icon())

    app = QuickReplyApp(
        library,
        settings,
        clipboard=desktop.create_clipboard(),
        paster=desktop.create_paster(),
        foreground=desktop.create_foreground(),
        hotkeys=desktop.create_hotkey_backend(),
        events=events,
        usage=UsageStore(),
        language=language,
    )
    server.command_received.connect(app.on_command)
    app.quit_requested.connect(qapp.quit)
    for settings_problem in problems:
        app._report("settings_problem", str(settings_problem))
    for message in startup_errors:
        app._report("library_missing", message)
    for message in autostart_errors:
        app._report("autostart_failed", message)

    def go() -> None:
        app.start()
        events.emit(
            "startup",
            ms=round((time.perf_counter() - started) * 1000, 1),
            dpi=dpi,
            font=fonts[0] if fonts else "",
        )

    QTimer.singleShot(0, go)
    _quit_on_signals(qapp)
    try:
        code = qapp.exec()
    finally:
        app.shutdown()
        server.close()
        del translator
    return int(code)
