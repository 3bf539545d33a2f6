"""Subscribed team packs under the running app: swap in, say what is new, count red lines.

`desktop.LiveLibrary` watches and polls the sources and builds the new library
off the UI thread; this module is the UI side: it swaps the finished pieces
into the controller (no parsing or indexing here), says what is new in a tray
note and in the palette, and reports a refused update once. The controller's
`set_library` is the way for a library built here, on the UI thread (a
second launch's `reload`); this one takes what the worker already built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from quickreply.core.flows import FlowTracker
    from quickreply.core.library import Library
    from quickreply.core.search.finder import Finder
    from quickreply.core.usage import UsageStore
    from quickreply.desktop.live_library import LibraryUpdate, LiveLibrary


class QuickReplyApp(Protocol):
    """What a team update needs of the controller (`ui.controller.QuickReplyApp`)."""

    library: Library
    finder: Finder
    flows: FlowTracker
    usage: UsageStore | None
    paused: bool
    events: Any
    tray: Any
    palette: Any
    library_changed: Any

    def register_hotkeys(self) -> None: ...

    def _report(self, kind: str, message: str, **fields: Any) -> None: ...


def wire(app: QuickReplyApp, live: LiveLibrary) -> None:
    live.updated.connect(lambda update: apply_update(app, update))
    live.problems_found.connect(lambda problems: report_problems(app, problems))
    app.library_changed.connect(live.library_loaded_elsewhere)


def apply_update(app: QuickReplyApp, update: LibraryUpdate) -> None:
    """A subscribed pack changed: swap in what the worker built, say what is new."""
    # freed by the next check's worker: dropping 10,000 replies here costs a frame
    update.retired = (app.library, app.finder, app.flows, app.palette.lint)
    app.library = update.library
    update.finder.usage = app.usage  # built without the store: SQLite stays on this thread
    update.finder.pinned = app.finder.pinned
    app.finder = update.finder
    app.flows = update.flows
    app.palette.search_fn = app.finder
    app.palette.lint = update.lint
    if not app.paused:
        app.register_hotkeys()
    if app.palette.isVisible():
        app.palette.search_again()
    title = QCoreApplication.translate("QuickReplyApp", "快捷回复")
    for note in update.notes:
        app.tray.notify(title, note)
        app.palette.announce(note)  # not every desktop has a tray
    report_problems(app, update.problems)
    app.events.emit(
        "library_reloaded", replies=len(update.library), problems=len(update.library.problems)
    )
    app.events.emit("library_updated", replies=len(update.library), notes=update.notes)
    app.library_changed.emit()


def report_problems(app: QuickReplyApp, problems: list[str]) -> None:
    """A refused update or an unreachable source: said once, the last good copy in use."""
    for problem in problems:
        told = QCoreApplication.translate(
            "QuickReplyApp", "团队话术包没有更新，仍在使用上次检查通过的版本：%1"
        )
        app._report("pack_update", told.replace("%1", problem))


def lint_gate(app: QuickReplyApp, rules: list[str]) -> None:
    """A red line stopped a paste for confirmation: counted for the team report."""
    if app.usage is not None:
        app.usage.record_catches(rules)
    app.events.emit("lint_gate", rules=rules)
