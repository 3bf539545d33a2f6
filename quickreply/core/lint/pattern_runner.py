"""The pattern step of linting: a rule's regex run on the folded text under a
time budget.

Apart from the term automaton because a regex, unlike the automaton, can take
unbounded time (a pack pattern that backtracks without end); everything that
keeps that from freezing the app lives here: the budget, skipping patterns that
cannot match, and retiring a pattern that ran out of time.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass

from quickreply.core.lint.excuses import CompiledRule, context_in_clause, excused
from quickreply.core.lint.findings import Finding
from quickreply.core.patterns import Compiled, PatternProblem, check_pattern, required_chars

# The time all patterns together may take on one text: a base plus a share per
# character. The built-in patterns scan about 20 MB/s (0.05 us a character), so
# the budget is some 40 times what they need; a pattern that backtracks without
# end is stopped by it instead of freezing the app.
PATTERN_BUDGET_S = 0.2
PATTERN_BUDGET_PER_CHAR_S = 2e-6


@dataclass(frozen=True, slots=True)
class PatternRule:
    rule: int  # index into the linter's compiled rules
    regex: Compiled  # a `regex` pattern: it can be given a time budget
    # Characters of which a text must hold one before the pattern can match
    # (None: always run it).
    needed: frozenset[str] | None


def compile_pattern(rule: int, pattern: str) -> PatternRule | None:
    """The pattern of rule number `rule`, or None when it is unsafe to run.

    load_pack already refused such a pack; a Rule built by hand with a bad
    pattern is skipped rather than freezing the app.
    """
    try:
        regex = check_pattern(pattern, probe=False)
    except PatternProblem:
        return None
    return PatternRule(rule, regex, required_chars(pattern) or None)


class PatternRunner:
    """Runs a linter's patterns; `slow_rules` names those that ran out of time."""

    def __init__(self, patterns: Sequence[PatternRule], rules: Sequence[CompiledRule]) -> None:
        self._rules = rules
        # Patterns grouped by the characters they need; one scan per text tells
        # which groups can match at all.
        groups: dict[frozenset[str] | None, list[PatternRule]] = {}
        for p in patterns:
            groups.setdefault(p.needed, []).append(p)
        self._groups = [(k, tuple(v)) for k, v in groups.items()]
        wanted = sorted(set().union(*(k for k in groups if k)))
        self._any_required = (
            re.compile("[" + "".join(re.escape(c) for c in wanted) + "]") if wanted else None
        )
        # Patterns that ran out of time once (rule indexes), skipped from then on.
        self._slow: set[int] = set()
        self.slow_rules: list[str] = []

    def __bool__(self) -> bool:
        return bool(self._groups)

    def run(self, text: str, folded: str, findings: list[Finding]) -> None:
        """Run the patterns that can match, all within one time budget for this text.

        The budget grows with the text (PATTERN_BUDGET_S + PATTERN_BUDGET_PER_CHAR_S per
        character: linear, like the scan itself); a pattern that runs out of it
        yields nothing for this text and is not run again by this runner
        (`slow_rules` names it, so it can be reported).
        """
        # One scan finds which of the patterns' required characters occur.
        present = set(self._any_required.findall(folded)) if self._any_required else set()
        # CPU seconds, the clock the regex package's timeout counts: a busy machine
        # stretches the wall time, not the budget.
        deadline = time.process_time() + PATTERN_BUDGET_S + PATTERN_BUDGET_PER_CHAR_S * len(folded)
        for needed, patterns in self._groups:
            if needed is not None and needed.isdisjoint(present):
                continue
            for p in patterns:
                if p.rule in self._slow:
                    continue
                found: list[Finding] = []
                try:
                    left = max(0.001, deadline - time.process_time())
                    if p.regex.search(folded, timeout=left):
                        left = max(0.001, deadline - time.process_time())
                        self._findings(text, folded, p, found, left)
                except TimeoutError:
                    self._slow.add(p.rule)
                    self.slow_rules.append(self._rules[p.rule].rule.id)
                    continue
                findings.extend(found)

    def _findings(
        self, text: str, folded: str, p: PatternRule, out: list[Finding], budget: float
    ) -> None:
        compiled = self._rules[p.rule]
        rule = compiled.rule
        for m in p.regex.finditer(folded, timeout=budget):
            start, end = m.span()
            if start == end:
                continue
            if compiled.raw_exceptions and excused(folded, start, end, compiled.raw_exceptions):
                continue
            if compiled.context and context_in_clause(folded, start, compiled.context):
                continue
            out.append(
                Finding(
                    rule.id, rule.level, start, end, text[start:end], rule.message, rule.suggestion
                )
            )
