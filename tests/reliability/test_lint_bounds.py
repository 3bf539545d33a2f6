"""Lint stays linear in its input: hostile sizes finish, and the finding cap holds.

The bounds: `Linter.lint` is O(n log n) in the number of findings (a sort, a
merge pass, a sweep; `_drop_nested` used to compare every pair) and O(n) in
the text for terms, hygiene and patterns, whose run time is also capped by a
budget (PATTERN_BUDGET_S + PATTERN_BUDGET_PER_CHAR_S per character). At most
MAX_FINDINGS findings come back, errors first. No timed assertions: the
sizes below took 10-32 s before and finish in well under a second now;
`bench/bench_reliability.py` prints the figures.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quickreply.core.lint import Linter, engine
from quickreply.core.lint.findings import LEVEL_RANK, Finding
from quickreply.core.model import Rule

_RULES = ("a-rule", "b-rule", "c-rule", "invisible-char", "halfwidth-punct")


def _reference_drop_nested(findings: list[Finding]) -> list[Finding]:
    """The quadratic original, kept as the oracle the fast one must agree with."""
    if all(f.rule in engine._CHARACTER_RULES for f in findings):
        return findings
    findings = sorted(findings, key=lambda f: (f.rule, f.start, -f.end))
    merged: list[Finding] = []
    for f in findings:
        last = merged[-1] if merged else None
        if last is not None and last.rule == f.rule and f.start < last.end:
            if f.end > last.end and last.suggestion is None and f.suggestion is None:
                merged[-1] = Finding(
                    last.rule,
                    last.level,
                    last.start,
                    f.end,
                    last.match + f.match[last.end - f.start :],
                    last.message,
                    None,
                )
            if f.end <= last.end or (last.suggestion is None and f.suggestion is None):
                continue
        merged.append(f)
    rules = [f for f in merged if f.rule not in engine._CHARACTER_RULES]
    if len(rules) < 2:
        return merged
    kept = [f for f in merged if f.rule in engine._CHARACTER_RULES]
    for f in rules:
        rank = LEVEL_RANK[f.level]
        covered = any(
            g is not f
            and g.start <= f.start
            and f.end <= g.end
            and LEVEL_RANK[g.level] <= rank
            and (g.end - g.start > f.end - f.start or LEVEL_RANK[g.level] < rank or g.rule < f.rule)
            for g in rules
        )
        if not covered:
            kept.append(f)
    return kept


TEXT = "亲加微信好评返现全网最低价" * 4


@st.composite
def findings(draw: st.DrawFn) -> list[Finding]:
    out: list[Finding] = []
    for _ in range(draw(st.integers(0, 25))):
        start = draw(st.integers(0, 40))
        end = draw(st.integers(start + 1, 48))
        out.append(
            Finding(
                draw(st.sampled_from(_RULES)),
                draw(st.sampled_from(("error", "warning", "info"))),
                start,
                end,
                TEXT[start:end],
                "m",
                draw(st.sampled_from((None, None, "x"))),
            )
        )
    return out


def _canon(items: list[Finding]) -> list[Finding]:
    return sorted(items)


@settings(max_examples=400, deadline=None)
@given(findings())
def test_fast_drop_nested_agrees_with_the_quadratic_original(items: list[Finding]) -> None:
    expected = _reference_drop_nested(list(items))
    assert _canon(engine._drop_nested(list(items))) == _canon(expected)


def test_270_kb_with_15000_findings_finishes_and_is_capped() -> None:
    rng = random.Random(13)
    words = ["亲，", "加微信", "最好", "全网最低", "好评返现", "发货很快。", "包邮哦", "第一"]
    text = "".join(rng.choice(words) for _ in range(30_000))
    assert len(text.encode("utf-8")) > 270_000
    found = Linter.for_platform("taobao").lint(text)
    assert len(found) == engine.MAX_FINDINGS
    assert found == sorted(found, key=engine._position)
    # errors are kept before warnings and infos
    levels = {f.level for f in found}
    assert "error" in levels


def test_add_wechat_twenty_thousand_times_finishes() -> None:
    text = "加微信" * 20_000
    found = Linter.for_platform("generic").lint(text)
    assert 0 < len(found) <= engine.MAX_FINDINGS
    assert all(f.level == "error" for f in found)


def test_cap_keeps_errors_before_infos() -> None:
    infos = [Finding("halfwidth-punct", "info", i, i + 1, ",", "m", "，") for i in range(600)]
    error = Finding("a-rule", "error", 900, 901, "x", "m")
    capped = engine._capped([*infos, error])
    assert len(capped) == engine.MAX_FINDINGS
    assert error in capped
    assert capped == sorted(capped, key=engine._position)


def test_hostile_pattern_in_a_pack_is_stopped_by_the_budget_and_reported() -> None:
    # Passes the shape check, and would run for hours in Python's re.
    rule = Rule(
        id="slow", level="error", message="m", pattern=r"\d*\d*\d*\d*\d*\d*\d*\d*(?=y)", pack_id="t"
    )
    fine = Rule(id="phone", level="error", message="电话", pattern=r"电话\d{3}", pack_id="t")
    linter = Linter([rule, fine])
    text = "电话123" + "1" * 5000
    first = linter.lint(text)
    assert [f.rule for f in first] == ["phone"]
    assert linter.slow_rules == ["slow"]
    # not run again: the second lint does not pay the budget (and still finds the rest)
    assert [f.rule for f in linter.lint(text)] == ["phone"]
    assert linter.slow_rules == ["slow"]


def test_the_issues_pattern_cannot_hang_pack_check_nor_lint(tmp_path: Path) -> None:
    from quickreply.core.packs import check_text

    issue_pattern = r"\d*\d*\d*\d*\d*\d*\d*\d*y"
    source = (
        'format = 1\n[pack]\nid = "t"\nname = "x"\nversion = "1.0.0"\n'
        f'[[rule]]\nid = "digits"\nlevel = "error"\nmessage = "m"\npattern = \'{issue_pattern}\'\n'
    )
    result = check_text(source)  # returned: pack check does not hang on it
    assert result.pack is not None
    linter = Linter.for_platform("generic", [result.pack])
    assert not [f for f in linter.lint("1" * 50_000) if f.rule == "digits"]
    # a variant the regex engine cannot shortcut is refused when the pack is checked
    hostile = check_text(source.replace("y'", "(?=y)'"))
    assert hostile.pack is None and "too long" in hostile.errors[0].message


def test_make_lint_logs_a_slow_rule_once(caplog: pytest.LogCaptureFixture) -> None:
    from quickreply.core.lint.checker import _reporting_slow_rules

    rule = Rule(
        id="slow", level="error", message="m", pattern=r"\d*\d*\d*\d*\d*\d*\d*(?=y)", pack_id="t"
    )
    lint = _reporting_slow_rules(Linter([rule]))
    lint("1" * 4000)
    lint("1" * 4000)
    assert [r.getMessage() for r in caplog.records].count(
        "rule slow: its pattern ran out of time and is skipped from now on; "
        "fix the pattern in its pack (quickreply pack check names it)"
    ) == 1
