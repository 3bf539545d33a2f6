"""Checks of the characters themselves: invisible characters, half-width
punctuation inside Chinese text, doubled punctuation. They need no rule data."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from quickreply.core.lint.findings import Finding

# Zero-width characters, direction marks and overrides, word joiners, BOM, soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+")
_INVISIBLE_NAMES = {
    "\u200b": "zero-width space",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u200e": "left-to-right mark",
    "\u200f": "right-to-left mark",
    "\u202e": "right-to-left override",
    "\u202d": "left-to-right override",
    "\ufeff": "zero-width no-break space (BOM)",
    "\u2060": "word joiner",
    "\u00ad": "soft hyphen",
}

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HALFWIDTH = re.compile(
    f"(?<=[{_CJK}])[,!?;:]|(?<=[{_CJK}])\\.(?=$|\\s|[{_CJK}])|[,!?;:](?=[{_CJK}])"
)
_HALFWIDTH_ANY = re.compile(r"[,!?;:.]")
_FULLWIDTH = {",": ",", "!": "!", "?": "?", ";": ";", ":": ":", ".": "。"}

_DOUBLED = re.compile(r"([,。、;:,;:!?!?])\1+")


def _is_emoji(char: str) -> bool:
    return ord(char) > 0xFFFF or unicodedata.category(char) == "So"


def check(text: str) -> Iterator[Finding]:
    """Findings about the characters of `text` (offsets into `text`)."""
    if _INVISIBLE.search(text):
        for m in _INVISIBLE.finditer(text):
            run = m.group()
            # A zero-width joiner between emoji builds one emoji (👨‍👩‍👧): that is fine.
            if (
                run == "\u200d"
                and m.start() > 0
                and m.end() < len(text)
                and _is_emoji(text[m.start() - 1])
                and _is_emoji(text[m.end()])
            ):
                continue
            names = ", ".join(
                f"U+{ord(c):04X} {_INVISIBLE_NAMES.get(c, unicodedata.name(c, 'format character'))}"
                for c in dict.fromkeys(run)
            )
            yield Finding(
                "invisible-char",
                "error",
                m.start(),
                m.end(),
                run,
                f"不可见字符 ({names}):聊天过滤器和买家都会被它绊住,请删除",
                "",
            )
    if _HALFWIDTH_ANY.search(text):
        for m in _HALFWIDTH.finditer(text):
            yield Finding(
                "halfwidth-punct",
                "info",
                m.start(),
                m.end(),
                m.group(),
                "中文句子里用了半角标点,建议换成全角",
                _FULLWIDTH[m.group()],
            )
    for m in _DOUBLED.finditer(text):
        yield Finding(
            "doubled-punct",
            "info",
            m.start(),
            m.end(),
            m.group(),
            "标点重复了,保留一个即可",
            m.group(1),
        )
