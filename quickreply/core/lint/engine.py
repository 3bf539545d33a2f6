"""The rule engine: every rule of a platform profile compiled into one
Aho-Corasick automaton (terms and swaps) plus a few regexes (patterns).

Why ahocorasick-rs and not pyahocorasick: on our CJK term lists pyahocorasick
slowed to a few MB/s once the lists held thousands of distinct first
characters, while ahocorasick-rs stayed near 100 MB/s (bench/bench_lint.py
measures both on every run).

The other steps of a lint live beside it: excuses (exceptions and context
words), pattern_runner (regexes under a time budget), hygiene (character
checks), tidy (nested findings, the cap, the order) and cache (one linter per
platform and packs).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick_rs

from quickreply.core.lint import hygiene, slips, tidy
from quickreply.core.lint.cache import PackKeyedCache
from quickreply.core.lint.excuses import (
    CONTEXT_WINDOW,
    CompiledRule,
    all_positions,
    can_overlap,
    context_in_clause,
    exception_index,
    excuse_holds,
    in_context,
    overlap_candidates,
    overlapping_exceptions,
)
from quickreply.core.lint.findings import Finding
from quickreply.core.lint.normalize import compact, fold, normalize_term, offsets
from quickreply.core.lint.pattern_runner import PatternRunner, compile_pattern
from quickreply.core.lint.profiles import rules_for
from quickreply.core.lint.spelled import spelled_terms
from quickreply.core.model import Pack, Rule


@dataclass(frozen=True, slots=True)
class TermEntry:
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


def _is_ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


class Linter:
    """Checks texts against a set of rules; build it once, lint on every keystroke."""

    # How this linter was made: "off" compiled here; from the disk cache
    # (core/lint/stored.py) "hit", or compiled there: "miss" or "corrupt" (rebuilt).
    cache_status = "off"

    def __init__(self, rules: Iterable[Rule]) -> None:
        self._rules: list[CompiledRule] = []
        by_term: dict[str, list[TermEntry]] = {}
        for rule in rules:
            index = len(self._rules)
            spelled, spelled_exceptions = spelled_terms(rule)
            self._rules.append(
                CompiledRule(
                    rule,
                    tuple(
                        e for e in map(normalize_term, (*rule.exceptions, *spelled_exceptions)) if e
                    ),
                    tuple(fold(e) for e in rule.exceptions if e),
                    tuple(c for c in map(normalize_term, rule.context) if c),
                )
            )
            pairs: Sequence[tuple[str, str | None]]
            if rule.pattern is not None:
                continue  # compiled in _finish
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
                    TermEntry(
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
        self._finish(by_term)

    def _finish(self, by_term: dict[str, list[TermEntry]]) -> None:
        """The automaton and the regexes: quick to build, and neither can be stored."""
        self._terms: list[str] = list(by_term)
        self._entries: list[list[TermEntry]] = [by_term[t] for t in self._terms]
        self._automaton = ahocorasick_rs.AhoCorasick(self._terms) if self._terms else None
        patterns = [
            pattern
            for index, compiled in enumerate(self._rules)
            if compiled.rule.pattern is not None
            and (pattern := compile_pattern(index, compiled.rule.pattern)) is not None
        ]
        self._patterns = PatternRunner(patterns, self._rules)

    # -- stored (core/lint/stored.py keeps a compiled linter on disk)

    def compiled(self) -> tuple[list[CompiledRule], dict[str, list[TermEntry]]]:
        """What the constructor computed from the rules, for `restored`."""
        return list(self._rules), dict(zip(self._terms, self._entries, strict=True))

    @classmethod
    def restored(cls, rules: list[CompiledRule], by_term: dict[str, list[TermEntry]]) -> Linter:
        """The linter `compiled()` was taken from, without compiling its rules again."""
        linter = cls.__new__(cls)
        linter._rules = rules
        linter._finish(by_term)
        return linter

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(r.rule for r in self._rules)

    @property
    def slow_rules(self) -> list[str]:
        """The ids of the pattern rules that ran out of time and are skipped from now on."""
        return self._patterns.slow_rules

    @property
    def term_count(self) -> int:
        return len(self._terms)

    # -- building for a platform

    @classmethod
    def for_platform(cls, name: str, packs: Sequence[Pack] = ()) -> Linter:
        """The linter of a platform profile plus the rules of `packs` (cached)."""
        return _CACHE.get((name,), tuple(packs), _build)

    @classmethod
    def for_platforms(cls, names: Iterable[str], packs: Sequence[Pack] = ()) -> Linter:
        """Like for_platform, with the rules of several platforms at once."""
        return _CACHE.get(tuple(names), tuple(packs), _build)

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
        if self._patterns:
            self._patterns.run(text, folded, findings)
        hygiene.check(text, findings)
        return tidy.tidied(findings)

    # -- matching terms

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
                    folded,
                    packed,
                    overlapping_exceptions(packed, start, end, entry.around, entry.others),
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
                    and _PUNCTUATION.search(folded, o_start, o_end)
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


_PUNCTUATION = re.compile(r"[^\w\s]")
# Linters kept for Linter.for_platform(s): a few platforms times a few pack sets.
_CACHE: PackKeyedCache[Linter] = PackKeyedCache(32)


def _build(platforms: tuple[str, ...], packs: tuple[Pack, ...]) -> Linter:
    return Linter(rules_for(platforms, packs))
