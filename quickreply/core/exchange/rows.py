"""What every exchange format shares: decoding, CSV rows with line numbers, ids, titles.

Files come from Windows tools: Qianniu writes GB18030 (GBK), Excel writes
UTF-8 with a BOM or UTF-16 "Unicode text"; fields hold commas, quotes and
line breaks. Decoding tries what the bytes say (a BOM), then strict UTF-8,
then GB18030, which decodes any byte sequence GBK writes.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from quickreply.core.model import Reply
from quickreply.core.packs import Problem
from quickreply.core.packs.fields import ID_RE

TITLE_CHARS = 20


@dataclass
class ImportResult:
    """Replies read from a file, and what was wrong with the rows left out."""

    replies: list[Reply] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    format: str = ""
    encoding: str = ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in (NUL characters dropped: no text has them)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = data.decode("gb18030", errors="replace"), "gb18030"
    return text.replace("\x00", ""), encoding


class RowError(ValueError):
    """A record the CSV reader cannot take (a NUL byte, a field of over a million characters)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line


# A quick phrase is a few hundred characters; a longer field is a broken quote
# swallowing the rest of the file, reported as such rather than read.
csv.field_size_limit(1_000_000)


def csv_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(line where the record starts, fields); tab-separated if the header has tabs.

    Raises RowError with the line for what the csv module refuses.
    """
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RowError(start, f"this record cannot be read ({exc}): check its quotes") from None
        yield start, row
        start = reader.line_num + 1


def clean(value: str) -> str:
    """One field's text: Windows line ends become \\n; surrounding blanks go."""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


def title_from(text: str) -> str:
    """A title for a reply that came without one: its first line, shortened."""
    line = next((part.strip() for part in text.split("\n") if part.strip()), text.strip())
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1] + "…"


class IdMaker:
    """Stable, unique reply ids: from the shortcut code when it can be one, else from the text.

    The same row imported twice gets the same id, so a second import is a
    no-op instead of a copy of everything.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.used: set[str] = set()

    def make(self, code: str, text: str) -> str:
        slug = code.strip().lower()
        base = slug if slug and ID_RE.match(slug) else ""
        if not base:
            base = f"{self.prefix}-{hashlib.sha1(text.encode('utf-8')).hexdigest()[:8]}"
        unique, n = base, 2
        while unique in self.used:
            unique, n = f"{base}-{n}", n + 1
        self.used.add(unique)
        return unique


def split_list(value: str) -> tuple[str, ...]:
    """Codes or tags in one cell: separated by spaces, commas or semicolons (either width)."""
    for sep in ("，", "；", ";", ",", "、"):
        value = value.replace(sep, " ")
    return tuple(dict.fromkeys(part for part in value.split() if part))


def write_csv(rows: list[list[str]], *, encoding: str, bom: bool = False) -> bytes:
    """CSV bytes the way Windows tools read them: CRLF between records, quotes as needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data
