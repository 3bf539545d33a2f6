"""Fuzzing with real files and real processes (issue 13), bounded for CI.

- MUTATED_PACKS packs: the built-in packs under a seeded mutator (lines
  dropped, doubled, swapped; brackets, quotes, invisible characters, bytes of
  other encodings; nesting 50-900 deep; wrong types; hostile patterns; cuts).
  Reading never raises, every problem has a place, and a pack that reads
  writes back to the same pack.
- KILLS SIGKILLs of real writer processes in the middle of saves (personal
  pack, settings, team pack): every file is whole, old or new, every backup
  reads, no completed reply is lost, and the leftover temporary files go at
  the next start.
- FOLDERS corrupted data folders: the library, the settings and the usage
  counts always load, and the agent's replies stay visible while a backup of
  them reads.
- Concurrent writers in real processes lose nothing.

The counts are printed (pytest -s shows them) and quoted in the closing note.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quickreply.core import settings as settings_mod
from quickreply.core.library import Library, subscribe, upsert_personal_reply
from quickreply.core.lint import Linter
from quickreply.core.model import Reply
from quickreply.core.packs import check_pack, check_text, dumps_pack
from quickreply.core.resources import scripts_library_dir
from quickreply.core.usage import UsageStore
from tests.conftest import ROOT
from tests.reliability.helpers import tiny_builtins

# QUICKREPLY_FUZZ_SCALE=5 runs five times as many (a longer run by hand).
SCALE = max(1, int(os.environ.get("QUICKREPLY_FUZZ_SCALE", "1")))
MUTATED_PACKS = 400 * SCALE
KILLS = 20 * SCALE
FOLDERS = 60 * SCALE

_NOISE = [
    "[",
    "]",
    "{",
    "}",
    '"',
    "'''",
    '"""',
    "=",
    "\n",
    "\\",
    "\\u",
    "#",
    ",",
    ".",
    "[[reply]]",
    "\u200b",
    "\u202e",
    "\u3164",
    "\u2800",
    "\ufe0f",
    "\x1b",
    "😊",
    "👨\u200d👩",
    "中",
    "{尺码:S|",
    "0",
    "-1",
    "1e999",
    "true",
    "id = {}",
    "x = [[]]",
    "\r",
    "\t",
    "\x00",
]


def _mutate(text: str, rng: random.Random) -> bytes:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        kind = rng.randrange(10)
        at = rng.randrange(len(lines))
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[rng.randrange(len(lines))])
        elif kind == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == 3:
            line = lines[at]
            cut = rng.randint(0, len(line))
            lines[at] = line[:cut] + rng.choice(_NOISE) + line[cut:]
        elif kind == 4:
            depth = rng.choice([50, 120, 400, 900])
            opener, closer = rng.choice([("[", "]"), ("{ a = ", "}")])
            lines.insert(at, f"deep = {opener * depth}{closer * depth}")
        elif kind == 5:
            lines.insert(
                at,
                rng.choice(
                    [
                        "id = {}",
                        "title = []",
                        "format = 99",
                        'id = "a\\n"',
                        "text = 1",
                        'codes = ["a b"]',
                        "[pack]",
                        "[[flow]]",
                    ]
                ),
            )
        elif kind == 6:
            lines.append(
                '[[rule]]\nid = "slow"\nlevel = "error"\nmessage = "m"\n'
                "pattern = '''"
                + rng.choice([r"\d*\d*\d*\d*\d*\d*\d*(?=y)", r"(a+)+$", r"(", r"\1"])
                + "'''"
            )
        elif kind == 7:
            return "\n".join(lines)[: rng.randint(0, len(text))].encode("utf-8", "surrogatepass")
        elif kind == 8:
            data = bytearray("\n".join(lines).encode("utf-8"))
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(len(data))] = rng.randrange(256)
            return bytes(data)
        else:
            return "\n".join(lines).encode("gbk", "replace")
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def test_mutated_builtin_packs_never_crash_the_reader(tmp_path: Path) -> None:
    rng = random.Random(1313 + SCALE)
    sources = sorted(scripts_library_dir().glob("*.toml"))
    texts = [p.read_text("utf-8") for p in sources]
    target = tmp_path / "mutant.toml"
    loaded = 0
    for n in range(MUTATED_PACKS):
        target.write_bytes(_mutate(rng.choice(texts), rng))
        result = check_pack(target)  # must not raise
        for problem in result.problems:
            assert problem.line >= 1 and problem.col >= 1 and problem.path == str(target), n
        if result.ok and result.pack is not None:
            loaded += 1
            again = check_text(dumps_pack(result.pack))
            assert again.ok and again.pack is not None, (n, again.problems)
            assert [r.text for r in again.pack.replies] == [r.text for r in result.pack.replies]
            if result.pack.rules:
                Linter(result.pack.rules).lint("亲，" + "1" * 3000)
        else:
            assert result.errors, n
    print(f"\nfuzz: {MUTATED_PACKS} mutated packs read, {loaded} still loaded")
    assert 0 < loaded < MUTATED_PACKS


