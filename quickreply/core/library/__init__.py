"""The library an agent searches: built-in, team and personal packs, merged.

Import from here; the modules behind it are split by concern:

- `merge`: `Library`, one pack per id, personal overrides applied
- `personal`: load, save and edit the agent's own pack
- `edits`: the manager's edits of the personal pack as pure functions
- `subscriptions`: subscribe to a file, folder or URL; update with checks;
  the last good copy of every team pack
- `sources`: fetching (files, folders, http(s) with ETag / If-Modified-Since)
- `signing`: Ed25519 signatures of packs (`quickreply pack sign`)
- `versions`: semantic-version order (no silent downgrades)
- `diff`: what changed between two copies of a pack
- `review`: overrides to review after the team changed the reply

The manager window's calls, all pure Python and safe to run off the UI thread
(each takes an optional `home`, the data folder, default `storage.data_dir()`):

- `list_subscriptions()` -> [Subscription] (source, kind, packs, error, checked_at)
- `subscribe(source, key=None)` / `unsubscribe(id)` / `update_all()` -> reports
- `pending_reviews()` -> [Review]; `review_diff(uid)`; `keep_mine(uid)`; `take_theirs(uid)`
- `diff_packs(old, new)` -> PackDiff; `format_diff`, `whats_new` for text
"""

from quickreply.core.library.diff import (
    PackDiff,
    diff_packs,
    format_diff,
    inline_changes,
    text_changes,
    whats_new,
)
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
from quickreply.core.library.review import (
    Review,
    ReviewDiff,
    keep_mine,
    pending_reviews,
    review_diff,
    take_theirs,
)
from quickreply.core.library.sources import SourceError
from quickreply.core.library.subscriptions import (
    PackOutcome,
    Subscription,
    SubscriptionReport,
    SubscriptionsFileError,
    install_pack,
    list_subscriptions,
    subscribe,
    unsubscribe,
    update_all,
)
from quickreply.core.library.versions import compare_versions

__all__ = [
    "PERSONAL_PACK_ID",
    "Library",
    "PackDiff",
    "PackOutcome",
    "PersonalProblem",
    "Review",
    "ReviewDiff",
    "SourceError",
    "Subscription",
    "SubscriptionReport",
    "SubscriptionsFileError",
    "compare_versions",
    "diff_packs",
    "empty_personal_pack",
    "format_diff",
    "inline_changes",
    "install_pack",
    "keep_mine",
    "last_good_personal",
    "list_subscriptions",
    "load_personal",
    "pending_reviews",
    "problems_on_disk",
    "review_diff",
    "save_personal",
    "subscribe",
    "take_theirs",
    "text_changes",
    "unsubscribe",
    "update_all",
    "upsert_personal_reply",
    "whats_new",
]
