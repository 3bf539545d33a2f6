"""Hotkey strings ("ctrl+alt+space", "f9") parsed into a modifier set and one key.

Pure Python so the parsing is tested without an X server; each backend maps the
parsed key to its own codes (X keysym names here, Windows virtual-key codes too).
"""

from __future__ import annotations

from dataclasses import dataclass

from quickreply.core.ports import DesktopError

MODIFIER_ORDER = ("ctrl", "alt", "shift", "super")

_MODIFIER_ALIASES = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "ctl": "ctrl",
    "alt": "alt",
    "option": "alt",
    "shift": "shift",
    "super": "super",
    "win": "super",
    "windows": "super",
    "meta": "super",
    "cmd": "super",
}

# canonical name -> (X11 keysym name, Windows virtual-key code)
_NAMED_KEYS: dict[str, tuple[str, int]] = {
    "space": ("space", 0x20),
    "enter": ("Return", 0x0D),
    "tab": ("Tab", 0x09),
    "escape": ("Escape", 0x1B),
    "backspace": ("BackSpace", 0x08),
    "insert": ("Insert", 0x2D),
    "delete": ("Delete", 0x2E),
    "home": ("Home", 0x24),
    "end": ("End", 0x23),
    "pageup": ("Prior", 0x21),
    "pagedown": ("Next", 0x22),
    "up": ("Up", 0x26),
    "down": ("Down", 0x28),
    "left": ("Left", 0x25),
    "right": ("Right", 0x27),
    "pause": ("Pause", 0x13),
    "comma": ("comma", 0xBC),
    "period": ("period", 0xBE),
    "slash": ("slash", 0xBF),
    "backslash": ("backslash", 0xDC),
    "semicolon": ("semicolon", 0xBA),
    "quote": ("apostrophe", 0xDE),
    "minus": ("minus", 0xBD),
    "equal": ("equal", 0xBB),
    "grave": ("grave", 0xC0),
    "bracketleft": ("bracketleft", 0xDB),
    "bracketright": ("bracketright", 0xDD),
}

_KEY_ALIASES = {
    "return": "enter",
    "esc": "escape",
    "ins": "insert",
    "del": "delete",
    "pgup": "pageup",
    "prior": "pageup",
    "pgdn": "pagedown",
    "next": "pagedown",
    ",": "comma",
    ".": "period",
    "/": "slash",
    "\\": "backslash",
    ";": "semicolon",
    "'": "quote",
    "apostrophe": "quote",
    "-": "minus",
    "=": "equal",
    "`": "grave",
    "backtick": "grave",
    "[": "bracketleft",
    "]": "bracketright",
}


class HotkeyError(DesktopError, ValueError):
    """A hotkey string that cannot be understood; the message says how to write one."""


@dataclass(frozen=True)
class Hotkey:
    modifiers: frozenset[str]
    key: str  # canonical: "a".."z", "0".."9", "f1".."f24" or a name of _NAMED_KEYS

    def __str__(self) -> str:
        mods = [m for m in MODIFIER_ORDER if m in self.modifiers]
        return "+".join([*mods, self.key])

    @property
    def x11_keysym_name(self) -> str:
        if self.key in _NAMED_KEYS:
            return _NAMED_KEYS[self.key][0]
        if self.key.startswith("f") and self.key[1:].isdigit():
            return "F" + self.key[1:]
        return self.key

    @property
    def windows_vk(self) -> int:
        if self.key in _NAMED_KEYS:
            return _NAMED_KEYS[self.key][1]
        if self.key.startswith("f") and self.key[1:].isdigit():
            return 0x70 + int(self.key[1:]) - 1  # VK_F1 = 0x70 ... VK_F24 = 0x87
        return ord(self.key.upper())  # VK codes of A-Z and 0-9 are their ASCII codes


_EXAMPLE = "write it like ctrl+alt+space, ctrl+alt+1 or f9"


def parse_hotkey(text: str) -> Hotkey:
    """Parse "Ctrl+Alt+Space" (any case, spaces allowed, full-width ＋ accepted)."""
    raw = text.strip().lower().replace("＋", "+").replace(" ", "")
    if not raw:
        raise HotkeyError(f"empty hotkey; {_EXAMPLE}")
    # "ctrl++" means ctrl and the plus key: not supported, say so rather than guess
    parts = raw.split("+")
    if any(not p for p in parts):
        raise HotkeyError(f"hotkey {text!r} has an empty part; {_EXAMPLE}")
    *mod_parts, key_part = parts
    modifiers: set[str] = set()
    for part in mod_parts:
        mod = _MODIFIER_ALIASES.get(part)
        if mod is None:
            raise HotkeyError(
                f"hotkey {text!r}: {part!r} is not a modifier "
                f"(use ctrl, alt, shift or super before the key); {_EXAMPLE}"
            )
        if mod in modifiers:
            raise HotkeyError(f"hotkey {text!r} repeats {part!r}; {_EXAMPLE}")
        modifiers.add(mod)
    if key_part in _MODIFIER_ALIASES:
        raise HotkeyError(f"hotkey {text!r} has no key after its modifiers; {_EXAMPLE}")
    key = _canonical_key(key_part)
    if key is None:
        raise HotkeyError(f"hotkey {text!r}: unknown key {key_part!r}; {_EXAMPLE}")
    return Hotkey(frozenset(modifiers), key)


def _canonical_key(part: str) -> str | None:
    part = _KEY_ALIASES.get(part, part)
    if part in _NAMED_KEYS:
        return part
    if len(part) == 1 and (part.isascii() and part.isalnum()):
        return part
    if part.startswith("f") and part[1:].isdigit() and 1 <= int(part[1:]) <= 24:
        return f"f{int(part[1:])}"
    return None
