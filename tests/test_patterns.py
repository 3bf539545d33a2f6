"""Rule patterns: invalid and catastrophic-backtracking patterns are refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from quickreply.core.packs import check_text
from quickreply.core.patterns import (
    MAX_PATTERN_LENGTH,
    PatternProblem,
    check_pattern,
    required_chars,
)

DANGEROUS = [
    r"(a+)+b",
    r"(a*)*b",
    r"(a|a)*b",
    r"(a|aa)*b",
    r"(a|ab)+c",
    r"(x+x+)+y",
    r"(\d+)*x",
    r"(\d{1,9})+x",
    r"(.*a){12}",
    r"(?:\s*,?)+$",
    r"(a?)*b",
    r"((ab)*)+c",
    r"(a)\1",
    r"(?P<x>a)(?P=x)",
    r"(a)?(?(1)b|c)",
    r"(?:[a-z]+\.)+com",
]

SAFE = [
    r"1[3-9]\d{9}",
    r"1(?<![0-9a-z]1)[3-9]\d(?:[\s.\-]?\d){8}(?![0-9])",
    r"(?:https?://|www\.)[a-z0-9./]+",
    r"(\d{4}[ -]?){3}\d{4}",
    r"(?:ab|cd)+",
    r"工号\s*\d{4}",
    r"100\s*[%％](?!棉)",
    r"(?:qq|vx)\s*\d+",
]


@pytest.mark.parametrize("pattern", DANGEROUS)
def test_dangerous_patterns_are_refused(pattern: str) -> None:
    with pytest.raises(PatternProblem) as info:
        check_pattern(pattern)
    assert "forever" in str(info.value) or "backreference" in str(info.value)


@pytest.mark.parametrize("pattern", SAFE)
def test_safe_patterns_pass(pattern: str) -> None:
    assert check_pattern(pattern).pattern == pattern


def test_invalid_regex_says_where() -> None:
    with pytest.raises(PatternProblem, match="character 1"):
        check_pattern("[abc")


def test_too_long() -> None:
    with pytest.raises(PatternProblem, match="characters long"):
        check_pattern("a" * (MAX_PATTERN_LENGTH + 1))


def test_refused_patterns_really_are_slow_in_re() -> None:
    # The reason for the check: re cannot be interrupted. Run one refused pattern in a
    # child process with a time limit so this test cannot hang the suite.
    code = textwrap.dedent(
        """
        import re
        re.match(r"(a|a)*b", "a" * 40)
        """
    )
    started = time.monotonic()
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", code], timeout=2)
    assert time.monotonic() - started < 30


def test_linting_with_every_safe_pattern_stays_fast() -> None:
    hostile = ["a" * 5000 + "!", "1" * 5000 + "x", "1 " * 2500, "微" * 5000]
    for pattern in SAFE:
        regex = check_pattern(pattern)
        for text in hostile:
            started = time.perf_counter()
            list(regex.finditer(text))
            assert time.perf_counter() - started < 1.0, pattern


def test_a_pack_with_a_dangerous_pattern_fails_validation() -> None:
    source = textwrap.dedent(
        """
        format = 1
        [pack]
        id = "team"
        name = "团队"
        version = "1.0.0"

        [[rule]]
        id = "bad"
        level = "error"
        message = "m"
        pattern = "(a+)+b"
        """
    )
    result = check_text(source, "team.toml")
    assert not result.ok
    (problem,) = result.errors
    assert problem.line == 12
    assert "nested quantifiers" in problem.message


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"1[3-9]\d{9}", {"1"}),
        (r"100\s*[%％]", {"%", "％"}),
        (r"(?:https?://|www\.)\S+", {":", "."}),
        (r"(?:qq|vx)\d+", {"q", "v", "Q", "V"}),
    ],
)
def test_required_chars(pattern: str, needed: set[str]) -> None:
    assert required_chars(pattern) == needed


@pytest.mark.parametrize("pattern", [r".*", r"\w+", r"a?", r"[^x]"])
def test_required_chars_unknown(pattern: str) -> None:
    assert required_chars(pattern) is None
