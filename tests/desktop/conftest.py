"""Real X servers for desktop tests: Xvfb (bare) and Xvfb with openbox.

Tests here drive real windows and real input. Qt code that needs the xcb
platform runs in subprocesses (the session's in-process QApplication is
offscreen and there is only one); python-xlib code can run in-process since
it opens its own connection to the display named in `XDisplay.name`.

Fixtures: `xvfb` (bare server, session), `window_manager` (another server with
openbox, session), `on_display` ($DISPLAY set to `xvfb` for one test),
`spawned` (processes stopped when the test ends). Every test in this folder
is marked `desktop`.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.xserver import XDisplay, start_openbox, start_xvfb, stop_process

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.desktop)


@pytest.fixture(scope="session")
def xvfb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """A bare X server (no window manager), shared by the session."""
    display = start_xvfb(tmp_path_factory.mktemp("xvfb"))
    try:
        yield display
    finally:
        display.stop()


@pytest.fixture(scope="session")
def window_manager(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """A second X server with openbox managing it (focus, _NET_ACTIVE_WINDOW)."""
    display = start_xvfb(tmp_path_factory.mktemp("xvfb-wm"))
    try:
        start_openbox(display)
        yield display
    finally:
        display.stop()


@pytest.fixture
def on_display(xvfb: XDisplay, monkeypatch: pytest.MonkeyPatch) -> XDisplay:
    """The bare server as $DISPLAY for this test only (for code that reads DISPLAY)."""
    monkeypatch.setenv("DISPLAY", xvfb.name)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.delenv("QUICKREPLY_HOTKEYS", raising=False)
    return xvfb


@pytest.fixture
def spawned() -> Iterator[list[subprocess.Popen[bytes]]]:
    """Append processes a test starts; each is stopped when the test ends."""
    procs: list[subprocess.Popen[bytes]] = []
    yield procs
    for proc in procs:
        stop_process(proc)
