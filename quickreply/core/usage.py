"""How often and how recently each reply was pasted (feeds search ranking).

A small SQLite database in the data directory: one row per reply uid with a
count and the last time it was used. SQLite gives atomic updates and survives
two app instances writing at once; a corrupt file is moved aside (kept, not
deleted) and a fresh one started, so counting never blocks a paste.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
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


class UsageStore:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or storage.data_dir() / USAGE_FILE
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=5.0)
        try:
            db.execute(_SCHEMA)
            db.commit()
            return db
        except sqlite3.DatabaseError:
            db.close()
            # Not a database (or damaged): keep it for inspection, start afresh.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            self.path.replace(storage.backups_dir() / f"usage.broken-{stamp}.sqlite3")
            db = sqlite3.connect(self.path, timeout=5.0)
            db.execute(_SCHEMA)
            db.commit()
            return db

    def record(self, uid: str, when: float | None = None) -> None:
        """Count one use of `uid`."""
        when = time.time() if when is None else when
        with self._db:
            self._db.execute(
                "INSERT INTO usage (uid, count, last_used) VALUES (?, 1, ?) "
                "ON CONFLICT(uid) DO UPDATE SET count = count + 1, "
                "last_used = max(last_used, excluded.last_used)",
                (uid, when),
            )

    def get(self, uid: str) -> UsageStat:
        row = self._db.execute(
            "SELECT count, last_used FROM usage WHERE uid = ?", (uid,)
        ).fetchone()
        return UsageStat(uid, int(row[0]), float(row[1])) if row else UsageStat(uid, 0, 0.0)

    def all(self) -> dict[str, UsageStat]:
        rows = self._db.execute("SELECT uid, count, last_used FROM usage").fetchall()
        return {r[0]: UsageStat(r[0], int(r[1]), float(r[2])) for r in rows}

    def counts(self) -> dict[str, int]:
        """uid -> count, the shape search ranking takes."""
        return {uid: s.count for uid, s in self.all().items()}

    def top(self, limit: int = 10) -> list[UsageStat]:
        """Most used first; among equals, the most recent first."""
        rows = self._db.execute(
            "SELECT uid, count, last_used FROM usage ORDER BY count DESC, last_used DESC LIMIT ?",
            (limit,),
        ).fetchall()
        return [UsageStat(r[0], int(r[1]), float(r[2])) for r in rows]

    def last(self) -> UsageStat | None:
        """The most recently used reply."""
        row = self._db.execute(
            "SELECT uid, count, last_used FROM usage ORDER BY last_used DESC LIMIT 1"
        ).fetchone()
        return UsageStat(row[0], int(row[1]), float(row[2])) if row else None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> UsageStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
