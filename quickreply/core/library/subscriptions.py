"""Team packs the agent subscribed to: a file, a folder of packs or a URL.

`subscriptions.json` in the data folder lists the sources; the last good copy
of every pack they provide lives in `packs/` (the library reads it from there),
so a pack keeps working while its source is unreachable. An update is taken
only when it passes every check: it must be a valid pack, not claim the
reserved id "personal", carry a good signature by the pinned key (when the
subscription pins one), and not be older than the copy the agent has (unless
the subscription allows downgrades). A refused update leaves the last good
copy in place and says why. An accepted one flags the agent's overrides of
replies it changed (see `review`) and never touches the personal pack.

`install_pack` (the old `subscribe`) copies a pack file once, with the same
checks; `quickreply import team.toml` uses it.
"""

from __future__ import annotations

import json
import time
from collections.abc import Collection
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Literal

from quickreply.core import storage
from quickreply.core.library import review as review_mod
from quickreply.core.library.diff import PackDiff, diff_packs
from quickreply.core.library.personal import PERSONAL_PACK_ID, load_personal
from quickreply.core.library.signing import SignatureError, signature_path, verify_bytes
from quickreply.core.library.sources import (
    Fetched,
    SourceError,
    SourceKind,
    fetch,
    kind_of,
)
from quickreply.core.library.versions import compare_versions
from quickreply.core.model import Pack
from quickreply.core.packs import PackError, Problem, check_pack, check_text

SUBSCRIPTIONS_FILE = "subscriptions.json"
Outcome = Literal["new", "updated", "unchanged", "refused"]


@dataclass
class Subscription:
    id: str
    source: str
    kind: SourceKind
    key: str | None = None  # pinned Ed25519 public key (base64)
    allow_downgrade: bool = False
    etag: str | None = None
    last_modified: str | None = None
    checked_at: float = 0.0
    updated_at: float = 0.0
    error: str = ""  # why the last check failed or an update was refused; "" when fine
    packs: list[str] = field(default_factory=list)  # ids of the packs it provides


@dataclass(frozen=True)
class PackOutcome:
    """What one pack of a source did in an update."""

    pack_id: str
    outcome: Outcome
    name: str = ""
    old_version: str | None = None
    new_version: str | None = None
    diff: PackDiff | None = None
    message: str = ""  # why it was refused
    problems: tuple[Problem, ...] = ()
    flagged: tuple[str, ...] = ()  # overrides now waiting for review


@dataclass(frozen=True)
class SubscriptionReport:
    subscription: Subscription
    packs: tuple[PackOutcome, ...] = ()
    error: str = ""  # the source could not be read
    not_modified: bool = False

    @property
    def changed(self) -> bool:
        return any(p.outcome in ("new", "updated") for p in self.packs)

    @property
    def refused(self) -> tuple[PackOutcome, ...]:
        return tuple(p for p in self.packs if p.outcome == "refused")


class SubscriptionsFileError(Exception):
    """subscriptions.json cannot be read; it is kept as it was."""


# -- the list of subscriptions


def _file(home: Path | None) -> Path:
    return (home or storage.data_dir()) / SUBSCRIPTIONS_FILE


def _packs_dir(home: Path | None) -> Path:
    path = (home / "packs") if home else storage.team_packs_dir()
    path.mkdir(parents=True, exist_ok=True)
    return path


