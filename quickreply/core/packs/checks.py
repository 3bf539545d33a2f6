"""The checks every table of a pack shares, and where their problems point.

`Checker` holds the parsed data and the source, turns a (table, index, key)
into a line and column, and checks field types, ids, arrays and platforms
the same way for `[pack]`, `[[reply]]`, `[[flow]]` and `[[rule]]`. What each
kind of entry means is in `validate.py`; this module knows only the shapes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from quickreply.core.model import PLATFORMS
from quickreply.core.packs.fields import (
    ID_RE,
    TYPE_NAMES,
    FieldType,
    bad_id,
    is_str,
    normalize_newlines,
    toml_type,
    unknown_field,
)
from quickreply.core.packs.locate import Locations, locate
from quickreply.core.packs.problems import Problem


class Checker:
    """Collects problems for one pack's source; positions are found only when needed."""

    def __init__(self, data: dict[str, Any], text: str, path: str) -> None:
        self.data = data
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self._locs: Locations | None = None
        self._arrays: dict[str, list[dict[str, Any]]] = {}

    # -- positions

    @property
    def locs(self) -> Locations:
        """The source scan, done on the first problem: a clean pack never pays for it."""
        if self._locs is None:
            self._locs = locate(self.text)
        return self._locs

    def _where(self, table: str, index: int, key: str | None) -> tuple[int, int]:
        """The key's position, else its table's, else the top of the file."""
        if key is not None:
            pos = self.locs.keys.get((table, index, key))
            if pos:
                return pos
        return self.locs.tables.get((table, index), (1, 1))

    def report(
        self, level: str, message: str, table: str = "", index: int = 0, key: str | None = None
    ) -> None:
        line, col = self._where(table, index, key)
        self.problems.append(Problem(self.path, line, col, level, message))

    def error(self, message: str, table: str = "", index: int = 0, key: str | None = None) -> None:
        self.report("error", message, table, index, key)

    def warn(self, message: str, table: str = "", index: int = 0, key: str | None = None) -> None:
        self.report("warning", message, table, index, key)

    # -- the checks every table shares

    def _fields(
        self,
        table: dict[str, Any],
        spec: Mapping[str, tuple[FieldType, bool]],
        name: str,
        index: int,
        label: str,
    ) -> dict[str, Any]:
        """Type-check `table` against `spec`; return the fields that passed."""
        good: dict[str, Any] = {}
        for key, (check, required) in spec.items():
            if key not in table:
                if required:
                    self.error(f"{label} is missing `{key}`: add {key} = ...", name, index)
                continue
            value = table[key]
            if not check(value):
                self.error(
                    f"`{key}` in {label} must be {TYPE_NAMES[check]}, not {toml_type(value)}",
                    name,
                    index,
                    key,
                )
                continue
            if check is is_str and required and not value.strip():
                self.error(f"`{key}` in {label} is empty: give it a value", name, index, key)
                continue
            good[key] = normalize_newlines(value)
        for key in table:
            if key not in spec:
                self.warn(unknown_field(key, label, spec), name, index, key)
        return good

    def _array(self, key: str, label: str) -> list[dict[str, Any]]:
        """The `[[key]]` entries, read once so a malformed array is reported once."""
        if key in self._arrays:
            return self._arrays[key]
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(
                f"`{key}` must be an array of tables: start each entry with {label}", "", 0, key
            )
            value = []
        self._arrays[key] = value
        return value

    def _check_id(
        self, kind: str, value: str | None, seen: dict[str, int], table: str, index: int
    ) -> bool:
        """A well-formed id not `seen` before in this table; records it in `seen`."""
        if value is None:
            return False
        if not ID_RE.match(value):
            self.error(bad_id(kind, value), table, index, "id")
            return False
        if value in seen:
            first_line = self._where(table, seen[value], "id")[0]
            self.error(
                f'duplicate {kind} id "{value}" (first used on line {first_line}): '
                "give each one its own id",
                table,
                index,
                "id",
            )
            return False
        seen[value] = index
        return True

    def _check_platforms(self, platforms: Iterable[str], table: str, index: int) -> None:
        """An unknown platform is a warning only: the entry still loads."""
        for p in platforms:
            if p not in PLATFORMS:
                self.warn(
                    f'unknown platform "{p}"; known: {", ".join(PLATFORMS)}',
                    table,
                    index,
                    "platforms",
                )
