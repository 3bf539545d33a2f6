"""Findings made readable and bounded after matching: overlapping matches of one
rule joined, matches nested in a more severe one dropped, at most MAX_FINDINGS
kept, all in text order.

Apart from the matching because it works on findings alone (any rule, any
source: terms, patterns, character checks) and carries its own complexity
bound: O(n log n) in the number of findings, where the first version compared
every pair and took tens of seconds on hostile texts.
"""

from __future__ import annotations

from quickreply.core.lint.findings import LEVEL_RANK, Finding

# At most this many findings: nobody reads more, and the palette draws them all.
# Errors are kept first, so the lint gate still sees every reason to ask.
MAX_FINDINGS = 500

# Character checks (hygiene) are never merged away or dropped as nested.
CHARACTER_RULES = frozenset({"invisible-char", "halfwidth-punct", "doubled-punct"})


def tidied(findings: list[Finding]) -> list[Finding]:
    """The findings of one text, nested ones dropped, sorted by position and capped."""
    if len(findings) > 1:
        findings = drop_nested(findings)
        findings.sort(key=position)
    return capped(findings)


def position(f: Finding) -> tuple[int, int, int, str]:
    """The order findings are reported in: by start, the most severe first."""
    return (f.start, LEVEL_RANK[f.level], -f.end, f.rule)


def drop_nested(findings: list[Finding]) -> list[Finding]:
    """Make the findings readable: overlapping matches of one rule become one span
    (加 微 + 微 信 -> 加 微 信), and a match inside a match of another rule at least
    as severe is dropped (返现 inside 好评返现). Character checks always stay.

    O(n log n) in the number of findings: a sort, a merge pass and a sweep.
    """
    if all(f.rule in CHARACTER_RULES for f in findings):
        return findings
    merged = _merge_overlaps(findings)
    rules = [f for f in merged if f.rule not in CHARACTER_RULES]
    if len(rules) < 2:
        return merged
    kept = [f for f in merged if f.rule in CHARACTER_RULES]
    covered = _covered(rules)
    kept.extend(f for i, f in enumerate(rules) if i not in covered)
    return kept


def _merge_overlaps(findings: list[Finding]) -> list[Finding]:
    """One span per run of overlapping matches of one rule (when none suggests a fix)."""
    findings.sort(key=lambda f: (f.rule, f.start, -f.end))
    merged: list[Finding] = []
    pieces: list[str] = []  # the match of merged[-1], joined once its run ends

    def close_run() -> None:
        if len(pieces) > 1:
            merged[-1] = merged[-1]._replace(match="".join(pieces))
        pieces.clear()

    for f in findings:
        last = merged[-1] if merged else None
        if last is not None and last.rule == f.rule and f.start < last.end:
            if f.end > last.end and last.suggestion is None and f.suggestion is None:
                pieces.append(f.match[last.end - f.start :])
                merged[-1] = last._replace(end=f.end, suggestion=None)
            if f.end <= last.end or (last.suggestion is None and f.suggestion is None):
                continue
        close_run()
        merged.append(f)
        pieces.append(f.match)
    close_run()
    return merged


def _covered(rules: list[Finding]) -> set[int]:
    """Indexes of findings inside another at least as severe: a longer one, or one of
    the same span that is more severe or has the smaller rule id."""
    covered: set[int] = set()
    same_span: dict[tuple[int, int], list[int]] = {}
    for i, f in enumerate(rules):
        same_span.setdefault((f.start, f.end), []).append(i)
    for group in same_span.values():
        if len(group) > 1:
            best = min((LEVEL_RANK[rules[i].level], rules[i].rule) for i in group)
            covered.update(i for i in group if (LEVEL_RANK[rules[i].level], rules[i].rule) != best)
    # A strictly longer container of rank <= the finding's rank: sweep by start,
    # once per rank, keeping the largest end among the containers seen so far.
    order = sorted(range(len(rules)), key=lambda i: (rules[i].start, -rules[i].end))
    for rank in sorted({LEVEL_RANK[f.level] for f in rules}):
        best_before = -1  # the largest end of a candidate starting before the current start
        index = 0
        while index < len(order):
            start = rules[order[index]].start
            group_end = index
            while group_end < len(order) and rules[order[group_end]].start == start:
                group_end += 1
            group = order[index:group_end]
            best_here = -1  # the largest end among candidates starting here
            for i in group:  # sorted by end, largest first
                f = rules[i]
                f_rank = LEVEL_RANK[f.level]
                if f_rank == rank and (best_before >= f.end or best_here > f.end):
                    covered.add(i)
                if f_rank <= rank:
                    best_here = max(best_here, f.end)
            best_before = max(best_before, best_here)
            index = group_end
    return covered


def capped(findings: list[Finding]) -> list[Finding]:
    """At most MAX_FINDINGS, the most severe first, then back in text order."""
    if len(findings) <= MAX_FINDINGS:
        return findings
    keep = sorted(findings, key=lambda f: (LEVEL_RANK[f.level], f.start))[:MAX_FINDINGS]
    keep.sort(key=position)
    return keep
