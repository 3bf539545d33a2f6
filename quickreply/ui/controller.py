"""The paste path's controller: hotkey -> palette -> lint -> paste -> usage, with the tray.

`QuickReplyApp` takes every port (clipboard, paster, foreground window,
hotkeys) as an argument, so the tests drive it with fakes and `ui/app.py`
(the composition root) hands it the real backends. It reacts to the palette,
the tray and a second launch's commands, follows talk scripts, applies
settings and turns every failure into a message: nothing here is built
for one operating system.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from quickreply.core import render
from quickreply.core import settings as settings_mod
from quickreply.core.flows import FlowTracker
from quickreply.core.library import Library
from quickreply.core.lint.checker import make_lint
from quickreply.core.model import Reply
from quickreply.core.ports import (
    Clipboard,
    DesktopError,
    FocusLocator,
    FocusSpot,
    ForegroundWindow,
    HotkeyBackend,
    Paster,
    ReplyOffer,
    WindowHandle,
)
from quickreply.core.search.finder import Finder
from quickreply.core.settings import Settings
from quickreply.core.storage import StorageError
from quickreply.core.usage import UsageStore
from quickreply.desktop.paste import PasteService, normalise_app
from quickreply.desktop.single_instance import Answer
from quickreply.ui import reloading, resources, team_updates
from quickreply.ui.eventlog import EventLog
from quickreply.ui.focus_watch import FocusWatch
from quickreply.ui.hotkey_binding import Wanted, grab_hotkeys
from quickreply.ui.manager.windows import ManagerWindows
from quickreply.ui.palette import Palette
from quickreply.ui.paste_reports import PasteReports
from quickreply.ui.tray import Tray

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


class QuickReplyApp(QObject):
    """The running app: hotkeys -> palette -> paste, with the tray around it."""

    quit_requested = Signal()
    library_changed = Signal()  # after set_library: windows showing the library refresh

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
        pack_paths: Sequence[Path] = (),
        locator: FocusLocator | None = None,
        offer: ReplyOffer | None = None,
        primary: Clipboard | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.pack_paths = tuple(pack_paths)  # `run --pack`: reloads read these, not the data folder
        self.settings = settings
        self.settings_path = settings_path
        self.clipboard = clipboard
        self.foreground = foreground
        self.locator = locator  # where the agent types: the palette opens there
        self.hotkeys = hotkeys
        self.events = events
        self.usage = usage
        self.language = language
        self.paused = False
        self.target: WindowHandle | None = None
        self.grabbed: list[str] = []
        if paste_service is None:
            paste_service = PasteService(
                clipboard, paster, foreground, offer=offer, primary=primary
            )
            paste_service.configure(settings)
        self.paste_service = paste_service
        self.finder = Finder(library, usage)
        self.flows = FlowTracker(library.flows, library.replies)
        self.lint_platform = settings.platform_for("")
        self.focus_watch = FocusWatch(lambda: self.palette, events, self._report, self)
        self.tray = Tray(tray_available, self)
        self.tray.search_requested.connect(self.show_palette_from_tray)
        self.tray.pause_toggled.connect(self.set_paused)
        self.tray.settings_requested.connect(self.open_settings)
        self.tray.quit_requested.connect(self.quit_requested)
        # The language is read when a paste is reported: it can change without a restart.
        self.reports = PasteReports(events, self.tray.notify, self._report, lambda: self.language)
        self.paste_service.on_outcome = self.reports.outcome
        self.windows = ManagerWindows(self)  # manager, flow runner, 检查文本, no-tray note
        self.rebuild_palette()

    def rebuild_palette(self) -> None:
        """Build the palette (again after a language change: its texts are set as it is built)."""
        old = getattr(self, "palette", None)
        self.palette = Palette(
            self.finder,
            lint=make_lint(self.lint_platform, self.library.packs, self._lint_failed),
            builtins=self.builtins,
            lint_gate=bool(self.settings["lint_gate"]),
            suggest=lambda: self.finder.suggest(self._clipboard_text()),
        )
        self.palette.setStyleSheet(resources.stylesheet("palette"))
        self.palette.chosen.connect(self._on_chosen)
        self.palette.dismissed.connect(self._on_dismissed)
        self.palette.abandoned.connect(lambda: self.events.emit("palette_closed", abandoned=True))
        self.palette.focused.connect(self.focus_watch.focused)
        self.palette.gated.connect(lambda rules: team_updates.lint_gate(self, rules))
        self.windows.add_palette_menu()
        if old is not None:
            old.hide()
            old.deleteLater()
            last = self.usage.last() if self.usage is not None else None
            self.follow_flow(last.uid if last else None)

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
        self.windows.started()
        self.events.emit(
            "ready",
            replies=len(self.library),
            tray=self.tray.available,
            hotkeys=list(self.grabbed),
        )

    def set_library(self, library: Library) -> None:
        """A new library (a pack imported, a subscription updated, a reply edited).

        Everything built from the library follows at once: search, flows, the
        rules of the linter and the replies' own hotkeys; an open palette
        searches again for what the agent has typed.
        """
        self.library = library
        self.finder = Finder(library, self.usage)
        self.flows = FlowTracker(library.flows, library.replies)
        self.palette.search_fn = self.finder
        self.palette.lint = make_lint(self.lint_platform, library.packs, self._lint_failed)
        if not self.paused:
            self.register_hotkeys()
        last = self.usage.last() if self.usage is not None else None
        self.follow_flow(last.uid if last else None)
        if self.palette.isVisible():
            self.palette.search_again()
        self.events.emit("library_reloaded", replies=len(library), problems=len(library.problems))
        self.library_changed.emit()

    def reload_library(self) -> None:
        """Read the packs again from disk (the `reload` command of a second launch)."""
        reloading.load_packs(self, self.pack_paths)

    def answer_command(self, verb: str, args: list[str]) -> Answer:
        """`reload` and `load PATHS` from a second launch, answered with what changed."""
        return reloading.answer(self, verb, args)

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
            .replace("%4", step.reply.title),
            context={uid for s in steps for uid in s.flow.step_uids()},
        )

    def register_hotkeys(self) -> None:
        wanted: list[Wanted] = [(self.settings["hotkey"], self.toggle_palette, "palette")]
        wanted += [
            (r.hotkey, partial(self.paste_reply_now, r), r.uid)
            for r in self.library.replies
            if r.hotkey
        ]
        wanted += self.windows.hotkeys()
        self.grabbed = grab_hotkeys(self.hotkeys, wanted, self._report)

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
        return render.LazyBuiltins(values, self._clipboard_text)

    def _clipboard_text(self) -> str:
        try:
            return self.clipboard.text()
        except DesktopError:
            return ""

    def show_palette(self, near_focus: bool = True) -> None:
        if self.palette.isVisible():
            self.palette.activateWindow()
            return
        self.focus_watch.opening()
        self.target = self._current_window()
        self._follow_chat_client()
        self.palette.popup(self._focus_spot() if near_focus else None)
        # Save the agent's clipboard while they type, not after Enter: a
        # screenshot on it costs ~180 ms to read (measured), ~10 ms when read ahead.
        QTimer.singleShot(0, self.paste_service.prepare)
        self.focus_watch.opened()

    def show_palette_from_tray(self) -> None:
        self.show_palette(near_focus=False)  # the focus is on the taskbar: open at the mouse
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
            self._follow_chat_client()
            self.palette.anchor = self._focus_spot()  # should a form or the gate open
        # The hotkey's key grab ends with its release, and the chat window gets its
        # focus back (FocusIn after the grab) a moment later: a Ctrl+V sent at once
        # is lost (measured on X11 with a Qt chat window). A short settle fixes it.
        QTimer.singleShot(REPLY_HOTKEY_SETTLE_MS, lambda: self.palette.choose(reply))

    def _focus_spot(self) -> FocusSpot | None:
        try:
            return self.locator.focus_spot() if self.locator is not None else None
        except DesktopError:
            return None  # at the mouse, as before

    def _follow_chat_client(self) -> None:
        """Lint with the rules of the platform whose chat client the reply goes to."""
        app = ""
        if self.target is not None:
            with contextlib.suppress(DesktopError):
                app = self.foreground.app_name(self.target)
        platform = self.settings.platform_for(app)
        if platform != self.lint_platform:
            self.lint_platform = platform
            self.palette.lint = make_lint(platform, self.library.packs, self._lint_failed)
            self.events.emit("lint_platform", platform=platform, app=normalise_app(app))

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
                result = self.paste_service.paste_text(text, self.target, tag=reply.uid)
        except DesktopError as exc:  # a bad per-app paste key in the settings
            self._report("paste_failed", str(exc), reply=reply.uid, step="config")
            return
        ms = round((time.perf_counter() - started) * 1000, 2)
        if not result.ok:
            self.reports.failed(reply.uid, result)
            return
        if self.usage is not None:
            self.usage.record(reply.uid, chars=len(text))
            self.finder.refresh_usage()
        self.follow_flow(reply.uid)
        self.windows.follow(reply.uid)
        if copy_only:
            self.reports.copied(reply.uid, ms, result)
        # `pasted` comes from reports.outcome, once the chat window took it

    # -- settings

    def open_settings(self) -> None:
        from quickreply.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(
            self.settings, reply_hotkeys=self.windows.reply_hotkeys(), probe=self.windows.probe
        )
        if dialog.exec() and dialog.result_settings is not None:
            self.apply_settings(dialog.result_settings)

    def apply_settings(self, new: Settings) -> None:
        old, self.settings = self.settings, new
        try:
            settings_mod.save(new, self.settings_path)
        except StorageError as exc:  # names the file and what to do; the new values still apply
            self._report("settings_not_saved", str(exc))
        self.paste_service.configure(new)
        self.lint_platform = new.platform_for("")
        self.palette.lint = make_lint(self.lint_platform, self.library.packs, self._lint_failed)
        self.palette.lint_gate = bool(new["lint_gate"])
        keys = ("hotkey", "flow_hotkey", "check_hotkey")
        if any(new[k] != old[k] for k in keys) and not self.paused:
            self.register_hotkeys()
            self.tray.set_hotkey_hint(new["hotkey"])
        if new["autostart"] != old["autostart"]:
            from quickreply.desktop import autostart

            try:
                autostart.apply(bool(new["autostart"]))
            except DesktopError as exc:
                self._report("autostart_failed", str(exc))
        if new["language"] != old["language"]:  # applied now, no restart
            self.windows.switch_language(resources.resolve_language(new["language"]))
        self.events.emit("settings_saved")

    # -- commands from a second launch

    def on_command(self, command: str) -> None:
        if command == "toggle":
            self.toggle_palette()
        elif command == "show":
            self.show_palette()
        elif command == "hide" and self.palette.isVisible():
            self.palette.dismiss()
        elif command == "reload":
            self.reload_library()
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
        from quickreply.desktop.handover import hand_over_clipboard

        if hand_over_clipboard():  # a clipboard manager keeps the agent's clipboard
            self.events.emit("clipboard_handed_over")
        self.tray.hide()
        if self.usage is not None:
            self.usage.close()
