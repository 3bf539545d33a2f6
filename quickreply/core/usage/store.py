"""How often and how recently each reply was pasted, and the red lines caught.

A small SQLite database in the data directory: `usage` holds one row per
reply uid with a count and the last use (search ranking reads it on every
paste); `uses` logs each paste with its time and length, so statistics can
be cut by date and time saved counted; `catches` logs each red-line finding
that stopped a paste for confirmation. SQLite gives atomic updates and survives
two app instances writing at once; a corrupt file (not a database, a folder,
a table with other columns) is moved aside (kept, not deleted) and a fresh
one started, rows of the wrong types are skipped, and a file that cannot be
opened at all leaves the counts in memory for this session: counting never
blocks a paste nor the start. `notices` says what happened, naming the file.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
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

    def record(self, uid: str, when: float | None = None, chars: int = 0) -> None:
        """Count one use of `uid` that pasted `chars` characters; a database that
        fails now only loses this count."""
        when = time.time() if when is None else when
        try:
            with self._db:
                self._db.execute(
                    "INSERT INTO usage (uid, count, last_used) VALUES (?, 1, ?) "
                    "ON CONFLICT(uid) DO UPDATE SET count = count + 1, "
                    "last_used = max(last_used, excluded.last_used)",
                    (uid, when),
                )
                self._db.execute(
                    "INSERT INTO uses (at, uid, chars) VALUES (?, ?, ?)",
                    (when, uid, max(0, chars)),
                )
        except sqlite3.Error as exc:
            self.notices.append(f"{self.path}: a use of {uid} was not counted ({exc})")

    def record_catches(
        self, rules: Iterable[str], uid: str = "", when: float | None = None
    ) -> None:
        """Red-line findings that stopped a paste for confirmation, one row per rule."""
        when = time.time() if when is None else when
        try:
            with self._db:
                self._db.executemany(
                    "INSERT INTO catches (at, rule, uid) VALUES (?, ?, ?)",
                    [(when, rule, uid) for rule in rules if rule],
                )
        except sqlite3.Error as exc:
            self.notices.append(f"{self.path}: a red-line catch was not counted ({exc})")

    def reply_uses(self, since: float | None = None) -> list[ReplyUse]:
        """Per reply: uses, characters pasted and the last use, since `since` (or ever).

        Counts from before the per-paste log existed live only in `usage`; with
        no date they are included (characters unknown for those).
        """
        start = since if since is not None else float("-inf")
        try:
            logged = {
                str(r[0]): (int(r[1]), int(r[2] or 0), float(r[3]))
                for r in self._db.execute(
                    "SELECT uid, count(*), sum(chars), max(at) FROM uses "
                    "WHERE at >= ? AND typeof(uid) = 'text' GROUP BY uid",
                    (start,),
                )
            }
        except (sqlite3.Error, TypeError, ValueError):
            logged = {}
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
        try:
            rows = self._db.execute(
                "SELECT rule, count(*) FROM catches WHERE at >= ? AND typeof(rule) = 'text' "
                "GROUP BY rule ORDER BY 2 DESC, 1",
                (start,),
            ).fetchall()
        except sqlite3.Error:
            return {}
        return {str(r[0]): int(r[1]) for r in rows}

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
        db.executescript(_SCHEMA)
        db.commit()
    except BaseException:
        db.close()
        raise
    return db
