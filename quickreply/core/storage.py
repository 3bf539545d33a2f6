"""The data directory and safe writes: nothing on disk is ever half written.

Every write goes to a temporary file in the same folder, is flushed to disk and
then renamed over the target, so a crash leaves either the old or the new file.
Before a file is replaced, the previous copy is kept in `backups/` (a few
generations), so an agent's own replies survive even a bad import.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import platformdirs

APP_NAME = "QuickReply"
HOME_ENV = "QUICKREPLY_HOME"
BACKUPS_KEPT = 10


def data_dir(create: bool = True) -> Path:
    """The per-user data directory; `QUICKREPLY_HOME` overrides it (tests, portable use)."""
    override = os.environ.get(HOME_ENV)
    # roaming: %APPDATA%\QuickReply on Windows (follows the agent to another PC in a
    # domain with roaming profiles); ~/.local/share/QuickReply elsewhere.
    default = platformdirs.user_data_dir(APP_NAME, False, roaming=True)
    path = Path(override) if override else Path(default)
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def personal_pack_path() -> Path:
    return data_dir() / "personal.toml"


def team_packs_dir() -> Path:
    """Packs the agent subscribed to (imported from a team lead)."""
    path = data_dir() / "packs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write `data` to `path` atomically (temporary file, fsync, rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if backup and path.exists():
        _backup(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; not possible (nor needed) on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _backup(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir() / f"{path.stem}.{stamp}{path.suffix}"
    atomic_write_bytes(target, path.read_bytes())
    _prune(path)
    return target


def _prune(path: Path) -> None:
    olds = sorted(backups_dir().glob(f"{path.stem}.*{path.suffix}"))
    for old in olds[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()


def backups_of(path: Path) -> list[Path]:
    """Earlier copies of `path`, oldest first."""
    return sorted(backups_dir().glob(f"{Path(path).stem}.*{Path(path).suffix}"))


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock beside `path`, so two processes never interleave writes."""
    lock_path = Path(path).with_name(Path(path).name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
