"""Real X servers for tests: start Xvfb (and openbox), run programs on it, stop it all.

Used by tests/desktop/conftest.py; importable as `tests.desktop.xserver` from
any test (pytest puts the checkout on sys.path).
"""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREEN = "1280x800x24"


def wait_for(
    predicate: Callable[[], object], timeout: float = 10.0, interval: float = 0.02, what: str = ""
) -> object:
    """Poll `predicate` until it returns something truthy; fail the test after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            pytest.fail(f"timed out after {timeout:g} s waiting for {what or predicate!r}")
        time.sleep(interval)


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    """Terminate `proc` (a process this test suite started), kill it if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


@dataclass
class XDisplay:
    """A running X server; `spawn` starts programs on it that die with it."""

    name: str
    log_dir: Path
    server: subprocess.Popen[bytes]
    has_wm: bool = False
    children: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def env(self, **extra: str) -> dict[str, str]:
        env = dict(os.environ)
        for key in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE", "QUICKREPLY_HOTKEYS"):
            env.pop(key, None)
        env.update(
            DISPLAY=self.name,
            QT_QPA_PLATFORM="xcb",
            PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            PYTHONIOENCODING="utf-8",
            PYTHONUNBUFFERED="1",
        )
        env.update(extra)
        return env

    def spawn(
        self, args: list[str], name: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start `args` on this display; output goes to files (no pipe can fill up)."""
        out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed with the process
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env or self.env(),
            cwd=ROOT,
        )
        out.close()  # the child holds its own copy
        self.children.append(proc)
        return proc

    def spawn_python(self, script: Path, *args: str, name: str = "") -> subprocess.Popen[bytes]:
        return self.spawn([sys.executable, str(script), *args], name or script.stem)

    def run(self, args: list[str], timeout: float = 10.0) -> subprocess.CompletedProcess[bytes]:
        """Run a short command (xdotool, xclip -o) on this display and wait for it."""
        return subprocess.run(
            args, env=self.env(), capture_output=True, timeout=timeout, check=False
        )

    def xdotool(self, *args: str) -> None:
        result = self.run(["xdotool", *args])
        assert result.returncode == 0, result.stderr.decode(errors="replace")

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop_child(self, proc: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
        stop_process(proc, timeout)
        with contextlib.suppress(ValueError):
            self.children.remove(proc)

    def stop(self) -> None:
        for proc in reversed(list(self.children)):
            self.stop_child(proc)
        self.stop_child(self.server)


def start_xvfb(log_dir: Path) -> XDisplay:
    if shutil.which("Xvfb") is None:
        pytest.fail("Xvfb is not installed; desktop tests need it (apt-get install xvfb)")
    log_dir.mkdir(parents=True, exist_ok=True)
    read_end, write_end = os.pipe()
    log = open(log_dir / "Xvfb.log", "ab")  # noqa: SIM115 - closed right after Popen
    # -noreset: by default Xvfb resets when its last client leaves, and a test
    # connecting during that reset gets "connection reset by peer".
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            SCREEN,
            "-nolisten",
            "tcp",
            "-noreset",
        ],
        pass_fds=(write_end,),
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    os.close(write_end)
    number = b""
    deadline = time.monotonic() + 15
    try:
        # Xvfb writes the display number once it accepts connections.
        while not number.endswith(b"\n"):
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([read_end], [], [], max(remaining, 0))
            if not ready:
                break
            chunk = os.read(read_end, 16)
            if not chunk:
                break
            number += chunk
    finally:
        os.close(read_end)
    if not number.strip():
        server.kill()
        server.wait()
        pytest.fail(f"Xvfb did not start: {(log_dir / 'Xvfb.log').read_text(errors='replace')}")
    return XDisplay(name=f":{int(number)}", log_dir=log_dir, server=server)


def start_openbox(display: XDisplay) -> None:
    from Xlib import X
    from Xlib import display as xdisplay

    display.spawn(["openbox", "--sm-disable"], "openbox")
    conn = xdisplay.Display(display.name)
    try:
        atom = conn.intern_atom("_NET_SUPPORTING_WM_CHECK")
        root = conn.screen().root
        wait_for(
            lambda: root.get_full_property(atom, X.AnyPropertyType),
            timeout=15,
            what="openbox to manage the screen",
        )
    finally:
        conn.close()
    display.has_wm = True


def start_tray_host(display: XDisplay) -> None:
    """Run trayer as the system tray (QSystemTrayIcon.isSystemTrayAvailable() needs one)."""
    from Xlib import display as xdisplay

    display.spawn(
        ["trayer", "--edge", "top", "--align", "right", "--widthtype", "request"], "trayer"
    )
    conn = xdisplay.Display(display.name)
    try:
        selection = conn.intern_atom(f"_NET_SYSTEM_TRAY_S{conn.get_default_screen()}")
        wait_for(
            lambda: conn.get_selection_owner(selection) != 0,
            timeout=15,
            what="trayer to own the system tray selection",
        )
    finally:
        conn.close()
