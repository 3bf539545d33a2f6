"""The rule engine: every rule of a platform profile compiled into one
Aho-Corasick automaton (terms and swaps) plus a few regexes (patterns).

Why ahocorasick-rs and not pyahocorasick: on our CJK term lists pyahocorasick
slowed to a few MB/s once the lists held thousands of distinct first
characters, while ahocorasick-rs stayed near 100 MB/s (bench/bench_lint.py
measures both on every run).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick_rs

from quickreply.core.lint import hygiene, slips
from quickreply.core.lint.excuses import (
    CONTEXT_WINDOW,
    PUNCTUATION,
    all_positions,
    can_overlap,
    context_in_clause,
    exception_index,
    excuse_holds,
    excused,
    excuses,
    in_context,
    overlap_candidates,
)
from quickreply.core.lint.findings import LEVEL_RANK, Finding
from quickreply.core.lint.normalize import compact, fold, normalize_term, offsets
from quickreply.core.lint.profiles import rules_for
from quickreply.core.lint.spelled import spelled_terms
from quickreply.core.model import Pack, Rule
from quickreply.core.patterns import PatternProblem, check_pattern, required_chars


@dataclass(frozen=True, slots=True)
class _TermEntry:
    rule: int  # index into Linter._rules
    term: str
    suggestion: str | None
    # Terms that begin or end with an ASCII letter match only as a whole word,
    # so `vx` is not found inside `tvx` and `sb` not inside `usb`.
    word_start: bool
    word_end: bool
    # The rule's exceptions that contain this term, with the term's offset in
    # each (checked by one slice compare), and the rest (checked by a search).
    around: tuple[tuple[str, int], ...]
    others: tuple[str, ...]
    # A generated slip: dropped when a common word straddles its edge (see slips).
    guarded: bool = False
    # A swap (a misspelt word): never across punctuation (通知：已 is not 知已).
    one_word: bool = False


@dataclass(frozen=True, slots=True)
class _CompiledRule:
    rule: Rule
    exceptions: tuple[str, ...]  # normalised like the compact text
    raw_exceptions: tuple[str, ...]  # folded, for pattern matches
    context: tuple[str, ...]  # normalised


@dataclass(frozen=True, slots=True)
class _PatternRule:
    rule: int
    regex: re.Pattern[str]
    # Characters of which a text must hold one before the pattern can match
    # (None: always run it).
    needed: frozenset[str] | None


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


class Linter:
    """Checks texts against a set of rules; build it once, lint on every keystroke."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: list[_CompiledRule] = []
        by_term: dict[str, list[_TermEntry]] = {}
        self._patterns: list[_PatternRule] = []
        for rule in rules:
            index = len(self._rules)
            spelled, spelled_exceptions = spelled_terms(rule)
            self._rules.append(
                _CompiledRule(
                    rule,
                    tuple(
                        e
                        for e in map(normalize_term, (*rule.exceptions, *spelled_exceptions))
                        if e
                    ),
                    tuple(fold(e) for e in rule.exceptions if e),
                    tuple(c for c in map(normalize_term, rule.context) if c),
                )
            )
            pairs: Sequence[tuple[str, str | None]]
            if rule.pattern is not None:
                try:
                    regex = check_pattern(rule.pattern)
                except PatternProblem:
                    # load_pack already refused such a pack; a Rule built by hand
                    # with a bad pattern is skipped rather than freezing the app.
                    continue
                needed = required_chars(rule.pattern) or None
                self._patterns.append(_PatternRule(index, regex, needed))
                continue
            pairs = [(t, rule.suggestion) for t in (*rule.terms, *spelled)] + list(rule.swap)
            pairs += slips.extra_swaps(rule)
            guarded = slips.is_guarded(rule)
            one_word = rule.kind == "swap"
            exceptions = self._rules[index].exceptions
            holding, starting = exception_index(exceptions)
            for term, suggestion in pairs:
                key = normalize_term(term)
                if not key:
                    continue
                around = tuple(
                    (ex, at) for ex in exceptions if key in ex for at in all_positions(ex, key)
                )
                others = tuple(
                    ex
                    for ex in overlap_candidates(key, holding, starting, exceptions)
                    if key not in ex and can_overlap(ex, key)
                )
                by_term.setdefault(key, []).append(
                    _TermEntry(
                        index,
                        term,
                        suggestion,
                        _is_ascii_letter(key[0]),
                        _is_ascii_letter(key[-1]),
                        around,
                        others,
                        guarded,
                        one_word,
                    )
                )
        # Patterns grouped by the characters they need; one scan per text tells
        # which groups can match at all.
        groups: dict[frozenset[str] | None, list[_PatternRule]] = {}
        for p in self._patterns:
            groups.setdefault(p.needed, []).append(p)
        self._pattern_groups = [(k, tuple(v)) for k, v in groups.items()]
        wanted = sorted(set().union(*(k for k in groups if k)))
        self._any_required = (
            re.compile("[" + "".join(re.escape(c) for c in wanted) + "]") if wanted else None
        )
        self._terms: list[str] = list(by_term)
        self._entries: list[list[_TermEntry]] = [by_term[t] for t in self._terms]
        self._automaton = ahocorasick_rs.AhoCorasick(self._terms) if self._terms else None

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r.rule for r in self._rules)

    @property
    def term_count(self) -> int:
        return len(self._terms)

    # -- building for a platform

    @classmethod
    def for_platform(cls, name: str, packs: Sequence[Pack] = ()) -> Linter:
        """The linter of a platform profile plus the rules of `packs` (cached)."""
        return _linter_for((name,), tuple(packs))

    @classmethod
    def for_platforms(cls, names: Iterable[str], packs: Sequence[Pack] = ()) -> Linter:
        """Like for_platform, with the rules of several platforms at once."""
        return _linter_for(tuple(names), tuple(packs))

    # -- linting

    def lint(self, text: str) -> list[Finding]:
        """Every finding in `text`, sorted by position."""
        findings: list[Finding] = []
        folded = fold(text)
        if self._automaton is not None:
            packed = compact(folded)
            if packed:
                hits = self._automaton.find_matches_as_indexes(packed, overlapping=True)
                if hits:
                    self._term_findings(text, folded, packed, hits, findings)
        if self._pattern_groups:
            # One scan finds which of the patterns' required characters occur.
            present = set(self._any_required.findall(folded)) if self._any_required else set()
            for needed, patterns in self._pattern_groups:
                if needed is None or not needed.isdisjoint(present):
                    for p in patterns:
                        if p.regex.search(folded):
                            self._pattern_findings(text, folded, p, findings)
        hygiene.check(text, findings)
        if len(findings) > 1:
            findings = _drop_nested(findings)
            findings.sort(key=_position)
        return findings

    def _term_findings(
        self,
        text: str,
        folded: str,
        packed: str,
        hits: list[tuple[int, int, int]],
        out: list[Finding],
    ) -> None:
        # The offset map costs a pass over the text: build it only once a match
        # survives its rule's exceptions (most hits are 第一时间 and friends).
        where: list[int] | None = None
        size = len(folded)
        for index, start, end in hits:
            for entry in self._entries[index]:
                if (entry.around or entry.others) and excuse_holds(
                    folded, packed, excuses(packed, start, end, entry.around, entry.others)
                ):
                    continue
                if entry.guarded and slips.straddled(packed, start, end):
                    continue
                compiled = self._rules[entry.rule]
                if compiled.context and in_context(
                    packed[max(0, start - CONTEXT_WINDOW) : start], compiled.context
                ):
                    if where is None:
                        where = offsets(folded)
                    if context_in_clause(folded, where[start], compiled.context):
                        continue
                if where is None:
                    where = offsets(folded)
                o_start = where[start]
                o_end = where[end - 1] + 1
                if entry.word_start and o_start > 0 and _is_ascii_letter(folded[o_start - 1]):
                    continue
                if entry.word_end and o_end < size and _is_ascii_letter(folded[o_end]):
                    continue
                if entry.guarded and o_end - o_start != end - start:
                    continue  # a slip is one word: 事，请 is not 事请
                if (
                    entry.one_word
                    and o_end - o_start != end - start
                    and PUNCTUATION.search(folded, o_start, o_end)
                ):
                    continue
                rule = compiled.rule
                out.append(
                    Finding(
                        rule.id,
                        rule.level,
                        o_start,
                        o_end,
                        text[o_start:o_end],
                        rule.message,
                        entry.suggestion,
                    )
                )

    def _pattern_findings(
        self, text: str, folded: str, p: _PatternRule, out: list[Finding]
    ) -> None:
        compiled = self._rules[p.rule]
        rule = compiled.rule
        for m in p.regex.finditer(folded):
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


