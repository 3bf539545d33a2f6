"""A stand-in for the linter; the port fakes live in `quickreply.desktop.fakes`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FakeFinding:
    rule: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestion: str | None = None


def fake_lint(text: str) -> list[FakeFinding]:
    """Flags a competitor shop (error) and 最好 (warning), like the real linter would."""
    found = []
    for term, level, message in (
        ("某某旗舰店", "error", "不要在聊天中提及其他店铺"),
        ("最好", "warning", "极限词"),
    ):
        at = text.find(term)
        if at >= 0:
            found.append(FakeFinding("t/" + term, level, at, at + len(term), term, message))
    return found
