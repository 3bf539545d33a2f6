"""Test doubles that are real implementations of the ports (httpx's habit)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from quickreply.core.ports import DesktopError, HotkeyTaken, WindowHandle


@dataclass(frozen=True)
class FakeFinding:
    rule: str
    level: str
    start: int
    end: int
    match: str
    message: str
    suggestion: str | None = None


def fake_lint(text: str) -> list[FakeFinding]:
    """Flags a competitor shop (error) and 最好 (warning), like the real linter would."""
    found = []
    for term, level, message in (
        ("某某旗舰店", "error", "不要在聊天中提及其他店铺"),
        ("最好", "warning", "极限词"),
    ):
        at = text.find(term)
        if at >= 0:
            found.append(FakeFinding("t/" + term, level, at, at + len(term), term, message))
    return found


class FakeClipboard:
    def __init__(self, text: str = "") -> None:
        self._text = text
        self.extra: dict[str, bytes] = {"image/png": b"\x89PNG fake"}
        self.history: list[str] = []

    def snapshot(self) -> dict[str, bytes]:
        return {"text/plain": self._text.encode("utf-8"), **self.extra}

    def restore(self, snapshot: dict[str, bytes]) -> None:
        self._text = snapshot.get("text/plain", b"").decode("utf-8")
        self.extra = {k: v for k, v in snapshot.items() if k != "text/plain"}

    def set_text(self, text: str) -> None:
        self._text = text
        self.extra = {}
        self.history.append(text)

    def text(self) -> str:
        return self._text


@dataclass
class FakePaster:
    fail: bool = False
    pasted: list[str] = field(default_factory=list)
    clipboard: FakeClipboard | None = None

    def paste(self, method: str = "ctrl+v") -> None:
        if self.fail:
            raise DesktopError("no window accepts the paste")
        self.pasted.append(self.clipboard.text() if self.clipboard else method)

    def wait_modifiers_released(self, timeout: float = 1.0) -> bool:
        return True


@dataclass
class FakeForeground:
    window: WindowHandle | None = 42
    activated: list[WindowHandle] = field(default_factory=list)

    def current(self) -> WindowHandle | None:
        return self.window

    def activate(self, handle: WindowHandle) -> bool:
        self.activated.append(handle)
        return True

    def app_name(self, handle: WindowHandle) -> str:
        return "fakechat"


@dataclass
class FakeHotkeys:
    taken: set[str] = field(default_factory=set)
    grabbed: dict[str, Callable[[], None]] = field(default_factory=dict)

    def register(self, hotkey: str, callback: Callable[[], None]) -> None:
        if hotkey in self.taken:
            raise HotkeyTaken(f"{hotkey} is held by another program")
        self.grabbed[hotkey] = callback

    def unregister(self, hotkey: str) -> None:
        self.grabbed.pop(hotkey, None)

    def unregister_all(self) -> None:
        self.grabbed.clear()

    def press(self, hotkey: str) -> None:
        self.grabbed[hotkey]()
