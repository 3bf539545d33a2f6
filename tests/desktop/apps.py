"""Helper programs for desktop tests: a target chat window, a clipboard owner, the driver.

Each runs in its own process on the test's X display (Qt's xcb platform).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.desktop.xserver import XDisplay, wait_for

HERE = Path(__file__).resolve().parent
TARGET_APP = HERE / "target_app.py"
CLIPBOARD_OWNER = HERE / "clipboard_owner.py"
PASTE_DRIVER = HERE / "paste_driver.py"


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None


@dataclass
class Target:
    """A running target_app.py: a text box that reports its text and focus."""

    proc: subprocess.Popen[bytes]
    state_file: Path
    wid: int

    def state(self) -> dict[str, Any]:
        return read_json(self.state_file) or {}

    def text(self) -> str:
        return str(self.state().get("text", ""))

    def wait_text(self, expected: str, timeout: float = 10.0) -> None:
        wait_for(lambda: self.text() == expected, timeout, what=f"target text {expected!r}")


def start_target(
    display: XDisplay,
    folder: Path,
    name: str = "target",
    title: str = "QR Target",
    read_only: bool = False,
) -> Target:
    state = folder / f"{name}.json"
    extra = ["--read-only"] if read_only else []
    proc = display.spawn(
        [sys.executable, str(TARGET_APP), str(state), "--title", title, "--timeout", "90", *extra],
        name,
    )
    found = wait_for(
        lambda: read_json(state) or proc.poll() is not None, timeout=20, what=f"{name} to start"
    )
    if proc.poll() is not None:
        raise AssertionError(f"{name} exited: {display.log(name)}")
    assert isinstance(found, dict)
    return Target(proc, state, int(found["wid"]))


def start_clipboard_owner(
    display: XDisplay, folder: Path, text: str, kind: str = "text-image"
) -> subprocess.Popen[bytes]:
    """Another program that owns the clipboard with `text` and an image (see --kind)."""
    ready = folder / f"owner-{kind}.ready"
    ready.unlink(missing_ok=True)
    proc = display.spawn(
        [sys.executable, str(CLIPBOARD_OWNER), str(ready), text, "--timeout", "90", "--kind", kind],
        "owner",
    )
    wait_for(lambda: ready.exists() or proc.poll() is not None, 20, what="clipboard owner")
    if proc.poll() is not None:
        raise AssertionError(f"clipboard owner exited: {display.log('owner')}")
    return proc


def clipboard(display: XDisplay, target: str = "UTF8_STRING") -> bytes:
    """Read the clipboard from outside (xclip), as any other program would."""
    result = display.run(["xclip", "-selection", "clipboard", "-o", "-t", target], timeout=10)
    assert result.returncode == 0, f"xclip -t {target}: {result.stderr!r}"
    return result.stdout


def clipboard_targets(display: XDisplay) -> list[str]:
    return clipboard(display, "TARGETS").decode().split()


@dataclass
class Driver:
    """A running paste_driver.py; events are JSON lines in `events_file`."""

    proc: subprocess.Popen[bytes]
    events_file: Path
    quit_file: Path
    display: XDisplay
    name: str
    serve_file: Path | None = None

    def events(self) -> list[dict[str, Any]]:
        if not self.events_file.exists():
            return []
        events = []
        for line in self.events_file.read_text(encoding="utf-8").splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:  # a line still being written
                break
        return events

    def mark(self) -> int:
        return len(self.events())

    def send(self, text: str, target: int) -> None:
        """--serve mode: paste `text` into `target` (after the previous paste finished)."""
        assert self.serve_file is not None, "start_driver(..., serve=True)"
        with open(self.serve_file, "a", encoding="utf-8") as f:
            f.write(json.dumps({"text": text, "target": target}, ensure_ascii=False) + "\n")

    def wait_event(self, kind: str, timeout: float = 15.0, since: int = 0) -> dict[str, Any]:
        def find() -> dict[str, Any] | None:
            for event in self.events()[since:]:
                if event["event"] == "error":
                    raise AssertionError(f"driver error: {event}\n{self.display.log(self.name)}")
                if event["event"] == kind:
                    return event
            if self.proc.poll() is not None:
                raise AssertionError(f"driver exited early: {self.display.log(self.name)}")
            return None

        found = wait_for(find, timeout, what=f"driver event {kind!r}")
        assert isinstance(found, dict)
        return found

    def quit(self) -> None:
        self.quit_file.write_text("quit", encoding="utf-8")
        try:
            self.proc.wait(10)
        finally:
            self.display.stop_child(self.proc)


def start_driver(
    display: XDisplay, folder: Path, *args: str, name: str = "driver", serve: bool = False
) -> Driver:
    events = folder / f"{name}.jsonl"
    quit_file = folder / f"{name}.quit"
    serve_file = folder / f"{name}.commands" if serve else None
    if serve_file is not None:
        serve_file.write_text("", encoding="utf-8")
        args = (*args, "--serve", str(serve_file))
    proc = display.spawn(
        [
            sys.executable,
            str(PASTE_DRIVER),
            str(events),
            "--quit-file",
            str(quit_file),
            "--timeout",
            "60",
            *args,
        ],
        name,
    )
    return Driver(proc, events, quit_file, display, name, serve_file)


@dataclass
class Owner:
    """clipboard_owner.py in --commands mode: copies a kind again on request."""

    proc: subprocess.Popen[bytes]
    ready: Path
    commands: Path
    count: int = 0

    def copy(self, kind: str) -> None:
        """Take the clipboard again with `kind` (text, html, image, text-image)."""
        self.count += 1
        with open(self.commands, "a", encoding="utf-8") as f:
            f.write(kind + "\n")
        wanted = str(self.count)

        def copied() -> bool:
            try:
                return self.ready.read_text(encoding="utf-8") == wanted
            except OSError:
                return False

        wait_for(copied, 20, what=f"the clipboard owner to copy {kind}")


def start_owner(display: XDisplay, folder: Path, text: str, name: str = "owner") -> Owner:
    """A clipboard owner that stays, for several copies in a row (see Owner.copy)."""
    ready, commands = folder / f"{name}.ready", folder / f"{name}.commands"
    ready.unlink(missing_ok=True)
    commands.write_text("", encoding="utf-8")
    proc = display.spawn(
        [
            sys.executable,
            str(CLIPBOARD_OWNER),
            str(ready),
            text,
            "--kind",
            "text",
            "--commands",
            str(commands),
            "--timeout",
            "600",
        ],
        name,
    )
    wait_for(lambda: ready.exists() or proc.poll() is not None, 20, what="clipboard owner")
    if proc.poll() is not None:
        raise AssertionError(f"clipboard owner exited: {display.log(name)}")
    return Owner(proc, ready, commands)
