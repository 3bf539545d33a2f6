"""Normalising text so that evasions still match, with a map back to the original.

Two views of a text are built:

- the *folded* text: full-width letters, digits and symbols (％＋－．／＠...)
  folded to their ASCII forms, circled and other compatibility digits to plain digits,
  and letters lower-cased. It has exactly one character per character of the
  original, so an offset in it is an offset in the original. Pattern rules run
  on it.
- the *compact* text: the folded text without anything that is not a letter
  or a digit (spaces, punctuation, symbols, emoji, zero-width characters), so
  `加 微 信`, `加-v` and `微❤信` read as `加微信`, `加v` and `微信`. Term and
  swap rules run on it; `offsets` maps each of its characters back.

Both are built with C-level string functions; the offset map is only built
when a term actually matched, which keeps the common clean reply cheap.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Everything that is not a letter or digit is dropped from the compact text.
# (`\w` in Python is str.isalnum() plus "_"; CJK ideographs are letters.)
_SEPARATORS = re.compile(r"[\W_]+")
_KEPT = re.compile(r"[^\W_]")


# Full-width punctuation that Chinese text uses every day (，！？；：（）) is left
# alone: folding it would change nothing the rules look at (the compact text
# drops punctuation anyway) and would cost a pass over almost every reply.
_KEEP_FULLWIDTH = "\uff0c\uff01\uff1f\uff1b\uff1a\uff08\uff09"


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    # Full-width ASCII (！ to ～) and the ideographic space.
    for code in range(0xFF01, 0xFF5F):
        if chr(code) not in _KEEP_FULLWIDTH:
            table[code] = code - 0xFEE0
    table[0x3000] = 0x20
    # Compatibility digits (①, ⑴, ❶, superscripts...) that fold to one ASCII digit:
    # evasions write phone numbers with them.
    for code in (
        list(range(0x2070, 0x2090)) + list(range(0x2460, 0x24FF)) + list(range(0x2776, 0x2794))
    ):
        folded = unicodedata.normalize("NFKC", chr(code))
        if len(folded) == 1 and folded.isascii() and folded.isalnum():
            table[code] = ord(folded)
    for char, digit in (("❶", "1"), ("❷", "2"), ("❸", "3"), ("❹", "4"), ("❺", "5")):
        table.setdefault(ord(char), ord(digit))
    return table


_FOLD = _fold_table()
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}
_NEEDS_FOLD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FOLD)) + "]")


def _fold_char(match: re.Match[str]) -> str:
    return _FOLD_CHARS[match.group()]


def fold(text: str) -> str:
    """The folded view: same length as `text`, full-width and case folded."""
    # re.sub touches only the characters to fold; str.translate with a dict
    # would look up every character of every reply.
    folded = _NEEDS_FOLD.sub(_fold_char, text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters lower-case to two (İ); keep those as they are so offsets hold.
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def compact(folded: str) -> str:
    """The compact view of a folded text: letters and digits only."""
    return _SEPARATORS.sub("", folded)


def offsets(folded: str) -> list[int]:
    """For each character of `compact(folded)`, its offset in the original text."""
    return [m.start() for m in _KEPT.finditer(folded)]


@cache
def normalize_term(term: str) -> str:
    """A rule term or exception as it appears in the compact text."""
    return compact(fold(term))


def is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()
