"""Characters nobody can see: found by their Unicode properties, not a hand list.

A reply, title, tag, code or choice that holds one of these looks right on
screen and is wrong in the chat: a zero-width space splits a keyword so the
platform's filter misses it (and the buyer's search fails), a direction
override (U+202E) shows `中‮通` reversed, a Hangul filler or a Braille blank
looks like a space. What counts as invisible, by property (the `regex`
package carries the Unicode tables, current with its releases):

- General_Category Cf (format), Cc (controls but tab and newline), Zl, Zp;
- Default_Ignorable_Code_Point (variation selectors, U+034F, U+17B4, Hangul
  fillers U+115F/U+1160/U+3164/U+FFA0, tag characters ...);
- Bidi_Control (the direction marks, embeddings, overrides and isolates);
- and BLANK_LOOKING, the one small list: characters that draw as nothing
  but that Unicode gives an ordinary property.

Emoji sequences use some of these on purpose and are left alone: a zero-width
joiner between two emoji, a variation selector after an emoji or keycap base,
and the tag characters of a subdivision flag (🏴 + tags + U+E007F).

`escape_for_terminal` turns every such character (and escape codes) of a text
from a pack into a visible `\\u202e`-style escape before it reaches a terminal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

# Blank-looking characters whose Unicode properties do not say so.
BLANK_LOOKING: dict[str, str] = {
    "\u2800": "BRAILLE PATTERN BLANK",
    "\U0001d159": "MUSICAL SYMBOL NULL NOTEHEAD",
}

_INVISIBLE = regex.compile(
    r"[\p{Cf}\p{Cc}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\p{Bidi_Control}"
    + "".join(BLANK_LOOKING)
    + r"--[\t\n\r]]",
    regex.V1,
)
_BIDI = regex.compile(r"\p{Bidi_Control}")
# What `is_bidi_control` or `is_control` accept, for a whole text at once.
_HOSTILE = regex.compile(r"[\p{Bidi_Control}\p{Cc}--[\t\n]]", regex.V1)
_ZWJ = "\u200d"
_VARIATION_SELECTORS = frozenset("\ufe0e\ufe0f")
_KEYCAP_BASES = frozenset("0123456789#*")
_BLACK_FLAG = "\U0001f3f4"
_CANCEL_TAG = "\U000e007f"


def is_emoji(char: str) -> bool:
    """Roughly: a pictograph (astral, or a symbol `So`), the only base ZWJ joins."""
    return (ord(char) > 0xFFFF and not _INVISIBLE.match(char)) or unicodedata.category(char) == "So"


def is_bidi_control(char: str) -> bool:
    return bool(_BIDI.match(char))


def is_control(char: str) -> bool:
    """A C0/C1 control other than tab and newline (escape codes, carriage returns ...)."""
    return unicodedata.category(char) == "Cc" and char not in "\t\n"


def hostile_chars(text: str) -> str:
    """The direction controls and controls (not tab or newline) of `text`, in order.

    One regex scan: a pack check runs it on every reply's text.
    """
    return "".join(_HOSTILE.findall(text))


def may_hold_invisible(text: str) -> bool:
    """Whether `text` holds any character of the invisible classes, excused or not:
    a quick test before the exact (and slower) ones."""
    return _INVISIBLE.search(text) is not None


def char_name(char: str) -> str:
    name = BLANK_LOOKING.get(char) or unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def invisible_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each run of invisible characters in `text`, emoji sequences excused."""
    if not _INVISIBLE.search(text):
        return
    run_start = run_end = -1
    for m in _INVISIBLE.finditer(text):
        at = m.start()
        if _excused(text, at):
            continue
        if run_start >= 0 and at == run_end:
            run_end = at + 1
            continue
        if run_start >= 0:
            yield run_start, run_end
        run_start, run_end = at, at + 1
    if run_start >= 0:
        yield run_start, run_end


def _excused(text: str, at: int) -> bool:
    char = text[at]
    before = text[at - 1] if at else ""
    if char in _VARIATION_SELECTORS:
        return bool(before) and (is_emoji(before) or before in _KEYCAP_BASES)
    if char == _ZWJ:
        prev = at - 1
        while prev >= 0 and text[prev] in _VARIATION_SELECTORS:
            prev -= 1
        after = text[at + 1] if at + 1 < len(text) else ""
        return prev >= 0 and is_emoji(text[prev]) and bool(after) and is_emoji(after)
    if "\U000e0020" <= char <= _CANCEL_TAG:
        # a subdivision flag: 🏴, tag letters, then the cancel tag
        start = at
        while start > 0 and "\U000e0020" <= text[start - 1] <= "\U000e007e":
            start -= 1
        end = at
        while end < len(text) and "\U000e0020" <= text[end] <= "\U000e007e":
            end += 1
        return (
            start > 0
            and text[start - 1] == _BLACK_FLAG
            and end < len(text)
            and text[end] == _CANCEL_TAG
        )
    return False


def find_invisible(text: str) -> str | None:
    """The names of the invisible characters of `text`, or None when it has none."""
    if _INVISIBLE.search(text) is None:
        return None  # nearly every field of a pack: one scan, no generator
    chars = [text[s:e] for s, e in invisible_runs(text)]
    if not chars:
        return None
    return ", ".join(char_name(c) for c in dict.fromkeys("".join(chars)))


def escape_for_terminal(text: str, *, keep_newlines: bool = True) -> str:
    """`text` with every invisible, control or direction character shown as an escape."""
    if not _INVISIBLE.search(text) and "\x1b" not in text and "\r" not in text:
        return text
    out: list[str] = []
    for char in text:
        if (char == "\n" and keep_newlines) or char == "\t":
            out.append(char)
        elif _INVISIBLE.match(char) or unicodedata.category(char) == "Cc":
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


def escape_for_json(text: str) -> str:
    """JSON text with every invisible or direction character as a `\\u202e`-style escape
    (surrogate pairs above U+FFFF), so the JSON means the same and shows them."""
    if not _INVISIBLE.search(text):
        return text
    out: list[str] = []
    for char in text:
        if char not in "\t\n" and _INVISIBLE.match(char):
            code = ord(char)
            if code > 0xFFFF:
                code -= 0x10000
                out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)
