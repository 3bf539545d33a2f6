"""Usage on this PC and the team report built from every PC's export.

- `store`: `UsageStore`, the SQLite counts (ranking), the per-paste log and red-line catches
- `report`: time saved, the summary `quickreply stats` prints, export files, merging them
- `html`: the offline team report page (inline SVG and CSS, no script, nothing fetched)
"""

from quickreply.core.usage.store import USAGE_FILE, ReplyUse, UsageStat, UsageStore

__all__ = ["USAGE_FILE", "ReplyUse", "UsageStat", "UsageStore"]
