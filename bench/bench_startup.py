"""Benchmark: launch -> ready of the real app with a large library, and where the time goes.

    python -m bench.bench_startup [--sizes 10000,100000] [--rounds 3]

For each size a synthetic team pack (`bench._synthetic`, written with
`dumps_pack`) is handed to the real app under Xvfb with openbox, in a fresh
data folder, two ways: on the command line (`quickreply run --pack F
--log-json`), and as an agent runs it, the pack in the data folder as a
subscribed team pack beside the 13 built-in packs (`quickreply run`):

- first start: nothing cached (packs parsed and checked, search index built);
- warm start: the same again (checked pack and search index read from the
  data folder's cache), the median of `--rounds`; and its resident memory
  (RSS) once ready.

Baselines in the same run: previous versions of the app (the trees of
`--previous`, default the commit search v2 started from and the one this
start-up work started from, extracted with `git archive`) on the same pack,
first and warm start, their warm starts taking turns with ours (a change in
the machine's load hits all alike); and a bare `python -c
"QApplication([])"`. All trees are byte-compiled first (`compileall`), as an
installed app is (pip and the Windows build ship .pyc files): otherwise every
start of any would compile its sources again. Then, in this process, the
phases of a warm start beside what they cost without the caches: reading the
pack (checked-pack cache vs `check_pack`), building the search index (index
cache, keyed by the pack's hash as the app keys it, vs a build) and the
linter (linter cache vs a compile).

Targets: warm launch -> ready <= 0.8 s at 10k and <= 1.5 s at 100k; RSS <= 300 MiB at 100k.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_app import RunningApp  # noqa: E402
from tests.desktop.xserver import XDisplay, start_openbox, start_xvfb  # noqa: E402


def _write_pack(folder: Path, size: int) -> Path:
    from bench._synthetic import make_replies
    from quickreply.core.model import Pack
    from quickreply.core.packs import dumps_pack

    path = folder / f"team-{size}.toml"
    pack = Pack(
        id="synthetic", name="synthetic", version="1.0.0", replies=tuple(make_replies(size))
    )
    path.write_text(dumps_pack(pack), encoding="utf-8")
    return path


# main when search v2 started, and the merge this start-up work started from
PREVIOUS = "83564e6,1f62841"


MODES = ("--pack", "folder")


class _App(RunningApp):
    """`quickreply run` from a source tree (ours or a previous version's): with
    `--pack PACK`, or (`pack` None) on the data folder's own library."""

    def __init__(
        self, display: XDisplay, home: Path, pack: Path | None, name: str, tree: Path
    ) -> None:
        self.log = display.log_dir / f"{name}.log"
        self.spawned_at = time.time()
        boot = (
            f"import sys; sys.path.insert(0, {str(tree)!r}); import runpy; "
            "runpy.run_module('quickreply', run_name='__main__', alter_sys=True)"
        )
        packs = ["--pack", str(pack)] if pack is not None else []
        self.proc = display.spawn(
            [sys.executable, "-c", boot, "run", *packs, "--log-json"],
            name,
            env=display.env(QUICKREPLY_HOME=str(home)),
        )
        self.display = display


def _home(folder: Path, name: str, pack: Path, mode: str) -> Path:
    """A data folder; in "folder" mode the pack is its subscribed team pack."""
    home = folder / name
    if mode == "folder" and not (home / "packs").exists():
        (home / "packs").mkdir(parents=True)
        shutil.copyfile(pack, home / "packs" / pack.name)
    return home


def _previous_tree(folder: Path, commit: str) -> Path | None:
    """The source tree of `commit`, or None when git cannot give it."""
    tree = folder / f"previous-{commit}"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit, "quickreply", "scripts_library", "resources"],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _compile(tree: Path) -> None:
    """Byte-code for every module of `tree`, as an installed app has it."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(tree / "quickreply")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _launch(
    display: XDisplay, home: Path, pack: Path, mode: str, name: str, tree: Path = ROOT
) -> tuple[float, float]:
    """Seconds from spawn to the ready event, and RSS (MiB) then."""
    started = time.perf_counter()
    app = _App(display, home, pack if mode == "--pack" else None, name, tree)
    try:
        app.wait("ready", timeout=120)
        took = time.perf_counter() - started
        rss = app.rss_mib()
    finally:
        app.stop()
    return took, rss


def _bare(display: XDisplay) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
        env=display.env(),
        check=True,
    )
    return time.perf_counter() - started


def _phases(pack: Path, home: Path) -> dict[str, float]:
    """Warm-start phases in this process, beside the same work without caches."""
    from quickreply.core.library import Library
    from quickreply.core.lint import Linter, stored
    from quickreply.core.lint.profiles import rules_for
    from quickreply.core.packs import check_pack
    from quickreply.core.packs.cache import checked_pack
    from quickreply.core.search import SearchIndex

    out: dict[str, float] = {}
    started = time.perf_counter()
    result = checked_pack(pack, home / "cache")
    out["pack_cached"] = time.perf_counter() - started
    started = time.perf_counter()
    check_pack(pack)
    out["pack_checked"] = time.perf_counter() - started
    assert result.pack is not None and result.key is not None
    library = Library((result.pack,), pack_keys=((result.pack, result.key),))
    replies = library.replies
    started = time.perf_counter()
    index = SearchIndex(replies, cache_dir=home / "cache", content_key=library.content_key())
    out["index_cached"] = time.perf_counter() - started
    assert index.cache_status == "hit", index.cache_status
    started = time.perf_counter()
    SearchIndex(replies, cache_dir=None)
    out["index_built"] = time.perf_counter() - started
    platform = ("generic",)  # the app's default (settings "platform": auto, no chat window)
    started = time.perf_counter()
    linter = stored.load_or_build(platform, library.packs, home / "cache")
    out["lint_cached"] = time.perf_counter() - started
    assert linter.cache_status == "hit", linter.cache_status
    started = time.perf_counter()
    Linter(rules_for(platform, library.packs))
    out["lint_compiled"] = time.perf_counter() - started
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--previous", default=PREVIOUS, help="commits to compare with, comma-separated ('' skips)"
    )
    args = parser.parse_args(argv)
    os.environ.pop("WAYLAND_DISPLAY", None)
    Runs = list[tuple[float, float]]  # (seconds to ready, RSS MiB) per start
    rows: list[tuple[int, str, float, float, Runs, dict[str, Runs]]] = []
    phases: list[tuple[int, dict[str, float]]] = []
    with tempfile.TemporaryDirectory(prefix="qr-bench-startup-") as tmp:
        folder = Path(tmp)
        display = start_xvfb(folder / "x")
        try:
            start_openbox(display)
            bare = statistics.median(_bare(display) for _ in range(args.rounds))
            trees: list[tuple[str, Path]] = []
            for commit in (c.strip() for c in args.previous.split(",") if c.strip()):
                tree = _previous_tree(folder, commit)
                if tree is not None:
                    trees.append((commit, tree))
            for _commit, tree in [("", ROOT), *trees]:
                _compile(tree)
            for size in (int(s) for s in args.sizes.split(",") if s.strip()):
                pack = _write_pack(folder, size)
                for mode in MODES:
                    tag = f"{size}{mode.strip('-')}"
                    home = _home(folder, f"home-{tag}", pack, mode)
                    first, first_rss = _launch(display, home, pack, mode, f"first{tag}")
                    # per previous commit: the first start, then its warm starts
                    before: dict[str, list[tuple[float, float]]] = {}
                    for commit, tree in trees:
                        old_home = _home(folder, f"home-{commit}-{tag}", pack, mode)
                        name = f"p{commit}-{tag}"
                        before[commit] = [_launch(display, old_home, pack, mode, name, tree)]
                    warm = []
                    for n in range(args.rounds):  # warm starts take turns
                        warm.append(_launch(display, home, pack, mode, f"warm{tag}-{n}"))
                        for commit, tree in trees:
                            old_home = _home(folder, f"home-{commit}-{tag}", pack, mode)
                            name = f"p{commit}-{tag}-{n}"
                            before[commit].append(
                                _launch(display, old_home, pack, mode, name, tree)
                            )
                    rows.append((size, mode, first, first_rss, warm, before))
                home = folder / f"home-{size}pack"
                phases.append((size, _phases(pack, home)))
                print(f"{size:,}: done", file=sys.stderr)
        finally:
            display.stop()
    print(f"launch -> ready, median of {args.rounds} warm starts; Python {sys.version.split()[0]}")
    print()
    print("--pack: the pack given on the command line; folder: the data folder's library")
    print("(the 13 built-in packs and the pack as a subscribed team pack), as an agent runs it.")
    print()
    print(
        "| replies | library | warm start s | warm RSS MiB | first start s | first RSS MiB "
        "| bare QApplication s | target s |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size, mode, first, first_rss, warm, _ in rows:
        target = 0.8 if size <= 10_000 else 1.5
        print(
            f"| {size:,} | {mode} | {statistics.median(t for t, _ in warm):.2f} "
            f"| {statistics.median(r for _, r in warm):.0f} | {first:.2f} | {first_rss:.0f} "
            f"| {bare:.2f} | {target} |"
        )
    print()
    print("Previous versions, same run, same pack:")
    print()
    print(
        "| replies | library | version | warm start s | warm RSS MiB | first start s "
        "| first RSS MiB |"
    )
    print("|---:|---|---|---:|---:|---:|---:|")
    for size, mode, _, _, _, before in rows:
        for commit, runs in before.items():
            print(
                f"| {size:,} | {mode} | {commit} | {statistics.median(t for t, _ in runs[1:]):.2f} "
                f"| {statistics.median(r for _, r in runs[1:]):.0f} | {runs[0][0]:.2f} "
                f"| {runs[0][1]:.0f} |"
            )
    print()
    print(
        "| replies | pack: cached s | pack: checked s | index: cached s | index: built s "
        "| linter: cached s | linter: compiled s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for size, ph in phases:
        print(
            f"| {size:,} | {ph['pack_cached']:.2f} | {ph['pack_checked']:.2f} "
            f"| {ph['index_cached']:.2f} | {ph['index_built']:.2f} "
            f"| {ph['lint_cached']:.2f} | {ph['lint_compiled']:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
