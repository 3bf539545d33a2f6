"""The whole app from the checkout, started by the Windows CPython under Wine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from subprocess import Popen

import pytest

from tests.wine.wineenv import AGENT, WINPY, Wine, find_event, wait_until, winpath


def start_app(wine: Wine, home: Path, name: str) -> Popen[bytes]:
    return wine.spawn(
        [WINPY, winpath(AGENT), "app", "run", "--log-json"], name, QUICKREPLY_HOME=winpath(home)
    )


def wait_event(wine: Wine, name: str, event: str, timeout: float = 90, **fields: object) -> dict:
    try:
        return wait_until(
            lambda: find_event(wine.log(name), event, **fields), timeout, f"{event} in {name}"
        )
    except Exception:
        pytest.fail(f"no {event} event from {name}; its log:\n{wine.log(name)[-3000:]}")


@pytest.fixture(scope="module")
def first(wine: Wine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    home = tmp_path_factory.mktemp("home-first")
    proc = start_app(wine, home, "first")
    try:
        wait_event(wine, "first", "ready")
        yield home, "first"
    finally:
        wine.stop(proc)


def test_app_starts_with_its_hotkey_and_tray(wine: Wine, first: tuple[Path, str]) -> None:
    ready = find_event(wine.log("first"), "ready")
    assert ready is not None
    assert "ctrl+alt+space" in ready["hotkeys"]  # the palette's (and any other default ones)
    assert ready["tray"] is True
    assert ready["replies"] > 100
    startup = find_event(wine.log("first"), "startup")
    assert startup is not None and startup["dpi"] in ("per-monitor v2", "already per-monitor")


def test_second_start_hands_over_to_the_running_app(wine: Wine, first: tuple[Path, str]) -> None:
    home, _ = first
    result = wine.run(
        [WINPY, winpath(AGENT), "app", "run", "--log-json"],
        timeout=120,
        QUICKREPLY_HOME=winpath(home),
    )
    out = result.stdout.decode("utf-8", "replace") + result.stderr.decode("utf-8", "replace")
    assert result.returncode == 0, out
    assert find_event(out, "handed_over", delivered=True) is not None, out
    assert find_event(out, "ready") is None  # it did not start a second app
    shown = wait_event(
        wine, "first", "palette_shown", timeout=30
    )  # the first one showed its palette
    assert shown["event"] == "palette_shown"


def test_hotkey_taken_by_another_program_is_reported(
    wine: Wine, first: tuple[Path, str], tmp_path: Path
) -> None:
    # Another data folder is another instance, and the first one holds ctrl+alt+space.
    proc = start_app(wine, tmp_path, "second")
    try:
        error = wait_event(wine, "second", "error", kind="hotkey_taken", hotkey="ctrl+alt+space")
        ready = wait_event(wine, "second", "ready")
    finally:
        wine.stop(proc)
    assert error["hotkey"] == "ctrl+alt+space"
    # in the UI language, which follows Wine's locale here
    assert "已被其他程序占用" in error["message"] or "taken by another program" in error["message"]
    assert ready["hotkeys"] == []
    assert "Traceback" not in wine.log("second")
