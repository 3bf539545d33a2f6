"""Contact terms spelled out in pinyin: `jia wei xin`, `dian hua`, `wei信`, `加wei xin`.

Agents (and sellers coaching them) write the banned words in pinyin to slip
past chat filters. The compact text already drops the spaces, so `jia wei
xin` reads `jiaweixin`; this module turns each Chinese term of the contact
rules into its toneless pinyin through pypinyin's per-character table (the
one search uses, without the 55 MiB phrase dictionary) and the engine adds
those spellings as terms of the same rule. A pinyin term starts and ends with
a letter, so it only matches as whole words (`weixin` not inside `aweixinb`).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice, product

from quickreply.core.model import Rule

# The rules whose terms are also matched spelled out in pinyin.
PINYIN_RULES = frozenset(
    {
        "offsite-contact",
        "offsite-slang",
        "offsite-maybe",
        "offsite-dm",
        "offsite-payment",
        "offsite-payment-maybe",
        "other-marketplace",
    }
)

# The rules whose terms are also matched half spelled (wei信): the error-level ones.
HALF_RULES = frozenset({"offsite-contact", "offsite-payment"})

# Shorter spellings (`qun`, `dian`) are English-looking or too common to be evidence.
MIN_LETTERS = 5
# Polyphonic characters multiply spellings; a few readings per term are plenty.
MAX_SPELLINGS = 4
# Half-spelled forms (wei信, 加wei信) are made for terms of up to this many characters.
MAX_HALF = 4


def _is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff"


def spellings(term: str) -> list[str]:
    """`微信` -> ["weixin"]; `转账` -> ["zhuanzhang", "zhuaizhang"]; [] for non-Chinese terms."""
    from quickreply.core.search.pinyin import readings_for

    chinese = sum(1 for c in term if _is_cjk(c))
    latin = sum(1 for c in term if c.isascii() and c.isalpha())
    # 加微信 -> jiaweixin; 加v -> jiav (a Latin letter makes a short spelling telling)
    if chinese < (1 if latin else 2) or any(c.isdigit() for c in term):
        return []
    readings = readings_for({c for c in term if _is_cjk(c)})
    parts: list[tuple[str, ...]] = []
    for char in term:
        if _is_cjk(char):
            if char not in readings:
                return []
            parts.append(readings[char][:2])
        elif char.isascii() and char.isalpha():
            parts.append((char.lower(),))
        # anything else (spaces, punctuation) is dropped like the compact text does
    out = []
    for combo in islice(product(*parts), MAX_SPELLINGS):
        spelled = "".join(combo)
        if len(spelled) >= (MIN_LETTERS - 1 if latin else MIN_LETTERS):
            out.append(spelled)
    return out


def half_spellings(term: str) -> list[str]:
    """`微信` -> ["wei信", "微xin"]: some characters spelled out, the rest left (2-4 characters)."""
    from quickreply.core.search.pinyin import readings_for

    chinese = [i for i, c in enumerate(term) if _is_cjk(c)]
    if not 2 <= len(chinese) <= MAX_HALF or len(chinese) != len(term):
        return []
    readings = readings_for(set(term))
    if any(c not in readings for c in term):
        return []
    out = []
    for mask in range(1, 2 ** len(term) - 1):  # not all characters, not none
        out.append(
            "".join(readings[c][0] if mask >> i & 1 else c for i, c in enumerate(term))
        )
    return out


def spelled_terms(rule: Rule) -> tuple[list[str], list[str]]:
    """Pinyin spellings of the rule's terms and of its exceptions (empty unless it opted in)."""
    if rule.id not in PINYIN_RULES:
        return [], []
    return _spell_all(rule.terms, half=rule.id in HALF_RULES), _spell_all(rule.exceptions)


def _spell_all(words: Iterable[str], *, half: bool = False) -> list[str]:
    seen: dict[str, None] = {}
    for word in words:
        for spelled in spellings(word) + (half_spellings(word) if half else []):
            seen.setdefault(spelled)
    return list(seen)
