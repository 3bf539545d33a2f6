"""Checking the regular expressions that packs bring in `[[rule]] pattern`.

A team pack's pattern runs on every keystroke of every agent, and Python's
`re` cannot be interrupted, so a pattern that can backtrack catastrophically
would freeze the app. Such patterns are refused when the pack is checked or
loaded, before they ever run:

- a repeated group that holds another open-ended repeat: `(a+)+`, `(\\d*)*`,
  `(a{1,9})+`;
- a repeated alternation whose branches can start with the same character:
  `(a|a)*`, `(a|ab)+`, `(\\w|\\d)+`;
- backreferences (`\\1`, `(?P=name)`) and conditionals `(?(1)...)`;
- patterns longer than MAX_PATTERN_LENGTH characters.

The shape check is conservative: it may refuse a pattern that would have
been fine; the message says how to rewrite it. It is only a first, friendly
line: no list of bad shapes is complete (`\\d*\\d*\\d*\\d*\\d*\\d*(?=y)` passes
it and is O(n^6) in Python's `re`). What makes a pattern unable to hang
anything is how it runs: with the `regex` package (Python's syntax, and a
matcher that checks a clock as it goes), under a time budget. A pattern that
runs out of time on a text yields no match there, is reported, and is not
run again by that linter; `check_pattern` runs each new pattern on hostile
probe texts under PROBE_BUDGET_S first, so `pack check` and import refuse
one that blows up, saying on what.

Measured (bench/bench_patterns.py): on the built-in rules `regex` runs the
patterns at about the speed of `re` (within 2x either way per pattern); a
timed-out pattern costs its budget once, then nothing.
"""

from __future__ import annotations

import re
import re._parser as _sre  # type: ignore[import-not-found,unused-ignore]
from typing import Any

import regex

