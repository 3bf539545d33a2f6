"""The red-line checker the paste path runs: built for one platform, or absent.

The palette underlines findings and the lint gate asks before an error-level
one is pasted; both take the checker as a plain `LintFn`, so they do not care
where it comes from. A broken rule file must never stop the agent pasting:
`make_lint` then reports the problem and returns None (no checking).

The app's linter is compiled through the data folder's cache
(`core/lint/stored.py`): it is ready at start-up, before the first paste,
without compiling the rules again on every start.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

from quickreply.core.lint import stored
from quickreply.core.lint.engine import Linter
from quickreply.core.model import Pack

log = logging.getLogger(__name__)

# Text -> findings (`quickreply.core.lint.Finding` or anything with its fields).
LintFn = Callable[[str], Sequence[Any]]

_DATA_CACHE: Final = Path("<data dir>/cache")


def make_lint(
    platform: str,
    packs: Sequence[Pack],
    on_error: Callable[[str], None] | None = None,
    cache_dir: Path | None = _DATA_CACHE,
) -> LintFn | None:
    """The linter for `platform` with the rules of `packs`; None if it cannot start.

    `cache_dir` keeps the compiled linter between runs (default the data
    folder's `cache/`; None: compiled in memory only).
    """
    if cache_dir is _DATA_CACHE:
        cache_dir = _data_cache()
    try:
        linter = (
            Linter.for_platform(platform, packs=packs)
            if cache_dir is None
            else stored.for_platform(platform, packs, cache_dir)
        )
    except Exception as exc:  # bad rule data must not stop pasting; it is reported
        log.warning("the linter could not start: %s", exc)
        if on_error is not None:
            on_error(str(exc))
        return None
    return _reporting_slow_rules(linter)


def _data_cache() -> Path | None:
    """The data folder's cache, or None when there is no data folder to keep it in."""
    from quickreply.core.storage import StorageError, data_dir

    try:
        return data_dir() / "cache"
    except (OSError, StorageError):  # no cache costs a compile, never the checker
        return None


def _reporting_slow_rules(linter: Linter) -> LintFn:
    """`linter.lint`, logging once each rule whose pattern ran out of its time budget."""
    reported: set[str] = set()

    def lint(text: str) -> Sequence[Any]:
        found = linter.lint(text)
        if len(linter.slow_rules) != len(reported):
            for rule in linter.slow_rules:
                if rule not in reported:
                    reported.add(rule)
                    log.warning(
                        "rule %s: its pattern ran out of time and is skipped from now on; "
                        "fix the pattern in its pack (quickreply pack check names it)",
                        rule,
                    )
        return found

    return lint
