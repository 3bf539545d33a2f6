"""What excuses a match: a rule's exception phrases (第一时间 is not 第一) and its
context words (订单 138… is an order number, not a phone), judged clause by
clause.

Apart from the engine because both matchers use it (terms on the compact text,
patterns on the folded one) and because its one subtlety, that the compact text
has lost the punctuation which ends a clause, is easier to keep right in one
place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from quickreply.core.lint.normalize import compact, offsets
from quickreply.core.model import Rule

# How far before a match (in letters and digits) a rule's `context` words count.
CONTEXT_WINDOW = 10

_CLAUSE_BREAK = re.compile("[,\uff0c\u3002!\uff01?\uff1f;\uff1b\n]")


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule with its exceptions and context words prepared for matching."""

    rule: Rule
    exceptions: tuple[str, ...]  # normalised like the compact text
    raw_exceptions: tuple[str, ...]  # folded, for pattern matches
    context: tuple[str, ...]  # normalised


def overlapping_exceptions(
    packed: str,
    start: int,
    end: int,
    around: tuple[tuple[str, int], ...],
    others: tuple[str, ...],
) -> Iterator[tuple[str, int]]:
    """The exception phrases (and where they start in `packed`) overlapping a term's
    match: `around` holds the phrases containing the term with its offset in each,
    `others` the phrases that can overlap it otherwise (see can_overlap)."""
    for phrase, at in around:
        if start >= at and packed.startswith(phrase, start - at):
            yield phrase, start - at
    for phrase in others:
        pos = packed.find(phrase, max(0, start - len(phrase) + 1), end + len(phrase) - 1)
        if 0 <= pos < end and pos + len(phrase) > start:
            yield phrase, pos


def excuse_holds(folded: str, packed: str, found: Iterable[tuple[str, int]]) -> bool:
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


def excused(haystack: str, start: int, end: int, exceptions: tuple[str, ...]) -> bool:
    """Whether an exception phrase occurs in `haystack` overlapping [start, end)."""
    for phrase in exceptions:
        pos = haystack.find(phrase, max(0, start - len(phrase) + 1), end + len(phrase) - 1)
        if pos >= 0 and pos < end and pos + len(phrase) > start:
            return True
    return False


def can_overlap(phrase: str, term: str) -> bool:
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


def all_positions(haystack: str, needle: str) -> list[int]:
    """Every start of `needle` in `haystack`, overlapping ones included."""
    found: list[int] = []
    pos = haystack.find(needle)
    while pos >= 0:
        found.append(pos)
        pos = haystack.find(needle, pos + 1)
    return found


def context_in_clause(folded: str, start: int, context: tuple[str, ...]) -> bool:
    """Whether a context word stands just before `start` in the same clause:
    "在订单详情查看，电话 138…" is a phone number, "订单 138…" is not."""
    clause = _CLAUSE_BREAK.split(folded[max(0, start - 3 * CONTEXT_WINDOW) : start])[-1]
    return in_context(compact(clause)[-CONTEXT_WINDOW - 4 :], context)


def in_context(before: str, context: tuple[str, ...]) -> bool:
    """Whether one of the context words occurs in `before` (compact text)."""
    return any(word in before for word in context)
