"""The red-line checker the paste path runs: built for one platform, or absent.

The palette underlines findings and the lint gate asks before an error-level
one is pasted; both take the checker as a plain `LintFn`, so they do not care
where it comes from. A broken rule file must never stop the agent pasting:
`make_lint` then reports the problem and returns None (no checking).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from quickreply.core.lint.engine import Linter
from quickreply.core.model import Pack

log = logging.getLogger(__name__)

# Text -> findings (`quickreply.core.lint.Finding` or anything with its fields).
LintFn = Callable[[str], Sequence[Any]]


def make_lint(
    platform: str, packs: Sequence[Pack], on_error: Callable[[str], None] | None = None
) -> LintFn | None:
    """The linter for `platform` with the rules of `packs`; None if it cannot start."""
    try:
        linter = Linter.for_platform(platform, packs=packs)
    except Exception as exc:  # bad rule data must not stop pasting; it is reported
        log.warning("the linter could not start: %s", exc)
        if on_error is not None:
            on_error(str(exc))
        return None
    return _reporting_slow_rules(linter)


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
