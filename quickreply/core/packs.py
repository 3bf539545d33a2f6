"""Read, validate and write packs (PACK_FORMAT.md, format 1).

Every problem is reported as `FILE:LINE:COL: level: message`, and the message
says what to fix. TOML itself carries no positions once parsed, so positions
come from a light scan of the source (`_locate`), done only when there is
something to report.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from quickreply.core import render
from quickreply.core.model import FORMAT_VERSION, LEVELS, PLATFORMS, Flow, Pack, Reply, Rule
from quickreply.core.storage import atomic_write_text

ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
SEMVER_RE = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$"
)
HOTKEY_MODIFIERS = frozenset({"ctrl", "alt", "shift", "win", "super", "meta", "cmd"})
_HOTKEY_KEY_RE = re.compile(r"^([a-z0-9]|f([1-9]|1[0-9]|2[0-4])|space|enter|tab|insert|home|end)$")
UTF8_BOM = "\ufeff"

# ---------------------------------------------------------------- problems


@dataclass(frozen=True, slots=True)
class Problem:
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
    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.errors


# ---------------------------------------------------------------- reading


def read_source(path: Path) -> str:
    """The pack's text: UTF-8 with or without a BOM, any line endings."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise PackError(
            [
                Problem(
                    str(path),
                    line,
                    col,
                    "error",
                    "the file is not UTF-8 (it looks like GBK or another legacy encoding): "
                    "save it as UTF-8 (Notepad: File > Save As > Encoding: UTF-8)",
                )
            ]
        ) from None
    return text.removeprefix(UTF8_BOM)


def check_pack(path: Path) -> CheckResult:
    """Read and validate a pack file; never raises for a bad pack."""
    try:
        text = read_source(path)
    except PackError as exc:
        return CheckResult(None, exc.problems)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return CheckResult(None, [Problem(str(path), 1, 1, "error", f"cannot read: {reason}")])
    return check_text(text, str(path), source_path=Path(path))


def check_text(text: str, path: str = "<pack>", *, source_path: Path | None = None) -> CheckResult:
    """Validate pack source text; `path` is only used in messages."""
    text = text.removeprefix(UTF8_BOM)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, message = _toml_error_position(exc)
        return CheckResult(None, [Problem(path, line, col, "error", f"TOML syntax: {message}")])
    validator = _Validator(data, text, path)
    pack = validator.run()
    if pack is not None and source_path is not None:
        pack = _with_path(pack, source_path)
    return CheckResult(pack, sorted(validator.problems, key=lambda p: (p.line, p.col)))


def load_pack(path: Path) -> Pack:
    """Read a pack; raise PackError listing every error (warnings do not stop it)."""
    result = check_pack(path)
    if result.pack is None or result.errors:
        raise PackError(result.errors or result.problems)
    return result.pack


def loads_pack(text: str, path: str = "<pack>") -> Pack:
    result = check_text(text, path)
    if result.pack is None or result.errors:
        raise PackError(result.errors or result.problems)
    return result.pack


def _with_path(pack: Pack, path: Path) -> Pack:
    from dataclasses import replace

    return replace(pack, path=path)


_TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_error_position(exc: tomllib.TOMLDecodeError) -> tuple[int, int, str]:
    lineno = getattr(exc, "lineno", None)  # Python 3.14+
    colno = getattr(exc, "colno", None)
    raw = getattr(exc, "msg", None) or str(exc)
    match = _TOML_POS_RE.search(str(exc))
    if match:
        lineno = lineno or int(match.group(1))
        colno = colno or int(match.group(2))
        raw = _TOML_POS_RE.sub("", raw)
    message = raw[:1].lower() + raw[1:]
    hint = _TOML_HINTS.get(raw.split(" (at")[0])
    if hint:
        message = f"{message}; {hint}"
    return int(lineno or 1), int(colno or 1), message


