"""Reading the data folder defensively: a bad file never stops the app.

Each thing the app keeps is checked before use. A file or folder that is
not what it should be is moved aside into `backups/` (never deleted), a
notice names it and says what was kept, and the app starts with the rest.
The personal pack is the exception (see `personal.py`): it stays in place.
Temporary files of saves that were killed are removed here too.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from pathlib import Path

from quickreply.core import storage
from quickreply.core.model import Pack
from quickreply.core.packs import CheckResult, Problem, check_pack

# Folders of the data folder, and files that must not be folders.
FOLDERS = ("packs", "backups", "cache", "logs")
FILES = ("settings.json", "usage.sqlite3")


def check_data_folder() -> list[str]:
    """Make the data folder usable; a notice for everything moved aside.

    Raises StorageError only when the data folder itself cannot be used (it is
    a file, or cannot be created): then there is nowhere to keep anything.
    """
    home = storage.data_dir()
    notices: list[str] = []
    for name in FOLDERS:
        path = home / name
        if path.exists() and not path.is_dir():
            moved = _rename_aside(path)
            notices.append(
                f"{path} was a file where a folder belongs; it was moved to {moved} "
                "and an empty folder is used"
            )
    for name in FILES:
        path = home / name
        if path.is_dir():
            moved = storage.move_aside(path)
            notices.append(
                f"{path} was a folder where a file belongs; it was moved to {moved} "
                "and a new file is started"
            )
    storage.clean_stale_temp_files()
    return notices


def _rename_aside(path: Path) -> Path:
    # backups/ itself may be what is broken, so the file stays beside it.
    target = path.with_name(f"{path.name}.broken-{storage._stamp()}")
    try:
        path.replace(target)
    except OSError as exc:
        raise storage.StorageError(path, "move aside", exc, storage.advice_for(exc)) from None
    return target


def recover_team_pack(path: Path, result: CheckResult) -> tuple[Pack | None, str]:
    """A subscribed pack that does not read: moved aside, the newest good backup put back.

    Returns the pack now used (or None) and the notice for the agent.
    """
    first = (result.errors or result.problems or [Problem(str(path), 1, 1, "error", "?")])[0]
    if "update QuickReply" in first.message:
        # Written for a newer QuickReply: not broken, and needed after the update.
        return None, f"{first}\nThe pack is left in place and not used until then."
    try:
        moved = storage.move_aside(path)
    except storage.StorageError as exc:
        return None, f"{first}\nThe pack is not used ({exc})."
    for backup in reversed(storage.backups_of(path)):
        good = check_pack(backup)
        if good.ok and good.pack is not None:
            with contextlib.suppress(OSError, storage.StorageError):
                storage.atomic_write_bytes(path, backup.read_bytes())
                return (
                    replace(good.pack, path=path),
                    f"{first}\nThe broken team pack was moved to {moved}; its previous copy "
                    f"(version {good.pack.version}, from {backup.name}) is used instead. "
                    "Ask your team lead for a fixed copy and import it.",
                )
    return (
        None,
        f"{first}\nThe broken team pack was moved to {moved} and is not used; "
        "your own replies and the other packs are. Ask your team lead for a fixed copy.",
    )
