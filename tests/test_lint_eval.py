"""The linter measured on tests/data/lint_eval: recall per category and precision
on the clean corpus (issue 11's targets). bench/lint_eval.py prints the detail."""

from __future__ import annotations

import pytest

from bench.lint_eval import Case, caught, check_clean, load_cases, load_clean

CASES = load_cases()
CATEGORIES = sorted({c.category for c in CASES})


def test_the_set_is_large_and_varied() -> None:
    assert len(CASES) >= 250
    assert {"adlaw", "review", "service", "contact", "evasion", "typo"} <= set(CATEGORIES)
    sentences = {text for _, text in load_clean()}
    assert len(sentences) >= 1000


@pytest.mark.parametrize("category", CATEGORIES)
def test_recall_per_category_is_at_least_95_percent(category: str) -> None:
    cases = [c for c in CASES if c.category == category]
    missed = [(c.text, c.text[c.start : c.end]) for c in cases if not caught(c)]
    assert len(missed) <= 0.05 * len(cases), missed


def test_no_error_and_few_warnings_on_clean_text() -> None:
    result = check_clean()
    assert [(p, t, f.rule, f.match) for p, t, f in result.errors] == []
    assert result.warnings_per_1000 <= 5, [(p, t, f.rule, f.match) for p, t, f in result.warnings]


def test_a_case_counts_only_when_the_finding_covers_its_span() -> None:
    text = "己经发货了，这是好东西"
    case = Case("typo", "t", "taobao", "warning", text, 6, 9)  # 这是好: nothing there
    assert not caught(case)
    assert caught(Case("typo", "t", "taobao", "warning", text, 0, 2))


def test_a_case_needs_its_level() -> None:
    # 最好 is only a warning: an error-level case about it is not caught
    assert not caught(Case("adlaw", "t", "taobao", "error", "这是最好的面料", 2, 4))
    assert caught(Case("adlaw", "t", "taobao", "warning", "这是最好的面料", 2, 4))
