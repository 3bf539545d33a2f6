"""Usage on this PC and the team report built from every PC's export.

- `store`: `UsageStore`, the SQLite counts (ranking), the per-paste log and red-line catches
- `report`: time saved, the summary `quickreply stats` prints, export files, merging them
- `html`: the offline team report page (inline SVG and CSS, no script, nothing fetched)


The manager's stats view: `summarize(UsageStore(), library.packs, since=...,
cpm=settings["typing_speed_cpm"])` -> `UsageSummary` (rows per reply with uses,
characters, last use and seconds saved; red-line catches with their rule
message; never-used replies; totals). Open the store on the UI thread that
uses it (SQLite connections stay on their thread).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from quickreply.core.usage.store import USAGE_FILE, ReplyUse, UsageStat, UsageStore

if TYPE_CHECKING:
    from quickreply.core.usage.report import (
        DEFAULT_CPM,
        CatchRow,
        ReplyRow,
        UsageSummary,
        seconds_saved,
        summarize,
    )

_REPORT = {"DEFAULT_CPM", "CatchRow", "ReplyRow", "UsageSummary", "seconds_saved", "summarize"}


def __getattr__(name: str) -> Any:
    # The report is loaded on first use: the app's start-up needs only the store.
    if name in _REPORT:
        from quickreply.core.usage import report

        return getattr(report, name)
    raise AttributeError(name)


__all__ = [
    "DEFAULT_CPM",
    "USAGE_FILE",
    "CatchRow",
    "ReplyRow",
    "ReplyUse",
    "UsageStat",
    "UsageStore",
    "UsageSummary",
    "seconds_saved",
    "summarize",
]
