"""The merged library: packs in layer order, one per id, overrides applied.

Later layers win: a team pack with the id of a built-in pack replaces it (a
newer copy of the same scripts), and a personal reply with `overrides =
"pack/reply"` replaces that reply in the merged view, under the original id,
so usage counts and flows keep working and the override survives every update
of the team pack. A broken pack is reported in `problems` and left out; the
rest of the library stays usable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from itertools import chain
from pathlib import Path

from quickreply.core import storage
from quickreply.core.library.personal import PersonalProblem, read_personal
from quickreply.core.library.recovery import check_data_folder, recover_team_pack
from quickreply.core.model import Flow, Pack, Reply, Rule
from quickreply.core.packs import PackError, Problem
from quickreply.core.packs import cache as pack_cache
from quickreply.core.packs.cache import checked_pack
from quickreply.core.resources import scripts_library_dir


@dataclass(frozen=True)
class Library:
    """Every pack the agent has, merged once into the replies search shows.

    Frozen: the merge happens once, here; a change to the packs means loading
    a new Library.
    """

    packs: tuple[Pack, ...]
    problems: tuple[Problem, ...] = ()
    # personal.toml does not read (the manager must not overwrite it), or None
    personal_problem: PersonalProblem | None = None
    # data files moved aside or recovered at load, each naming the file and what was kept
    notices: tuple[str, ...] = ()
    # (pack, hash of its file) for packs read through the checked-pack cache;
    # matched by identity, so a pack replaced by another never takes its hash
    pack_keys: tuple[tuple[Pack, str], ...] = field(default=(), repr=False, compare=False)
    replies: tuple[Reply, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "replies", _merge(self.packs))

    @cached_property
    def _by_uid(self) -> dict[str, Reply]:
        # built on the first lookup, not at start-up: 100,000 uid strings cost
        # 40 ms and 10 MiB that the palette never needs
        return {r.uid: r for r in self.replies}

    # -- building

    @classmethod
    def load(
        cls,
        builtin_dir: Path | None = None,
        home: Path | None = None,
    ) -> Library:
        """Built-ins, then subscribed team packs, then the personal pack."""
        builtin_dir = builtin_dir or scripts_library_dir()
        packs: list[Pack] = []
        problems: list[Problem] = []
        notices: list[str] = []
        own_folder = home is None or home == storage.data_dir(create=False)
        if own_folder:
            notices += check_data_folder()
        cache = _cache_dir(home)  # checked packs by content: a warm start skips the check
        keys: list[tuple[Pack, str]] = []
        for path in sorted(builtin_dir.glob("*.toml")):
            result = checked_pack(path, cache)
            problems.extend(result.problems)
            if result.ok and result.pack is not None:
                packs.append(result.pack)
                keys += _keyed(result.pack, result.key)
        team_dir = (home or storage.data_dir()) / "packs"
        for path in sorted(team_dir.glob("*.toml")) if team_dir.is_dir() else []:
            result = checked_pack(path, cache)
            problems.extend(result.problems)
            if result.ok and result.pack is not None:
                packs.append(result.pack)
                keys += _keyed(result.pack, result.key)
            elif own_folder:
                recovered, notice = recover_team_pack(path, result)
                notices.append(notice)
                if recovered is not None:
                    packs.append(recovered)
        pack_cache.prune(cache, {key for _, key in keys})  # once all are read: see there
        personal_path = (home or storage.data_dir()) / "personal.toml"
        personal, personal_problems, personal_problem = read_personal(personal_path)
        problems.extend(personal_problems)
        if personal is not None:
            packs.append(personal)
        return cls(
            _dedupe(packs, problems),
            tuple(problems),
            personal_problem,
            tuple(notices),
            pack_keys=tuple(keys),
        )

    @classmethod
    def open(cls, packs: Sequence[Path] = ()) -> Library:
        """What a command or the app runs on: exactly `packs` when given, else everything."""
        return cls.from_files(packs) if packs else cls.load()

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> Library:
        """Exactly these packs (the `--pack` option); any error raises PackError."""
        packs: list[Pack] = []
        problems: list[Problem] = []
        keys: list[tuple[Pack, str]] = []
        cache = _cache_dir(None)
        for path in paths:
            result = checked_pack(Path(path), cache)
            if not result.ok:
                problems.extend(result.errors or result.problems)
            elif result.pack is not None:
                packs.append(result.pack)
                keys += _keyed(result.pack, result.key)
        pack_cache.prune(cache, {key for _, key in keys})
        if problems:
            raise PackError(problems)
        return cls(_dedupe(packs, problems), tuple(problems), pack_keys=tuple(keys))

    # -- reading

    @property
    def flows(self) -> tuple[Flow, ...]:
        return tuple(f for p in self.packs for f in p.flows)

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r for p in self.packs for r in p.rules)

    def get(self, uid: str) -> Reply | None:
        return self._by_uid.get(uid)

    def content_key(self) -> str:
        """A hash that changes whenever the content of any pack (so any reply) does.

        Built from the hashes the checked-pack cache took of the pack files; a
        pack read otherwise (the personal pack) is hashed here. What is built
        from the replies (the search index) is cached under it.
        """
        known = {id(pack): key for pack, key in self.pack_keys}  # pack_keys holds the packs
        digest = hashlib.blake2b(digest_size=16)
        for pack in self.packs:
            key = known.get(id(pack)) or pack_cache.content_key(pack)
            digest.update(f"{key}\n".encode())
        return digest.hexdigest()

    def pack(self, pack_id: str) -> Pack | None:
        return next((p for p in self.packs if p.id == pack_id), None)

    def __len__(self) -> int:
        return len(self.replies)


def _keyed(pack: Pack, key: str | None) -> list[tuple[Pack, str]]:
    return [] if key is None else [(pack, key)]


def _cache_dir(home: Path | None) -> Path:
    """Where checked packs are kept between starts (see core/packs/cache.py)."""
    return (home if home is not None else storage.data_dir()) / "cache"


def _dedupe(packs: Sequence[Pack], problems: list[Problem]) -> tuple[Pack, ...]:
    """One pack per id; the later source (team over built-in) wins."""
    by_id: dict[str, Pack] = {}
    for pack in packs:
        if pack.id in by_id and by_id[pack.id].path is not None and pack.path is not None:
            old = by_id[pack.id]
            problems.append(
                Problem(
                    str(pack.path),
                    1,
                    1,
                    "warning",
                    f'pack "{pack.id}" {pack.version} replaces the one from {old.path} '
                    f"({old.version})",
                )
            )
        by_id[pack.id] = pack
    return tuple(by_id.values())


def _merge(packs: Sequence[Pack]) -> tuple[Reply, ...]:
    """Replies in pack order, each override standing in place of its original.

    The override takes the original's id and pack, so usage counts and flow
    steps still find it, and keeps the original's codes if it has none.
    """
    overrides: dict[str, Reply] = {}
    for pack in packs:
        for reply in pack.replies:
            if reply.overrides:
                overrides[reply.overrides] = reply
    if not overrides:  # the usual team library: nothing to put in place
        return tuple(chain.from_iterable(p.replies for p in packs))
    present = {r.uid for p in packs for r in p.replies}
    merged: list[Reply] = []
    for pack in packs:
        for reply in pack.replies:
            if reply.overrides and reply.overrides in present:
                continue  # shown in place of the reply it overrides
            own = overrides.get(reply.uid)
            if own is not None:
                reply = replace(
                    own,
                    id=reply.id,
                    pack_id=reply.pack_id,
                    overrides=None,
                    codes=own.codes or reply.codes,
                )
            merged.append(reply)
    return tuple(merged)