def list_subscriptions(home: Path | None = None) -> list[Subscription]:
    """Every subscription, in the order they were added."""
    path = _file(home)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError) as exc:
        raise SubscriptionsFileError(f"{path}: cannot read ({exc})") from None
    try:
        data = json.loads(raw)
        return [Subscription(**item) for item in data["subscriptions"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise SubscriptionsFileError(
            f"{path}: the file is damaged ({exc}); fix it or delete it and subscribe again"
        ) from None


def _save(subs: list[Subscription], home: Path | None, *, backup: bool = True) -> None:
    """Write the list; a routine check (only times and ETags changed) keeps no backup."""
    data = {"format": 1, "subscriptions": [asdict(s) for s in subs]}
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    storage.atomic_write_text(_file(home), text, backup=backup)


def _next_id(subs: list[Subscription]) -> str:
    used = {s.id for s in subs}
    n = 1
    while f"s{n}" in used:
        n += 1
    return f"s{n}"


def subscribe(
    source: str | Path,
    *,
    key: str | None = None,
    allow_downgrade: bool = False,
    home: Path | None = None,
) -> SubscriptionReport:
    """Subscribe to a file, folder or URL and fetch it now.

    Nothing is saved when the first fetch fails or every pack is refused, so
    a typo in the source never leaves a dead subscription behind.
    """
    text = str(source).strip()
    kind = kind_of(text)
    if kind != "url":
        text = str(Path(text).expanduser().resolve())
    with storage.locked(_file(home)):
        subs = list_subscriptions(home)
        if any(s.source == text for s in subs):
            raise SubscriptionsFileError(f"already subscribed to {text}")
        sub = Subscription(_next_id(subs), text, kind, key=key, allow_downgrade=allow_downgrade)
        report = _update_one(sub, home, allow_downgrade)
        if report.error:
            raise SourceError(report.error)
        if report.packs and not report.refused:
            _save([*subs, report.subscription], home)
        elif not report.packs:
            raise SourceError(f"{text}: no pack (*.toml) found there")
    return report


def unsubscribe(sub_id: str, home: Path | None = None) -> Subscription:
    """Remove a subscription and the last good copies only it provided."""
    with storage.locked(_file(home)):
        subs = list_subscriptions(home)
        sub = next((s for s in subs if sub_id in (s.id, s.source)), None)
        if sub is None:
            raise KeyError(sub_id)
        rest = [s for s in subs if s is not sub]
        still = {p for s in rest for p in s.packs}
        for pack_id in sub.packs:
            if pack_id not in still:
                copy = _packs_dir(home) / f"{pack_id}.toml"
                for path in (copy, signature_path(copy)):
                    if path.exists():
                        storage.atomic_write_bytes(
                            storage.backups_dir() / f"{path.name}.unsubscribed", path.read_bytes()
                        )
                        path.unlink()
        _save(rest, home)
    return sub


def update_all(
    home: Path | None = None,
    *,
    allow_downgrade: bool = False,
    kinds: Collection[SourceKind] | None = None,
) -> list[SubscriptionReport]:
    """Fetch and check every source now (`quickreply subscriptions --update`, the app's poll).

    `kinds` limits the check to those sources (the app checks files and folders
    when they change, and URLs on its poll); the others are reported unchanged.
    """
    with storage.locked(_file(home)):
        subs = list_subscriptions(home)
        reports = [
            _update_one(s, home, allow_downgrade)
            if kinds is None or s.kind in kinds
            else SubscriptionReport(s, not_modified=True)
            for s in subs
        ]
        if subs:
            _save([r.subscription for r in reports], home, backup=False)
    return reports


# -- one update


def _update_one(sub: Subscription, home: Path | None, allow_downgrade: bool) -> SubscriptionReport:
    now = time.time()
    try:
        result = fetch(
            sub.source,
            sub.kind,
            etag=sub.etag,
            last_modified=sub.last_modified,
            want_signature=bool(sub.key),
        )
    except SourceError as exc:
        failed = replace(sub, checked_at=now, error=str(exc))
        return SubscriptionReport(failed, error=str(exc))
    if result.not_modified:
        return SubscriptionReport(replace(sub, checked_at=now), not_modified=True)
    outcomes = tuple(
        _take(f, sub.key, allow_downgrade or sub.allow_downgrade, home) for f in result.packs
    )
    provided = list(
        dict.fromkeys(
            [*sub.packs, *(o.pack_id for o in outcomes if o.outcome != "refused" and o.pack_id)]
        )
    )
    refused = [o.message for o in outcomes if o.outcome == "refused"]
    changed = any(o.outcome in ("new", "updated") for o in outcomes)
    # After a refusal the next check fetches everything again: a signature
    # fixed on the server changes the .sig, not the pack's ETag.
    updated = replace(
        sub,
        etag=None if refused else result.etag,
        last_modified=None if refused else result.last_modified,
        checked_at=now,
        updated_at=now if changed else sub.updated_at,
        error="; ".join(refused),
        packs=provided,
    )
    return SubscriptionReport(updated, outcomes)


def _refuse(
    fetched: Fetched,
    message: str,
    pack_id: str = "",
    *,
    old_version: str | None = None,
    new_version: str | None = None,
    problems: tuple[Problem, ...] = (),
) -> PackOutcome:
    return PackOutcome(
        pack_id,
        "refused",
        old_version=old_version,
        new_version=new_version,
        message=f"{fetched.name}: {message}",
        problems=problems,
    )


def _take(
    fetched: Fetched, key: str | None, allow_downgrade: bool, home: Path | None
) -> PackOutcome:
    """Check one fetched pack and, if it passes, make it the last good copy."""
    try:
        verify_bytes(fetched.data, fetched.signature, key)
    except SignatureError as exc:
        return _refuse(fetched, f"refused: {exc}")
    try:
        text = fetched.data.decode("utf-8")
    except UnicodeDecodeError:
        return _refuse(fetched, "refused: the pack is not UTF-8 text")
    result = check_text(text, fetched.name)
    if not result.ok or result.pack is None:
        errors = tuple(result.errors or result.problems)
        first = str(errors[0]) if errors else "not a valid pack"
        return _refuse(fetched, f"refused, {len(errors)} errors, first: {first}", problems=errors)
    new = result.pack
    if new.id == PERSONAL_PACK_ID:
        return _refuse(fetched, 'refused: the pack id "personal" is reserved for the agent')
    target = _packs_dir(home) / f"{new.id}.toml"
    old = _current(target)
    if old is not None and target.read_bytes() == fetched.data:
        return PackOutcome(new.id, "unchanged", new.name, old.version, new.version)
    if old is not None and compare_versions(new.version, old.version) < 0 and not allow_downgrade:
        return _refuse(
            fetched,
            f"refused: version {new.version} is older than {old.version}, which you have; "
            "to go back on purpose, update with --allow-downgrade",
            new.id,
            old_version=old.version,
            new_version=new.version,
        )
    with storage.locked(target):
        storage.atomic_write_bytes(target, fetched.data, backup=True)
        sig = signature_path(target)
        if fetched.signature is not None:
            storage.atomic_write_text(sig, fetched.signature)
        elif sig.exists():
            sig.unlink()
    if old is None:
        return PackOutcome(new.id, "new", new.name, None, new.version)
    diff = diff_packs(old, new)
    flagged: list[str] = []
    try:
        personal = load_personal((home / "personal.toml") if home else None)
        flagged = [r.uid for r in review_mod.flag_overrides(diff, personal, home)]
    except PackError:
        pass  # a broken personal pack is reported by the library; the update still stands
    return PackOutcome(
        new.id, "updated", new.name, old.version, new.version, diff, flagged=tuple(flagged)
    )


def _current(path: Path) -> Pack | None:
    if not path.exists():
        return None
    result = check_pack(path)
    return result.pack if result.ok else None


# -- a one-time copy (`quickreply import team.toml`)


def install_pack(source: Path, *, allow_downgrade: bool = False, home: Path | None = None) -> Pack:
    """Copy a team pack into the library once, with the checks of an update.

    Only that pack's file is replaced; the personal pack and its overrides stay.
    Raises PackError (with the file, line and what to fix) when it is refused.
    """
    source = Path(source)
    result = check_pack(source)
    if not result.ok or result.pack is None:
        raise PackError(result.errors or result.problems)
    try:
        sig_path = signature_path(source)
        sig = sig_path.read_text(encoding="utf-8") if sig_path.is_file() else None
        outcome = _take(Fetched(str(source), source.read_bytes(), sig), None, allow_downgrade, home)
    except OSError as exc:
        raise PackError([Problem(str(source), 1, 1, "error", f"cannot read: {exc}")]) from None
    if outcome.outcome == "refused":
        raise PackError(
            list(outcome.problems)
            or [Problem(str(source), 1, 1, "error", outcome.message.split(": ", 1)[-1])]
        )
    return replace(result.pack, path=_packs_dir(home) / f"{result.pack.id}.toml")
