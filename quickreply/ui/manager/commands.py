"""Undoable edits of the personal pack: one `QUndoCommand` per edit, each a pack before and after.

`PersonalStore` is the one writer of personal.toml from the manager. It
never overwrites a file that is broken on disk without asking (the agent may
have been fixing it by hand): `confirm` is asked first, and the broken copy
is kept in backups/ either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtGui import QUndoCommand

from quickreply.core.library import (
    empty_personal_pack,
    last_good_personal,
    load_personal,
    problems_on_disk,
    save_personal,
)
from quickreply.core.model import Pack
from quickreply.core.packs import PackError, Problem

# What each edit is called in the undo menu (translated by the manager).
KINDS = ("new", "edit", "duplicate", "delete", "move", "override", "restore")


class PersonalStore:
    """The personal pack as the manager edits it, and the one place that saves it."""

    def __init__(
        self,
        path: Path,
        on_saved: Callable[[], None] = lambda: None,
        confirm: Callable[[Sequence[Problem]], bool] = lambda problems: False,
    ) -> None:
        self.path = path
        self.on_saved = on_saved
        self.confirm = confirm
        self.broken: list[Problem] = []
        self.from_backup = False
        self._consent = False
        self.error = ""  # why the last write failed, for the window to show
        self.reload()

    def reload(self) -> None:
        """Read the file again; a broken one is reported and its last good backup edited."""
        self.broken = problems_on_disk(self.path)
        self.from_backup = False
        if not self.broken:
            try:
                self.pack = load_personal(self.path)
                return
            except PackError as exc:  # changed between the check and the read
                self.broken = exc.problems
        good = last_good_personal(self.path)
        self.from_backup = good is not None
        self.pack = good or empty_personal_pack()

    def may_write(self) -> bool:
        """Ask before an edit, not after: True when the next write may replace the file."""
        problems = problems_on_disk(self.path)
        self._consent = not problems or self.confirm(problems)
        if not self._consent:
            self.broken = problems
        return self._consent

    def write(self, pack: Pack) -> bool:
        """Save `pack`; False when the file on disk is broken and the agent said no."""
        problems = problems_on_disk(self.path)
        consent, self._consent = self._consent, False
        if problems and not (consent or self.confirm(problems)):
            self.broken = problems
            return False
        try:
            # The agent agreed to replace a broken file; one broken since is refused again.
            save_personal(pack, self.path, replace_broken=bool(problems))
        except PackError as exc:  # broken by hand between the check and the write
            self.broken = exc.problems
            return False
        except OSError as exc:  # a full disk, a read-only folder: said, and nothing lost
            self.error = f"{self.path}: {exc.strerror or exc}"
            return False
        self.error = ""
        self.pack = pack
        self.broken = []
        self.from_backup = False
        self.on_saved()
        return True


class PackEdit(QUndoCommand):
    """One edit: redo writes `after`, undo writes `before`."""

    def __init__(self, store: PersonalStore, kind: str, label: str, before: Pack, after: Pack):
        super().__init__(label)
        assert kind in KINDS
        self.store = store
        self.kind = kind
        self.before = before
        self.after = after
        self.written: bool | None = None  # the outcome of the last write, for the window

    def redo(self) -> None:
        self.written = self._write(self.after)

    def undo(self) -> None:
        self.written = self._write(self.before)

    def _write(self, pack: Pack) -> bool:
        if pack == self.store.pack and not self.store.broken:
            return True  # already on disk (undoing an edit whose write failed)
        return self.store.write(pack)
