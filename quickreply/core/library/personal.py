"""The agent's personal pack: their own replies and their overrides.

It is the last layer of the library, so it wins over every team pack, and it
lives in its own file, so a team pack update never touches it.
Writes take the file's lock and keep backups, because it holds the one copy
of the agent's work.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quickreply.core import storage
from quickreply.core.model import Pack, Reply
from quickreply.core.packs import Problem, check_pack, load_pack, write_pack

PERSONAL_PACK_ID = "personal"


def empty_personal_pack() -> Pack:
    """The pack an agent starts with, before writing a reply of their own."""
    return Pack(id=PERSONAL_PACK_ID, name="我的回复", version="1.0.0")


def load_personal(path: Path | None = None) -> Pack:
    """The personal pack, or an empty one; a broken file raises PackError (never overwritten)."""
    path = path or storage.personal_pack_path()
    if not path.exists():
        return empty_personal_pack()
    return load_pack(path)


def save_personal(pack: Pack, path: Path | None = None) -> None:
    """Write under the file's lock, keeping a backup of the previous copy."""
    path = path or storage.personal_pack_path()
    with storage.locked(path):
        write_pack(pack, path, backup=True)


def upsert_personal_reply(reply: Reply, path: Path | None = None) -> Pack:
    """Add or replace one of the agent's replies, keeping every other one."""
    path = path or storage.personal_pack_path()
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
    path = path or storage.personal_pack_path()
    for backup in reversed(storage.backups_of(path)):
        result = check_pack(backup)
        if result.ok and result.pack is not None and result.pack.id == PERSONAL_PACK_ID:
            return replace(result.pack, path=path)
    return None
