"""Wine for tests and benchmarks: the prefixes packaging/windows/ builds, and running in them.

`packaging/windows/wine_python.sh` makes build/windows/base (a Wine prefix
with the three stubs Wine 8 lacks) and build/windows/prefix (base plus the
Windows CPython with the app's win_amd64 wheels); `build.sh` makes the
installer. Both are idempotent and keep everything inside the checkout.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging" / "windows"
QR_WINE = Path(os.environ.get("QR_WINE", ROOT / "build" / "windows"))
AGENT = Path(__file__).resolve().parent / "winagent.py"
WINPY = r"C:\py313\python.exe"
# Inputs of the installer: a newer file than the built installer means rebuild.
INSTALLER_INPUTS = (
    "quickreply",
    "scripts_library",
    "resources",
    "packaging/windows",
    "pyproject.toml",
)


class WineError(RuntimeError):
    pass


def winpath(path: Path | str) -> str:
    """A Linux path as Wine programs see it (drive Z: is /)."""
    return "Z:" + str(Path(path).resolve()).replace("/", "\\")


def wait_until(
    predicate: Callable[[], Any], timeout: float, what: str, interval: float = 0.05
) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise WineError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


def check_tools() -> None:
    missing = [t for t in ("wine", "wineserver", "makensis", "x86_64-w64-mingw32-gcc", "xdotool")
               if shutil.which(t) is None]  # fmt: skip
    if missing:
        raise WineError(f"missing {', '.join(missing)}: run `bash .ci/windows-deps`")


def setup_prefixes(display: str) -> None:
    """Run wine_python.sh (quick when everything is there already)."""
    check_tools()
    env = dict(os.environ, DISPLAY=display, QR_WINE=str(QR_WINE), PYTHON=sys.executable)
    result = subprocess.run(
        ["bash", str(PACKAGING / "wine_python.sh")], env=env, capture_output=True, timeout=1200
    )
    if result.returncode != 0:
        raise WineError("wine_python.sh failed:\n" + result.stderr.decode(errors="replace")[-4000:])


def installer_path() -> Path:
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    return ROOT / "dist" / f"QuickReply-Setup-{version}.exe"


def _newest_input() -> float:
    newest = 0.0
    for name in INSTALLER_INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            if "__pycache__" not in file.parts and file.suffix != ".md":
                newest = max(newest, file.stat().st_mtime)
    return newest


def build_installer(display: str) -> Path:
    """The installer, built once (again only when an input is newer than it)."""
    out = installer_path()
    if out.exists() and out.stat().st_mtime >= _newest_input():
        return out
    check_tools()
    env = dict(os.environ, DISPLAY=display, QR_WINE=str(QR_WINE), PYTHON=sys.executable)
    result = subprocess.run(
        ["bash", str(PACKAGING / "build.sh")], env=env, capture_output=True, timeout=1800, cwd=ROOT
    )
    if result.returncode != 0 or not out.exists():
        raise WineError("build.sh failed:\n" + _excerpt(result.stderr.decode(errors="replace")))
    return out


def _excerpt(log: str) -> str:
    """The lines that name an error anywhere in a long build log, then its end: a
    failure inside one of PyInstaller's isolated subprocesses is reported early
    and then only as a traceback at the end."""
    named = [line for line in log.splitlines() if "rror" in line or "isolated" in line]
    return "\n".join(named[:40]) + "\n...\n" + log[-6000:]


@dataclass
class Wine:
    """One Wine prefix on one X display; `spawn`ed programs are stopped by `stop_all`."""

    prefix: Path
    display: str
    log_dir: Path
    children: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QUICKREPLY_", "QT_"))}
        env.update(
            WINEPREFIX=str(self.prefix),
            WINEDEBUG="-all",
            WINEDLLOVERRIDES="mscoree,mshtml=",
            DISPLAY=self.display,
            PYTHONIOENCODING="utf-8",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def run(
        self, args: list[str], timeout: float = 120, **env: str
    ) -> subprocess.CompletedProcess[bytes]:
        # Through a pipe: a Windows Python whose stdout is a file fails at start (WinError 6).
        return subprocess.run(
            ["wine", *args], env=self.env(**env), capture_output=True, timeout=timeout, check=False
        )

    def python(self, *args: str, timeout: float = 120, **env: str) -> dict[str, Any]:
        """Run a winagent.py scenario; its last stdout line is a JSON object, returned."""
        return self.python_at(WINPY, AGENT, *args, timeout=timeout, **env)

    def python_at(
        self, python: str | Path, script: Path, *args: str, timeout: float = 120, **env: str
    ) -> dict[str, Any]:
        """Like `python`, with another Windows python.exe (e.g. the build prefix's from Z:)."""
        exe = python if isinstance(python, str) else winpath(python)
        result = self.run([exe, winpath(script), *args], timeout=timeout, **env)
        out = result.stdout.decode("utf-8", errors="replace")
        lines = [line for line in out.splitlines() if line.startswith("{")]
        if result.returncode != 0 or not lines:
            raise WineError(
                f"winagent {' '.join(args)} exited {result.returncode}:\n{out[-3000:]}\n"
                + result.stderr.decode("utf-8", errors="replace")[-3000:]
            )
        data: dict[str, Any] = json.loads(lines[-1])
        return data

    def spawn(self, args: list[str], name: str, **env: str) -> subprocess.Popen[bytes]:
        """Start `wine args...` in the background, its output to log_dir/<name>.log via a pipe."""
        log = self.log_dir / f"{name}.log"
        proc = subprocess.Popen(
            ["sh", "-c", 'wine "$@" 2>&1 | cat >> "$QR_LOG"', "wine", *args],
            env=self.env(QR_LOG=str(log), **env),
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: stopped as a whole
        )
        self.children.append(proc)
        return proc

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(5)
        with contextlib.suppress(ValueError):
            self.children.remove(proc)

    def stop_all(self) -> None:
        for proc in list(self.children):
            self.stop(proc)

    def shutdown(self) -> None:
        """Stop our programs and this prefix's wineserver (and every Windows process in it)."""
        self.stop_all()
        subprocess.run(
            ["wineserver", "-k"], env=self.env(), capture_output=True, timeout=30, check=False
        )
        with contextlib.suppress(subprocess.TimeoutExpired):
            subprocess.run(
                ["wineserver", "-w"], env=self.env(), capture_output=True, timeout=15, check=False
            )

    def user_dir(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        if len(users) != 1:
            raise WineError(f"expected one user profile in {self.prefix}, found {users}")
        return users[0]

    def appdata(self) -> Path:
        return self.user_dir() / "AppData" / "Roaming"

    def localappdata(self) -> Path:
        return self.user_dir() / "AppData" / "Local"

    def reg_query(self, key: str, value: str) -> str | None:
        """A registry value read by Windows' own reg.exe; None when it is not there."""
        result = self.run(["reg", "query", key, "/v", value], timeout=60)
        text = result.stdout.decode("utf-8", errors="replace")
        for line in text.splitlines():
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[0] == value and parts[1].startswith("REG_"):
                return parts[2].strip()
        return None

    def xdotool(self, *args: str, timeout: float = 20) -> str:
        result = subprocess.run(
            ["xdotool", *args], env=self.env(), capture_output=True, timeout=timeout, check=False
        )
        if result.returncode != 0:
            raise WineError(f"xdotool {' '.join(args)}: {result.stderr.decode(errors='replace')}")
        return result.stdout.decode(errors="replace")


def focus_window(wine: Wine, title: str, timeout: float = 60) -> str:
    """Give the keyboard to the Wine window named `title` (how xdotool reaches Wine); its X id.

    Retried until it works: the window exists in X (search finds it) a moment
    before it is mapped, and focusing an unmapped window fails with BadMatch.
    """

    def attempt() -> str | None:
        try:
            windows = wine.xdotool("search", "--onlyvisible", "--name", title).split()
            if not windows:
                return None
            wine.xdotool("windowfocus", "--sync", windows[0])
        except WineError:  # nothing found yet (exit 1), or not mapped yet (BadMatch)
            return None
        return windows[0]

    return str(wait_until(attempt, timeout, f"the window {title!r} to take the keyboard", 0.2))


def fresh_prefix(target: Path) -> Path:
    """A new "agent PC": a copy of the base prefix (Wine plus the stubs, no Python)."""
    base = QR_WINE / "base"
    if not (base / ".qr-ready").exists():
        raise WineError(f"{base} is missing: run packaging/windows/wine_python.sh")
    shutil.copytree(base, target, symlinks=True)
    return target


def events(log_text: str) -> list[dict[str, Any]]:
    """The app's --log-json events in a log (other lines skipped)."""
    found = []
    for line in log_text.splitlines():
        line = line.strip()
        if line.startswith('{"event"'):
            with contextlib.suppress(json.JSONDecodeError):
                found.append(json.loads(line))
    return found


def find_event(log_text: str, name: str, **fields: Any) -> dict[str, Any] | None:
    for event in events(log_text):
        if event.get("event") == name and all(event.get(k) == v for k, v in fields.items()):
            return event
    return None