_TOML_HINTS = {
    "Cannot overwrite a value": "a key is given twice: keep only one",
    "Unclosed array": "close the list with `]`",
    "Invalid value": 'strings need quotes, e.g. title = "发货时间"',
    "Expected '=' after a key in a key/value pair": "write key = value",
    "Unterminated string": "close the string with the same quote it opened with",
    "Illegal character '\\n'": 'a string cannot span lines: use triple quotes """..."""',
}

# ---------------------------------------------------------------- locating


@dataclass
class _Locations:
    """Line and column of tables and keys in the source, found by a light scan."""

    tables: dict[tuple[str, int], tuple[int, int]] = field(default_factory=dict)
    keys: dict[tuple[str, int, str], tuple[int, int]] = field(default_factory=dict)
    # (table, index, key) -> True if the value starts a multi-line string on the next line
    string_starts_next_line: dict[tuple[str, int, str], bool] = field(default_factory=dict)


_HEADER_RE = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?")
_KEY_RE = re.compile(r"""^(\s*)("[^"]*"|'[^']*'|[A-Za-z0-9_\-]+)\s*=\s*""")


def _locate(text: str) -> _Locations:
    locs = _Locations()
    counters: dict[str, int] = {}
    table, index = "", 0
    in_multiline: str | None = None  # the closing quotes of an open multi-line string
    depth = 0  # open brackets of a multi-line array or inline table
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_multiline:
            if _closes(line, in_multiline):
                in_multiline = None
            continue
        if depth == 0:
            header = _HEADER_RE.match(line)
            if header:
                name = header.group(2).replace('"', "").replace("'", "").strip()
                if header.group(1) == "[[":
                    index = counters.get(name, -1) + 1
                    counters[name] = index
                    table = name
                elif "." in name and name.split(".")[0] in counters:
                    # `[rule.swap]` belongs to the last `[[rule]]`
                    table = name
                    index = counters[name.split(".")[0]]
                else:
                    table, index = name, 0
                locs.tables.setdefault((table, index), (lineno, header.start(2) + 1))
                continue
            key = _KEY_RE.match(line)
            if key:
                name = key.group(2).strip("\"'")
                locs.keys.setdefault((table, index, name), (lineno, len(key.group(1)) + 1))
                rest = line[key.end() :]
                for quote in ('"""', "'''"):
                    if rest.startswith(quote) and not _closes(rest[3:], quote):
                        in_multiline = quote
                        locs.string_starts_next_line[(table, index, name)] = rest[3:].strip() == ""
                        break
                if in_multiline:
                    continue
                depth += _bracket_balance(rest)
                continue
        depth = max(0, depth + _bracket_balance(line))
    return locs


def _closes(fragment: str, quote: str) -> bool:
    pos = fragment.find(quote)
    while pos > 0 and quote == '"""' and fragment[pos - 1] == "\\":
        pos = fragment.find(quote, pos + 1)
    return pos >= 0


