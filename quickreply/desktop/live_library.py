"""Keep the running app's library current: watch, poll, check, rebuild off the UI thread.

What changes the library: a subscribed pack file or folder (watched with
QFileSystemWatcher; also polled, because network shares do not always report
changes), a URL (polled with conditional requests), and the data folder's
`packs/` and `personal.toml` (written by `quickreply import`, `quickreply
subscriptions --update` or the manager window in another process).

Every check runs `core.library.update_all` in a worker thread; when any source
of the library changed, the same thread loads the new `Library`, builds its
search index, talk-script tracker and linter, and only then hands the finished
`LibraryUpdate` to the UI thread, which swaps references (no parsing or
indexing there, so typing in the palette stays within a frame). Checks never
overlap; a change seen while one runs schedules one more.
"""

from __future__ import annotations

import gc
import logging
import queue
import sys
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from quickreply.core import storage
from quickreply.core.flows import FlowTracker
from quickreply.core.library import (
    Library,
    SubscriptionReport,
    SubscriptionsFileError,
    list_subscriptions,
    update_all,
    whats_new,
)
from quickreply.core.lint.checker import make_lint
from quickreply.core.search.finder import Finder

log = logging.getLogger(__name__)

POLL_MS = 5 * 60 * 1000  # URLs (and every other source) with conditional requests
LOCAL_POLL_MS = 60 * 1000  # files and folders: shares and USB sticks may not report changes
DEBOUNCE_MS = 400  # a copy tool writes a file in several steps: check once it settles
COLLECT_MS = 25  # how often the UI thread looks for a finished check while one runs
BUSY_RETRY_MS = 1000  # while the palette is open, look again this often
WORKER_SWITCH_S = 0.001  # the GIL switch interval while the worker runs
# Windows' change notifications hold a handle on the watched folder, and a USB
# stick with an open handle cannot be ejected: there, sources are polled only
# (LOCAL_POLL_MS) and only the data folder is watched.
WATCH_SOURCES = sys.platform != "win32"

Fingerprint = tuple[tuple[str, int, int], ...]
LintFn = Callable[[str], Any]


@dataclass
class LibraryUpdate:
    """A library built off the UI thread, ready to swap in."""

    library: Library
    finder: Finder  # its index built with the usage counts of a moment ago; no store yet
    flows: FlowTracker
    lint: LintFn | None
    notes: list[str] = field(default_factory=list)  # "what's new", one per updated pack
    problems: list[str] = field(default_factory=list)  # refused updates, unreachable sources
    reports: list[SubscriptionReport] = field(default_factory=list)
    # What the app replaced, handed back so a worker frees it, not the UI thread
    retired: tuple[Any, ...] = ()


def library_fingerprint(home: Path) -> Fingerprint:
    """What the loaded library was read from: changes when any of those files does."""
    files = [*sorted((home / "packs").glob("*.toml")), home / "personal.toml"]
    out = []
    for path in files:
        try:
            st = path.stat()
        except OSError:
            continue
        out.append((path.name, st.st_mtime_ns, st.st_size))
    return tuple(out)


def check_sources(
    home: Path, language: str = "zh", *, poll_urls: bool = True
) -> tuple[list[SubscriptionReport], list[str], list[str]]:
    """Fetch and check every subscription: (reports, what's-new notes, problems)."""
    try:
        reports = update_all(home, kinds=None if poll_urls else ("file", "folder"))
    except SubscriptionsFileError as exc:
        return [], [], [str(exc)]
    notes: list[str] = []
    problems: list[str] = []
    for report in reports:
        if report.error:
            problems.append(report.error)
        for outcome in report.packs:
            if outcome.outcome == "refused":
                problems.append(outcome.message)
            elif outcome.outcome == "updated" and outcome.diff is not None:
                note = whats_new(outcome.diff, outcome.name, language)
                if outcome.flagged:  # the agent's own versions of replies the team changed
                    n = len(outcome.flagged)
                    note += (
                        f"\n{n} replies you rewrote were changed by the team: review them "
                        "(keep yours or take theirs) in the manager or with `quickreply review`"
                        if language == "en"
                        else f"\n你改写过的 {n} 条回复团队也改了，"
                        "请复核（保留自己的或改用团队的）：管理窗口或 quickreply review"
                    )
                notes.append(note)
            elif outcome.outcome == "new":
                new = f"「{outcome.name}」{outcome.new_version} 已加入回复库"
                notes.append(new if language != "en" else f"“{outcome.name}” added")
    return reports, notes, problems


