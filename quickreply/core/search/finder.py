"""What the palette searches: the library's index, ranked by use, with a flow's next steps first.

The palette only takes a `query -> hits` function; this is the one the app
gives it. Usage counts move often-used replies up, and the empty query (the
palette just opened) offers the next steps of the talk script in progress
before anything else. A query of `FALLBACK_MIN` characters or more that
matches nothing as typed is read as a buyer's message instead (the agent
pasted what the buyer wrote): those hits come from `SearchIndex.suggest` and
say so (`Hit.suggested`). `suggest(message)` is the same on demand (the
palette's Ctrl+B, with the message on the clipboard).
"""

from __future__ import annotations

from quickreply.core.library import Library
from quickreply.core.model import Reply
from quickreply.core.search import Hit, SearchIndex
from quickreply.core.usage import UsageStore

# Rows the palette shows: more is noise to an agent who types a second letter instead.
RESULT_LIMIT = 50
# Characters from which a query that matches nothing is taken for a buyer's message.
FALLBACK_MIN = 4


class Finder:
    """Query -> hits for the palette; the empty query lists the most used replies first."""

    def __init__(self, library: Library, usage: UsageStore | None) -> None:
        self.usage = usage
        self.index = SearchIndex(
            library.replies,
            usage=usage.all() if usage else None,
            content_key=library.content_key(),  # the packs' hashes: replies not hashed again
        )
        self.pinned: list[Reply] = []  # the next steps of a flow, offered first

    def __call__(self, query: str) -> list[Hit]:
        hits = self.index.search(query, RESULT_LIMIT)
        if not hits and len(query.strip()) >= FALLBACK_MIN:
            return self.suggest(query)
        if query or not self.pinned:
            return hits
        first = [Hit(r, 0.0) for r in self.pinned]
        pinned = {r.uid for r in self.pinned}
        return (first + [h for h in hits if h.reply.uid not in pinned])[:RESULT_LIMIT]

    def suggest(self, message: str) -> list[Hit]:
        """The replies for the situation a buyer's message describes (marked suggested)."""
        return self.index.suggest(message, RESULT_LIMIT)

    def refresh_usage(self) -> None:
        """After a paste: the ranking follows what the agent uses."""
        if self.usage is not None:
            self.index.set_usage(self.usage.all())