def _bracket_balance(fragment: str) -> int:
    balance, quote = 0, ""
    i = 0
    while i < len(fragment):
        ch = fragment[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == "#":
            break
        elif ch in "[{":
            balance += 1
        elif ch in "]}":
            balance -= 1
        i += 1
    return balance


# ---------------------------------------------------------------- validating

_FieldType = Callable[[Any], bool]


def _is_str(v: Any) -> bool:
    return isinstance(v, str)


def _is_str_list(v: Any) -> bool:
    return isinstance(v, list) and all(isinstance(x, str) for x in v)


def _is_str_table(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(x, str) for x in v.values())


_TYPE_NAMES: dict[_FieldType, str] = {
    _is_str: 'a string, e.g. "..."',
    _is_str_list: 'a list of strings, e.g. ["a", "b"]',
    _is_str_table: 'a table of strings, e.g. { "己经" = "已经" }',
}

# table -> field -> (type check, required)
_PACK_FIELDS: dict[str, tuple[_FieldType, bool]] = {
    "id": (_is_str, True),
    "name": (_is_str, True),
    "version": (_is_str, True),
    "author": (_is_str, False),
    "description": (_is_str, False),
    "platforms": (_is_str_list, False),
}
_REPLY_FIELDS: dict[str, tuple[_FieldType, bool]] = {
    "id": (_is_str, True),
    "title": (_is_str, True),
    "text": (_is_str, True),
    "scenario": (_is_str, False),
    "codes": (_is_str_list, False),
    "tags": (_is_str_list, False),
    "hotkey": (_is_str, False),
    "platforms": (_is_str_list, False),
    "overrides": (_is_str, False),
}
_FLOW_FIELDS: dict[str, tuple[_FieldType, bool]] = {
    "id": (_is_str, True),
    "title": (_is_str, True),
    "steps": (_is_str_list, True),
    "description": (_is_str, False),
}
_RULE_FIELDS: dict[str, tuple[_FieldType, bool]] = {
    "id": (_is_str, True),
    "level": (_is_str, True),
    "message": (_is_str, True),
    "terms": (_is_str_list, False),
    "pattern": (_is_str, False),
    "swap": (_is_str_table, False),
    "exceptions": (_is_str_list, False),
    "platforms": (_is_str_list, False),
    "suggestion": (_is_str, False),
    "context": (_is_str_list, False),
}
_TOP_FIELDS = {"format", "pack", "reply", "flow", "rule"}


class _Validator:
    def __init__(self, data: dict[str, Any], text: str, path: str) -> None:
        self.data = data
        self.text = text
        self.path = path
        self.problems: list[Problem] = []
        self._locs: _Locations | None = None

    # -- positions

    @property
    def locs(self) -> _Locations:
        if self._locs is None:
            self._locs = _locate(self.text)
        return self._locs

    def _where(self, table: str, index: int, key: str | None) -> tuple[int, int]:
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

    # -- the pack

    def run(self) -> Pack | None:
        data = self.data
        for key in data:
            if key not in _TOP_FIELDS:
                self.warn(_unknown(key, "the top level", _TOP_FIELDS), "", 0, key)
        if not self._check_format():
            return None
        head = data.get("pack")
        if not isinstance(head, dict):
            self.error(
                "missing [pack] table: add [pack] with id, name and version"
                if head is None
                else "`pack` must be a table: write [pack] on its own line",
                "",
                0,
                "pack",
            )
            return None
        fields = self._fields(head, _PACK_FIELDS, "pack", 0, "[pack]")
        pack_id = fields.get("id", "")
        if pack_id and not ID_RE.match(pack_id):
            self.error(_bad_id("pack", pack_id), "pack", 0, "id")
        version = fields.get("version")
        if version is not None and not SEMVER_RE.match(version):
            self.error(
                f'version "{version}" is not a semantic version: write MAJOR.MINOR.PATCH, '
                'e.g. "1.0.0"',
                "pack",
                0,
                "version",
            )
        self._check_platforms(fields.get("platforms", []), "pack", 0)

        replies = self._replies(pack_id)
        flows = self._flows(pack_id, {r.id for r in replies})
        rules = self._rules(pack_id)
        if any(p.level == "error" for p in self.problems):
            return None
        return Pack(
            id=pack_id,
            name=fields["name"],
            version=fields["version"],
            author=fields.get("author", ""),
            description=fields.get("description", ""),
            platforms=tuple(fields.get("platforms", ())),
            replies=tuple(replies),
            flows=tuple(flows),
            rules=tuple(rules),
            format=FORMAT_VERSION,
        )

    def _check_format(self) -> bool:
        fmt = self.data.get("format")
        if fmt is None:
            self.error(f"missing `format`: add `format = {FORMAT_VERSION}` at the top of the file")
            return False
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            self.error(
                f"`format` must be a whole number: write `format = {FORMAT_VERSION}`",
                "",
                0,
                "format",
            )
            return False
        if fmt > FORMAT_VERSION:
            self.error(
                f"this pack needs pack format {fmt}, but this QuickReply reads format "
                f"{FORMAT_VERSION}: update QuickReply to a version that reads format {fmt}",
                "",
                0,
                "format",
            )
            return False
        if fmt < 1:
            self.error(f"unknown format {fmt}: write `format = {FORMAT_VERSION}`", "", 0, "format")
            return False
        return True

    def _fields(
        self,
        table: dict[str, Any],
        spec: Mapping[str, tuple[_FieldType, bool]],
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
                    f"`{key}` in {label} must be {_TYPE_NAMES[check]}, not {_toml_type(value)}",
                    name,
                    index,
                    key,
                )
                continue
            if check is _is_str and required and not value.strip():
                self.error(f"`{key}` in {label} is empty: give it a value", name, index, key)
                continue
            good[key] = value
        for key in table:
            if key not in spec:
                self.warn(_unknown(key, label, spec), name, index, key)
        return good

    def _array(self, key: str, label: str) -> list[dict[str, Any]]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(
                f"`{key}` must be an array of tables: start each entry with {label}", "", 0, key
            )
            return []
        return value

    def _check_id(
        self, kind: str, value: str | None, seen: dict[str, int], table: str, index: int
    ) -> bool:
        if value is None:
            return False
        if not ID_RE.match(value):
            self.error(_bad_id(kind, value), table, index, "id")
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
        for p in platforms:
            if p not in PLATFORMS:
                self.warn(
                    f'unknown platform "{p}"; known: {", ".join(PLATFORMS)}',
                    table,
                    index,
                    "platforms",
                )

    # -- replies

    def _replies(self, pack_id: str) -> list[Reply]:
        replies: list[Reply] = []
        seen: dict[str, int] = {}
        codes: dict[str, str] = {}
        for i, raw in enumerate(self._array("reply", "[[reply]]")):
            f = self._fields(raw, _REPLY_FIELDS, "reply", i, f"[[reply]] #{i + 1}")
            ok = self._check_id("reply", f.get("id"), seen, "reply", i)
            text = f.get("text")
            if text is not None and not self._check_template(text, i):
                ok = False
            for code in f.get("codes", []):
                if not code.strip() or any(c.isspace() for c in code):
                    self.error(
                        f'shortcut code "{code}" must be one word without spaces',
                        "reply",
                        i,
                        "codes",
                    )
                    ok = False
                elif code.lower() in codes and codes[code.lower()] != f.get("id"):
                    self.warn(
                        f'shortcut code "{code}" is also used by reply "{codes[code.lower()]}": '
                        "give each reply its own code",
                        "reply",
                        i,
                        "codes",
                    )
                else:
                    codes[code.lower()] = f.get("id", "")
            hotkey = f.get("hotkey")
            if hotkey is not None and not _valid_hotkey(hotkey):
                self.error(
                    f'hotkey "{hotkey}" is not a key combination: write modifiers and one key '
                    'joined by "+", e.g. "ctrl+alt+1"',
                    "reply",
                    i,
                    "hotkey",
                )
                ok = False
            self._check_platforms(f.get("platforms", []), "reply", i)
            overrides = f.get("overrides")
            if overrides is not None and overrides.count("/") != 1:
                self.error(
                    f'overrides "{overrides}" must name a reply as "pack-id/reply-id"',
                    "reply",
                    i,
                    "overrides",
                )
                ok = False
            if not ok or not {"id", "title", "text"} <= f.keys():
                continue
            replies.append(
                Reply(
                    id=f["id"],
                    title=f["title"],
                    text=f["text"],
                    scenario=f.get("scenario", ""),
                    codes=tuple(f.get("codes", ())),
                    tags=tuple(f.get("tags", ())),
                    hotkey=hotkey,
                    platforms=tuple(f.get("platforms", ())),
                    overrides=overrides,
                    pack_id=pack_id,
                )
            )
        return replies

    def _check_template(self, text: str, index: int) -> bool:
        try:
            render.parse(text)
        except render.TemplateError as exc:
            line, col = self._where("reply", index, "text")
            before = text[: exc.offset]
            newlines = before.count("\n")
            if newlines or self.locs.string_starts_next_line.get(("reply", index, "text")):
                starts_next = self.locs.string_starts_next_line.get(("reply", index, "text"))
                line += newlines + (1 if starts_next else 0)
                col = exc.offset - (before.rfind("\n") + 1) + 1
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    col,
                    "error",
                    f"unbalanced placeholder in text: {exc.message}",
                )
            )
            return False
        return True

    # -- flows

    def _flows(self, pack_id: str, reply_ids: set[str]) -> list[Flow]:
        flows: list[Flow] = []
        seen: dict[str, int] = {}
        all_reply_ids = {r.get("id") for r in self._array("reply", "[[reply]]")}
        for i, raw in enumerate(self._array("flow", "[[flow]]")):
            f = self._fields(raw, _FLOW_FIELDS, "flow", i, f"[[flow]] #{i + 1}")
            ok = self._check_id("flow", f.get("id"), seen, "flow", i)
            steps = f.get("steps")
            if steps is not None and not steps:
                self.error("a flow needs at least one step", "flow", i, "steps")
                ok = False
            for step in steps or []:
                if "/" in step:
                    other_pack, _, other_reply = step.partition("/")
                    if not (ID_RE.match(other_pack) and ID_RE.match(other_reply)):
                        self.error(
                            f'step "{step}" must be a reply id or "pack-id/reply-id"',
                            "flow",
                            i,
                            "steps",
                        )
                        ok = False
                    elif other_pack == pack_id and other_reply not in all_reply_ids:
                        self.error(_unknown_step(step, all_reply_ids), "flow", i, "steps")
                        ok = False
                elif step not in all_reply_ids:
                    self.error(_unknown_step(step, all_reply_ids), "flow", i, "steps")
                    ok = False
            if not ok or not {"id", "title", "steps"} <= f.keys():
                continue
            flows.append(
                Flow(
                    id=f["id"],
                    title=f["title"],
                    steps=tuple(steps or ()),
                    description=f.get("description", ""),
                    pack_id=pack_id,
                )
            )
        return flows

    # -- rules

    def _rules(self, pack_id: str) -> list[Rule]:
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(self._array("rule", "[[rule]]")):
            f = self._fields(raw, _RULE_FIELDS, "rule", i, f"[[rule]] #{i + 1}")
            ok = self._check_id("rule", f.get("id"), seen, "rule", i)
            level = f.get("level")
            if level is not None and level not in LEVELS:
                self.error(
                    f'level "{level}" is not one of: {", ".join(LEVELS)}', "rule", i, "level"
                )
                ok = False
            kinds = [k for k in ("terms", "pattern", "swap") if k in raw]
            if len(kinds) != 1:
                self.error(
                    "a rule needs exactly one of `terms`, `pattern` or `swap`"
                    + (f" (it has {', '.join(kinds)})" if kinds else ""),
                    "rule",
                    i,
                )
                ok = False
            pattern = f.get("pattern")
            if pattern is not None:
                from quickreply.core.patterns import PatternProblem, check_pattern

                try:
                    check_pattern(pattern)
                except PatternProblem as exc:
                    self.error(f"pattern: {exc}", "rule", i, "pattern")
                    ok = False
            if "terms" in f and not any(t.strip() for t in f["terms"]):
                self.error("`terms` is empty: list at least one phrase", "rule", i, "terms")
                ok = False
            if "swap" in f and not f["swap"]:
                self.error('`swap` is empty: add pairs like { "己经" = "已经" }', "rule", i, "swap")
                ok = False
            self._check_platforms(f.get("platforms", []), "rule", i)
            if not ok or not {"id", "level", "message"} <= f.keys():
                continue
            rules.append(
                Rule(
                    id=f["id"],
                    level=f["level"],
                    message=f["message"],
                    terms=tuple(f.get("terms", ())),
                    pattern=pattern,
                    swap=tuple(f.get("swap", {}).items()),
                    exceptions=tuple(f.get("exceptions", ())),
                    platforms=tuple(f.get("platforms", ())),
                    suggestion=f.get("suggestion"),
                    pack_id=pack_id,
                    context=tuple(f.get("context", ())),
                )
            )
        return rules


