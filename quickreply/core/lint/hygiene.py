"""Checks of the characters themselves: invisible characters, half-width
punctuation inside Chinese text, doubled punctuation. They need no rule data."""

from __future__ import annotations

import re

from quickreply.core import invisible
from quickreply.core.lint.findings import Finding


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


def check(text: str, out: list[Finding]) -> None:
    """Append findings about the characters of `text` (offsets into `text`) to `out`."""
    for start, end in invisible.invisible_runs(text):
        run = text[start:end]
        names = ", ".join(invisible.char_name(c) for c in dict.fromkeys(run))
        out.append(
            Finding(
                "invisible-char",
                "error",
                start,
                end,
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
