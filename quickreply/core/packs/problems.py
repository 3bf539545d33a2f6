"""What reading a pack reports: one `Problem` per thing to fix.

Kept apart from reading, validating and writing because all three (and the
library, the CLI and the manager) speak in these types; none of them should
have to import a parser to name a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quickreply.core.model import Pack


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a pack, printed as `FILE:LINE:COL: level: message`.

    The format is the one compilers use, so editors and CI jump to the line.
    """

    path: str
    line: int
    col: int
    level: str  # "error" | "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.level}: {self.message}"


class PackError(Exception):
    """A pack could not be loaded; `problems` says where and what to fix."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class CheckResult:
    """The outcome of checking a pack: the pack if it loaded, and every problem.

    Checking never raises for a bad pack, so `quickreply pack check` and the
    library can report all problems at once instead of the first.
    """

    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)
    # A hash of the file's content when it came through the checked-pack cache
    # (core/packs/cache.py): it keys what is built from the pack, so a warm
    # start does not hash 100,000 replies again. None: not known.
    key: str | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors
