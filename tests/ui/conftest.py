"""Fixtures for the Qt tests (offscreen, in-process)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quickreply.core.library import Library
from quickreply.core.search import Hit, SearchIndex
from quickreply.ui.palette import Palette
from tests.ui.fakes import fake_lint

BUILTINS = {"date": "1月2日", "time": "09:30", "clipboard": "", "agent": "小美", "shop": "好物店"}
DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture
def library() -> Library:
    return Library.from_files([DATA / "sample.toml"])


@pytest.fixture
def find(library: Library) -> Callable[[str], list[Hit]]:
    index = SearchIndex(library.replies)

    def find(query: str) -> list[Hit]:
        if not query:
            return [Hit(r, 0.0) for r in library.replies]
        return index.search(query, 50)

    return find


@pytest.fixture
def palette(qtbot, find) -> Palette:  # type: ignore[no-untyped-def]
    widget = Palette(
        find,
        lint=fake_lint,
        builtins=lambda: {
            "date": "1月2日",
            "time": "09:30",
            "clipboard": "",
            "agent": "小美",
            "shop": "好物店",
        },
    )
    qtbot.addWidget(widget)
    return widget


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform cannot raise windows or pass size hints to a window
    # manager and says so; those two messages only, every other warning still fails.
    for item in items:
        if "tests/ui/" in str(item.path).replace("\\", "/"):
            item.add_marker(
                pytest.mark.qt_log_ignore(
                    r"This plugin does not support (raise\(\)|propagateSizeHints\(\))"
                )
            )