_CACHE_SIZE = 32
_cache: OrderedDict[tuple[object, ...], tuple[tuple[Pack, ...], Linter]] = OrderedDict()
_cache_lock = threading.Lock()


def _linter_for(platforms: tuple[str, ...], packs: tuple[Pack, ...]) -> Linter:
    """A cached linter: asking again for the same platforms and packs is a dict lookup.

    Packs are keyed by identity (hashing a 50,000-reply pack on every keystroke
    would cost more than linting); the cache holds the packs, so an id is never
    reused while its entry lives.
    """
    key = (tuple(sorted(set(platforms))), *(id(p) for p in packs))
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], packs, strict=True)):
            _cache.move_to_end(key)
            return hit[1]
    linter = Linter(rules_for(platforms, packs))
    with _cache_lock:
        _cache[key] = (packs, linter)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return linter


def _position(f: Finding) -> tuple[int, int, int, str]:
    return (f.start, LEVEL_RANK[f.level], -f.end, f.rule)


_CHARACTER_RULES = frozenset({"invisible-char", "halfwidth-punct", "doubled-punct"})


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """Make the findings readable: overlapping matches of one rule become one span
    (加 微 + 微 信 -> 加 微 信), and a match inside a match of another rule at least
    as severe is dropped (返现 inside 好评返现). Character checks always stay."""
    if all(f.rule in _CHARACTER_RULES for f in findings):
        return findings
    findings.sort(key=lambda f: (f.rule, f.start, -f.end))
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
    rules = [f for f in merged if f.rule not in _CHARACTER_RULES]
    if len(rules) < 2:
        return merged
    kept = [f for f in merged if f.rule in _CHARACTER_RULES]
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
