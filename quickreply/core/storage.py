"""The data directory and safe writes: nothing on disk is ever half written.

Every write goes to a temporary file in the same folder, is flushed to disk and
then renamed over the target, so a crash leaves either the old or the new file.
Before a file is replaced, the previous copy is kept in `backups/` (a few
generations per file, pruned by the file's exact name), so an agent's own
replies survive even a bad import. A write that fails raises `StorageError`,
which names the path and says what to do; a read-modify-write holds the
file's lock (`locked`) across processes from the read to the rename.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

import platformdirs

from quickreply.core.errors import UserError

APP_NAME = "QuickReply"
HOME_ENV = "QUICKREPLY_HOME"
BACKUPS_KEPT = 10
# A temporary file older than this belongs to a write that died (a save takes
# milliseconds); younger ones may be another process's save in flight.
STALE_TEMP_SECONDS = 60.0

_STAMP = r"\d{8}-\d{6}-\d{6}"
_TEMP_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{6,12}\.tmp\Z")


class StorageError(UserError):
    """A file of the data folder could not be read or written; says which and what to do."""

    def __init__(self, path: Path | str, action: str, exc: OSError | None, advice: str) -> None:
        reason = f" ({exc.strerror or exc})" if exc is not None else ""
        super().__init__(f"cannot {action} {path}{reason}: {advice}")
        self.path = Path(path)


def advice_for(exc: OSError | None) -> str:
    """What the agent can do about an OSError, in one sentence."""
    code = exc.errno if exc is not None else None
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return "the disk is full: free some space and try again"
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (
            "the file or its folder is read-only or locked: make it writable, "
            f"or point {HOME_ENV} at a folder you can write to"
        )
    if code in (errno.EISDIR, errno.ENOTDIR, errno.EEXIST):
        return "a folder stands where a file should be (or the other way round): move it away"
    return f"check that the disk is connected and writable, or point {HOME_ENV} elsewhere"


def _ensure_dir(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if path.exists() and not path.is_dir():
            raise StorageError(
                path,
                "use the folder",
                None,
                f"it is a file, not a folder: move it away, or point {HOME_ENV} at a folder",
            ) from None
        raise StorageError(path, "create the folder", exc, advice_for(exc)) from None
    return path


def data_dir(create: bool = True) -> Path:
    """The per-user data directory; `QUICKREPLY_HOME` overrides it (tests, portable use)."""
    override = os.environ.get(HOME_ENV)
    # roaming: %APPDATA%\QuickReply on Windows (follows the agent to another PC in a
    # domain with roaming profiles); ~/.local/share/QuickReply elsewhere.
    default = platformdirs.user_data_dir(APP_NAME, False, roaming=True)
    path = Path(override) if override else Path(default)
    if create:
        _ensure_dir(path)
    return path


def personal_pack_path() -> Path:
    return data_dir() / "personal.toml"


def team_packs_dir() -> Path:
    """Packs the agent subscribed to (imported from a team lead)."""
    return _ensure_dir(data_dir() / "packs")


def backups_dir() -> Path:
    return _ensure_dir(data_dir() / "backups")


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename).

    Raises StorageError naming the path when the disk refuses.
    """
    path = Path(path)
    _ensure_dir(path.parent)
    if backup and path.is_file():
        _backup(path)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise StorageError(path, "write", exc, advice_for(exc)) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise StorageError(path, "write", exc, advice_for(exc)) from None
        raise
    with contextlib.suppress(OSError):
        _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8", "surrogatepass"), backup=backup)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


def _backup(path: Path) -> Path:
    target = backups_dir() / f"{path.stem}.{_stamp()}{path.suffix}"
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StorageError(path, "read (to back it up)", exc, advice_for(exc)) from None
    atomic_write_bytes(target, data)
    _prune(path)
    return target


def _backup_re(path: Path) -> re.Pattern[str]:
    """Exactly the backups of `path`: `personal.<stamp>.toml` and never
    `personal.extra.<stamp>.toml`, the backup of a team pack named `personal.extra`."""
    return re.compile(rf"^{re.escape(path.stem)}\.{_STAMP}{re.escape(path.suffix)}\Z")


def _prune(path: Path) -> None:
    for old in backups_of(path)[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()


def backups_of(path: Path) -> list[Path]:
    """Earlier copies of `path`, oldest first."""
    folder = data_dir() / "backups"
    if not folder.is_dir():
        return []
    wanted = _backup_re(Path(path))
    return sorted(p for p in folder.iterdir() if wanted.match(p.name))


def move_aside(path: Path, why: str = "broken") -> Path:
    """Move a bad file or folder into backups/ under a name saying it is broken; the new place."""
    path = Path(path)
    target = backups_dir() / f"{path.stem}.{why}-{_stamp()}{path.suffix}"
    try:
        os.replace(path, target)
    except OSError as exc:
        raise StorageError(path, "move aside", exc, advice_for(exc)) from None
    return target


def clean_stale_temp_files(folders: list[Path] | None = None) -> list[Path]:
    """Remove the temporary files of writes that died (killed mid-save); what was removed."""
    home = data_dir()
    folders = folders or [home, home / "packs", home / "backups", home / "cache"]
    now = time.time()
    removed: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                if not _TEMP_RE.match(entry.name):
                    continue
                with contextlib.suppress(OSError):
                    if entry.is_file() and now - entry.stat().st_mtime > STALE_TEMP_SECONDS:
                        entry.unlink()
                        removed.append(entry)
    return removed


# Locks this process holds, so the same thread may take a lock again (a
# read-modify-write that calls a save which locks too) without deadlocking.
_held = threading.local()


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock beside `path`, across processes and threads.

    Hold it from the read to the write of a read-modify-write, so two
    processes never lose each other's change. Re-entrant in one thread.
    """
    lock_path = Path(path).with_name(Path(path).name + ".lock")
    _ensure_dir(lock_path.parent)
    key = str(lock_path.resolve())
    held: dict[str, int] = getattr(_held, "locks", None) or {}
    _held.locks = held
    if held.get(key):
        held[key] += 1
        try:
            yield
        finally:
            held[key] -= 1
        return
    try:
        handle = open(lock_path, "a+b")  # noqa: SIM115 - closed in the finally below
    except OSError as exc:
        advice = (
            "a folder stands where the lock file should be: remove that folder"
            if lock_path.is_dir()
            else advice_for(exc)
        )
        raise StorageError(lock_path, "take the lock", exc, advice) from None
    try:
        _lock(handle)
        held[key] = 1
        try:
            yield
        finally:
            held.pop(key, None)
            _unlock(handle)
    finally:
        handle.close()


def _lock(handle: IO[bytes]) -> None:
    fileno = handle.fileno()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)
        while True:
            try:
                msvcrt.locking(fileno, msvcrt.LK_LOCK, 1)
                return
            except OSError as exc:  # LK_LOCK gives up after 10 s; a writer is still at work
                if exc.errno != errno.EDEADLK:
                    raise
    else:
        import fcntl

        fcntl.flock(fileno, fcntl.LOCK_EX)


def _unlock(handle: IO[bytes]) -> None:
    fileno = handle.fileno()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        handle.seek(0)
        msvcrt.locking(fileno, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fileno, fcntl.LOCK_UN)