def watch_paths(home: Path) -> list[str]:
    """What to watch: the data folder, and the subscribed files and folders that exist now."""
    wanted = {str(home), str(home / "packs")}
    try:
        subs = list_subscriptions(home)
    except SubscriptionsFileError:
        subs = []
    for sub in subs if WATCH_SOURCES else ():
        if sub.kind == "folder":
            # the folder reports files added or renamed; each file, a rewrite in place
            wanted.add(sub.source)
            wanted.update(str(p) for p in Path(sub.source).glob("*.toml"))
        elif sub.kind == "file":
            wanted.add(sub.source)
            wanted.add(str(Path(sub.source).parent))
    return sorted(p for p in wanted if Path(p).exists())


def build_update(
    home: Path,
    usage: Mapping[str, Any],
    platform: str,
    *,
    builtin_dir: Path | None = None,
    between: Callable[[], None] = lambda: None,
) -> tuple[LibraryUpdate, Fingerprint]:
    """Load the library and build everything the palette needs from it (slow: a worker's job).

    `between` runs between the steps (the worker waits there while the agent types).
    """
    fingerprint = library_fingerprint(home)
    library = Library.load(builtin_dir, home)
    between()
    finder = Finder(library, None)  # the usage store belongs to the UI thread
    finder.index.set_usage(usage)
    between()
    flows = FlowTracker(library.flows, library.replies)
    problems: list[str] = []
    lint = make_lint(platform, library.packs, problems.append)
    return LibraryUpdate(library, finder, flows, lint, problems=problems), fingerprint


