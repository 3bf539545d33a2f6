"""The app's event log: one JSON object per line on stderr with `--log-json`.

End-to-end tests and benchmarks read it (`ready`, `palette_shown`, `pasted`,
`error`, ...). Without `--log-json` the same events are written as short
readable lines, so a problem such as a taken hotkey is never silent.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any, TextIO

from quickreply.core.invisible import escape_for_json, escape_for_terminal


class EventLog:
    def __init__(self, json_lines: bool = False, stream: TextIO | None = None) -> None:
        self.json_lines = json_lines
        self.stream = stream
        self.events: list[dict[str, Any]] = []  # kept for tests and the debug command

    def emit(self, event: str, **fields: Any) -> None:
        record: dict[str, Any] = {"event": event, **fields, "t": round(time.time(), 6)}
        self.events.append(record)
        if len(self.events) > 1000:
            del self.events[:500]
        stream = self.stream or sys.stderr
        try:
            # Messages quote packs: invisible and escape characters are shown escaped.
            if self.json_lines:
                stream.write(escape_for_json(json.dumps(record, ensure_ascii=False)) + "\n")
            else:
                details = " ".join(f"{k}={v}" for k, v in fields.items())
                line = f"quickreply: {event}{' ' + details if details else ''}"
                stream.write(escape_for_terminal(line) + "\n")
            stream.flush()
        except (OSError, ValueError):
            pass  # a closed stderr must never break a paste

    def names(self) -> list[str]:
        return [e["event"] for e in self.events]
