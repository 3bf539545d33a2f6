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

Evasions folded on the way (each one character to one character):

- Unicode confusables, from the table of Unicode's confusables.txt that the
  `confusable-homoglyphs` package ships: letters and numbers of other scripts
  that look like an ASCII letter or digit (Roman numeral Ⅴ, Greek ν, Cyrillic
  о, mathematical 𝐕) become that letter. CJK characters and symbols are left
  alone, so 丨 stays a character and × never turns into an x.
- digit runs: in a run of at least seven digit-like characters (digits,
  Chinese and financial numerals 一三八/壹叁捌, and l, i, o standing for 1, 1,
  0) with at most one separator between them, every one becomes its ASCII
  digit, so 壹叁捌 0013 8000 and l38OOl38OOO read as phone numbers (a keycap
  emoji's joiners become spaces, and up to two separators may stand between
  digits). A run needs three real numerals, so English words never turn into
  digits.

Both are built with C-level string functions; the offset map is only built
when a term actually matched, which keeps the common clean reply cheap.
"""

from __future__ import annotations

import re
import string
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
    # Dingbat circled digits (❶-❾, ➀-➈, ➊-➒) have no compatibility decomposition.
    for first in (0x2776, 0x2780, 0x278A):
        for offset in range(9):
            table.setdefault(first + offset, ord("1") + offset)
    for char, letter in confusable_letters().items():
        table.setdefault(ord(char), ord(letter))
    return table


# Cyrillic Ve is read "v" (加В is 加V): transliteration, which a table of
# look-alikes cannot know (it pairs В with B).
_READ_AS = {"\u0412": "v", "\u0432": "v"}


def confusable_letters() -> dict[str, str]:
    """Non-ASCII letters and numbers that look like an ASCII letter or digit -> it (lower case).

    From Unicode's confusables data as `confusable-homoglyphs` ships it (one
    JSON file, read once at import, about 50 ms). Only letters and numbers
    (Unicode categories L and N) that are not wide (CJK) are taken.
    """
    import json
    from importlib import resources

    table: dict[str, str] = dict(_READ_AS)
    try:
        raw = resources.files("confusable_homoglyphs").joinpath("confusables.json").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError):  # pragma: no cover - a broken install
        return table
    data: dict[str, list[dict[str, str]]] = json.loads(raw)
    for target in string.ascii_letters + string.digits:
        for entry in data.get(target, ()):
            char = entry["c"].strip("\u200e\u200f")
            if (
                len(char) == 1
                and not char.isascii()
                and unicodedata.category(char)[0] in "LN"
                and unicodedata.east_asian_width(char) not in "WF"
            ):
                table.setdefault(char, target.lower())
    return table


_FOLD = _fold_table()
# Characters that never fold: ASCII (lower-cased separately), CJK punctuation,
# ideographs and the full-width marks kept above. Almost every reply is made of
# them alone, and a class of a few ranges is scanned at C speed; only a text with
# something else in it (an emoji, a Greek letter) pays for `str.translate`. (A
# class of the 1,300 foldable characters themselves, astral ones among them,
# cannot be compiled to a bitmap and was 30x slower: measured.)
_NEVER_FOLD = (
    "\x00-\x7f\u00b7\u2010-\u2027\u3001-\u303f\u4e00-\u9fff"
    # emoji, dingbats (but not the circled digits ❶-➓) and their joiners
    "\u2600-\u2775\u2794-\u27bf\ufe0f\U0001f000-\U0001faff"
) + _KEEP_FULLWIDTH
_MAY_FOLD = re.compile(f"[^{_NEVER_FOLD}]")
assert not any(_MAY_FOLD.fullmatch(chr(code)) is None for code in _FOLD)


def fold(text: str) -> str:
    """The folded view: same length as `text`, full-width and case folded."""
    folded = text.translate(_FOLD) if _MAY_FOLD.search(text) else text
    lowered = folded.lower()
    if len(lowered) != len(folded):
        # A few characters lower-case to two (İ); keep those as they are so offsets hold.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    return _DIGIT_RUN.sub(_digits, lowered) if _DIGIT_START.search(lowered) else lowered


# Characters that stand for a digit in a phone number written to slip past filters.
_DIGIT_OF = {
    **{str(d): str(d) for d in range(10)},
    **dict(zip("零〇一二三四五六七八九", "00123456789", strict=True)),
    **dict(zip("壹贰叁肆伍陆柒捌玖", "123456789", strict=True)),
    "貳": "2", "參": "3", "陸": "6", "幺": "1", "两": "2", "l": "1", "i": "1", "o": "0",
}
_LETTERS_FOR_DIGITS = frozenset("lio")
_DIGITISH = "".join(_DIGIT_OF)
# Between two digits: up to two of space . - _ / , ， 、 or the parts of a keycap
# emoji (1️⃣ is 1 + U+FE0F + U+20E3), which a decoded run turns into spaces.
_DIGIT_GAP = "\\s.\\-_/,\uff0c\u3001\ufe0f\u20e3"
_DIGIT_RUN = re.compile(f"(?<![a-z])[{_DIGITISH}](?:[{_DIGIT_GAP}]{{0,2}}[{_DIGITISH}]){{6,}}")
# Cheap test first: three digit-like characters close together.
_DIGIT_START = re.compile(
    f"[{_DIGITISH}][{_DIGIT_GAP}]{{0,2}}[{_DIGITISH}][{_DIGIT_GAP}]{{0,2}}[{_DIGITISH}]"
)
_NUMERALS_NEEDED = 3
_TO_DIGIT = str.maketrans({**_DIGIT_OF, "\ufe0f": " ", "\u20e3": " "})


def _digits(match: re.Match[str]) -> str:
    run = match.group()
    numerals = sum(1 for c in run if c in _DIGIT_OF and c not in _LETTERS_FOR_DIGITS)
    return run.translate(_TO_DIGIT) if numerals >= _NUMERALS_NEEDED else run


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
