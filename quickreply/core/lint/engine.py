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
import time
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import ahocorasick_rs

from quickreply.core.lint import hygiene, slips
from quickreply.core.lint.findings import LEVEL_RANK, Finding
from quickreply.core.lint.normalize import compact, fold, normalize_term, offsets
from quickreply.core.lint.profiles import rules_for
from quickreply.core.lint.spelled import spelled_terms
from quickreply.core.model import Pack, Rule
from quickreply.core.patterns import Compiled, PatternProblem, check_pattern, required_chars

# How far before a match (in letters and digits) a rule's `context` words count.
CONTEXT_WINDOW = 10
# The time all patterns together may take on one text: a base plus a share per
# character. The built-in patterns scan about 20 MB/s (0.05 us a character), so
# the budget is some 40 times what they need; a pattern that backtracks without
# end is stopped by it instead of freezing the app.
PATTERN_BUDGET_S = 0.2
PATTERN_BUDGET_PER_CHAR_S = 2e-6
# At most this many findings: nobody reads more, and the palette draws them all.
# Errors are kept first, so the lint gate still sees every reason to ask.
MAX_FINDINGS = 500


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
    regex: Compiled  # a `regex` pattern: it can be given a time budget
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
                    regex = check_pattern(rule.pattern, probe=False)
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
            exception_chars = [(ex, frozenset(ex)) for ex in self._rules[index].exceptions]
            for term, suggestion in pairs:
                key = normalize_term(term)
                if not key:
                    continue
                around = tuple(
                    (ex, at)
                    for ex, _ in exception_chars
                    if key in ex
                    for at in _all_positions(ex, key)
                )
                # An exception that shares no character with the term cannot overlap it.
                others = tuple(
                    ex
                    for ex, chars in exception_chars
                    if not chars.isdisjoint(key) and key not in ex and _can_overlap(ex, key)
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
        # Patterns that ran out of time once (rule indexes), skipped from then on.
        self._slow: set[int] = set()
        self.slow_rules: list[str] = []

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
            self._run_patterns(text, folded, findings)
        hygiene.check(text, findings)
        if len(findings) > 1:
            findings = _drop_nested(findings)
            findings.sort(key=_position)
        return _capped(findings)

    # -- running patterns under a time budget

    def _run_patterns(self, text: str, folded: str, findings: list[Finding]) -> None:
        """Run the patterns that can match, all within one time budget for this text.

        The budget grows with the text (PATTERN_BUDGET_S + PATTERN_BUDGET_PER_CHAR_S per
        character: linear, like the scan itself); a pattern that runs out of it
        yields nothing for this text and is not run again by this linter
        (`slow_rules` names it, so it can be reported).
        """
        # One scan finds which of the patterns' required characters occur.
        present = set(self._any_required.findall(folded)) if self._any_required else set()
        deadline = time.monotonic() + PATTERN_BUDGET_S + PATTERN_BUDGET_PER_CHAR_S * len(folded)
        for needed, patterns in self._pattern_groups:
            if needed is not None and needed.isdisjoint(present):
                continue
            for p in patterns:
                if p.rule in self._slow:
                    continue
                found: list[Finding] = []
                try:
                    left = max(0.001, deadline - time.monotonic())
                    if p.regex.search(folded, timeout=left):
                        left = max(0.001, deadline - time.monotonic())
                        self._pattern_findings(text, folded, p, found, left)
                except TimeoutError:
                    self._slow.add(p.rule)
                    self.slow_rules.append(self._rules[p.rule].rule.id)
                    continue
                findings.extend(found)

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
                if (entry.around or entry.others) and _excuse_holds(
                    folded, packed, _excuses(packed, start, end, entry)
                ):
                    continue
                if entry.guarded and slips.straddled(packed, start, end):
                    continue
                compiled = self._rules[entry.rule]
                if compiled.context and _in_context(
                    packed[max(0, start - CONTEXT_WINDOW) : start], compiled.context
                ):
                    if where is None:
                        where = offsets(folded)
                    if _context_in_clause(folded, where[start], compiled.context):
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

    def _pattern_findings(
        self, text: str, folded: str, p: _PatternRule, out: list[Finding], budget: float
    ) -> None:
        compiled = self._rules[p.rule]
        rule = compiled.rule
        for m in p.regex.finditer(folded, timeout=budget):
            start, end = m.span()
            if start == end:
                continue
            if compiled.raw_exceptions and _excused(folded, start, end, compiled.raw_exceptions):
                continue
            if compiled.context and _context_in_clause(folded, start, compiled.context):
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


def _excuses(
    packed: str, start: int, end: int, entry: _TermEntry
) -> Iterator[tuple[str, int]]:
    """The exception phrases (and where they start in `packed`) overlapping a term's match."""
    for phrase, at in entry.around:
        if start >= at and packed.startswith(phrase, start - at):
            yield phrase, start - at
    for phrase in entry.others:
        pos = packed.find(phrase, max(0, start - len(phrase) + 1), end + len(phrase) - 1)
        if 0 <= pos < end and pos + len(phrase) > start:
            yield phrase, pos


def _excuse_holds(folded: str, packed: str, found: Iterable[tuple[str, int]]) -> bool:
    """Whether one of the exceptions found is a phrase of one clause in the text.

    The compact text has no punctuation, so 不知道您 is "found" in 这个不知道，您问别人吧;
    such a phrase spans a clause break and excuses nothing. Most phrases occur
    verbatim (a C substring test); only the others pay for the offset map.
    """
    where: list[int] | None = None
    for phrase, pos in found:
        if phrase in folded or not _CLAUSE_BREAK.search(folded):
            return True
        if where is None:
            where = offsets(folded)
        if not _CLAUSE_BREAK.search(folded, where[pos], where[pos + len(phrase) - 1]):
            return True
    return False


def _excused(haystack: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    """Whether an exception phrase occurs in `haystack` overlapping [start, end)."""
    for phrase in exceptions:
        pos = haystack.find(phrase, max(0, start - len(phrase) + 1), end + len(phrase) - 1)
        if pos >= 0 and pos < end and pos + len(phrase) > start:
            return True
    return False


def _can_overlap(phrase: str, term: str) -> bool:
    """Whether `phrase` can occur overlapping an occurrence of `term` (that it does not
    contain): it lies inside the term, or one's end is the other's start. Exceptions
    that cannot (第一时间 for 最好) are never searched for."""
    if phrase in term:
        return True
    at = phrase.find(term[0], 1)  # a tail of the phrase starts the term
    while at >= 0:
        if term.startswith(phrase[at:]):
            return True
        at = phrase.find(term[0], at + 1)
    at = term.find(phrase[0], 1)  # a tail of the term starts the phrase
    while at >= 0:
        if phrase.startswith(term[at:]):
            return True
        at = term.find(phrase[0], at + 1)
    return False


def _all_positions(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    pos = haystack.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


_PUNCTUATION = re.compile(r"[^\w\s]")
_CLAUSE_BREAK = re.compile("[,\uff0c\u3002!\uff01?\uff1f;\uff1b\n]")


def _context_in_clause(folded: str, start: int, context: tuple[str, ...]) -> bool:
    """Whether a context word stands just before `start` in the same clause:
    "在订单详情查看，电话 138…" is a phone number, "订单 138…" is not."""
    clause = _CLAUSE_BREAK.split(folded[max(0, start - 3 * CONTEXT_WINDOW) : start])[-1]
    return _in_context(compact(clause)[-CONTEXT_WINDOW - 4 :], context)


def _in_context(before: str, context: tuple[str, ...]) -> bool:
    return any(word in before for word in context)


_CHARACTER_RULES = frozenset({"invisible-char", "halfwidth-punct", "doubled-punct"})


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """Make the findings readable: overlapping matches of one rule become one span
    (加 微 + 微 信 -> 加 微 信), and a match inside a match of another rule at least
    as severe is dropped (返现 inside 好评返现). Character checks always stay.

    O(n log n) in the number of findings: a sort, a merge pass and a sweep.
    """
    if all(f.rule in _CHARACTER_RULES for f in findings):
        return findings
    merged = _merge_overlaps(findings)
    rules = [f for f in merged if f.rule not in _CHARACTER_RULES]
    if len(rules) < 2:
        return merged
    kept = [f for f in merged if f.rule in _CHARACTER_RULES]
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


def _capped(findings: list[Finding]) -> list[Finding]:
    """At most MAX_FINDINGS, the most severe first, then back in text order."""
    if len(findings) <= MAX_FINDINGS:
        return findings
    keep = sorted(findings, key=lambda f: (LEVEL_RANK[f.level], f.start))[:MAX_FINDINGS]
    keep.sort(key=_position)
    return keep
