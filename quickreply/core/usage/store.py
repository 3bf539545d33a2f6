"""How often and how recently each reply was pasted, and the red lines caught.

A small SQLite database in the data directory: `usage` holds one row per
reply uid with a count and the last use (search ranking reads it on every
paste); `uses` logs each paste with its time and length, so statistics can
be cut by date and time saved counted; `catches` logs each red-line finding
that stopped a paste for confirmation. SQLite gives atomic updates and
survives two app instances writing at once; a corrupt file is moved aside
(kept, not deleted) and a fresh one started, so counting never blocks a paste.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
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
);
CREATE TABLE IF NOT EXISTS uses (
    at REAL NOT NULL,
    uid TEXT NOT NULL,
    chars INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS uses_at ON uses (at);
CREATE TABLE IF NOT EXISTS catches (
    at REAL NOT NULL,
    rule TEXT NOT NULL,
    uid TEXT NOT NULL DEFAULT ''
);
"""


@dataclass(frozen=True, slots=True)
class ReplyUse:
    uid: str
    uses: int
    chars: int  # characters pasted
    last_used: float


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
            db.executescript(_SCHEMA)
            db.commit()
            return db
        except sqlite3.DatabaseError:
            db.close()
            # Not a database (or damaged): keep it for inspection, start afresh.
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            self.path.replace(storage.backups_dir() / f"usage.broken-{stamp}.sqlite3")
            db = sqlite3.connect(self.path, timeout=5.0)
            db.executescript(_SCHEMA)
            db.commit()
            return db

    def record(self, uid: str, when: float | None = None, chars: int = 0) -> None:
        """Count one use of `uid` that pasted `chars` characters."""
        when = time.time() if when is None else when
        with self._db:
            self._db.execute(
                "INSERT INTO usage (uid, count, last_used) VALUES (?, 1, ?) "
                "ON CONFLICT(uid) DO UPDATE SET count = count + 1, "
                "last_used = max(last_used, excluded.last_used)",
                (uid, when),
            )
            self._db.execute(
                "INSERT INTO uses (at, uid, chars) VALUES (?, ?, ?)", (when, uid, max(0, chars))
            )

    def record_catches(
        self, rules: Iterable[str], uid: str = "", when: float | None = None
    ) -> None:
        """Red-line findings that stopped a paste for confirmation, one row per rule."""
        when = time.time() if when is None else when
        with self._db:
            self._db.executemany(
                "INSERT INTO catches (at, rule, uid) VALUES (?, ?, ?)",
                [(when, rule, uid) for rule in rules if rule],
            )

    def reply_uses(self, since: float | None = None) -> list[ReplyUse]:
        """Per reply: uses, characters pasted and the last use, since `since` (or ever).

        Counts from before the per-paste log existed live only in `usage`; with
        no date they are included (characters unknown for those).
        """
        start = since if since is not None else float("-inf")
        logged = {
            r[0]: (int(r[1]), int(r[2] or 0), float(r[3]))
            for r in self._db.execute(
                "SELECT uid, count(*), sum(chars), max(at) FROM uses WHERE at >= ? GROUP BY uid",
                (start,),
            )
        }
        out: dict[str, ReplyUse] = {
            uid: ReplyUse(uid, n, chars, last) for uid, (n, chars, last) in logged.items()
        }
        if since is None:
            for stat in self.all().values():
                seen = out.get(stat.uid)
                if seen is None or seen.uses < stat.count:
                    chars = seen.chars if seen else 0
                    out[stat.uid] = ReplyUse(stat.uid, stat.count, chars, stat.last_used)
        return sorted(out.values(), key=lambda u: (-u.uses, -u.last_used, u.uid))

    def catch_counts(self, since: float | None = None) -> dict[str, int]:
        """Rule id -> how many times it stopped a paste."""
        start = since if since is not None else float("-inf")
        rows = self._db.execute(
            "SELECT rule, count(*) FROM catches WHERE at >= ? GROUP BY rule ORDER BY 2 DESC, 1",
            (start,),
        )
        return {r[0]: int(r[1]) for r in rows}

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
