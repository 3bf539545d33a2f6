"""The agent's personal pack: their own replies and their overrides.

It is the last layer of the library, so it wins over every team pack, and it
lives in its own file, so a team pack update never touches it.
Writes take the file's lock and keep backups, because it holds the one copy
of the agent's work. A broken personal file is never moved nor overwritten
(the agent may want to fix it by hand): the library shows the replies of the
newest backup that reads, and `PersonalProblem` says where the file is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from quickreply.core import storage
from quickreply.core.model import Pack, Reply
from quickreply.core.packs import PackError, Problem, check_pack, load_pack, write_pack

PERSONAL_PACK_ID = "personal"


@dataclass(frozen=True)
class PersonalProblem:
    """personal.toml does not read: what is wrong, and which backup stands in for it.

    While it exists, nothing may write personal.toml (it would lose the
    agent's hand edits); `upsert_personal_reply` refuses with PackError.
    """

    path: Path
    problems: tuple[Problem, ...]
    backup: Path | None  # the backup whose replies are shown meanwhile

    def __str__(self) -> str:
        first = self.problems[0] if self.problems else f"{self.path}:1:1: error: unreadable"
        kept = (
            f"your replies are shown from the backup {self.backup} meanwhile"
            if self.backup
            else "no backup of it reads, so none of your own replies are shown"
        )
        return (
            f"{first}\nYour replies file is left as it is, for you to fix; {kept}. "
            "Fix the line above and restart, or delete the file to start afresh."
        )


def empty_personal_pack() -> Pack:
    """The pack an agent starts with, before writing a reply of their own."""
    return Pack(id=PERSONAL_PACK_ID, name="我的回复", version="1.0.0")


def load_personal(path: Path | None = None) -> Pack:
    """The personal pack, or an empty one; a broken file raises PackError (never overwritten)."""
    path = path or storage.personal_pack_path()
    if not path.exists():
        return empty_personal_pack()
    return load_pack(path)


def read_personal(path: Path) -> tuple[Pack | None, list[Problem], PersonalProblem | None]:
    """What the library shows of the personal pack; never raises.

    A good file: its pack and warnings. A broken one: the newest backup that
    reads, and the problem, pointing at FILE:LINE of the broken file.
    """
    if not path.exists():
        return None, [], None
    result = check_pack(path)
    if result.ok and result.pack is not None:
        return result.pack, list(result.problems), None
    errors = tuple(result.errors or result.problems)
    found = _last_good_backup(path)
    if found is None:
        return None, list(errors), PersonalProblem(path, errors, None)
    pack, backup = found
    return pack, list(errors), PersonalProblem(path, errors, backup)


def save_personal(pack: Pack, path: Path | None = None, *, replace_broken: bool = False) -> None:
    """Write under the file's lock, keeping a backup of the previous copy.

    A file on disk that does not read is the agent's work in progress: it is
    not written over (PackError says where it is wrong) unless `replace_broken`.
    """
    path = path or storage.personal_pack_path()
    with storage.locked(path):
        if not replace_broken and path.exists():
            current = check_pack(path)
            if not current.ok:
                raise PackError(current.errors or current.problems)
        write_pack(pack, path, backup=True)


def upsert_personal_reply(reply: Reply, path: Path | None = None) -> Pack:
    """Add or replace one of the agent's replies, keeping every other one.

    The lock is held from the read to the rename, so two processes adding
    replies at once both keep theirs. A broken file raises PackError, untouched.
    """
    path = path or storage.personal_pack_path()
    with storage.locked(path):
        pack = load_personal(path)
        reply = replace(reply, pack_id=pack.id)
        replies = [r for r in pack.replies if r.id != reply.id] + [reply]
        pack = replace(pack, replies=tuple(replies))
        save_personal(pack, path)
    return pack


def problems_on_disk(path: Path | None = None) -> list[Problem]:
    """The errors of the personal pack as it is on disk now (none if it is missing).

    Checked right before every save from the manager: a file the agent broke
    by hand since it was read must not be overwritten without asking.
    """
    path = path or storage.personal_pack_path()
    if not path.exists():
        return []
    return check_pack(path).errors


def last_good_personal(path: Path | None = None) -> Pack | None:
    """The newest backup of the personal pack that reads without errors, or None."""
    found = _last_good_backup(path or storage.personal_pack_path())
    return found[0] if found is not None else None


def _last_good_backup(path: Path) -> tuple[Pack, Path] | None:
    """The newest backup of `path` that reads as a personal pack (shown as `path`), and which."""
    for backup in reversed(storage.backups_of(path)):
        result = check_pack(backup)
        if result.ok and result.pack is not None and result.pack.id == PERSONAL_PACK_ID:
            return replace(result.pack, path=path), backup
    return None
