"""Checking the regular expressions that packs bring in `[[rule]] pattern`."""

from __future__ import annotations

import re


class PatternProblem(ValueError):
    """A rule pattern that cannot be used; the message says what to fix."""


def check_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a rule pattern or raise PatternProblem."""
    try:
        return re.compile(pattern)
    except re.error as exc:
        where = f" at character {exc.pos + 1}" if exc.pos is not None else ""
        raise PatternProblem(f"invalid regular expression{where}: {exc.msg}") from None
