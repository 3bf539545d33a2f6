"""The real app starts on a data folder where every file is bad, and says so.

`quickreply run` in a real process (offscreen Qt): personal.toml nested 500
deep, a team pack with `id = {}`, settings.json nested 100,000 deep,
usage.sqlite3 a folder. It reaches "startup", each bad file named in an error
event (what the tray shows), then quits on SIGTERM.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.qt


def test_the_app_starts_and_names_every_bad_file(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "packs").mkdir(parents=True)
    deep = "[" * 500 + "]" * 500
    (home / "personal.toml").write_text(
        f'format = 1\n[pack]\nid = "personal"\nname = "我的"\nversion = "1.0.0"\nx = {deep}\n',
        "utf-8",
    )
    (home / "packs" / "team.toml").write_text(
        'format = 1\n[pack]\nid = {}\nname = "团队"\nversion = "1.0.0"\n', "utf-8"
    )
    (home / "settings.json").write_text("[" * 100_000 + "]" * 100_000, "utf-8")
    (home / "usage.sqlite3").mkdir()
    env = dict(
        os.environ,
        QUICKREPLY_HOME=str(home),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        PYTHONIOENCODING="utf-8",
    )
    env.pop("DISPLAY", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "quickreply", "run", "--log-json"],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )
    assert proc.stderr is not None
    events = []
    try:
        for line in proc.stderr:
            if line.startswith("{"):
                events.append(json.loads(line))
                if events[-1]["event"] == "startup":
                    break
    finally:
        proc.send_signal(signal.SIGTERM)
        rest = proc.communicate(timeout=60)[1]
    assert events and events[-1]["event"] == "startup", rest
    shown = "\n".join(e.get("message", "") for e in events if e["event"] == "error")
    for name in ("personal.toml", "team.toml", "settings.json", "usage.sqlite3"):
        assert str(home) in shown and name in shown, name
    assert "nested too deeply" in shown and "moved to" in shown
    assert (home / "personal.toml").read_text("utf-8").endswith(f"x = {deep}\n")
    assert "Traceback" not in rest
    assert proc.returncode == 0