MAX_PATTERN_LENGTH = 500
# How long each hostile probe may take when a pattern is checked. A sane
# pattern scans a probe in well under a millisecond; a catastrophic one takes
# minutes to hours, so a generous budget cannot refuse a good pattern by chance.
PROBE_BUDGET_S = 0.25
PROBE_LENGTH = 2000
# Texts that make backtracking patterns explode: long runs of one kind of
# character ending in one that does not fit.
_PROBES: tuple[tuple[str, str], ...] = (
    ("a run of digits", "1" * PROBE_LENGTH + "!"),
    ("a run of letters", "a" * PROBE_LENGTH + "!"),
    ("a run of Chinese characters", "微" * PROBE_LENGTH + "!"),
    ("a run of spaces", " " * PROBE_LENGTH + "!"),
    ("a run of digits and spaces", "1 " * (PROBE_LENGTH // 2) + "!"),
    ("a run of dots", "." * PROBE_LENGTH + "!"),
)

Compiled = Any  # a compiled `regex` pattern (the package ships no type hints)


class PatternProblem(ValueError):
    """A rule pattern that cannot be used; the message says what to fix."""


# The constants of `re._parser` compare by name, which keeps this module
# independent of their (private) values.
def _op(name: Any) -> str:
    return str(name)


_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
_MAXREPEAT: int = _sre.MAXREPEAT


def compile_pattern(pattern: str) -> Compiled:
    """The pattern as the linter runs it: `regex`, case-insensitive, Python's syntax."""
    return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)


def check_pattern(pattern: str, *, probe: bool = True) -> Compiled:
    """Compile a rule pattern or raise PatternProblem.

    `probe=False` skips the hostile probe texts: the linter runs every pattern
    under a time budget anyway, and builds linters often.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternProblem(
            f"the pattern is {len(pattern)} characters long; keep it under "
            f"{MAX_PATTERN_LENGTH} (split it into several rules, or use `terms` for word lists)"
        )
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        where = f" at character {exc.pos + 1}" if exc.pos is not None else ""
        raise PatternProblem(f"invalid regular expression{where}: {exc.msg}") from None
    del compiled
    _check_tree(_sre.parse(pattern, re.IGNORECASE), inside_repeat=False)
    try:
        runnable = compile_pattern(pattern)
    except regex.error as exc:
        raise PatternProblem(f"invalid regular expression: {exc}") from None
    if probe:
        _probe(runnable)
    return runnable


def _probe(runnable: Compiled) -> None:
    """Refuse a pattern that cannot scan a hostile probe text within PROBE_BUDGET_S."""
    for what, text in _PROBES:
        try:
            for _ in runnable.finditer(text, timeout=PROBE_BUDGET_S):
                pass
        except TimeoutError:
            raise PatternProblem(
                f"matching takes too long on {what} ({PROBE_LENGTH} characters): the pattern "
                "can backtrack without end; drop repeats that can match the same text "
                "(e.g. \\d*\\d* -> \\d*), or use `terms`"
            ) from None


def _check_tree(items: Any, *, inside_repeat: bool) -> None:
    for op, arg in items:
        name = _op(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            raise PatternProblem(
                "backreferences (\\1, (?P=name)) and conditionals are not allowed: "
                "they can make matching take forever; write the text out instead"
            )
        if name in _REPEATS:
            low, high, body = arg
            repeats = high > 1
            if repeats and inside_repeat and (low != high):
                raise PatternProblem(_NESTED)
            if repeats and _has_open_repeat(body):
                raise PatternProblem(_NESTED)
            if repeats:
                _check_branches(body)
            _check_tree(body, inside_repeat=inside_repeat or repeats)
        elif name == "SUBPATTERN":
            _check_tree(arg[-1], inside_repeat=inside_repeat)
        elif name == "BRANCH":
            for branch in arg[1]:
                _check_tree(branch, inside_repeat=inside_repeat)
        elif name in ("ASSERT", "ASSERT_NOT"):
            _check_tree(arg[1], inside_repeat=inside_repeat)
        elif name == "ATOMIC_GROUP":
            _check_tree(arg, inside_repeat=inside_repeat)


_NESTED = (
    "nested quantifiers such as (a+)+ or (\\d{1,3})* can make matching take forever: "
    "quantify the inner part or the group, not both (e.g. a+ instead of (a+)+)"
)


def _has_open_repeat(items: Any) -> bool:
    """Whether `items` holds a repeat of variable length that can repeat more than once."""
    for op, arg in items:
        name = _op(op)
        if name in _REPEATS:
            low, high, body = arg
            if high > 1 and low != high:
                return True
            if _has_open_repeat(body):
                return True
        elif name == "SUBPATTERN":
            if _has_open_repeat(arg[-1]):
                return True
        elif name == "BRANCH":
            if any(_has_open_repeat(b) for b in arg[1]):
                return True
        elif name == "ATOMIC_GROUP" and _has_open_repeat(arg):
            return True
    return False


def _check_branches(items: Any) -> None:
    """Inside a repeat, an alternation must not be ambiguous: no branch that can
    match nothing and no two branches that can start with the same character.
    (The parser factors `(a|aa)` into `a(?:|a)`, so the empty branch is what
    shows the overlap.)"""
    if _nullable(items):
        raise PatternProblem(_AMBIGUOUS)
    for op, arg in items:
        name = _op(op)
        if name == "SUBPATTERN":
            _check_branches(arg[-1])
        elif name == "BRANCH":
            seen: set[str] = set()
            for branch in arg[1]:
                first = _first_chars(branch)
                if not branch or _nullable(branch) or first is None or first & seen:
                    raise PatternProblem(_AMBIGUOUS)
                seen |= first
                _check_branches(branch)
        elif name == "ATOMIC_GROUP":
            _check_branches(arg)


_AMBIGUOUS = (
    "a repeated alternation such as (a|a)*, (a|ab)+ or (x|)* whose branches can match "
    "the same text can make matching take forever: make the branches start with "
    "different characters, or drop the repeat"
)


def _nullable(items: Any) -> bool:
    """Whether `items` can match the empty string."""
    for op, arg in items:
        name = _op(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in _REPEATS:
            if arg[0] >= 1 and not _nullable(arg[2]):
                return False
        elif name == "SUBPATTERN":
            if not _nullable(arg[-1]):
                return False
        elif name == "BRANCH":
            if not any(_nullable(b) for b in arg[1]):
                return False
        elif name == "ATOMIC_GROUP":
            if not _nullable(arg):
                return False
        else:
            return False
    return True


def _first_chars(items: Any) -> set[str] | None:
    """The characters a match of `items` can start with, or None if unknown or any."""
    for op, arg in items:
        name = _op(op)
        if name == "LITERAL":
            return {chr(arg).lower()}
        if name == "IN":
            chars = _class_chars(arg)
            return {c.lower() for c in chars} if chars is not None else None
        if name == "SUBPATTERN":
            return _first_chars(arg[-1])
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name in _REPEATS and arg[0] >= 1:
            return _first_chars(arg[2])
        return None
    return None


def _class_chars(items: Any, limit: int = 4096) -> set[str] | None:
    """The characters of a character class `[...]`, or None if negated, a category or huge."""
    chars: set[str] = set()
    for op, arg in items:
        name = _op(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            low, high = arg
            if high - low > limit:
                return None
            chars.update(chr(c) for c in range(low, high + 1))
        else:  # NEGATE, CATEGORY (\d, \w, \s): unknown or large
            return None
    return chars


def required_chars(pattern: str) -> frozenset[str] | None:
    """Characters of which every match must contain at least one, or None if unknown.

    Lets the linter skip a pattern with one quick scan: a phone-number pattern
    cannot match a text without digits. Case is folded (patterns run with
    IGNORECASE on lower-cased text).
    """
    try:
        tree = _sre.parse(pattern, re.IGNORECASE)
    except re.error:
        return None
    found = _required(tree)
    if found is None:
        return None
    return frozenset(c for ch in found for c in (ch, ch.lower(), ch.upper()) if len(c) == 1)


def _required(items: Any) -> set[str] | None:
    """The smallest character set of which a match of the sequence `items` must
    contain one (any mandatory element will do; the smallest filters best)."""
    best: set[str] | None = None
    for op, arg in items:
        name = _op(op)
        found: set[str] | None = None
        if name == "LITERAL":
            found = {chr(arg)}
        elif name == "IN":
            found = _class_chars(arg) if not _has_category(arg) else _category_chars(arg)
        elif name == "SUBPATTERN":
            found = _required(arg[-1])
        elif name in _REPEATS and arg[0] >= 1:
            found = _required(arg[2])
        elif name == "BRANCH":
            parts = [_required(branch) for branch in arg[1]]
            if all(parts):
                found = set().union(*(p for p in parts if p))
        if found and (best is None or _commonness(found) < _commonness(best)):
            best = found
    return best


def _commonness(chars: set[str]) -> int:
    # ASCII letters and digits turn up in most replies (prices, sizes, times);
    # punctuation such as "%", "." or "@" rarely does, so it filters better.
    return sum(8 if c.isascii() and c.isalnum() else 1 for c in chars)


def _has_category(items: Any) -> bool:
    return any(_op(op) == "CATEGORY" for op, _ in items)


_DIGITS = set("0123456789")


def _category_chars(items: Any) -> set[str] | None:
    """`\\d` (with other ASCII literals) is the only category narrowed down: to ASCII
    digits, since the linter folds full-width and circled digits first."""
    chars: set[str] = set()
    for op, arg in items:
        name = _op(op)
        if name == "CATEGORY":
            if _op(arg) != "CATEGORY_DIGIT":
                return None
            chars |= _DIGITS
        elif name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            low, high = arg
            if high - low > 4096:
                return None
            chars.update(chr(c) for c in range(low, high + 1))
        else:
            return None
    return chars
