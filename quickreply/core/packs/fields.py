"""The pack schema as data, and the wording of what is wrong with a value.

Which fields each table has, their types and which are required live here as
tables, so the validator walks them instead of spelling each field out, and
a new field is one line. The message helpers keep every "did you mean"
phrased the same way.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from typing import Any

# Ids name replies in usage statistics, flows and overrides ("pack/reply"),
# so they stay plain ASCII without "/" or spaces.
ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*\Z")
SEMVER_RE = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\Z"
)
HOTKEY_MODIFIERS = frozenset({"ctrl", "alt", "shift", "win", "super", "meta", "cmd"})
_HOTKEY_KEY_RE = re.compile(r"^([a-z0-9]|f([1-9]|1[0-9]|2[0-4])|space|enter|tab|insert|home|end)\Z")


# A field's type is a predicate; TYPE_NAMES says it in words for the message.
FieldType = Callable[[Any], bool]


def is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_str_table(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(x, str) for x in v.values())


TYPE_NAMES: dict[FieldType, str] = {
    is_str: 'a string, e.g. "..."',
    _is_str_list: 'a list of strings, e.g. ["a", "b"]',
    _is_str_table: 'a table of strings, e.g. { "己经" = "已经" }',
}

# table -> field -> (type check, required)
PACK_FIELDS: dict[str, tuple[FieldType, bool]] = {
    "id": (is_str, True),
    "name": (is_str, True),
    "version": (is_str, True),
    "author": (is_str, False),
    "description": (is_str, False),
    "platforms": (_is_str_list, False),
}
REPLY_FIELDS: dict[str, tuple[FieldType, bool]] = {
    "id": (is_str, True),
    "title": (is_str, True),
    "text": (is_str, True),
    "scenario": (is_str, False),
    "codes": (_is_str_list, False),
    "tags": (_is_str_list, False),
    "hotkey": (is_str, False),
    "platforms": (_is_str_list, False),
    "overrides": (is_str, False),
}
FLOW_FIELDS: dict[str, tuple[FieldType, bool]] = {
    "id": (is_str, True),
    "title": (is_str, True),
    "steps": (_is_str_list, True),
    "description": (is_str, False),
}
RULE_FIELDS: dict[str, tuple[FieldType, bool]] = {
    "id": (is_str, True),
    "level": (is_str, True),
    "message": (is_str, True),
    "terms": (_is_str_list, False),
    "pattern": (is_str, False),
    "swap": (_is_str_table, False),
    "exceptions": (_is_str_list, False),
    "platforms": (_is_str_list, False),
    "suggestion": (is_str, False),
    "context": (_is_str_list, False),
}
TOP_FIELDS = {"format", "pack", "reply", "flow", "rule"}


def normalize_newlines(value: Any) -> Any:
    """`\r\n` and lone `\r` become `\n`: a carriage return never belongs in a chat."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value
    if isinstance(value, list):
        return [normalize_newlines(v) for v in value]
    if isinstance(value, dict):
        return {k: normalize_newlines(v) for k, v in value.items()}
    return value


def bad_id(kind: str, value: str) -> str:
    """The message for an id outside ID_RE, with an example to copy."""
    return (
        f'{kind} id "{value}" may use only a-z, 0-9, ".", "_" and "-" and must start '
        'with a letter or digit, e.g. "bargain.promise-1"'
    )


def unknown_field(key: str, label: str, known: Iterable[str]) -> str:
    """A warning, not an error: a typo in an optional field must not stop a pack."""
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'unknown field "{key}" in {label} is ignored{hint}'


def unknown_step(step: str, reply_ids: set[Any]) -> str:
    """The message for a flow step naming no reply, with the closest id as a hint."""
    close = difflib.get_close_matches(step, [r for r in reply_ids if isinstance(r, str)], n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'flow step "{step}" names no reply of this pack{hint}'


def valid_hotkey(hotkey: str) -> bool:
    """At least one modifier and one key: a bare key would swallow normal typing."""
    parts = [p.strip().lower() for p in hotkey.split("+")]
    if not parts or any(not p for p in parts):
        return False
    *mods, key = parts
    return (
        all(m in HOTKEY_MODIFIERS for m in mods) and bool(_HOTKEY_KEY_RE.match(key)) and bool(mods)
    )


def toml_type(value: Any) -> str:
    """What the author wrote, in the words of someone who edits TOML by hand."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list with other things in it" if value else "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
