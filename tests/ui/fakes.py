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
    """Flags a competitor shop (error), 最好 (warning, with a suggestion) and 微信 (error)."""
    found = []
    for term, level, message, suggestion in (
        ("某某旗舰店", "error", "不要在聊天中提及其他店铺", None),
        ("最好", "warning", "极限词", "很好"),
        ("加微信", "error", "不要引导到站外", ""),
    ):
        at = text.find(term)
        if at >= 0:
            found.append(
                FakeFinding("t/" + term, level, at, at + len(term), term, message, suggestion)
            )
    return found