def _bad_id(kind: str, value: str) -> str:
    return (
        f'{kind} id "{value}" may use only a-z, 0-9, ".", "_" and "-" and must start '
        'with a letter or digit, e.g. "bargain.promise-1"'
    )


def _unknown(key: str, label: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'unknown field "{key}" in {label} is ignored{hint}'


def _unknown_step(step: str, reply_ids: set[Any]) -> str:
    close = difflib.get_close_matches(step, [r for r in reply_ids if isinstance(r, str)], n=1)
    hint = f'; did you mean "{close[0]}"?' if close else ""
    return f'flow step "{step}" names no reply of this pack{hint}'


def _valid_hotkey(hotkey: str) -> bool:
    parts = [p.strip().lower() for p in hotkey.split("+")]
    if not parts or any(not p for p in parts):
        return False
    *mods, key = parts
    return (
        all(m in HOTKEY_MODIFIERS for m in mods) and bool(_HOTKEY_KEY_RE.match(key)) and bool(mods)
    )


def _toml_type(value: Any) -> str:
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


# ---------------------------------------------------------------- writing


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The pack as TOML data, in the canonical order, optional fields left out when empty."""
    head: dict[str, Any] = {"id": pack.id, "name": pack.name, "version": pack.version}
    _put(head, "author", pack.author)
    _put(head, "description", pack.description)
    _put(head, "platforms", list(pack.platforms))
    out: dict[str, Any] = {"format": pack.format, "pack": head}
    if pack.replies:
        out["reply"] = [_reply_dict(r) for r in pack.replies]
    if pack.flows:
        out["flow"] = [_flow_dict(f) for f in pack.flows]
    if pack.rules:
        out["rule"] = [_rule_dict(r) for r in pack.rules]
    return out


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], (), {}):
        target[key] = value


def _reply_dict(r: Reply) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "title": r.title, "text": r.text}
    _put(d, "scenario", r.scenario)
    _put(d, "codes", list(r.codes))
    _put(d, "tags", list(r.tags))
    _put(d, "hotkey", r.hotkey)
    _put(d, "platforms", list(r.platforms))
    _put(d, "overrides", r.overrides)
    return d


def _flow_dict(f: Flow) -> dict[str, Any]:
    d: dict[str, Any] = {"id": f.id, "title": f.title, "steps": list(f.steps)}
    _put(d, "description", f.description)
    return d


def _rule_dict(r: Rule) -> dict[str, Any]:
    d: dict[str, Any] = {"id": r.id, "level": r.level, "message": r.message}
    _put(d, "terms", list(r.terms))
    _put(d, "pattern", r.pattern)
    _put(d, "swap", dict(r.swap))
    _put(d, "exceptions", list(r.exceptions))
    _put(d, "platforms", list(r.platforms))
    _put(d, "suggestion", r.suggestion)
    _put(d, "context", list(r.context))
    return d


def dumps_pack(pack: Pack) -> str:
    return tomli_w.dumps(pack_to_dict(pack), multiline_strings=True)


def write_pack(pack: Pack, path: Path, *, backup: bool = True) -> None:
    """Write `pack` to `path` atomically, keeping the previous file in backups."""
    atomic_write_text(path, dumps_pack(pack), backup=backup)
