"""The corpus of good, bad and warning packs under tests/data/packs.

Each bad or warning file opens with two comments:
`# expect: LINE:COL: message` (the first problem the validator must report) and
`# schema: reject | accept | n/a` (whether the JSON Schema must reject it too;
n/a marks what a schema cannot express: duplicates, flow steps, regexes,
placeholders, TOML syntax).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "packs"
_EXPECT = re.compile(r"^# expect: (\d+):(\d+): (.+)$", re.M)
_SCHEMA = re.compile(r"^# schema: (reject|accept|n/a)$", re.M)


@dataclass(frozen=True)
class Case:
    path: Path
    kind: str  # good | bad | warn
    line: int = 0
    col: int = 0
    message: str = ""
    schema: str = "accept"

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.path.stem}"


def cases(kind: str) -> list[Case]:
    out = []
    for path in sorted((CORPUS / kind).glob("*.toml")):
        text = path.read_bytes().decode("utf-8-sig")
        expect = _EXPECT.search(text)
        schema = _SCHEMA.search(text)
        if kind != "good":
            assert expect, f"{path} lacks its '# expect:' line"
            assert schema, f"{path} lacks its '# schema:' line"
        out.append(
            Case(
                path,
                kind,
                int(expect.group(1)) if expect else 0,
                int(expect.group(2)) if expect else 0,
                expect.group(3) if expect else "",
                schema.group(1) if schema else "accept",
            )
        )
    return out
