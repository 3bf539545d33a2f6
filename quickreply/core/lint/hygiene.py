"""Checks of the characters themselves: invisible characters, half-width
punctuation inside Chinese text, doubled punctuation. They need no rule data."""

from __future__ import annotations

import re
import unicodedata

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


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


_HALFWIDTH_ANY = re.compile(r"[,!?;:.]")
_FULLWIDTH = {
    ",": "\uff0c",
    "!": "\uff01",
    "?": "\uff1f",
    ";": "\uff1b",
    ":": "\uff1a",
    ".": "\u3002",
}

# Full-width and ASCII comma, full stop, enumeration comma, semicolon, colon, ! and ?
# doubled by a slip of the finger. (Ellipses …… and dashes —— are single marks.)
_DOUBLED = re.compile("([\uff0c\u3002\u3001\uff1b\uff1a\uff01\uff1f,;:!?])\\1+")


def _is_emoji(char: str) -> bool:
    return ord(char) > 0xFFFF or unicodedata.category(char) == "So"


def check(text: str, out: list[Finding]) -> None:
    """Append findings about the characters of `text` (offsets into `text`) to `out`."""
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
            out.append(
                Finding(
                    "invisible-char",
                    "error",
                    m.start(),
                    m.end(),
                    run,
                    f"不可见字符（{names}）：聊天过滤器和买家都会被它绊住，请删除",
                    "",
                )
            )
    for m in _HALFWIDTH_ANY.finditer(text):
        at = m.start()
        char = m.group()
        before = text[at - 1] if at else ""
        after = text[at + 1] if at + 1 < len(text) else ""
        if char == ".":
            # 1.5, v1.2, taobao.com: only a full stop after Chinese is a 。
            if not (_is_cjk(before) and (not after or after.isspace() or _is_cjk(after))):
                continue
        elif not (_is_cjk(before) or _is_cjk(after)):
            continue
        out.append(
            Finding(
                "halfwidth-punct",
                "info",
                at,
                at + 1,
                char,
                "中文句子里用了半角标点，建议换成全角",
                _FULLWIDTH[char],
            )
        )
    for m in _DOUBLED.finditer(text):
        out.append(
            Finding(
                "doubled-punct",
                "info",
                m.start(),
                m.end(),
                m.group(),
                "标点重复了，保留一个即可",
                m.group(1),
            )
        )
