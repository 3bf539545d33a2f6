"""The manager's windows around the running app: one object the controller builds and forgets.

`ManagerWindows` opens the library manager, the flow runner and 检查文本
on demand (from the tray, the palette's ☰ menu or a hotkey), keeps them in
step with the running app's library (`library_changed`), reports a broken
personal pack (tray error icon, a notification with FILE:LINE and the fix)
and shows the no-tray note at the first start. It reaches into the app only
through its public attributes and `set_library`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Qt, QTranslator

from quickreply.core import storage
from quickreply.core.library import Library
from quickreply.core.lint.checker import LintFn, make_lint
from quickreply.core.model import Reply
from quickreply.core.packs import Problem
from quickreply.core.ports import Clipboard, DesktopError, HotkeyBackend, HotkeyTaken
from quickreply.core.search import Hit
from quickreply.core.settings import Settings
from quickreply.ui import resources
from quickreply.ui.manager import welcome
from quickreply.ui.manager.commands import PersonalStore
from quickreply.ui.tray import Tray

if TYPE_CHECKING:
    # Imported when first opened: the windows' modules cost every start ~30 ms
    # before the palette is ready, and most sessions never open them.
    from quickreply.ui.manager.checktext import CheckTextWindow
    from quickreply.ui.manager.flowrunner import FlowRunner
    from quickreply.ui.manager.window import ManagerWindow


class RunningApp(Protocol):
    """What these windows use of the running app (`ui.controller.QuickReplyApp`).

    Declared here, by the consumer, so the manager does not import the
    controller that builds it (no import cycle, and a small surface).
    """

    tray: Tray
    library: Library
    settings: Settings
    grabbed: list[str]
    hotkeys: HotkeyBackend
    clipboard: Clipboard
    palette: Any
    language: str
    lint_platform: str  # the platform whose rules apply now (set by hand or by the chat client)
    library_changed: Any  # a Qt signal

    def finder(self, query: str) -> Sequence[Hit]: ...
    def builtins(self) -> Mapping[str, str]: ...
    def reload_library(self) -> None: ...
    def set_library(self, library: Library) -> None: ...
    def paste_reply_now(self, reply: Reply) -> None: ...
    def show_palette(self) -> None: ...
    def rebuild_palette(self) -> None: ...
    def _report(self, kind: str, message: str, **fields: Any) -> None: ...


class ManagerWindows(QObject):
    def __init__(self, app: RunningApp) -> None:
        super().__init__()  # kept alive by the app's `windows` attribute
        self.app = app
        self.manager: ManagerWindow | None = None
        self.flows: FlowRunner | None = None
        self.checker: CheckTextWindow | None = None
        self.note: welcome.NoTrayNote | None = None
        self.menu_button: welcome.PaletteMenu | None = None
        self.translators: list[QTranslator] = []  # kept alive while installed
        self._reported: str | None = None
        app.tray.manager_requested.connect(self.open_manager)
        app.tray.check_requested.connect(self.open_checker)
        app.tray.flows_requested.connect(self.open_flows)
        app.library_changed.connect(self.library_changed)

    # -- what the windows need from the app

    def personal_path(self) -> Path:
        return storage.personal_pack_path()

    def lint(self) -> LintFn | None:
        return make_lint(self.app.lint_platform, self.app.library.packs)

    def app_hotkeys(self) -> dict[str, str]:
        settings = self.app.settings
        return {
            self.tr("打开搜索面板"): settings["hotkey"],
            self.tr("粘贴话术当前一步"): settings["flow_hotkey"],
            self.tr("检查文本"): settings["check_hotkey"],
        }

    def hotkeys(self) -> list[tuple[str, Callable[[], None], str]]:
        """The global hotkeys these windows answer to, for `register_hotkeys`."""
        settings = self.app.settings
        return [
            (settings["flow_hotkey"], self.paste_flow_step, "flow"),
            (settings["check_hotkey"], self.show_checker, "check"),
        ]

    def reply_hotkeys(self) -> dict[str, str]:
        return {r.title: r.hotkey for r in self.app.library.replies if r.hotkey}

    def probe(self, hotkey: str) -> bool:
        """True when another program holds `hotkey` (tried and let go at once)."""
        if hotkey in self.app.grabbed:
            return False
        try:
            self.app.hotkeys.register(hotkey, lambda: None)
        except HotkeyTaken:
            return True
        except DesktopError:
            return False  # no global hotkeys here at all: nothing to compare with
        self.app.hotkeys.unregister(hotkey)
        return False

    # -- opening

    def open_manager(self) -> ManagerWindow:
        if self.manager is None:
            from quickreply.ui.manager.window import ManagerWindow

            store = PersonalStore(self.personal_path(), on_saved=self.app.reload_library)
            self.manager = ManagerWindow(
                self.app.library,
                store,
                search=self.app.finder,
                lint=self.lint(),
                app_hotkeys=self.app_hotkeys(),
                builtins=dict(self.app.builtins()),
                probe=self.probe,
            )
            self.manager.set_library(self.app.library)
        elif not self.manager.undo_stack.count():
            self.manager.reread_personal()  # the file may have been fixed by hand meanwhile
        _raise(self.manager)
        return self.manager

    def open_flows(self) -> FlowRunner:
        if self.flows is None:
            from quickreply.ui.manager.flowrunner import FlowRunner

            self.flows = FlowRunner(self.app.library)
            self.flows.paste_requested.connect(self.paste)
        self.flows.set_hotkey(self.app.settings["flow_hotkey"])
        _raise(self.flows)
        return self.flows

    def open_checker(self) -> CheckTextWindow:
        if self.checker is None:
            from quickreply.ui.manager.checktext import CheckTextWindow

            self.checker = CheckTextWindow(self.lint(), self._copy)
        self.checker.open_with()
        return self.checker

    def show_checker(self) -> None:
        self.open_checker()

    def _copy(self, text: str) -> None:
        try:
            self.app.clipboard.set_text(text)
        except DesktopError as exc:
            self.app._report("copy_failed", str(exc))

    # -- flows

    def paste_flow_step(self) -> None:
        """The flow hotkey: paste the runner's current step into the focused window."""
        runner = self.flows or self.open_flows()
        reply = runner.current_reply()
        if reply is None:
            self.app.tray.notify(self.tr("快捷回复"), self.tr("先在“话术流程”里选一个流程"))
            return
        self.paste(reply)

    def paste(self, reply: Reply) -> None:
        if self.flows is not None and self.flows.isActiveWindow():
            self.flows.hide()  # give the chat window its focus back first
        self.app.paste_reply_now(reply)

    def follow(self, uid: str) -> None:
        if self.flows is not None:
            self.flows.follow(uid)

    # -- the library changed

    def library_changed(self) -> None:
        library = self.app.library
        if self.manager is not None:
            self.manager.app_hotkeys = self.app_hotkeys()
            self.manager.set_library(library, self.app.finder, self.lint())
        if self.flows is not None:
            self.flows.set_library(library)
        if self.checker is not None:
            self.checker.set_lint(self.lint())
        self.check_personal(library)

    def personal_problem(self, library: Library) -> Problem | None:
        """The first error of the personal pack, if it is broken (the library's word first)."""
        given = library.personal_problem  # core read it, and chose the backup shown meanwhile
        if given is not None and given.problems:
            return given.problems[0]
        path = self.personal_path().resolve()
        for problem in library.problems:
            if problem.level == "error" and Path(problem.path).resolve() == path:
                return problem
        return None

    def check_personal(self, library: Library) -> None:
        """A broken personal pack: say where and how to fix it, once per problem; red tray icon."""
        problem = self.personal_problem(library)
        if problem is None:
            if self._reported is not None:
                self.app.tray.set_error("")
            self._reported = None
            return
        text = self.tr("个人回复文件有错误（%1:%2）：%3。用记事本改好这一行后，在“管理回复”里点“重新读取”。")  # noqa: E501
        text = text.replace("%1", problem.path).replace("%2", str(problem.line))
        text = text.replace("%3", problem.message)
        # Core's library already shows the last good backup meanwhile (core.library.personal).
        given = library.personal_problem
        if given is not None and given.backup is not None:
            text += self.tr("在修好之前，搜索用的是最近一次完好的备份。")
        self.app.tray.set_error(text)
        if self._reported != str(problem):
            self._reported = str(problem)
            self.app._report("personal_pack_broken", text, file=problem.path, line=problem.line)

    # -- start, language

    def started(self) -> None:
        self.check_personal(self.app.library)
        if self.app.tray.available:
            return
        home = storage.data_dir()
        if welcome.should_show_note(home):
            self.note = welcome.NoTrayNote(self.app.settings["hotkey"], home, self.app.show_palette)
            # Seen, but never taking the keyboard: the agent may already be typing
            # in a chat window, or have opened the palette (which hides when it loses focus).
            self.note.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.note.show()
            welcome.remember_note_shown(home)

    def add_palette_menu(self) -> None:
        """The ☰ button in the palette's footer (the palette exposes `footer` for it)."""
        footer = getattr(self.app.palette, "footer", None)
        if footer is None:
            return
        tray = self.app.tray
        self.menu_button = welcome.PaletteMenu(
            [
                (self.tr("管理回复…"), self.open_manager),
                (self.tr("检查文本…"), self.open_checker),
                (self.tr("话术流程…"), self.open_flows),
                (self.tr("设置…"), tray.settings_requested.emit),
                (self.tr("退出"), tray.quit_requested.emit),
            ],
            self.app.palette,
        )
        footer.addWidget(self.menu_button)

    def switch_language(self, language: str) -> None:
        """Install `language` and rebuild what shows text: no restart needed."""
        self.app.language = language
        self.translators = resources.switch_language(language, self.translators)
        self.app.tray.retranslate()
        for window in (self.manager, self.flows, self.checker):
            if window is not None:
                window.hide()
                window.deleteLater()
        self.manager = self.flows = self.checker = None
        self.app.rebuild_palette()


def _raise(window: object) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    window.show()
    window.raise_()
    window.activateWindow()
