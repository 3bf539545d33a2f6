"""Search over replies. A plain matcher for now; the pinyin-aware index replaces it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from quickreply.core.model import Reply

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Hit:
    reply: Reply
    score: float
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)


class SearchIndex:
    def __init__(self, replies: Iterable[Reply]) -> None:
        self.replies: Sequence[Reply] = tuple(replies)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        words = query.casefold().split()
        hits: list[Hit] = []
        for _order, reply in enumerate(self.replies):
            fields = {
                "codes": " ".join(reply.codes).casefold(),
                "title": reply.title.casefold(),
                "tags": " ".join(reply.tags).casefold(),
                "scenario": reply.scenario.casefold(),
                "text": reply.text.casefold(),
            }
            weights = {"codes": 100.0, "title": 80.0, "tags": 60.0, "scenario": 50.0, "text": 30.0}
            score = 0.0
            spans: dict[str, list[Span]] = {}
            for word in words:
                best = 0.0
                for name, value in fields.items():
                    at = value.find(word)
                    if at >= 0:
                        best = max(best, weights[name])
                        spans.setdefault(name, []).append((at, at + len(word)))
                if not best:
                    break
                score += best
            else:
                if words:
                    hits.append(
                        Hit(reply, score / len(words), {k: tuple(v) for k, v in spans.items()})
                    )
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]
