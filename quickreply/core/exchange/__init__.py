"""Import and export replies in other formats: Qianniu CSV, a plain CSV, JSON, TOML packs.

- `read_file(path, fmt=None)` -> `ImportResult` (replies, problems with file and line)
- `detect_format(path, data)`: from the name and the first line
- `export_bytes(pack, fmt)`: the bytes of the file to write
- `merge_into_personal(replies, policy)`, `new_pack(...)`: where imported replies go

Import then export gives the same rows: a Qianniu file read and written
again has the same codes, phrases and groups.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from quickreply.core.exchange import csvfile, jsonfile, qianniu
from quickreply.core.exchange.merge import (
    POLICIES,
    MergeSummary,
    Policy,
    merge_into_personal,
    merge_replies,
    new_pack,
    pack_id_for,
)
from quickreply.core.exchange.rows import ImportResult, RowError, csv_rows, decode
from quickreply.core.model import Pack
from quickreply.core.packs import Problem, check_text, dumps_pack

Format = Literal["qianniu", "csv", "json", "toml"]
FORMATS: tuple[Format, ...] = ("qianniu", "csv", "json", "toml")

__all__ = [
    "FORMATS",
    "POLICIES",
    "Format",
    "ImportResult",
    "MergeSummary",
    "Policy",
    "detect_format",
    "export_bytes",
    "merge_into_personal",
    "merge_replies",
    "new_pack",
    "pack_id_for",
    "read_bytes",
    "read_file",
]


def detect_format(path: Path, data: bytes) -> Format:
    """TOML and JSON by name or first character; a CSV is Qianniu's when its header says so."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xls") or data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return "csv"  # read_bytes explains how to save a workbook as CSV
    if suffix == ".toml":
        return "toml"
    text = decode(data[:65536])[0].lstrip()
    if suffix == ".json" or text.startswith(("{", "[")):
        return "json"
    try:
        first = next(csv_rows(text.split("\n", 1)[0]), None)
    except RowError:
        first = None
    if first is not None and qianniu.looks_like(first[1]):
        return "qianniu"
    if suffix in (".csv", ".txt", ".tsv") or "," in text.split("\n", 1)[0]:
        return "csv"
    return "toml"


def read_bytes(data: bytes, path: str, fmt: Format) -> ImportResult:
    """Replies from a file's bytes; every problem is a `Problem` with the line, never a raise."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        return ImportResult(
            format=fmt,
            problems=[
                Problem(
                    path,
                    1,
                    1,
                    "error",
                    "this is an Excel workbook, not a CSV file: in Excel choose File > "
                    "Save As > CSV UTF-8 (or Qianniu's own export), then import that file",
                )
            ],
        )
    try:
        return _read(data, path, fmt)
    except RowError as exc:
        return ImportResult(format=fmt, problems=[Problem(path, exc.line, 1, "error", str(exc))])


def _read(data: bytes, path: str, fmt: Format) -> ImportResult:
    if fmt == "qianniu":
        return qianniu.read(data, path)
    if fmt == "csv":
        return csvfile.read(data, path)
    if fmt == "json":
        return jsonfile.read(data, path)
    text, encoding = decode(data)
    checked = check_text(text, path)
    result = ImportResult(format="toml", encoding=encoding, problems=list(checked.problems))
    if checked.ok and checked.pack is not None:
        result.replies = list(checked.pack.replies)
    return result


def read_file(path: Path, fmt: Format | None = None) -> ImportResult:
    """Replies from a file of any format; unreadable files are one error, not an exception."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return ImportResult(problems=[Problem(str(path), 1, 1, "error", f"cannot read: {reason}")])
    return read_bytes(data, str(path), fmt or detect_format(Path(path), data))


def export_bytes(pack: Pack, fmt: Format) -> bytes:
    if fmt == "qianniu":
        return qianniu.write(pack)
    if fmt == "csv":
        return csvfile.write(pack)
    if fmt == "json":
        return jsonfile.write(pack)
    return dumps_pack(pack).encode("utf-8")
