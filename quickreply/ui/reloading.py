"""A running app takes new packs: `quickreply run --pack F` or `quickreply import` meanwhile.

The second launch sends `load PATHS` or `reload` (`desktop.single_instance`);
the app reads the packs, switches to them with `QuickReplyApp.set_library`,
and answers with what changed ("3 replies added, 1 changed, 0 removed"),
which the command prints; the agent sees the same in a tray note. A pack that
cannot be read changes nothing: the running replies stay, and both the
command and the app say why.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from quickreply.core.library import Library
from quickreply.core.library.changes import compare
from quickreply.core.packs import PackError
from quickreply.desktop.single_instance import Answer

_RUNS_WITH_PACK = "it runs with --pack, so imported packs are used once it runs without --pack"


class RunningApp(Protocol):
    """What reloading needs of `QuickReplyApp`."""

    library: Library
    pack_paths: tuple[Path, ...]
    events: Any
    tray: Any
    palette: Any

    def set_library(self, library: Library) -> None: ...

    def _report(self, kind: str, message: str, **fields: Any) -> None: ...


def load_packs(app: RunningApp, paths: Sequence[Path]) -> Answer:
    """Read `paths` (none: the data folder) and switch to them; what changed, or why not."""
    paths = tuple(paths)
    where = ", ".join(str(p) for p in paths) or "the data folder"
    try:
        library = Library.open(paths)
    except (PackError, OSError) as exc:
        detail = "; ".join(str(p) for p in getattr(exc, "problems", ())) or str(exc)
        said = QCoreApplication.translate("QuickReplyApp", "回复包没有载入：%1")
        app._report("pack_problem", said.replace("%1", detail))
        return Answer(False, f"{where} not loaded, the running replies are kept: {detail}")
    for problem in library.problems:
        app.events.emit("warning", kind="pack_problem", message=str(problem))
    changes = compare(app.library, library)
    app.pack_paths = paths
    app.set_library(library)
    app.events.emit(
        "library_loaded", added=changes.added, changed=changes.changed, removed=changes.removed
    )
    note = (
        QCoreApplication.translate(
            "QuickReplyApp", "回复已更新：新增 %1 条，修改 %2 条，删除 %3 条"
        )
        .replace("%1", str(changes.added))
        .replace("%2", str(changes.changed))
        .replace("%3", str(changes.removed))
    )
    app.tray.notify(QCoreApplication.translate("QuickReplyApp", "快捷回复"), note)
    app.palette.announce(note)  # the palette says it too: not every desktop has a tray
    return Answer(True, f"{where} loaded: {changes}")


def answer(app: RunningApp, verb: str, args: list[str]) -> Answer:
    """A second launch's `load PATHS` or `reload`."""
    if verb == "load":
        return load_packs(app, [Path(a) for a in args])
    result = load_packs(app, app.pack_paths)
    if app.pack_paths:  # `quickreply import` wrote to the data folder, not read here
        return Answer(result.ok, f"{result.message} ({_RUNS_WITH_PACK})")
    return result

