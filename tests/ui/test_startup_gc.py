"""The collector held off during start-up (ui/startup.py CollectorPause), and why
freezing what start-up built is safe: a library replaced later holds no cycles, so
reference counting frees it without the collector."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from quickreply.core.flows import FlowTracker
from quickreply.core.library import Library
from quickreply.core.lint.checker import make_lint
from quickreply.core.search.finder import Finder
from quickreply.ui.startup import CollectorPause
from tests.conftest import SEARCH_LIBRARY


@pytest.fixture
def collector() -> Iterator[None]:
    """Whatever a test does to the collector is undone."""
    was_enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if was_enabled:
        gc.enable()
    else:
        gc.disable()


def test_the_collector_is_off_until_ready_then_frozen_and_on(collector: None) -> None:
    gc.enable()
    pause = CollectorPause()
    assert not gc.isenabled()
    built = [object() for _ in range(1000)]  # what start-up makes
    frozen_before = gc.get_freeze_count()
    pause.resume(freeze=True)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(built)
    pause.resume(freeze=True)  # once only
    assert gc.isenabled()


def test_a_start_that_fails_turns_the_collector_back_on_without_freezing(collector: None) -> None:
    gc.enable()
    gc.unfreeze()
    pause = CollectorPause()
    pause.resume(freeze=False)
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_that_was_off_stays_off(collector: None) -> None:
    gc.disable()
    pause = CollectorPause()
    pause.resume(freeze=True)
    assert not gc.isenabled() and gc.get_freeze_count() == 0


def test_a_replaced_library_is_freed_without_the_collector(collector: None) -> None:
    """What the app builds from a library (and rebuilds on every reload) holds no
    reference cycles: frozen or not, the old one goes as soon as it is dropped."""
    gc.collect()
    gc.disable()
    library = Library.from_files([SEARCH_LIBRARY])
    finder = Finder(library, None)
    finder("kj")
    finder("退款 fahou")
    finder.suggest("老板能便宜点吗")
    flows = FlowTracker(library.flows, library.replies)
    lint = make_lint("taobao", library.packs, cache_dir=None)
    assert lint is not None and lint("加我微信")
    library.get(library.replies[0].uid)
    refs = [weakref.ref(x) for x in (library, finder, finder.index, flows)]
    del library, finder, flows, lint
    # the collector is off: only reference counting can have freed them
    assert [r() for r in refs] == [None] * len(refs)
