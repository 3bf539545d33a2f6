"""The Windows build under Wine: installer size, silent install, launch -> ready, Enter -> Notepad.

Run: python -m bench.bench_windows [--rounds N]

Builds the installer if dist/ has no current one (packaging/windows/build.sh),
installs it silently into a fresh prefix (a copy of build/windows/base) and
drives the installed QuickReply.exe as an agent would: Notepad has the focus,
ctrl+alt+space (pressed on the X server), a query, Enter. A watcher (a Windows
Python polling Notepad's edit control every 2 ms) timestamps the text's
arrival; Wine's clock is the host's, so the figures are host wall time.

Each figure has a baseline from the same run:
  installer size      the frozen app folder it packs, uncompressed
  silent install      `wine cmd /c exit` in the same prefix (any program's start)
                      and `cp -r` of the frozen folder (the bytes alone)
  launch -> ready     the bare Windows python.exe started and exited (`-c pass`)
  Enter -> Notepad    `xdotool type` of an ASCII text of the reply's length into
                      Notepad (xdotool cannot type Chinese into Wine)
Under Wine on a shared machine: compare within a run, not across machines.
The prefix has Wine's "Managed"=N (no window manager here; see main()).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.desktop.xserver import start_xvfb  # noqa: E402
from tests.wine.wineenv import (  # noqa: E402
    AGENT,
    QR_WINE,
    Wine,
    build_installer,
    find_event,
    focus_window,
    fresh_prefix,
    setup_prefixes,
    wait_until,
    winpath,
)

REPLY = "亲，安装版已为您登记，今天发货"
PACK = f'''format = 1

[pack]
id = "personal"
name = "我的回复"
version = "1.0.0"

[[reply]]
id = "bench"
title = "基准回复"
text = "{REPLY}"
codes = ["zzbench"]
'''
BUILD_PY = QR_WINE / "prefix" / "drive_c" / "py313" / "python.exe"


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:8.0f} ms" if values else "       -"


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def watcher_events(wine: Wine) -> list[dict[str, float]]:
    return [
        json.loads(line) for line in wine.log("watcher").splitlines() if line.startswith('{"len"')
    ]


def wait_len(wine: Wine, at_least: int, timeout: float = 30) -> float:
    def found() -> float | None:
        for event in watcher_events(wine):
            if event["len"] >= at_least:
                return event["t"]
        return None

    return float(wait_until(found, timeout, f"Notepad to hold {at_least} characters"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-windows-"))
    display = start_xvfb(work / "xvfb")
    wine: Wine | None = None
    try:
        setup_prefixes(display.name)
        installer = build_installer(display.name)
        frozen = QR_WINE / "frozen" / "QuickReply"

        fresh_prefix(work / "prefix")
        wine = Wine(work / "prefix", display.name, work)
        # No window manager on this X server: Wine would wait 2 s for one to confirm each
        # hidden window is withdrawn (winex11 wait_for_withdrawn_state), so every palette
        # hide after the first would cost 2 s that no Windows PC has. Wine's own switch:
        wine.run(["reg", "add", r"HKCU\Software\Wine\X11 Driver", "/v", "Managed", "/d", "N", "/f"])
        wine.run(["cmd", "/c", "exit"], timeout=120)  # wineserver up, as for every later figure
        starts = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            wine.run(["cmd", "/c", "exit"], timeout=120)
            starts.append(time.perf_counter() - t)
        t = time.perf_counter()
        shutil.copytree(frozen, work / "copy")
        copy_s = time.perf_counter() - t
        t = time.perf_counter()
        result = wine.run([str(installer), "/S"], timeout=600)
        install_s = time.perf_counter() - t
        assert result.returncode == 0, result.stderr
        user = wine.user_dir().name
        exe = f"C:\\users\\{user}\\AppData\\Local\\Programs\\QuickReply\\QuickReply.exe"
        data = wine.appdata() / "QuickReply"
        data.mkdir(parents=True, exist_ok=True)
        (data / "personal.toml").write_text(PACK, encoding="utf-8")
        log = data / "logs" / "quickreply.log"

        python_starts = []
        for _ in range(args.rounds):
            t = time.perf_counter()
            wine.run([winpath(BUILD_PY), "-c", "pass"], timeout=120)
            python_starts.append(time.perf_counter() - t)

        ready_s = []
        for round_ in range(args.rounds):
            if log.exists():
                log.unlink()
            t0 = time.time()
            app = wine.spawn([exe, "--log-json"], f"app{round_}")
            ready = wait_until(
                lambda: log.exists() and find_event(log.read_text(encoding="utf-8"), "ready"),
                120,
                "ready",
            )
            ready_s.append(ready["t"] - t0)
            if round_ < args.rounds - 1:
                wine.stop(app)
                wine.run(["cmd", "/c", "exit"], timeout=60)

        wine.spawn(["notepad"], "notepad")
        wine.spawn(
            [winpath(BUILD_PY), winpath(AGENT), "watch_notepad", "600"],
            "watcher",
        )
        wait_until(lambda: watcher_events(wine), 60, "the watcher")
        focus_window(wine, "Notepad")
        time.sleep(0.5)

        length, paste_s, type_s, enter_t = 0, [], [], []
        for _ in range(args.rounds):
            shown_before = log.read_text(encoding="utf-8").count('"palette_shown"')
            wine.xdotool("key", "ctrl+alt+space")
            wait_until(
                lambda n=shown_before: log.read_text(encoding="utf-8").count('"palette_shown"') > n,
                30,
                "palette",
            )
            time.sleep(0.3)
            wine.xdotool("type", "--delay", "30", "zzbench")
            time.sleep(1.0)  # the search settles
            t0 = time.time()
            enter_t.append(t0)
            wine.xdotool("key", "Return")
            length += len(REPLY)
            try:
                paste_s.append(wait_len(wine, length) - t0)
            except Exception:
                print(log.read_text(encoding="utf-8")[-4000:], file=sys.stderr)
                raise
            time.sleep(1.0)  # the clipboard restore, then the agent's next move
        for _ in range(args.rounds):
            ascii_text = "x" * len(REPLY)
            t0 = time.time()
            wine.xdotool("type", "--delay", "0", ascii_text)
            length += len(ascii_text)
            type_s.append(wait_len(wine, length) - t0)
            time.sleep(0.3)
        from tests.wine.wineenv import events

        app_events = events(log.read_text(encoding="utf-8"))
        pasted = find_event(log.read_text(encoding="utf-8"), "pasted")
        assert pasted is not None and pasted["reply"] == "personal/bench", (
            "the bench reply was not pasted"
        )

        size, frozen_size = installer.stat().st_size, folder_size(frozen)
        mb = 1024 * 1024
        print(f"QuickReply Windows build under Wine, {args.rounds} rounds, medians")
        print(
            f"installer size        {size / mb:8.1f} MB    baseline: frozen app folder {frozen_size / mb:.1f} MB"
        )
        print(
            f"silent install        {install_s * 1000:8.0f} ms    baseline: wine cmd /c exit {median_ms(starts).strip()},"
            f" cp -r of the app {copy_s * 1000:.0f} ms"
        )
        print(
            f"launch -> ready       {median_ms(ready_s)}    baseline: bare python.exe -c pass {median_ms(python_starts).strip()}"
        )
        print(
            f"Enter -> Notepad      {median_ms(paste_s)}    baseline: xdotool type {len(REPLY)} chars {median_ms(type_s).strip()}"
        )
        print(
            json.dumps(
                {
                    "installer_bytes": size,
                    "frozen_bytes": frozen_size,
                    "install_s": round(install_s, 3),
                    "wine_start_s": [round(x, 3) for x in starts],
                    "copy_s": round(copy_s, 3),
                    "ready_s": [round(x, 3) for x in ready_s],
                    "python_start_s": [round(x, 3) for x in python_starts],
                    "paste_s": [round(x, 3) for x in paste_s],
                    "type_s": [round(x, 3) for x in type_s],
                    "app_pasted_ms": [e["ms"] for e in app_events if e["event"] == "pasted"],
                    "app_errors": [e for e in app_events if e["event"] == "error"],
                    "enter_to_app_done_s": [
                        round(e["t"] - t, 3)
                        for e, t in zip(
                            [e for e in app_events if e["event"] == "pasted"], enter_t, strict=False
                        )
                    ],
                }
            )
        )
        return 0
    finally:
        if wine is not None:
            wine.shutdown()
        display.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
