"""The whole built-in library: it passes `pack check` and the linter on every platform."""

from __future__ import annotations

from pathlib import Path

import pytest

from quickreply.core.library import Library
from quickreply.core.lint import Linter
from quickreply.core.model import PLATFORMS, Reply
from quickreply.core.render import preview
from quickreply.core.resources import scripts_library_dir
from tests.conftest import run_cli

PACKS = sorted(scripts_library_dir().glob("*.toml"))
LIBRARY = Library.from_files(PACKS)


def test_every_builtin_pack_passes_pack_check_without_warnings() -> None:
    result = run_cli("pack", "check", *map(str, PACKS))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stdout + result.stderr
    assert result.stdout.count(": ok: ") == len(PACKS)


def _platforms(reply: Reply) -> tuple[str, ...]:
    pack = LIBRARY.pack(reply.pack_id)
    assert pack is not None
    return reply.platforms or pack.platforms or PLATFORMS


@pytest.mark.parametrize("platform", PLATFORMS)
def test_no_builtin_reply_breaks_a_red_line(platform: str) -> None:
    linter = Linter.for_platform(platform)
    found = [
        f"{reply.uid}: {f.level} {f.rule} 「{f.match}」"
        for reply in LIBRARY.replies
        if platform in _platforms(reply)
        for f in linter.lint(preview(reply.text))
        if f.level in ("error", "warning")
    ]
    assert found == []


def test_library_size_and_flows() -> None:
    assert len(LIBRARY.replies) >= 300
    assert len(LIBRARY.flows) >= 8
    assert len(PACKS) >= 10
    assert all(Path(p).suffix == ".toml" for p in PACKS)
