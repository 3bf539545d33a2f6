"""Team packs the agent subscribed to: today, an import that copies the file.

A subscribed pack lives in the data directory under its own id, so importing
a newer copy replaces exactly that file and nothing the agent wrote.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from quickreply.core import storage
from quickreply.core.library.personal import PERSONAL_PACK_ID
from quickreply.core.model import Pack
from quickreply.core.packs import PackError, Problem, load_pack


def subscribe(source: Path) -> Pack:
    """Import a team pack: validate it, then copy it into the data directory.

    Only that pack's file is replaced; the personal pack and its overrides stay.
    """
    pack = load_pack(source)
    if pack.id == PERSONAL_PACK_ID:
        raise PackError([Problem(str(source), 1, 1, "error", 'the pack id "personal" is reserved')])
    target = storage.team_packs_dir() / f"{pack.id}.toml"
    with storage.locked(target):
        storage.atomic_write_bytes(target, Path(source).read_bytes(), backup=True)
    return replace(pack, path=target)
