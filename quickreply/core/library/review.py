"""Personal overrides to look at again after the team changed the reply they replace.

An agent's override (`overrides = "pack/reply"` in the personal pack) always
wins and no update touches it. But when the team rewrites that reply (a new
price, a new policy), the agent should know: the update flags the override,
and the agent chooses **keep mine** (the flag goes), **take theirs** (the
override is removed from the personal pack, with a backup) or looks at the
difference first. Flags live in `reviews.json` in the data folder.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from quickreply.core import storage
from quickreply.core.library.diff import Op, PackDiff, text_changes
from quickreply.core.library.personal import load_personal, save_personal
from quickreply.core.model import Pack, Reply

REVIEWS_FILE = "reviews.json"


@dataclass(frozen=True, slots=True)
class Review:
    """One override to review: the team reply as it was, and as it is now."""

    uid: str  # the team reply, `pack/reply`
    personal_id: str  # the agent's reply that overrides it
    old_version: str
    new_version: str
    old_title: str
    new_title: str
    old_text: str  # the team text before the update the override was made against
    new_text: str
    flagged_at: float


@dataclass(frozen=True, slots=True)
class ReviewDiff:
    """What to show: the team's change, and the agent's text against the new team text."""

    review: Review
    mine: str
    team_change: list[tuple[Op, str]]
    mine_vs_theirs: list[tuple[Op, str]]


def _path(home: Path | None) -> Path:
    return (home or storage.data_dir()) / REVIEWS_FILE


def _load(home: Path | None) -> list[Review]:
    path = _path(home)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [Review(**item) for item in data.get("reviews", [])]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError, AttributeError):
        # Damaged: keep it for inspection and start again; flags can be raised again.
        backup = storage.backups_dir() / f"reviews.broken-{time.time_ns()}.json"
        storage.atomic_write_bytes(backup, path.read_bytes())
        return []


def _save(reviews: list[Review], home: Path | None) -> None:
    path = _path(home)
    data = {"format": 1, "reviews": [asdict(r) for r in reviews]}
    storage.atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def flag_overrides(diff: PackDiff, personal: Pack, home: Path | None = None) -> list[Review]:
    """Flag every override of a team reply whose title or text this update changed."""
    overriding = {r.overrides: r for r in personal.replies if r.overrides}
    flagged: list[Review] = []
    now = time.time()
    for change in diff.replies.changed:
        old, new = change.old, change.new
        if not (isinstance(old, Reply) and isinstance(new, Reply)):
            continue
        if not {"title", "text"} & set(change.fields):
            continue
        uid = f"{diff.pack_id}/{change.id}"
        mine = overriding.get(uid)
        if mine is None:
            continue
        flagged.append(
            Review(
                uid,
                mine.id,
                diff.old_version,
                diff.new_version,
                old.title,
                new.title,
                old.text,
                new.text,
                now,
            )
        )
    if not flagged:
        return []
    path = _path(home)
    with storage.locked(path):
        existing = {r.uid: r for r in _load(home)}
        for review in flagged:
            earlier = existing.get(review.uid)
            if earlier is not None:
                # still unreviewed: compare against what the agent last saw
                review = replace(
                    review,
                    old_version=earlier.old_version,
                    old_title=earlier.old_title,
                    old_text=earlier.old_text,
                )
            existing[review.uid] = review
        _save(list(existing.values()), home)
    return flagged


def pending_reviews(home: Path | None = None, personal: Pack | None = None) -> list[Review]:
    """Flags whose override still exists in the personal pack, oldest first."""
    personal = personal or load_personal(_personal_path(home))
    overridden = {r.overrides for r in personal.replies if r.overrides}
    return sorted((r for r in _load(home) if r.uid in overridden), key=lambda r: r.flagged_at)


def review_diff(uid: str, home: Path | None = None) -> ReviewDiff:
    review, mine = _find(uid, home)
    return ReviewDiff(
        review,
        mine.text,
        text_changes(review.old_text, review.new_text),
        text_changes(mine.text, review.new_text),
    )


def keep_mine(uid: str, home: Path | None = None) -> Review:
    """The agent keeps their override: the flag goes, the personal pack is unchanged."""
    review, _mine = _find(uid, home)
    _drop(uid, home)
    return review


def take_theirs(uid: str, home: Path | None = None) -> Review:
    """Remove the agent's override (a backup of the personal pack is kept)."""
    review, mine = _find(uid, home)
    path = _personal_path(home)
    personal = load_personal(path)
    save_personal(
        replace(personal, replies=tuple(r for r in personal.replies if r.id != mine.id)), path
    )
    _drop(uid, home)
    return review


def _find(uid: str, home: Path | None) -> tuple[Review, Reply]:
    personal = load_personal(_personal_path(home))
    review = next((r for r in pending_reviews(home, personal) if r.uid == uid), None)
    if review is None:
        raise KeyError(f'no override of "{uid}" waits for review')
    mine = next(r for r in personal.replies if r.overrides == uid)
    return review, mine


def _drop(uid: str, home: Path | None) -> None:
    path = _path(home)
    with storage.locked(path):
        _save([r for r in _load(home) if r.uid != uid], home)


def _personal_path(home: Path | None) -> Path:
    return (home / "personal.toml") if home else storage.personal_pack_path()
