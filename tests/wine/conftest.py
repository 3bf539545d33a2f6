"""Windows code run for real: a Windows CPython and the built installer under Wine.

Every test here is marked `wine` (and `slow`). Nothing is skipped: without
Wine, nsis or mingw the fixtures fail and say to run `.ci/windows-deps`.
The prefixes and the installer are built once and reused (inside the
checkout, build/windows and dist/), so a second run starts in seconds.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.xserver import XDisplay, start_xvfb
from tests.wine.wineenv import QR_WINE, Wine, WineError, build_installer, setup_prefixes

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.resolve().parents:
            item.add_marker(pytest.mark.wine)
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def wine_display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """An X server of its own for Wine's windows (bare: Wine manages focus itself)."""
    display = start_xvfb(tmp_path_factory.mktemp("xvfb-wine"))
    try:
        yield display
    finally:
        display.stop()


@pytest.fixture(scope="session")
def wine(wine_display: XDisplay, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    """The build prefix: Windows CPython with the app's wheels; runs the checkout's code."""
    try:
        setup_prefixes(wine_display.name)
    except WineError as exc:
        pytest.fail(str(exc))
    env = Wine(QR_WINE / "prefix", wine_display.name, tmp_path_factory.mktemp("wine-logs"))
    try:
        yield env
    finally:
        env.shutdown()


@pytest.fixture(scope="session")
def installer(wine: Wine) -> Path:
    """dist/QuickReply-Setup-<version>.exe, built once per run (or reused while current)."""
    try:
        return build_installer(wine.display)
    except WineError as exc:
        pytest.fail(str(exc))
