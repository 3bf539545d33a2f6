"""The library manager: the tree of packs, the palette's search over it, and the reply editor.

Every change is one `PackEdit` on a `QUndoStack` (撤销 / 重做), written at
once (atomically, with a backup) through `PersonalStore`; `on_saved` lets
the running app reload the library, and `set_library` brings the new one
back here, so the palette and the tree always show the file on disk.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QToolBar,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from quickreply.core.library import PERSONAL_PACK_ID, Library, edits
from quickreply.core.lint.checker import LintFn
from quickreply.core.model import Pack, Reply
from quickreply.core.packs import Problem
from quickreply.core.search import Hit
from quickreply.ui import resources
from quickreply.ui.manager.commands import PackEdit, PersonalStore
from quickreply.ui.manager.editor import NEW, OVERRIDE, OWN, TEAM, ReplyEditor
from quickreply.ui.manager.tree import UID_ROLE, LibraryTreeModel, ReplyFilter

SearchFn = Callable[[str], Sequence[Hit]]


class ManagerWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        store: PersonalStore,
        *,
        search: SearchFn | None = None,
        lint: LintFn | None = None,
        app_hotkeys: Mapping[str, str] | None = None,
        builtins: Mapping[str, str] | None = None,
        probe: Callable[[str], bool] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Manager")
        self.setWindowTitle(self.tr("管理回复"))
        self.setWindowIcon(resources.svg_icon("manager"))
        self.resize(1000, 640)
        self.library = library
        self.store = store
        self.store.confirm = self.confirm_overwrite
        self.search_fn = search
        self.app_hotkeys: Mapping[str, str] = app_hotkeys or {}
        self.undo_stack = QUndoStack(self)
        self.model = LibraryTreeModel(library, self)
        self.model.move_requested.connect(self.move_reply, Qt.ConnectionType.QueuedConnection)
        self.proxy = ReplyFilter(self)
        self.proxy.setSourceModel(self.model)
        self._build()
        self.editor.builtins = builtins or {}
        self.editor.probe = probe
        self.editor.set_lint(lint)
        self.editor.collisions = lambda codes, own: edits.code_collisions(
            codes, self.library.replies, own
        )
        self.editor.hotkey_conflicts = lambda key, own: edits.hotkey_conflicts(
            key, self.library.replies, self.app_hotkeys, own
        )
        self._show_broken()

    # -- construction

    def _build(self) -> None:
        bar = QToolBar(self)
        bar.setMovable(False)
        self.addToolBar(bar)
        self.new_action = QAction(self.tr("新建回复"), self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(self.new_reply)
        self.duplicate_action = QAction(self.tr("复制一份"), self)
        self.duplicate_action.triggered.connect(self.duplicate_current)
        self.delete_action = QAction(self.tr("删除"), self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_current)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (self.new_action, self.duplicate_action, self.delete_action):
            bar.addAction(action)
        self.duplicate_action.setEnabled(False)  # until a reply is chosen
        self.delete_action.setEnabled(False)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        self.broken_box = QWidget(central)
        self.broken_box.setObjectName("BrokenPack")
        # Its own text colour too: on a dark system the default text is light.
        self.broken_box.setStyleSheet(
            "#BrokenPack { background: #fff3e0; } #BrokenPack QLabel { color: #4e342e; }"
        )
        row = QHBoxLayout(self.broken_box)
        self.broken_label = QLabel(self.broken_box)
        self.broken_label.setWordWrap(True)
        self.broken_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row.addWidget(self.broken_label, 1)
        reread = QPushButton(self.tr("重新读取"), self.broken_box)
        reread.clicked.connect(self.reread_personal)
        row.addWidget(reread)
        folder = QPushButton(self.tr("打开所在文件夹"), self.broken_box)
        folder.clicked.connect(self.open_folder)
        row.addWidget(folder)
        layout.addWidget(self.broken_box)

        self.search = QLineEdit(central)
        self.search.setObjectName("ManagerSearch")
        self.search.setPlaceholderText(self.tr("搜索回复：中文、拼音、首字母或快捷编码"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter)
        layout.addWidget(self.search)

        split = QSplitter(central)
        self.tree = QTreeView(split)
        self.tree.setObjectName("ManagerTree")
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragEnabled(True)
        self.tree.setAcceptDrops(True)
        self.tree.setDropIndicatorShown(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.tree.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        split.addWidget(self.tree)
        self.editor = ReplyEditor(split)
        self.editor.save_requested.connect(self.save_reply)
        self.editor.restore_requested.connect(self.restore_team_version)
        split.addWidget(self.editor)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 620])
        layout.addWidget(split, 1)
        self.setCentralWidget(central)
        self._expand()

    def _expand(self) -> None:
        self.tree.expandToDepth(0)
        self.tree.resizeColumnToContents(1)
        self.tree.setColumnWidth(0, 290)

    # -- the library

    def set_library(
        self, library: Library, search: SearchFn | None = None, lint: LintFn | None = None
    ) -> None:
        """The running app's library changed (a save here, a team update, a reload)."""
        current = self.current_uid()
        self.library = library
        if search is not None:
            self.search_fn = search
        if lint is not None:
            self.editor.set_lint(lint)
        self.model.set_library(library)
        self.editor.set_scenarios(self.model.scenarios())
        self.filter(self.search.text())
        self._expand()
        if current:
            self.select(current)

    def filter(self, text: str) -> None:
        if not text.strip() or self.search_fn is None:
            self.proxy.set_matches(None)
            return
        self.proxy.set_matches(hit.reply.uid for hit in self.search_fn(text))
        self.tree.expandAll()

    def current_uid(self) -> str | None:
        index = self.tree.currentIndex()
        uid = index.data(UID_ROLE) if index.isValid() else None
        return uid if isinstance(uid, str) else None

    def select(self, uid: str) -> bool:
        source = self.model.index_of_uid(uid)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.scrollTo(index)
        self.tree.setCurrentIndex(index)
        return True

    def _on_current(self, index: QModelIndex, _previous: QModelIndex) -> None:
        node = self.model.node(self.proxy.mapToSource(index.siblingAtColumn(0)))
        reply = node.reply
        if reply is None:
            self.editor.load(None, OWN)
            self.duplicate_action.setEnabled(False)
            self.delete_action.setEnabled(False)
            return
        own = reply.pack_id == PERSONAL_PACK_ID
        mode = OWN if own else (OVERRIDE if node.overridden else TEAM)
        self.editor.load(reply, mode, None if own else reply.uid)
        self.duplicate_action.setEnabled(True)
        self.delete_action.setEnabled(own)

    # -- edits (each one undoable)

    def push(self, kind: str, label: str, after: Pack) -> bool:
        if not self.store.may_write():  # broken on disk and the agent said no
            self._show_broken()
            return False
        command = PackEdit(self.store, kind, label, self.store.pack, after)
        self.undo_stack.push(command)
        self._show_broken()
        if self.store.error:
            self.statusBar().showMessage(self.tr("没有保存：%1").replace("%1", self.store.error))
            self.undo_stack.undo()  # nothing written: 重做 tries again; the editor keeps the text
        return bool(command.written)

    def new_reply(self) -> None:
        scenario = ""
        index = self.tree.currentIndex()
        if index.isValid():
            node = self.model.node(self.proxy.mapToSource(index.siblingAtColumn(0)))
            scenario = node.scenario if node.pack_id == PERSONAL_PACK_ID else ""
        reply = Reply(
            edits.new_reply_id(self.store.pack),
            "",
            "",
            scenario=scenario,
            pack_id=PERSONAL_PACK_ID,
        )
        self.tree.clearSelection()
        self.editor.load(reply, NEW)
        self.editor.title.setFocus()

    def save_reply(self, reply: Reply) -> None:
        pack = self.store.pack
        mode, original = self.editor.mode, self.editor.original_uid
        if mode == NEW:
            after = edits.add_reply(pack, reply)
            label, kind = self.tr("新建「%1」"), "new"
        elif mode in (TEAM, OVERRIDE) and original:
            after, reply = edits.override_reply(pack, reply, original)
            label, kind = self.tr("修改「%1」（我的版本）"), "override"
        else:
            after = edits.update_reply(pack, reply)
            label, kind = self.tr("修改「%1」"), "edit"
        if self.push(kind, label.replace("%1", reply.title), after):
            self.select(original if mode in (TEAM, OVERRIDE) and original else reply.uid)

    def duplicate_current(self) -> None:
        reply = self._current_reply()
        if reply is None:
            return
        pack = self.store.pack
        if reply.pack_id == PERSONAL_PACK_ID:
            after, copy = edits.duplicate_reply(pack, reply.id, self.tr("（副本）"))
        else:  # a team reply copied into the agent's own replies
            copy = replace(
                reply,
                id=edits.new_reply_id(pack),
                title=reply.title + self.tr("（副本）"),
                codes=(),
                hotkey=None,
                overrides=None,
            )
            after = edits.add_reply(pack, copy)
        if self.push("duplicate", self.tr("复制「%1」").replace("%1", reply.title), after):
            self.select(f"{PERSONAL_PACK_ID}/{copy.id}")

    def delete_current(self) -> None:
        reply = self._current_reply()
        if reply is None or reply.pack_id != PERSONAL_PACK_ID:
            return
        after = edits.delete_reply(self.store.pack, reply.id)
        self.push("delete", self.tr("删除「%1」").replace("%1", reply.title), after)

    def move_reply(self, uid: str, scenario: str) -> None:
        pack_id, _, reply_id = uid.partition("/")
        reply = self.store.pack.reply(reply_id)
        if pack_id != PERSONAL_PACK_ID or reply is None or reply.scenario == scenario:
            return
        after = edits.move_reply(self.store.pack, reply_id, scenario)
        where = scenario or self.tr("顶层")
        label = self.tr("移动「%1」到「%2」").replace("%1", reply.title).replace("%2", where)
        if self.push("move", label, after):
            self.select(uid)

    def restore_team_version(self, uid: str) -> None:
        try:
            after = edits.restore_team_version(self.store.pack, uid)
        except edits.EditError:
            return
        reply = self.library.get(uid)
        title = reply.title if reply else uid
        if self.push("restore", self.tr("恢复团队版本「%1」").replace("%1", title), after):
            self.select(uid)

    def _current_reply(self) -> Reply | None:
        uid = self.current_uid()
        return self.library.get(uid) if uid else None

    # -- a broken personal pack

    def _show_broken(self) -> None:
        problems = self.store.broken
        self.broken_box.setVisible(bool(problems))
        if not problems:
            return
        first = problems[0]
        lines = [
            self.tr("你的个人回复文件有错误，快捷回复没有改动它：")
            + f"\n{first.path}:{first.line}\n{first.message}",
            self.tr("请用记事本打开它改好这一行，再点“重新读取”。"),
        ]
        if self.store.from_backup:
            lines.append(self.tr("在修好之前，这里和搜索面板用的是最近一次完好的备份。"))
        self.broken_label.setText("\n".join(lines))

    def reread_personal(self) -> None:
        was_broken = bool(self.store.broken)
        self.store.reload()
        self._show_broken()
        if was_broken and not self.store.broken:  # fixed by hand: everyone reads it again
            self.undo_stack.clear()  # the edits were made to another copy of the file
            self.store.on_saved()

    def open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.path.parent)))

    def confirm_overwrite(self, problems: Sequence[Problem]) -> bool:
        first = problems[0]
        answer = QMessageBox.question(
            self,
            self.tr("个人回复文件有错误"),
            self.tr("%1 第 %2 行有错误：%3\n\n用管理器里的内容覆盖它吗？出错的文件会留一份在 backups 文件夹里。")  # noqa: E501
            .replace("%1", first.path)
            .replace("%2", str(first.line))
            .replace("%3", first.message),
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: Any) -> None:
        self.hide()
        event.ignore()  # kept for the next 管理回复…, with its undo history
