"""Read a pack file into a `Pack`: decoding, TOML parsing, then validation.

The entry points of the package live here. Every problem is reported as
`FILE:LINE:COL: level: message` with what to fix; tomllib's own errors are
reworded for someone editing by hand, and the BOM Windows Notepad writes is
accepted.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from pathlib import Path

from quickreply.core.model import Pack
from quickreply.core.packs.problems import CheckResult, PackError, Problem
from quickreply.core.packs.validate import Validator

UTF8_BOM = "\ufeff"


def read_source(path: Path) -> str:
    """The pack's text: UTF-8 with or without a BOM, any line endings."""
    return decode_source(Path(path).read_bytes(), path)


def decode_source(data: bytes, path: Path) -> str:
    """A pack file's bytes as text (see `read_source`); PackError names a non-UTF-8 file."""
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


def check_bytes(data: bytes, path: Path) -> CheckResult:
    """`check_pack` of the bytes already read from `path` (the pack cache hashes them first)."""
    try:
        text = decode_source(data, path)
    except PackError as exc:
        return CheckResult(None, exc.problems)
    return check_text(text, str(path), source_path=Path(path))


def check_text(text: str, path: str = "<pack>", *, source_path: Path | None = None) -> CheckResult:
    """Validate pack source text; `path` is only used in messages."""
    text = text.removeprefix(UTF8_BOM)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, col, message = _toml_error_position(exc)
        if message.startswith("cannot overwrite"):
            # tomllib points past the value; the key that repeats is what to fix
            source_line = text.splitlines()[line - 1] if line <= len(text.splitlines()) else ""
            col = len(source_line) - len(source_line.lstrip()) + 1
        return CheckResult(None, [Problem(path, line, col, "error", f"TOML syntax: {message}")])
    except RecursionError:
        line = _deepest_line(text)
        return CheckResult(
            None,
            [
                Problem(
                    path,
                    line,
                    1,
                    "error",
                    f"lists or tables are nested too deeply (more than {MAX_NESTING} levels): "
                    "a pack needs at most three; remove the extra brackets",
                )
            ],
        )
    validator = Validator(data, text, path)
    pack = validator.run()
    if pack is not None and source_path is not None:
        pack = _with_path(pack, source_path)
    return CheckResult(pack, sorted(validator.problems, key=lambda p: (p.line, p.col)))


MAX_NESTING = 100


def _deepest_line(text: str) -> int:
    """The line where brackets first nest past MAX_NESTING (outside strings: roughly)."""
    depth = 0
    for lineno, line in enumerate(text.splitlines(), start=1):
        for char in line:
            if char in "[{":
                depth += 1
                if depth > MAX_NESTING:
                    return lineno
            elif char in "]}":
                depth = max(0, depth - 1)
    return 1


def load_pack(path: Path) -> Pack:
    """Read a pack; raise PackError listing every error (warnings do not stop it)."""
    result = check_pack(path)
    if result.pack is None or result.errors:
        raise PackError(result.errors or result.problems)
    return result.pack


def loads_pack(text: str, path: str = "<pack>") -> Pack:
    """`load_pack` for pack text already in memory; `path` is only used in messages."""
    result = check_text(text, path)
    if result.pack is None or result.errors:
        raise PackError(result.errors or result.problems)
    return result.pack


def _with_path(pack: Pack, path: Path) -> Pack:
    """The pack remembers its file, so the library can say which copy replaced which."""
    return replace(pack, path=path)


_TOML_POS_RE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def _toml_error_position(exc: tomllib.TOMLDecodeError) -> tuple[int, int, str]:
    """Line, column and a lower-case message with a hint, on any Python version."""
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