class LiveLibrary(QObject):
    """Watches and polls; `updated(LibraryUpdate)` on the UI thread when the library changed."""

    updated = Signal(object)
    problems_found = Signal(list)  # problems without a new library (e.g. a refused update)

    def __init__(
        self,
        usage: Callable[[], Mapping[str, Any]],
        platform: Callable[[], str],
        *,
        home: Path | None = None,
        builtin_dir: Path | None = None,
        language: str = "zh",
        poll_ms: int = POLL_MS,
        local_poll_ms: int = LOCAL_POLL_MS,
        ui_busy: Callable[[], bool] = lambda: False,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.home = home or storage.data_dir()
        self.builtin_dir = builtin_dir
        self.language = language
        self._usage = usage
        self._platform = platform
        # While the agent types (the palette is open), no check starts, and a
        # running one waits at its next step: the reload never competes with a
        # keystroke for longer than one step. `_go` is clear while the UI is busy.
        self._ui_busy = ui_busy
        self._go = threading.Event()
        self._go.set()
        self._fingerprint = library_fingerprint(self.home)
        self._home_seen = self._home_state()
        self._told: set[str] = set()  # problems already reported: say each once
        self._busy = False
        self._again = False
        self._stopped = False
        self._gc_was_enabled = gc.isenabled()
        self._urls_due = False
        self._thread: threading.Thread | None = None
        self._retired: list[tuple[Any, ...]] = []
        self.checks = 0  # finished checks, for tests and the log
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_change)
        self.watcher.directoryChanged.connect(self._on_change)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._start_check)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.check_now)
        self._poll_local = QTimer(self)
        self._poll_local.setInterval(local_poll_ms)
        self._poll_local.timeout.connect(self._debounce.start)
        # The worker never touches Qt (a signal emitted from a Python thread with a
        # Python object corrupted the heap under load, seen in the tests): it puts
        # its result in a queue, and this timer collects it on the UI thread.
        self._results: queue.SimpleQueue[dict[str, Any]] = queue.SimpleQueue()
        self._collect = QTimer(self)
        self._collect.setInterval(COLLECT_MS)
        self._collect.timeout.connect(self._collect_result)

    # -- control

    def start(self) -> None:
        """Watch what the library is read from, poll, and check every source once now."""
        (self.home / "packs").mkdir(parents=True, exist_ok=True)
        self._watch([str(self.home), str(self.home / "packs")], recheck=False)  # local
        self._poll.start()
        self._poll_local.start()
        self.check_now()

    def stop(self) -> None:
        """No more checks; waits for a running one (call before the app quits)."""
        self._stopped = True
        self._go.set()
        self._poll.stop()
        self._poll_local.stop()
        self._debounce.stop()
        self._collect.stop()
        if self._thread is not None:
            self._join_worker()

    def library_loaded_elsewhere(self) -> None:
        """The app loaded the data folder itself (a second launch's `reload`): no rebuild."""
        self._fingerprint = library_fingerprint(self.home)

    @property
    def settled(self) -> bool:
        """No check running and none waiting to start."""
        return not self._busy and not self._debounce.isActive()

    def check_now(self) -> None:
        """Fetch every source (URLs too) as soon as the current check, if any, ends."""
        self._urls_due = True
        self._debounce.start(0)

    def _on_change(self, path: str) -> None:
        if Path(path) == self.home:
            # The data folder changes on every paste (the usage database and its
            # journal) and every check (subscriptions.json): only the personal pack
            # matters here (a new subscription shows as a new file in packs/).
            seen = self._home_state()
            if seen == self._home_seen:
                return
            self._home_seen = seen
        self._debounce.start()

    def _home_state(self) -> tuple[int, int] | None:
        try:
            st = (self.home / "personal.toml").stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def _watch(self, paths: list[str], *, recheck: bool = True) -> None:
        """Watch `paths` (found to exist by the worker: a share may hang a stat).

        A path watched only now may have changed while the check that found it
        ran: one more check (files and folders only) closes that gap.
        """
        missing = set(paths) - set(self.watcher.files()) - set(self.watcher.directories())
        if missing:
            self.watcher.addPaths(sorted(missing))
            if recheck:
                self._debounce.start()

    # -- the check, in a worker thread

    def _start_check(self) -> None:
        if self._stopped:
            return
        if self._ui_busy():
            self._debounce.start(BUSY_RETRY_MS)
            return
        self._go.set()
        if self._busy:
            self._again = True
            return
        self._busy = True
        # No automatic garbage collection while the worker runs: a collection
        # triggered by the worker's allocations would delete unreachable Qt
        # objects on the worker thread, which corrupts Qt's state (seen as heap
        # corruption in the tests). Reference counting still frees everything
        # else at once; collection resumes on the UI thread when the check ends.
        self._gc_was_enabled = gc.isenabled()
        gc.disable()
        # A keystroke waits for the GIL up to the switch interval each time the
        # worker holds it (5 ms by default): hand it over sooner while it works.
        self._switch_interval = sys.getswitchinterval()
        sys.setswitchinterval(min(self._switch_interval, WORKER_SWITCH_S))
        urls, self._urls_due = self._urls_due, False
        usage = dict(self._usage())  # read on the UI thread: SQLite stays on its thread
        platform = self._platform()
        retired, self._retired = self._retired, []
        self._thread = threading.Thread(
            target=self._work,
            args=(urls, usage, platform, retired),
            name="library-check",
            daemon=True,
        )
        self._thread.start()
        self._collect.start()

    def _work(
        self, urls: bool, usage: dict[str, Any], platform: str, retired: list[tuple[Any, ...]]
    ) -> None:
        """In the worker thread: touches files and core objects only, never Qt objects."""
        retired.clear()  # the library the app replaced last time is freed here
        started = time.perf_counter()
        result: dict[str, Any] = {"update": None, "problems": [], "ms": 0.0}
        try:
            reports, notes, problems = check_sources(self.home, self.language, poll_urls=urls)
            self._wait_for_ui()
            result["problems"] = problems
            result["reports"] = reports
            result["watch"] = watch_paths(self.home)
            if library_fingerprint(self.home) != self._fingerprint:
                update, fingerprint = build_update(
                    self.home,
                    usage,
                    platform,
                    builtin_dir=self.builtin_dir,
                    between=self._wait_for_ui,
                )
                update.notes = notes
                update.problems = problems + update.problems
                update.reports = reports
                result["update"] = update
                result["fingerprint"] = fingerprint
        except Exception as exc:  # never let a check kill the app; it is logged and reported
            log.exception("checking the team packs failed")
            result["problems"] = [f"检查团队话术包时出错：{exc}"]
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        self._results.put(result)

    def _wait_for_ui(self) -> None:
        """In the worker: between steps, wait while the agent types (never past stop())."""
        while not self._go.wait(timeout=1.0) and not self._stopped:
            pass

    def _collect_result(self) -> None:
        if self._ui_busy():
            self._go.clear()
        else:
            self._go.set()
        try:
            result = self._results.get_nowait()
        except queue.Empty:
            return
        self._collect.stop()
        self._join_worker()
        self._on_finished(result)

    def _join_worker(self) -> None:
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        if self._gc_was_enabled:
            gc.enable()
        sys.setswitchinterval(self._switch_interval)

    def _on_finished(self, result: dict[str, Any]) -> None:
        self._busy = False
        self.checks += 1
        if self._stopped:
            return
        update: LibraryUpdate | None = result["update"]
        problems = [p for p in result["problems"] if p not in self._told]
        self._told.update(problems)
        if not result["problems"]:
            self._told.clear()  # everything fine again: a new failure is news
        if update is not None:
            self._fingerprint = result["fingerprint"]
            update.problems = problems
            self.updated.emit(update)
            self._retired.append(update.retired)
            update.retired = ()
        elif problems:
            self.problems_found.emit(problems)
        self._watch(result.get("watch", []))  # a rename drops a watched file; folders appear
        if self._again:
            self._again = False
            self._debounce.start()