def _writer(mode: str, start: int, count: int, home: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QUICKREPLY_HOME=str(home), PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "tests.reliability.writer", mode, str(start), str(count)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _assert_whole(home: Path, completed: int) -> None:
    personal = home / "personal.toml"
    if completed >= 0:
        result = check_pack(personal)
        assert result.ok and result.pack is not None, result.problems
        ids = {r.id for r in result.pack.replies}
        assert {f"r{i}" for i in range(completed + 1)} <= ids  # nothing completed was lost
    for backup in (home / "backups").glob("*.toml"):
        assert check_pack(backup).ok, backup
    team = home / "packs" / "team.toml"
    if team.exists():
        assert check_pack(team).ok
    if (home / "settings.json").exists():
        _, problems = settings_mod.load(home / "settings.json")
        assert problems == []


def test_sigkill_during_saves_leaves_every_file_whole(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    rng = random.Random(82 + SCALE)
    completed = -1
    kills = 0
    for round_no in range(KILLS):
        mode = "mixed" if round_no % 2 else "personal"
        proc = _writer(mode, completed + 1, 10_000, home)
        assert proc.stdout is not None
        # let it finish a few saves, then kill it at a random moment inside the next ones
        for _ in range(rng.randint(1, 3)):
            line = proc.stdout.readline()
            if line.strip():
                completed = int(line)
        time.sleep(rng.uniform(0, 0.03))
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in rest.split():
            completed = int(line)
        assert proc.returncode == -signal.SIGKILL
        kills += 1
        _assert_whole(home, completed)
    # the leftovers of killed saves go at the next start (once they are stale)
    temps = list(home.rglob(".*.tmp"))
    print(
        f"\nfuzz: {kills} SIGKILLs during saves, {completed + 1} replies kept, "
        f"{len(temps)} temporary files left behind"
    )
    past = time.time() - 3600
    for temp in temps:
        os.utime(temp, (past, past))
    env_home = os.environ["QUICKREPLY_HOME"]
    os.environ["QUICKREPLY_HOME"] = str(home)
    try:
        Library.load(builtin_dir=tiny_builtins(tmp_path / "builtin"))
    finally:
        os.environ["QUICKREPLY_HOME"] = env_home
    assert list(home.rglob(".*.tmp")) == []


def test_concurrent_writers_in_real_processes_lose_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    procs = [_writer("personal", start, 10, home) for start in (0, 100, 200)]
    for proc in procs:
        proc.communicate(timeout=240)
        assert proc.returncode == 0
    result = check_pack(home / "personal.toml")
    assert result.pack is not None
    ids = {r.id for r in result.pack.replies}
    assert ids == {f"r{i}" for s in (0, 100, 200) for i in range(s, s + 10)}


def _baseline(home: Path, tmp_path: Path) -> None:
    for rid in ("a", "b"):
        upsert_personal_reply(Reply(id=rid, title=f"我的{rid}", text="亲，在的"))
    source = tmp_path / "team.toml"
    for version in ("1.0.0", "1.1.0"):
        source.write_text(
            f'format = 1\n[pack]\nid = "team"\nname = "团队"\nversion = "{version}"\n'
            '[[reply]]\nid = "t"\ntitle = "团队"\ntext = "亲，团队"\n',
            "utf-8",
        )
        subscribe(source)
    settings_mod.update(agent="小美")
    with UsageStore() as usage:
        usage.record("personal/a")


def _corrupt(home: Path, rng: random.Random) -> set[str]:
    """Break one to three things; the names of what was broken."""
    broken: set[str] = set()
    files = {
        "personal": home / "personal.toml",
        "team": home / "packs" / "team.toml",
        "settings": home / "settings.json",
        "usage": home / "usage.sqlite3",
    }
    for _ in range(rng.randint(1, 3)):
        what = rng.choice([*files, "folder", "backups"])
        broken.add(what)
        if what == "folder":
            name = rng.choice(["packs", "backups", "cache", "logs"])
            path = home / name
            if path.is_dir():
                for child in sorted(path.rglob("*"), reverse=True):
                    child.unlink() if child.is_file() else child.rmdir()
                path.rmdir()
            path.write_bytes(os.urandom(64))
            broken.add(name)
            continue
        if what == "backups":
            for backup in (
                (home / "backups").glob("personal.*.toml") if (home / "backups").is_dir() else []
            ):
                backup.write_bytes(os.urandom(200))
            continue
        path = files[what]
        if not path.parent.is_dir() or path.is_dir():  # already made a folder this round
            continue
        how = rng.randrange(6)
        if how == 0:
            data = path.read_bytes() if path.is_file() else b""
            path.write_bytes(data[: rng.randint(0, len(data))])
        elif how == 1:
            if path.is_file():
                path.unlink()
            path.mkdir(exist_ok=True)
        elif how == 2:
            path.write_bytes(os.urandom(rng.randint(0, 4000)))
        elif how == 3:
            deep = "[" * 100_000 + "]" * 100_000 if what == "settings" else "[" * 600 + "]" * 600
            path.write_text(f'format = 1\n[pack]\nid = {deep}\nname="x"\nversion="1.0.0"\n')
        elif how == 4 and what == "usage":
            path.unlink(missing_ok=True)
            db = sqlite3.connect(path)
            db.execute("CREATE TABLE usage (uid, count TEXT)")
            db.commit()
            db.close()
        elif path.is_file():
            data = bytearray(path.read_bytes())
            for _ in range(rng.randint(1, 8)):
                if data:
                    data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
            path.write_bytes(bytes(data))
    return broken


@pytest.mark.parametrize("batch", range(3))
def test_corrupted_data_folders_always_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    builtins = tiny_builtins(tmp_path / "builtin")
    rng = random.Random(8500 + batch + 10 * SCALE)
    kept = 0
    for n in range(FOLDERS // 3):
        home = tmp_path / f"home{n}"
        home.mkdir()
        monkeypatch.setenv("QUICKREPLY_HOME", str(home))
        _baseline(home, tmp_path)
        broken = _corrupt(home, rng)
        library = Library.load(builtin_dir=builtins)  # must not raise
        assert library.get("builtin.base/hi") is not None
        values, _ = settings_mod.load()
        assert values["hotkey"]
        with UsageStore() as usage:
            usage.record("personal/b")
            assert usage.get("personal/b").count >= 1
        if not broken & {"personal", "backups"}:
            assert library.get("personal/a") is not None, (n, broken)
        if library.get("personal/a") is not None:
            kept += 1
        # a second start reads what the first one left
        Library.load(builtin_dir=builtins)
    print(f"\nfuzz: {FOLDERS // 3} corrupted data folders started, {kept} kept every reply")
