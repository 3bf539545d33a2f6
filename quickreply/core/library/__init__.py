"""The library an agent searches: built-in, team and personal packs, merged.

Import from here; the modules behind it are split by concern, ready for
subscriptions, personal overrides and pack diff to grow:

- `merge`: `Library`, one pack per id, personal overrides applied
- `personal`: load, save and edit the agent's own pack
- `edits`: the manager's edits of the personal pack as pure functions
- `subscriptions`: import (subscribe to) a team pack
"""

from quickreply.core.library.merge import Library
from quickreply.core.library.personal import (
    PERSONAL_PACK_ID,
    PersonalProblem,
    empty_personal_pack,
    last_good_personal,
    load_personal,
    problems_on_disk,
    save_personal,
    upsert_personal_reply,
)
from quickreply.core.library.subscriptions import subscribe

__all__ = [
    "PERSONAL_PACK_ID",
    "Library",
    "PersonalProblem",
    "empty_personal_pack",
    "last_good_personal",
    "load_personal",
    "problems_on_disk",
    "save_personal",
    "subscribe",
    "upsert_personal_reply",
]
