"""Talk scripts (话术流程): where the agent is in a flow and what comes next.

A flow is an ordered list of reply ids. After the agent pastes a reply that is
a step of one or more flows, the next step of each is what they most likely
need: the palette offers it first. Pure: the caller says what was pasted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quickreply.core.model import Flow, Reply


@dataclass(frozen=True, slots=True)
class NextStep:
    flow: Flow
    index: int  # position of the next step in `flow.steps`
    reply: Reply

    @property
    def total(self) -> int:
        return len(self.flow.steps)


class FlowTracker:
    """Knows every flow of the library and, for a pasted reply, the steps that follow."""

    def __init__(self, flows: Iterable[Flow], replies: Iterable[Reply]) -> None:
        self.flows: tuple[Flow, ...] = tuple(flows)
        # Only the replies that are steps: a 100,000-reply library with a few
        # flows is looked through once, without a uid string for every reply.
        wanted: dict[str, set[str]] = {}  # pack id -> reply ids, every way a uid splits
        for flow in self.flows:
            for uid in flow.step_uids():
                for at in (i for i, char in enumerate(uid) if char == "/"):
                    wanted.setdefault(uid[:at], set()).add(uid[at + 1 :])
        self._replies: dict[str, Reply] = {}
        for reply in replies if wanted else ():
            ids = wanted.get(reply.pack_id)
            if ids is not None and reply.id in ids:
                self._replies[reply.uid] = reply
        self._steps: dict[str, list[tuple[Flow, int]]] = {}
        for flow in self.flows:
            for i, uid in enumerate(flow.step_uids()):
                self._steps.setdefault(uid, []).append((flow, i))

    def after(self, uid: str | None) -> list[NextStep]:
        """The next step of every flow `uid` is in (a step missing from the library is skipped)."""
        if uid is None:
            return []
        out: list[NextStep] = []
        seen: set[str] = set()
        for flow, i in self._steps.get(uid, ()):
            uids: Sequence[str] = flow.step_uids()
            for j in range(i + 1, len(uids)):
                reply = self._replies.get(uids[j])
                if reply is not None:
                    if reply.uid not in seen:
                        seen.add(reply.uid)
                        out.append(NextStep(flow, j, reply))
                    break
        return out


@dataclass(frozen=True, slots=True)
class FlowWalk:
    """Where the agent is in one talk script, for the flow runner.

    Immutable: each move returns the new position, so the runner's state is a
    value the tests compare. Steps missing from the library are kept (shown
    as missing) but never pasted.
    """

    flow: Flow
    index: int = 0

    @property
    def total(self) -> int:
        return len(self.flow.steps)

    @property
    def uid(self) -> str | None:
        uids = self.flow.step_uids()
        return uids[self.index] if 0 <= self.index < len(uids) else None

    @property
    def at_end(self) -> bool:
        return self.index >= self.total - 1

    def forward(self) -> FlowWalk:
        return FlowWalk(self.flow, min(self.index + 1, max(self.total - 1, 0)))

    def back(self) -> FlowWalk:
        return FlowWalk(self.flow, max(self.index - 1, 0))

    def restart(self) -> FlowWalk:
        return FlowWalk(self.flow, 0)

    def at(self, index: int) -> FlowWalk:
        return FlowWalk(self.flow, min(max(index, 0), max(self.total - 1, 0)))

    def after_pasting(self, uid: str) -> FlowWalk:
        """The step after `uid` when it is a step of this flow (the agent used the palette)."""
        uids = self.flow.step_uids()
        later = [i for i, u in enumerate(uids) if u == uid and i >= self.index]
        found = later[0] if later else (uids.index(uid) if uid in uids else None)
        if found is None:
            return self
        return self.at(found + 1) if found + 1 < self.total else self.at(found)
