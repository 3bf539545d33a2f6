"""What the linter reports."""

from __future__ import annotations

from typing import Any, NamedTuple

from quickreply.core.model import Level

# Sort order of levels when two findings start at the same place.
LEVEL_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}


class Finding(NamedTuple):
    """One problem in a text; `start`/`end` are character offsets into the original text.

    A named tuple rather than a dataclass: the linter builds one per comma of
    half-width punctuation on every keystroke, and a tuple is several times
    cheaper to make.
    """

    rule: str
    level: Level
    start: int
    end: int
    match: str
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "level": self.level,
            "start": self.start,
            "end": self.end,
            "match": self.match,
            "message": self.message,
            "suggestion": self.suggestion,
        }

    @property
    def sort_key(self) -> tuple[int, int, int, str]:
        return (self.start, LEVEL_RANK[self.level], -self.end, self.rule)
