"""The composition root: the only place that wires core, desktop and widgets together.

`main()` builds the real backends for this session and hands them to
`QuickReplyApp` (`ui/controller.py`), which runs the paste path; the tests
build the controller with fakes instead.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from quickreply.core import crashlog
from quickreply.core import settings as settings_mod
from quickreply.core.library import Library
from quickreply.core.ports import DesktopError
from quickreply.core.settings import Settings
from quickreply.core.usage import UsageStore
from quickreply.desktop.live_library import LiveLibrary
from quickreply.desktop.single_instance import InstanceServer
from quickreply.ui import resources, startup, team_updates
from quickreply.ui.controller import QuickReplyApp
from quickreply.ui.eventlog import EventLog


@dataclass
class Running:
    """The composed app before its event loop: what `main` runs and scripts drive."""

    qapp: QApplication
    app: QuickReplyApp
    server: InstanceServer
    events: EventLog
    translator: object  # the catalogues, kept alive for as long as the UI speaks its language
    live: LiveLibrary | None = None  # follows subscriptions (not with --pack)


def build_app(packs: Sequence[Path] = (), log_json: bool = False) -> Running | int:
    """Compose the real app, or the exit code when another instance runs (told to show)."""
    pause = startup.CollectorPause()  # the collector resumes at ready (see there)
    try:
        running = _build_app(packs, log_json, pause)
    except BaseException:
        pause.resume(freeze=False)
        raise
    if isinstance(running, int):
        pause.resume(freeze=False)
    return running


def _build_app(
    packs: Sequence[Path], log_json: bool, pause: startup.CollectorPause
) -> Running | int:
    started = time.perf_counter()
    events = EventLog(json_lines=log_json)
    startup.check_display()
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
        return _hand_over(packs, events)

    startup_errors: list[str] = []
    try:
        library = Library.open(packs)
    except FileNotFoundError as exc:  # an install without its built-in library
        library = Library(())
        startup_errors.append(str(exc))
    for problem in library.problems:
        events.emit("warning", kind="pack_problem", message=str(problem))
    settings, problems = settings_mod.load()
    autostart_errors: list[str] = []
    settings = _sync_autostart(settings, autostart_errors)
    language = resources.resolve_language(settings["language"])
    translators = resources.switch_language(language, [])  # ours, and Qt's own strings
    qapp.setWindowIcon(resources.icon())

    usage = UsageStore()  # a bad usage file is moved aside, never fatal
    app = QuickReplyApp(
        library,
        settings,
        clipboard=desktop.create_clipboard(),
        paster=desktop.create_paster(),
        offer=desktop.create_reply_offer(),
        primary=desktop.create_primary_clipboard(),
        foreground=desktop.create_foreground(),
        locator=desktop.create_focus_locator(),
        hotkeys=desktop.create_hotkey_backend(),
        events=events,
        usage=usage,
        language=language,
        pack_paths=packs,
    )
    app.windows.translators = translators  # a language change swaps them
    server.command_received.connect(app.on_command)
    server.answerer = app.answer_command  # `reload`, `load PATHS`: answered with what changed
    app.quit_requested.connect(qapp.quit)
    for settings_problem in problems:
        app._report("settings_problem", str(settings_problem))
    for message in startup_errors:
        app._report("library_missing", message)
    for message in autostart_errors:
        app._report("autostart_failed", message)
    # Data files moved aside or recovered, each naming the file and what was kept.
    for notice in (*library.notices, *usage.notices):
        app._report("data_file_problem", notice)

    live: LiveLibrary | None = None
    if not packs:  # the agent's own library: follow its subscriptions and files
        live = LiveLibrary(
            lambda: app.usage.all() if app.usage else {},
            lambda: str(app.settings["platform"]),
            language="en" if language == "en" else "zh",
            ui_busy=lambda: app.palette.isVisible(),  # no reload work while the agent types
            parent=app,
        )
        team_updates.wire(app, live)

    def go() -> None:
        app.start()
        pause.resume(freeze=True)
        events.emit(
            "startup",
            ms=round((time.perf_counter() - started) * 1000, 1),
            dpi=dpi,
            font=fonts[0] if fonts else "",
        )
        if live is not None:
            live.start()

    QTimer.singleShot(0, go)
    return Running(qapp, app, server, events, translators, live)


def _hand_over(packs: Sequence[Path], events: EventLog) -> int:
    """Another instance runs: it loads our packs (`run --pack F`) or opens its palette."""
    import sys

    from quickreply import desktop

    if not packs:
        delivered = desktop.send_to_running(None, "show")
        events.emit("handed_over", delivered=delivered)
        return 0 if delivered else 1
    answer = desktop.request(None, "load", [str(Path(p).resolve()) for p in packs])
    ok = answer is not None and answer.ok
    message = answer.message if answer is not None else "it did not answer"
    events.emit("handed_over", delivered=ok, message=message)
    if ok:
        print(f"QuickReply is already running: {message}", file=sys.stderr)
        return 0
    print(f"QuickReply is already running and did not load the packs: {message}", file=sys.stderr)
    return 1


def _sync_autostart(settings: Settings, errors: list[str]) -> Settings:
    """Make start-at-login match the setting; an unset one shows what the OS has."""
    from quickreply.desktop import autostart

    try:
        at_login = autostart.apply(settings.data.get("autostart"))
    except DesktopError as exc:
        errors.append(f"start at login: {exc}")
        return settings
    if "autostart" in settings.data:
        return settings
    return settings.replace(autostart=at_login)


def main(packs: Sequence[Path] = (), log_json: bool = False) -> int:
    """`quickreply run`: one instance per user and data directory."""
    running = build_app(packs, log_json)
    if isinstance(running, int):
        return running
    startup.quit_on_signals(running.qapp)
    # An error in a slot is logged to a file and shown in the tray, never lost on stderr.
    app = running.app
    sys.excepthook = crashlog.make_excepthook(lambda line: app._report("internal_error", line))
    try:
        code = running.qapp.exec()
    finally:
        if running.live is not None:
            running.live.stop()
        running.app.shutdown()
        running.server.close()
        del running.translator
    return int(code)
