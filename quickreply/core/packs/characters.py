"""Invisible and direction characters in every field of a pack are errors.

Titles, scenarios, tags, codes, names, messages, flow steps and the blanks
and choices of a reply (`{方式:顺丰|中‮通}`) are checked for characters nobody
can see (`quickreply.core.invisible`: by Unicode property). A direction
control or a control character is refused anywhere, the reply text included:
it makes a line read otherwise than it was written, or drives a terminal.
Other invisible characters in the body of a reply's text are left to the
linter's `invisible-char` rule, which `pack check` reports with their column.
"""

from __future__ import annotations

from typing import Any

from quickreply.core import invisible, render
from quickreply.core.packs.checks import Checker

_TABLES = (("reply", "[[reply]]"), ("flow", "[[flow]]"), ("rule", "[[rule]]"))


def check_characters(checker: Checker) -> None:
    """Report every field of the pack's data that holds an invisible character."""
    head = checker.data.get("pack")
    if isinstance(head, dict):
        _check_table(checker, head, "pack", 0, "[pack]")
    for table, label in _TABLES:
        for index, entry in enumerate(checker._array(table, label)):
            _check_table(checker, entry, table, index, f"{label} #{index + 1}")


def _check_table(
    checker: Checker, entry: dict[str, Any], table: str, index: int, label: str
) -> None:
    for key, value in entry.items():
        if table == "reply" and key == "text" and isinstance(value, str):
            _check_text(checker, value, index, label)
            continue
        for text in _strings(key, value):
            names = invisible.find_invisible(text)
            if names:
                checker.error(_message(names, f"`{key}` of {label}", text), table, index, key)


def _strings(key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    if isinstance(value, dict):  # `swap`: both the typo and its fix
        return [str(k) for k in value] + [v for v in value.values() if isinstance(v, str)]
    return [key] if invisible.find_invisible(key) else []


def _check_text(checker: Checker, text: str, index: int, label: str) -> None:
    hostile = invisible.hostile_chars(text)
    if hostile:
        names = ", ".join(invisible.char_name(c) for c in dict.fromkeys(hostile))
        checker.error(_message(names, f"the text of {label}", text), "reply", index, "text")
        return
    if not invisible.may_hold_invisible(text):
        return  # then no blank holds one either
    try:
        segments = render.parse(text)
    except render.TemplateError:
        return  # reported as an unbalanced placeholder
    for seg in segments:
        if isinstance(seg, render.Blank):
            found = invisible.find_invisible(text[seg.start : seg.end])
            if found:
                checker.error(
                    _message(found, f"the blank {{{seg.name}}} of {label}", text),
                    "reply",
                    index,
                    "text",
                )


def _message(names: str, where: str, text: str) -> str:
    shown = invisible.escape_for_terminal(text if len(text) <= 40 else text[:40] + "…")
    return (
        f"invisible character {names} in {where} (「{shown}」): delete it; it cannot be seen "
        "but changes what the buyer gets and what search and the red-line checks see"
    )
