"""How often and how recently each reply was pasted (feeds search ranking).

A small SQLite database in the data directory: one row per reply uid with a
count and the last time it was used. SQLite gives atomic updates and survives
two app instances writing at once; a corrupt file (not a database, a folder,
a table with other columns) is moved aside (kept, not deleted) and a fresh
one started, rows of the wrong types are skipped, and a file that cannot be
opened at all leaves the counts in memory for this session: counting never
blocks a paste nor the start. `notices` says what happened, naming the file.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from quickreply.core import storage

USAGE_FILE = "usage.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    uid TEXT PRIMARY KEY,
    count INTEGER NOT NULL DEFAULT 0,
    last_used REAL NOT NULL DEFAULT 0
)
"""


@dataclass(frozen=True, slots=True)
class UsageStat:
    uid: str
    count: int
    last_used: float  # seconds since the epoch


_COLUMNS = ("uid", "count", "last_used")
# Rows another program wrote with the wrong types are skipped, not fatal.
_GOOD_ROWS = (
    "typeof(uid) = 'text' AND typeof(count) IN ('integer', 'real') "
    "AND typeof(last_used) IN ('integer', 'real')"
)


class UsageStore:
    def __init__(self, path: Path | None = None) -> None:
        self.notices: list[str] = []
        try:
            self.path = path or storage.data_dir() / USAGE_FILE
            self._db = self._open()
        except (sqlite3.Error, OSError, storage.StorageError) as exc:
            self.path = path or Path(USAGE_FILE)
            self.notices.append(
                f"{self.path}: cannot keep usage counts there ({exc}); they are counted "
                "for this session only. Check that the data folder is writable."
            )
            self._db = _fresh(":memory:")

    def _open(self) -> sqlite3.Connection:
        if self.path.is_dir():
            self._set_aside("is a folder, not the usage file")
        try:
            db = _fresh(self.path)
            columns = tuple(r[1] for r in db.execute("PRAGMA table_info(usage)"))
            if columns == _COLUMNS:
                return db
            db.close()
            reason = f"its usage table has the columns {', '.join(columns)}"
        except sqlite3.DatabaseError as exc:
            reason = f"it is not a usable database ({exc})"
        self._set_aside(reason)
        return _fresh(self.path)

    def _set_aside(self, reason: str) -> None:
        # Not a database (or damaged): keep it for inspection, start afresh.
        moved = storage.move_aside(self.path)
        self.notices.append(
            f"{self.path}: {reason}; it was moved to {moved} and the usage counts start "
            "afresh (your replies are not affected)"
        )

    def record(self, uid: str, when: float | None = None) -> None:
        """Count one use of `uid`; a database that fails now only loses this count."""
        when = time.time() if when is None else when
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO usage (uid, count, last_used) VALUES (?, 1, ?) "
                    "ON CONFLICT(uid) DO UPDATE SET count = count + 1, "
                    "last_used = max(last_used, excluded.last_used)",
                    (uid, when),
                )
        except sqlite3.Error as exc:
            self.notices.append(f"{self.path}: a use of {uid} was not counted ({exc})")

    def _rows(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[str, int, float]]:
        try:
            rows = self._db.execute(sql, args).fetchall()
        except sqlite3.Error:
            return []
        # A time far outside the calendar (another program's value) reads as "never".
        return [(str(r[0]), int(r[1]), float(r[2]) if 0 <= r[2] < 1e11 else 0.0) for r in rows]

    def get(self, uid: str) -> UsageStat:
        rows = self._rows(
            f"SELECT uid, count, last_used FROM usage WHERE uid = ? AND {_GOOD_ROWS}", (uid,)
        )
        return UsageStat(*rows[0]) if rows else UsageStat(uid, 0, 0.0)

    def all(self) -> dict[str, UsageStat]:
        rows = self._rows(f"SELECT uid, count, last_used FROM usage WHERE {_GOOD_ROWS}")
        return {r[0]: UsageStat(*r) for r in rows}

    def counts(self) -> dict[str, int]:
        """uid -> count, the shape search ranking takes."""
        return {uid: s.count for uid, s in self.all().items()}

    def top(self, limit: int = 10) -> list[UsageStat]:
        """Most used first; among equals, the most recent first."""
        limit = max(0, min(limit, 2**62))  # SQLite integers are 64-bit
        rows = self._rows(
            f"SELECT uid, count, last_used FROM usage WHERE {_GOOD_ROWS} "
            "ORDER BY count DESC, last_used DESC LIMIT ?",
            (limit,),
        )
        return [UsageStat(*r) for r in rows]

    def last(self) -> UsageStat | None:
        """The most recently used reply."""
        rows = self._rows(
            f"SELECT uid, count, last_used FROM usage WHERE {_GOOD_ROWS} "
            "ORDER BY last_used DESC LIMIT 1"
        )
        return UsageStat(*rows[0]) if rows else None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UsageStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _fresh(path: Path | str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=5.0)
    try:
        db.execute(_SCHEMA)
        db.commit()
    except BaseException:
        db.close()
        raise
    return db
