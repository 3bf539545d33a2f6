"""`quickreply run` and `quickreply toggle` as a user calls them, failing cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli

pytestmark = pytest.mark.qt


def test_run_with_a_broken_pack_says_where_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[pack]\nid = "x"\nname = "坏包"\n', encoding="utf-8")
    result = run_cli("run", "--pack", str(bad), env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    assert str(bad) in result.stderr
    assert "Traceback" not in result.stderr


def test_run_without_a_graphical_session_explains(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env["PYTHONPATH"] = str(ROOT)
    result = subprocess.run(
        [sys.executable, "-m", "quickreply", "run"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "no graphical session" in result.stderr
    assert "Traceback" not in result.stderr


def test_toggle_without_a_running_app(tmp_path: Path) -> None:
    result = run_cli("toggle", env={"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 1
    assert "not running" in result.stderr


def test_help_lists_the_app_options() -> None:
    result = run_cli("run", "--help")
    assert result.returncode == 0
    assert "--log-json" in result.stdout and "--pack" in result.stdout
