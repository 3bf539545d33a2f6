"""Edits to the agent's personal pack, as pure functions: Pack in, Pack out.

The manager's undo stack keeps the pack before and after each of these, so
every edit can be undone by writing the earlier pack back; the CLI and the
tests call the same functions. Nothing here writes a file: `personal` does.

Built-in and team replies are never edited in place: `override_reply` makes
a personal copy that stands in for the original (PACK_FORMAT.md, `overrides`)
and `restore_team_version` drops it again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from quickreply.core.model import Pack, Reply

_ID_CHARS = re.compile(r"[^a-z0-9._-]+")


class EditError(ValueError):
    """An edit that cannot be made; the message says why (for the agent)."""


def new_reply_id(pack: Pack, stem: str = "my") -> str:
    """An id not used in `pack`: `stem-1`, `stem-2`, ... (ids are a-z 0-9 . _ -)."""
    stem = _ID_CHARS.sub("-", stem.lower()).strip("-") or "my"
    used = {r.id for r in pack.replies}
    n = 1
    while f"{stem}-{n}" in used:
        n += 1
    return f"{stem}-{n}"


def _index(pack: Pack, reply_id: str) -> int:
    for i, reply in enumerate(pack.replies):
        if reply.id == reply_id:
            return i
    raise EditError(f"no reply {reply_id!r} in pack {pack.id!r}")


def add_reply(pack: Pack, reply: Reply) -> Pack:
    """`reply` appended; its id must be new in the pack."""
    if any(r.id == reply.id for r in pack.replies):
        raise EditError(f"the pack already has a reply {reply.id!r}")
    return replace(pack, replies=(*pack.replies, replace(reply, pack_id=pack.id)))


def update_reply(pack: Pack, reply: Reply) -> Pack:
    """The reply with `reply.id` replaced by `reply`, keeping its place."""
    i = _index(pack, reply.id)
    replies = list(pack.replies)
    replies[i] = replace(reply, pack_id=pack.id)
    return replace(pack, replies=tuple(replies))


def delete_reply(pack: Pack, reply_id: str) -> Pack:
    i = _index(pack, reply_id)
    return replace(pack, replies=pack.replies[:i] + pack.replies[i + 1 :])


def move_reply(pack: Pack, reply_id: str, scenario: str) -> Pack:
    """The reply put under `scenario` (levels joined by `/`, empty for the top)."""
    reply = pack.replies[_index(pack, reply_id)]
    clean = "/".join(part.strip() for part in scenario.split("/") if part.strip())
    return update_reply(pack, replace(reply, scenario=clean))


def duplicate_reply(pack: Pack, reply_id: str, suffix: str = "（副本）") -> tuple[Pack, Reply]:
    """A copy right after the original, under a new id.

    The copy has no codes and no hotkey: two replies answering to the same
    code or key would collide, so the agent gives the copy its own.
    """
    i = _index(pack, reply_id)
    original = pack.replies[i]
    copy = replace(
        original,
        id=new_reply_id(pack, original.id.rsplit("-", 1)[0] if original.id else "my"),
        title=original.title + suffix,
        codes=(),
        hotkey=None,
        overrides=None,
    )
    replies = list(pack.replies)
    replies.insert(i + 1, copy)
    return replace(pack, replies=tuple(replies)), copy


def override_of(pack: Pack, uid: str) -> Reply | None:
    """The personal reply that stands in for the team reply `uid`, if any."""
    return next((r for r in pack.replies if r.overrides == uid), None)


def override_reply(pack: Pack, edited: Reply, original_uid: str) -> tuple[Pack, Reply]:
    """Save an edit of a built-in or team reply as the agent's own version.

    An existing override of `original_uid` is updated in place; otherwise a
    new personal reply with `overrides = original_uid` is added. The team
    pack stays as it is, so the next team update never undoes the edit.
    """
    current = override_of(pack, original_uid)
    if current is not None:
        reply = replace(edited, id=current.id, overrides=original_uid, pack_id=pack.id)
        return update_reply(pack, reply), reply
    reply = replace(
        edited,
        id=new_reply_id(pack, "override-" + original_uid.replace("/", "-")),
        overrides=original_uid,
        pack_id=pack.id,
    )
    return add_reply(pack, reply), reply


def restore_team_version(pack: Pack, original_uid: str) -> Pack:
    """Drop the agent's version of `original_uid`: the team's own shows again."""
    current = override_of(pack, original_uid)
    if current is None:
        raise EditError(f"{original_uid} has no personal version to drop")
    return delete_reply(pack, current.id)


def split_words(text: str) -> tuple[str, ...]:
    """Codes or tags typed in one field: split on spaces and commas (full-width too)."""
    words = re.split(r"[\s,，、;；]+", text.strip())
    out: list[str] = []
    for word in words:
        if word and word not in out:
            out.append(word)
    return tuple(out)


def code_collisions(
    codes: Iterable[str], replies: Iterable[Reply], own_uids: Sequence[str] = ()
) -> dict[str, list[Reply]]:
    """For each of `codes`, the other replies of the library that answer to it.

    Codes compare without case, as the search does. `own_uids` are the reply
    being edited and the one it overrides: not a collision with itself.
    """
    wanted = {c.casefold(): c for c in codes}
    out: dict[str, list[Reply]] = {}
    for reply in replies:
        if reply.uid in own_uids:
            continue
        for code in reply.codes:
            if code.casefold() in wanted:
                out.setdefault(wanted[code.casefold()], []).append(reply)
    return out


def normal_hotkey(hotkey: str) -> str:
    """`Alt+Ctrl+1` and `ctrl+alt+1` name the same keys: one spelling to compare."""
    parts = [p.strip().lower() for p in hotkey.replace("＋", "+").split("+") if p.strip()]
    if not parts:
        return ""
    order = {"ctrl": 0, "alt": 1, "shift": 2, "super": 3, "meta": 3, "win": 3}
    mods = sorted(set(parts[:-1]), key=lambda m: (order.get(m, 9), m))
    return "+".join([*mods, parts[-1]])


def hotkey_conflicts(
    hotkey: str,
    replies: Iterable[Reply],
    app_hotkeys: Mapping[str, str],
    own_uids: Sequence[str] = (),
) -> list[str]:
    """What else already answers to `hotkey`: the app's own keys by name, replies by title.

    `app_hotkeys` maps a description (`打开搜索面板`) to its hotkey.
    """
    key = normal_hotkey(hotkey)
    if not key:
        return []
    found = [name for name, other in app_hotkeys.items() if normal_hotkey(other) == key]
    found += [
        f"{r.title} ({r.uid})"
        for r in replies
        if r.hotkey and r.uid not in own_uids and normal_hotkey(r.hotkey) == key
    ]
    return found
