"""Pinyin readings of characters, and how an IME splits typed letters into syllables.

Readings come from pypinyin's per-character dictionary (code point ->
"zhǎng,cháng"): tones are stripped and ü is written `v`, as pinyin IMEs take
it. Every reading of a polyphonic character counts, so 长 answers to both
`chang` and `zhang`. Calling `lazy_pinyin` per reply is far too slow for a
large library (measured 0.6 ms per 60-character body), so callers look up
characters in this table instead.

Text normalisation maps full-width letters and digits to half-width and folds
case, one character to one character, so a match span in normalised text is
also a span in the original text.
"""

from __future__ import annotations

import importlib.util
import re
import string
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Final

LETTERS = frozenset(string.ascii_lowercase)
_DOUBLE_INITIALS = ("zh", "ch", "sh")
_LETTER_ONLY = frozenset("iuv")  # letters that begin no syllable


def _tone_table() -> dict[int, str]:
    table: dict[int, str] = {code: "" for code in range(0x300, 0x370)}  # combining marks
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)
        if base[0] in "aeiouvmnAEIOUVMN" and len(base) > 1:
            table[code] = "v" if base[0] in "uU" and "\u0308" in base else base[0].lower()
    for code in (0x1E3F, 0x1E3E, 0x1EBF, 0x1EC1, 0x1E3F):  # ḿ, ế, ề
        table[code] = unicodedata.normalize("NFD", chr(code))[0].lower()
    return table


_TONES = _tone_table()


def strip_tones(reading: str) -> str:
    """`zhǒng` -> `zhong`, `lǜ` -> `lv`."""
    return reading.translate(_TONES).lower()


@lru_cache(maxsize=1)
def _dictionary() -> Mapping[int, str]:
    """pypinyin's per-character table (code point -> "reading1,reading2"), loaded alone.

    `import pypinyin.pinyin_dict` runs the package's __init__, which also loads
    the phrase dictionary: 55 MiB against 12 MiB for this one file (measured),
    and search never needs phrases. So the file is executed on its own; if the
    package is laid out differently, the ordinary import still works.
    """
    spec = importlib.util.find_spec("pypinyin")
    locations = list(spec.submodule_search_locations or []) if spec else []
    path = Path(locations[0], "pinyin_dict.py") if locations else None
    if path is not None and path.is_file():
        file_spec = importlib.util.spec_from_file_location("_quickreply_pinyin_dict", path)
        if file_spec is not None and file_spec.loader is not None:
            module = importlib.util.module_from_spec(file_spec)
            file_spec.loader.exec_module(module)
            table: Mapping[int, str] = module.pinyin_dict
            return table
    from pypinyin.pinyin_dict import pinyin_dict

    fallback: Mapping[int, str] = pinyin_dict
    return fallback


