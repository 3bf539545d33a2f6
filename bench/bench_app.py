"""The tray app, measured as an agent meets it, each figure beside a baseline from the same run.

Run: python -m bench.bench_app [--rounds N]

Starts Xvfb with openbox, a stand-in chat window (tests/desktop/target_app.py)
and the real app (`python -m quickreply run --pack ... --log-json`), then:

- launch -> ready: from spawning the app to its `{"event": "ready"}` line
  (tray, hotkeys and the pre-built palette live). Baseline: spawning a bare
  `python -c "QApplication([])"` until it exits. Target <= 1.5 s.
- hotkey -> palette shown: Ctrl+Alt+Space sent with XTest from this process,
  to the app's `palette_shown` line (logged once the palette really has the
  keyboard focus, so typing lands in it). Baseline: one XTest keystroke into
  the chat window until that window reports the new text: what any key takes
  to reach a Qt app here.
  Target <= 50 ms.
- Enter -> text in the chat window: with the palette open on a query, XTest
  Return until the chat window reports the reply (hide, focus back,
  clipboard, Ctrl+V, the target reading the clipboard). Same baseline.
  Target: median <= 150 ms.
- keystroke -> results: in this process (offscreen), the palette's work for
  one keystroke with 10,000 replies (search, list, preview, a synchronous
  repaint), p95 against one frame (16 ms). Baseline: the search call alone.
- memory: the app's resident set after start-up and a search with a
  10,000-reply pack. Baselines: a bare QApplication, and the app with the
  4-reply sample pack. Target <= 150 MiB.

Timings read the app's event log and the chat window's state file by polling
every 0.5 ms; both sides of each comparison are measured the same way.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.desktop.apps import Target, start_target  # noqa: E402
from tests.desktop.xserver import XDisplay, start_openbox, start_xvfb  # noqa: E402

SAMPLE = ROOT / "tests" / "data" / "sample.toml"
REPLY_TEXT = "亲,您的包裹已经发出啦🚚\n顺丰快递,预计 2 天送达~"
PACK = f'''format = 1

[pack]
id = "bench.app"
name = "bench"
version = "1.0.0"

[[reply]]
id = "express"
title = "快递发出通知"
text = """{REPLY_TEXT}"""
codes = ["kd1"]
'''


def median_line(name: str, values: list[float], unit: str = "ms") -> str:
    values = sorted(values)
    return (
        f"  {name:<44} median {statistics.median(values):8.1f} {unit}   "
        f"min {values[0]:8.1f}   max {values[-1]:8.1f}   (n={len(values)})"
    )


def poll(predicate: Callable[[], Any], timeout: float = 15.0) -> Any:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.0005)
    raise TimeoutError("the app did not answer in time")


class RunningApp:
    def __init__(self, display: XDisplay, home: Path, pack: Path, name: str) -> None:
        self.log = display.log_dir / f"{name}.log"
        self.spawned_at = time.time()
        self.proc = display.spawn(
            [sys.executable, "-m", "quickreply", "run", "--pack", str(pack), "--log-json"],
            name,
            env=display.env(QUICKREPLY_HOME=str(home)),
        )
        self.display = display

    def events(self) -> list[dict[str, Any]]:
        out = []
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return out
        for line in text.splitlines():
            if line.startswith("{"):
                with contextlib.suppress(ValueError):  # a line still being written
                    out.append(json.loads(line))
        return out

    def wait(self, event: str, since: int = 0, timeout: float = 15.0) -> dict[str, Any]:
        def found() -> dict[str, Any] | None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the app exited: {self.log.read_text(errors='replace')}")
            return next((e for e in self.events()[since:] if e["event"] == event), None)

        result: dict[str, Any] = poll(found, timeout)
        return result

    def rss_mib(self) -> float:
        return _rss_mib(self.proc.pid)

    def stop(self) -> None:
        self.display.stop_child(self.proc)


def _rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class Keys:
    """XTest from this process: no tool start-up inside the measured time."""

    def __init__(self, display_name: str) -> None:
        from Xlib import XK
        from Xlib import display as xdisplay
        from Xlib.ext import xtest

        self._xk = XK
        self._xtest = xtest
        self.conn = xdisplay.Display(display_name)

    def _code(self, name: str) -> int:
        return int(self.conn.keysym_to_keycode(self._xk.string_to_keysym(name)))

    def press(self, *names: str) -> None:
        from Xlib import X

        codes = [self._code(n) for n in names]
        for code in codes:
            self._xtest.fake_input(self.conn, X.KeyPress, code)
        for code in reversed(codes):
            self._xtest.fake_input(self.conn, X.KeyRelease, code)
        self.conn.sync()

    def type(self, text: str) -> None:
        for ch in text:
            self.press(ch)


def target_text(target: Target) -> str:
    return target.text()


def bench_launch(display: XDisplay, folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    home = folder / "home-launch"
    pack = folder / "bench.toml"
    ours: list[float] = []
    for i in range(rounds + 1):
        started = time.perf_counter()
        app = RunningApp(display, home, pack, f"launch{i}")
        app.wait("ready", timeout=30)
        took = (time.perf_counter() - started) * 1000
        app.stop()
        if i:  # the first start builds the search cache in a new data dir
            ours.append(took)
    bare: list[float] = []
    for _ in range(rounds):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-c", "from PySide6.QtWidgets import QApplication; QApplication([])"],
            env=display.env(),
            check=True,
        )
        bare.append((time.perf_counter() - started) * 1000)
    return ours, bare


def bench_keys(
    display: XDisplay, folder: Path, target: Target, rounds: int
) -> tuple[list[float], list[float], list[float]]:
    keys = Keys(display.name)
    app = RunningApp(display, folder / "home-keys", folder / "bench.toml", "keys")
    app.wait("ready", timeout=30)
    shown: list[float] = []
    pasted: list[float] = []
    baseline: list[float] = []
    try:
        display.xdotool("windowactivate", "--sync", str(target.wid))
        poll(lambda: target.state().get("active"))
        for _ in range(rounds):
            # Baseline: one keystroke into the plain Qt text box.
            before = target_text(target)
            started = time.perf_counter()
            keys.press("x")
            poll(lambda before=before: target_text(target) == before + "x")
            baseline.append((time.perf_counter() - started) * 1000)

            mark = len(app.events())
            sent = time.time()
            keys.press("Control_L", "Alt_L", "space")
            event = app.wait("palette_shown", since=mark)
            shown.append((event["t"] - sent) * 1000)

            keys.type("kd1")
            time.sleep(0.05)  # let the query settle: measure Enter only
            before = target_text(target)
            mark = len(app.events())
            started = time.perf_counter()
            keys.press("Return")
            try:
                poll(lambda before=before: target_text(target) == before + REPLY_TEXT)
            except TimeoutError:
                raise TimeoutError(
                    f"chat window has {target_text(target)!r}; app said {app.events()[-4:]}"
                ) from None
            pasted.append((time.perf_counter() - started) * 1000)
            app.wait("pasted", since=mark)
            time.sleep(0.5)  # past the clipboard restore
    finally:
        app.stop()
    return shown, pasted, baseline


def bench_memory(display: XDisplay, folder: Path) -> dict[str, float]:
    from bench._synthetic import make_replies
    from quickreply.core.model import Pack
    from quickreply.core.packs import dumps_pack

    big = folder / "big.toml"
    replies = make_replies(10_000)
    big.write_text(
        dumps_pack(Pack(id="synthetic", name="10k", version="1.0.0", replies=tuple(replies))),
        encoding="utf-8",
    )
    figures: dict[str, float] = {}
    for name, pack in (("big", big), ("small", SAMPLE)):
        home = folder / f"home-mem-{name}"
        # The first start in a data directory builds the search cache (pypinyin's
        # tables in memory); every later start reads the cache.
        for start in ("cold", "warm"):
            app = RunningApp(display, home, pack, f"mem-{name}-{start}")
            try:
                app.wait("ready", timeout=90)
                mark = len(app.events())
                subprocess.run(
                    [sys.executable, "-m", "quickreply", "toggle"],
                    env=display.env(QUICKREPLY_HOME=str(home)),
                    check=True,
                    capture_output=True,
                )
                app.wait("palette_shown", since=mark)
                time.sleep(0.3)
                figures[f"{name}-{start}"] = app.rss_mib()
            finally:
                app.stop()
    bare = subprocess.run(
        [
            sys.executable,
            "-c",
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "for l in open('/proc/self/status'):\n"
            "    l.startswith('VmRSS:') and print(int(l.split()[1]) / 1024)",
        ],
        env=display.env(),
        check=True,
        capture_output=True,
        text=True,
    )
    figures["bare"] = float(bare.stdout.strip())
    return figures


def bench_keystroke(rounds: int) -> tuple[list[float], list[float]]:
    """Per keystroke with 10,000 replies: search + result list + preview, painted.

    In this process, offscreen: the palette's own work for one keystroke,
    which must fit in one frame (16 ms). Baseline: the search call alone.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from bench._synthetic import make_replies
    from quickreply.core.library import Library
    from quickreply.core.model import Pack
    from quickreply.core.search.finder import Finder
    from quickreply.core.usage import UsageStore
    from quickreply.ui.palette import Palette

    app = QApplication.instance() or QApplication([])
    replies = make_replies(10_000)
    library = Library((Pack(id="synthetic", name="10k", version="1.0.0", replies=tuple(replies)),))
    with tempfile.TemporaryDirectory() as tmp:
        finder = Finder(library, UsageStore(Path(tmp) / "u.sqlite3"))
        palette = Palette(finder)
        palette.popup()
        app.processEvents()
        queries = ["kuaidi", "fahuo", "tuihuo", "kj", "youhuiquan", "尺码", "快递", "dingdan"]
        keystroke: list[float] = []
        search_only: list[float] = []
        for _ in range(max(1, rounds // 10)):
            for query in queries:
                for n in range(1, len(query) + 1):
                    prefix = query[:n]
                    started = time.perf_counter()
                    finder(prefix)
                    search_only.append((time.perf_counter() - started) * 1000)
                    started = time.perf_counter()
                    palette.query.setText(prefix)
                    palette.repaint()  # synchronous paint of the list and the preview
                    keystroke.append((time.perf_counter() - started) * 1000)
                palette.query.clear()
        palette.close()
        palette.deleteLater()
        app.processEvents()
        del palette, finder
    return keystroke, search_only


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    os.environ.pop("WAYLAND_DISPLAY", None)
    failures = 0
    typed, searched = bench_keystroke(args.rounds)  # first: no X server processes around yet
    with tempfile.TemporaryDirectory(prefix="qr-bench-app-") as tmp:
        folder = Path(tmp)
        (folder / "bench.toml").write_text(PACK, encoding="utf-8")
        display = start_xvfb(folder / "x")
        try:
            start_openbox(display)
            target = start_target(display, folder)
            launch, bare_launch = bench_launch(display, folder, max(3, args.rounds // 4))
            shown, pasted, keystroke = bench_keys(display, folder, target, args.rounds)
            mem = bench_memory(display, folder)
        finally:
            display.stop()

    def verdict(value: float, limit: float) -> str:
        nonlocal failures
        ok = value <= limit
        failures += not ok
        return f"-> {value:.1f} {'OK' if ok else 'OVER TARGET'} (target <= {limit:g})"

    print("QuickReply app on Xvfb + openbox")
    print("launch -> ready")
    print(median_line("quickreply run (search cache warm)", launch))
    print(median_line("baseline: python + bare QApplication", bare_launch))
    print("  ", verdict(statistics.median(launch), 1500))
    print("hotkey -> palette shown")
    print(median_line("Ctrl+Alt+Space -> palette_shown", shown))
    print(median_line("baseline: XTest key -> Qt text box", keystroke))
    print("  ", verdict(statistics.median(shown), 50))
    print("keystroke -> results painted (10,000 replies, in-process, offscreen)")
    print(median_line("query edit -> list + preview repainted", typed))
    print(median_line("baseline: the search call alone", searched))
    p95 = sorted(typed)[int(len(typed) * 0.95)]
    print(f"  {'p95 of the keystroke':<44} {p95:8.1f} ms")
    print("  ", verdict(p95, 16))
    print("Enter -> text in the chat window")
    print(median_line("Return -> reply in the chat window", pasted))
    print(median_line("baseline: XTest key -> Qt text box", keystroke))
    print("  ", verdict(statistics.median(pasted), 150))
    print("memory (resident set)")
    print(f"  {'app, 10,000 replies (search cache warm)':<44} {mem['big-warm']:8.1f} MiB")
    print(f"  {'app, 10,000 replies (first start, cold)':<44} {mem['big-cold']:8.1f} MiB")
    print(f"  {'baseline: app, 4 replies (warm)':<44} {mem['small-warm']:8.1f} MiB")
    print(f"  {'baseline: app, 4 replies (cold)':<44} {mem['small-cold']:8.1f} MiB")
    print(f"  {'baseline: bare QApplication':<44} {mem['bare']:8.1f} MiB")
    print("  ", verdict(mem["big-warm"], 150))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
