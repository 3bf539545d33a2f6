"""Shared fixtures. Every test gets its own data directory: none touches the real one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from quickreply.core.model import Reply
from quickreply.core.packs import load_pack
from quickreply.core.search import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"

# CI replays the same examples on every run, so a red CI always names the same
# failing example; local runs go on exploring new ones (failures are kept in .hypothesis/).
hypothesis_settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

# Qt tests run offscreen unless a desktop test points them at a real (Xvfb) display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def quickreply_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("QUICKREPLY_HOME", str(home))
    yield home


# The realistic small library the search tests rank over.
SEARCH_LIBRARY = DATA / "search_library.toml"


@pytest.fixture(scope="module")
def replies() -> tuple[Reply, ...]:
    """The replies of SEARCH_LIBRARY."""
    return load_pack(SEARCH_LIBRARY).replies


@pytest.fixture(scope="module")
def index(replies: tuple[Reply, ...]) -> SearchIndex:
    """A search index over SEARCH_LIBRARY, without a disk cache."""
    return SearchIndex(replies, cache_dir=None)


@pytest.fixture
def sample_pack_path() -> Path:
    return DATA / "sample.toml"


def run_cli(
    *args: str, env: dict[str, str] | None = None, input: str | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m quickreply ARGS` as a user would, from this checkout."""
    full_env = dict(os.environ)
    full_env["PYTHONPATH"] = str(ROOT) + os.pathsep + full_env.get("PYTHONPATH", "")
    full_env["PYTHONIOENCODING"] = "utf-8"
    if env:
        full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "quickreply", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=full_env,
        input=input,
        cwd=cwd or ROOT,
        timeout=120,
    )