def readings_for(chars: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Toneless readings, most common first, of those `chars` that have any."""
    table = _dictionary()
    out: dict[str, tuple[str, ...]] = {}
    for char in chars:
        raw = table.get(ord(char)) if len(char) == 1 else None
        if raw:
            readings = tuple(dict.fromkeys(_spellings(strip_tones(r) for r in raw.split(","))))
            out[char] = tuple(r for r in readings if r and r.isascii() and r.isalpha())
    return {c: r for c, r in out.items() if r}


# IMEs take `lue`/`nue` for 略/虐 as well as `lve`/`nve`: no other syllable is
# spelled so, and no reading is lost.
_ALSO_SPELLED: Final = {"lve": "lue", "nve": "nue"}


def _spellings(readings: Iterable[str]) -> Iterator[str]:
    for r in readings:
        yield r
        if r in _ALSO_SPELLED:
            yield _ALSO_SPELLED[r]


_syllables: frozenset[str] | None = None
_prefixes: frozenset[str] | None = None


def syllables() -> frozenset[str]:
    """Every toneless syllable any character is read as."""
    global _syllables
    if _syllables is None:
        found: set[str] = set()
        for raw in _dictionary().values():
            for s in _spellings(strip_tones(reading) for reading in raw.split(",")):
                if s.isascii() and s.isalpha():
                    found.add(s)
        _syllables = frozenset(found)
    return _syllables


def use_syllables(known: frozenset[str]) -> None:
    """Take the syllable set from a cache, sparing the dictionary import at start-up."""
    global _syllables, _prefixes
    if _syllables is None:
        _syllables = frozenset(known)
        _prefixes = None


def syllable_prefixes() -> frozenset[str]:
    global _prefixes
    if _prefixes is None:
        _prefixes = frozenset(s[:i] for s in syllables() for i in range(1, len(s) + 1))
    return _prefixes


# -- normalisation


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, int]:
    """One-to-one folds: full-width ASCII to half-width, upper to lower case."""
    table: dict[int, int] = {}
    ranges = (
        range(0x41, 0x5B),
        range(0xC0, 0x250),
        range(0x370, 0x530),
        # full-width digits and letters only: full-width punctuation stays, so
        # most Chinese text is already folded and shares its string
        range(0xFF10, 0xFF1A),
        range(0xFF21, 0xFF3B),
        range(0xFF41, 0xFF5B),
    )
    for block in ranges:
        for code in block:
            folded = unicodedata.normalize("NFKC", chr(code)).casefold()
            if len(folded) == 1 and folded != chr(code):
                table[code] = ord(folded)
    table[0x3000] = 0x20  # the ideographic space
    return table


_FOLDABLE: re.Pattern[str] | None = None


def _foldable() -> re.Pattern[str]:
    global _FOLDABLE
    if _FOLDABLE is None:
        _FOLDABLE = re.compile("[" + "".join(map(chr, sorted(_fold_table()))) + "]")
    return _FOLDABLE


def fold(text: str) -> str:
    """Normalise for matching; the result has exactly as many characters as `text`."""
    if _foldable().search(text) is None:
        return text  # most Chinese text: nothing to fold, and no copy
    return text.translate(_fold_table())


def fold_all(texts: list[str]) -> list[str]:
    """`fold` of each text, found with one scan over them all (a library's worth of
    texts, mostly Chinese with nothing to fold, each kept as it is)."""
    joined = "\x00".join(texts)
    out = list(texts)
    foldable = _foldable()
    at, i = 0, 0
    while (m := foldable.search(joined, at)) is not None:
        # texts are walked in order: the one holding the match, then on after it
        while at + len(texts[i]) < m.start():
            at += len(texts[i]) + 1
            i += 1
        out[i] = texts[i].translate(_fold_table())
        at += len(texts[i]) + 1
        i += 1
    return out


# -- segmentation of typed letters


@dataclass(frozen=True, slots=True)
class Chunk:
    """Letters one character consumes: a whole syllable, or the start of one."""

    letters: str
    full: bool  # a complete syllable: matches a character read exactly so
    open: bool  # also matches a character whose reading merely starts so


Segmentation = tuple[Chunk, ...]


def segmentations(letters: str, *, limit: int = 96) -> list[Segmentation]:
    """The ways an IME could read `letters` as one chunk per character.

    A chunk is a whole syllable (`kan`), an initial (`k`, `zh`, or a vowel that
    starts a syllable), a single letter (which also matches that letter in
    text: `viphy` finds VIP会员, `txu` T恤), or, at the end of the run, any
    syllable prefix (`kanj`
    = kan + j, `changk` = chang + k, `chan` also finds 长). Longer chunks come
    first. Long runs can have very many readings; past `limit` only the first
    are kept, which favours long whole syllables, as IMEs do.
    """
    full = syllables()
    prefixes = syllable_prefixes()
    n = len(letters)

    @cache
    def tails(i: int, before: str, before_full: bool, carry: bool) -> tuple[Segmentation, ...]:
        if i == n:
            return ((),)
        found: list[Segmentation] = []
        for j in range(min(n, i + 6), i, -1):
            piece = letters[i:j]
            if piece not in prefixes and j > i + 1:
                continue
            is_full = piece in full
            # one letter is always an open chunk: an initial, or (i, u, v,
            # which start no syllable) the letter itself in text (VIP会员)
            is_open = j == n or piece in _DOUBLE_INITIALS or len(piece) == 1
            if not (is_full or is_open):
                continue
            short = len(piece) == 1 or piece == "ng"
            if carry and j < n and before_full and short and before + piece in prefixes:
                # `chan|g`, `ka|n`, `hu|a`: an IME reads a letter that carries
                # on the whole syllable before it as part of that syllable.
                # After an initial anything goes: typed mixes include `ycanf`
                # (延迟安抚) and vowel initials (`wlycaf`). The last chunk is
                # exempt, so every prefix of a query matches whatever the query
                # matches (`xia` finds 西安 as `xian` does).
                continue
            if piece in _LETTER_ONLY and before + piece in prefixes:
                # i, u, v start no syllable: alone they stand for the letter
                # itself, never where they carry on a syllable (`j|i` is `ji`)
                continue
            chunk = Chunk(piece, is_full, is_open)
            for rest in tails(j, piece, is_full, carry):
                found.append((chunk, *rest))
                if len(found) >= limit:
                    return tuple(found)
        return tuple(found)

    # A letter that could carry on the syllable before it but leads nowhere
    # then (`tsuaf`: su|a|f for 投诉安抚, as sua|f reads nothing) stands alone.
    return list(tails(0, "", False, True) or tails(0, "", False, False))


def is_full_pinyin(letters: str) -> bool:
    """True when `letters` splits into whole syllables (`fahuo`, not `fhuo`)."""
    full = syllables()
    n = len(letters)
    ok = [False] * (n + 1)
    ok[0] = True
    for j in range(1, n + 1):
        ok[j] = any(ok[i] and letters[i:j] in full for i in range(max(0, j - 6), j))
    return ok[n]
