"""The library as a tree: packs -> scenarios (every level) -> replies, with counts.

`LibraryTreeModel` is a read-only `QAbstractItemModel` built from a `Library`
(rebuilt with `set_library` after every save). Replies of the personal pack
can be dragged onto a scenario or the pack of the personal pack: the model
does not move anything itself, it asks (`move_requested`) and the manager
pushes an undoable edit. `ReplyFilter` narrows the tree to the replies the
palette's search finds, keeping their scenarios and packs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from quickreply.core.library import PERSONAL_PACK_ID, Library
from quickreply.core.model import Reply

MIME_REPLY = "application/x-quickreply-reply"
UID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class Node:
    kind: str  # "pack" | "scenario" | "reply"
    name: str
    parent: Node | None = None
    pack_id: str = ""
    scenario: str = ""  # the full path of a scenario node, `a/b`
    reply: Reply | None = None
    overridden: bool = False  # a team reply the agent has their own version of
    children: list[Node] = field(default_factory=list)
    count: int = 0
    number: int = 0  # the row under its parent, kept so parent() is not a list search
    _named: dict[tuple[str, str], Node] = field(default_factory=dict, repr=False)

    def row(self) -> int:
        return self.number

    def add(self, node: Node) -> Node:
        node.number = len(self.children)
        self.children.append(node)
        return node

    def child(self, kind: str, name: str, **kw: Any) -> Node:
        """The child of that kind and name, made on first use (one dict lookup)."""
        node = self._named.get((kind, name))
        if node is None:
            node = self._named[kind, name] = self.add(Node(kind, name, self, **kw))
        return node

    @property
    def editable(self) -> bool:
        return self.pack_id == PERSONAL_PACK_ID


def build_tree(
    library: Library,
    pack_names: Callable[[str, str], str] | None = None,
    by_uid: dict[str, Node] | None = None,
) -> Node:
    """One node per pack, scenario level and reply, each counting the replies under it.

    `by_uid`, when given, is filled with the node of every reply.
    """
    by_uid = {} if by_uid is None else by_uid
    root = Node("root", "")
    overridden = {
        r.overrides
        for p in library.packs
        if p.id == PERSONAL_PACK_ID
        for r in p.replies
        if r.overrides
    }
    by_pack: dict[str, list[Reply]] = {}
    for reply in library.replies:
        by_pack.setdefault(reply.pack_id, []).append(reply)
    if not any(p.id == PERSONAL_PACK_ID for p in library.packs):
        name = pack_names(PERSONAL_PACK_ID, "我的回复") if pack_names else "我的回复"
        root.child("pack", name, pack_id=PERSONAL_PACK_ID)  # where a first reply will go
    # The agent's own replies first: they are what the manager is mostly for.
    packs = sorted(library.packs, key=lambda p: p.id != PERSONAL_PACK_ID)
    for pack in packs:
        name = pack_names(pack.id, pack.name) if pack_names else pack.name
        pack_node = root.child("pack", name, pack_id=pack.id)
        for reply in by_pack.get(pack.id, []):
            node = pack_node
            path: list[str] = []
            for level in reply.scenario_path:
                path.append(level)
                node = node.child("scenario", level, pack_id=pack.id, scenario="/".join(path))
            uid = reply.uid
            by_uid[uid] = node.add(
                Node(
                    "reply",
                    reply.title,
                    node,
                    pack_id=pack.id,
                    scenario=reply.scenario,
                    reply=reply,
                    overridden=uid in overridden,
                    count=1,
                )
            )
    _count(root)
    return root


def _count(node: Node) -> int:
    if node.kind != "reply":
        node.count = sum(_count(child) for child in node.children)
    return node.count


class LibraryTreeModel(QAbstractItemModel):
    """Two columns: the name, and how many replies are under it."""

    move_requested = Signal(str, str)  # reply uid, target scenario (personal pack)

    def __init__(self, library: Library, parent: Any = None) -> None:
        super().__init__(parent)
        self.root = Node("root", "")
        self._by_uid: dict[str, Node] = {}
        self.set_library(library)

    def set_library(self, library: Library) -> None:
        self.beginResetModel()
        self.library = library
        self._by_uid = {}
        self.root = build_tree(library, self._pack_name, self._by_uid)
        self.endResetModel()

    def _pack_name(self, pack_id: str, name: str) -> str:
        if pack_id == PERSONAL_PACK_ID:
            return self.tr("我的回复（可编辑）")
        return name

    # -- structure

    def node(self, index: Index) -> Node:
        if index.isValid():
            node = index.internalPointer()
            assert isinstance(node, Node)
            return node
        return self.root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self.node(parent).children[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        up = self.node(child).parent
        if up is None or up is self.root:
            return QModelIndex()
        return self.createIndex(up.row(), 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("名称") if section == 0 else self.tr("回复数")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 1:
                return str(node.count) if node.kind != "reply" else ""
            if node.overridden:
                return node.name + self.tr("（我的版本）")
            return node.name
        if role == Qt.ItemDataRole.ToolTipRole and node.reply is not None:
            if node.overridden:
                return self.tr("你改过这条回复：搜索用的是你的版本，团队更新不会覆盖它。")
            if not node.editable:
                return self.tr("只读：修改后保存为你的个人版本。")
            return None
        if role == Qt.ItemDataRole.FontRole and node.kind == "pack":
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and node.overridden:
            return QBrush(QColor("#c05000"))
        if role == UID_ROLE:
            return node.reply.uid if node.reply is not None else None
        if role == KIND_ROLE:
            return node.kind
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    # -- drag and drop (personal replies only)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        node = self.node(index)
        if node.editable and node.kind == "reply":
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if node.editable and node.kind in ("pack", "scenario"):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        if node.kind == "reply":
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_REPLY]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        uids = [
            n.reply.uid
            for n in (self.node(i) for i in indexes if i.column() == 0)
            if n.reply is not None and n.editable
        ]
        data.setData(MIME_REPLY, "\n".join(uids).encode("utf-8"))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(MIME_REPLY) or action != Qt.DropAction.MoveAction:
            return False
        target = self.node(parent)
        return target.editable and target.kind in ("pack", "scenario")

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        target = self.node(parent).scenario
        for uid in bytes(data.data(MIME_REPLY).data()).decode("utf-8").split("\n"):
            if uid:
                self.move_requested.emit(uid, target)
        # The manager rebuilds the tree once the edit is saved; nothing to remove here.
        return False

    # -- finding nodes

    def index_of_uid(self, uid: str) -> QModelIndex:
        node = self._by_uid.get(uid)
        return self.createIndex(node.row(), 0, node) if node is not None else QModelIndex()

    def scenarios(self, pack_id: str = PERSONAL_PACK_ID) -> list[str]:
        return sorted(
            {n.scenario for n in _walk(self.root) if n.kind == "scenario" and n.pack_id == pack_id}
        )


def _walk(node: Node) -> Iterable[Node]:
    for child in node.children:
        yield child
        yield from _walk(child)


class ReplyFilter(QSortFilterProxyModel):
    """Only the replies in `matches` (and what holds them); everything when it is None."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.matches: set[str] | None = None
        self.setRecursiveFilteringEnabled(True)

    def set_matches(self, uids: Iterable[str] | None) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair (and warns).
        modern = hasattr(self, "beginFilterChange")
        if modern:
            self.beginFilterChange()
        self.matches = None if uids is None else set(uids)
        if modern:
            self.endFilterChange()
        else:  # pragma: no cover - Qt before 6.10
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self.matches is None:
            return True
        model = self.sourceModel()
        assert isinstance(model, LibraryTreeModel)
        index = model.index(source_row, 0, source_parent)
        uid = model.data(index, UID_ROLE)
        return uid is not None and uid in self.matches
