"""After the keystroke: see the chat window take the reply, then give the agent's clipboard back.

The half of PasteService (paste.py) that runs on the Qt thread after
paste_text() returned: ReplyOffer reports each request for the reply and each
selection another program takes; this decides when the paste counts as taken
(the chat window's own program asked, after the keystroke), when the agent's
clipboard comes back (`restore_delay_ms` after the chat program's last
request; while the program shows a dialog of its own, after it closes), and
what is reported (PasteOutcome) when nobody asks within `confirm_timeout_ms`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field

from quickreply.core.ports import (
    Clipboard,
    ClipboardSnapshot,
    ForegroundWindow,
    ReplyOffer,
    ReplyRequest,
    WindowHandle,
)
from quickreply.desktop.paste_messages import MESSAGES

log = logging.getLogger(__name__)

DIALOG_POLL_MS = 100
# A program that keeps asking (polling the clipboard) must not keep the
# agent's clipboard away: it comes back this long after the first request.
MAX_HOLD_MS = 5000

Scheduler = Callable[[int, Callable[[], None]], None]


@dataclass(frozen=True)
class PasteOutcome:
    """What became of a sent paste: taken by the chat window, or not (reported later)."""

    tag: object  # what the caller passed to paste_text (the UI: the reply's id)
    taken: bool
    confirmed: bool  # False: this backend cannot see the request, `taken` is assumed
    message_key: str  # paste.done, paste.unconfirmed or paste.replaced
    method: str
    app: str
    elapsed_ms: float  # from paste_text() to the chat window's request (or to giving up)
    detail: str = ""

    def message(self, lang: str = "zh") -> str:
        texts = MESSAGES[self.message_key]
        return texts.get(lang, texts["en"])


@dataclass
class Pending:
    generation: int
    text: str
    snapshot: ClipboardSnapshot | None  # the agent's CLIPBOARD; None: unreadable, not restored
    primary: ClipboardSnapshot | None  # the agent's PRIMARY, when the paste set it
    tag: object = None
    target: WindowHandle = 0
    client: int | None = None  # the chat program's client id; None: any program counts
    method: str = ""
    app: str = ""
    started: float = 0.0
    offered: bool = False  # served by the ReplyOffer (else: set as text, restored on a timer)
    selections: set[str] = field(default_factory=set)  # held by the offer right now
    sent_at: float | None = None  # just before the keystroke
    state: str = "waiting"  # waiting -> taken | unconfirmed (-> taken by hand)
    last_request: float = 0.0
    dialog_since: float | None = None
    taken_at: float | None = None
    armed: bool = False  # a settle timer is on its way
    dialog_seen: bool = False
    ticket: int = 0


class RestoreAfterTaken:
    """Mixed into PasteService: everything after the keystroke (see the module docstring)."""

    clipboard: Clipboard
    primary: Clipboard | None
    foreground: ForegroundWindow
    offer: ReplyOffer | None
    restore_delay_ms: int
    confirm_timeout_ms: int
    dialog_timeout_ms: int
    on_outcome: Callable[[PasteOutcome], None] | None
    _scheduler: Scheduler
    _clock: Callable[[], float]
    _pending: Pending | None

    # -- what the chat window does with it ------------------------------------

    def _current(self, generation: int) -> Pending | None:
        pending = self._pending
        return pending if pending is not None and pending.generation == generation else None

    def _on_request(self, generation: int, request: ReplyRequest) -> None:
        pending = self._current(generation)
        if pending is None or pending.sent_at is None or request.at < pending.sent_at:
            return  # before the keystroke: a clipboard manager or a program watching it
        if pending.state == "unconfirmed":
            # Pasted by hand, wherever: the agent did it. From now on that program counts.
            pending.state = "taken"
            pending.taken_at = request.at
            pending.client = request.client
            try:
                pending.target = self.foreground.current() or 0
            except Exception:
                pending.client = None  # no dialog watch then
        elif pending.client is not None and request.client not in (None, pending.client):
            # Another program (a clipboard manager, a script polling it): not the
            # chat window, and it must not hold the restore off either.
            log.info("program %s read the reply; not the chat window", request.client)
            return
        elif pending.state == "waiting":
            pending.state = "taken"
            pending.taken_at = request.at
            self._report(pending, taken=True, confirmed=True, key="paste.done", at=request.at)
        pending.last_request = max(pending.last_request, request.at)
        if not pending.armed:  # else the armed timer sees last_request and waits on
            self._arm(pending, self.restore_delay_ms)

    def _arm(self, pending: Pending, delay_ms: int) -> None:
        """One live settle timer per paste: the latest one."""
        pending.ticket += 1
        pending.armed = True
        generation, ticket = pending.generation, pending.ticket
        self._scheduler(max(1, delay_ms), lambda: self._settle(generation, ticket))

    def _settle(self, generation: int, ticket: int) -> None:
        pending = self._current(generation)
        if pending is None or pending.ticket != ticket:
            return
        pending.armed = False
        now = self._clock()
        if self._dialog_open(pending, now):
            pending.dialog_seen = True
            self._arm(pending, DIALOG_POLL_MS)
            return
        if pending.dialog_seen:  # it just closed: the program may ask again now
            pending.dialog_seen = False
            pending.last_request = max(pending.last_request, now)
            pending.taken_at = now  # the limit on holding it counts from here
        left_ms = (pending.last_request - now) * 1000 + self.restore_delay_ms
        held_ms = (now - (pending.taken_at or now)) * 1000
        if left_ms >= 1 and held_ms < MAX_HOLD_MS:
            self._arm(pending, math.ceil(left_ms))
            return
        self._finish(pending)

    def _give_up(self, generation: int) -> None:
        pending = self._current(generation)
        if pending is None or pending.state != "waiting":
            return
        if self._dialog_open(pending, self._clock()):  # a dialog before the request
            self._scheduler(DIALOG_POLL_MS, lambda: self._give_up(generation))
            return
        pending.state = "unconfirmed"  # any program asking from now on: a paste by hand
        self._report(pending, taken=False, confirmed=True, key="paste.unconfirmed")

    def _dialog_open(self, pending: Pending, now: float) -> bool:
        """A window of the chat program other than the chat window has the focus."""
        if pending.client is None or self.offer is None:
            return False
        try:
            active = self.foreground.current()
            if active is None or active == pending.target:
                open_ = False
            else:
                open_ = self.offer.client_of(active) == pending.client
        except Exception:
            open_ = False
        if not open_:
            pending.dialog_since = None
            return False
        if pending.dialog_since is None:
            pending.dialog_since = now
            log.info("the chat program shows a dialog; the clipboard waits for it")
        return (now - pending.dialog_since) * 1000 < self.dialog_timeout_ms

    def _on_lost(self, generation: int, selection: str, client: int | None) -> None:
        pending = self._current(generation)
        if pending is None:
            return
        pending.selections.discard(selection)
        if client is not None and client == pending.client and pending.state == "taken":
            # The chat program took it itself: xfce4-terminal's "paste several
            # lines?" dialog puts the (editable) text back on the clipboard and
            # pastes it from there. The agent's clipboard still comes back after.
            pending.last_request = self._clock()
            if not pending.armed:
                self._arm(pending, self.restore_delay_ms)
            return
        if selection == "CLIPBOARD":
            pending.snapshot = None  # the agent copied something new: keep theirs
        else:
            pending.primary = None  # something new is selected: keep it
            return
        if pending.state == "waiting":
            self._report(
                pending,
                taken=False,
                confirmed=True,
                key="paste.replaced",
                detail="another program took the clipboard before the chat window asked",
            )
        self._finish(pending)

    # -- putting the agent's clipboard back -----------------------------------

    def _finish(self, pending: Pending) -> None:
        if self._pending is pending:
            self._pending = None
        if not pending.offered:
            self._restore_snapshots(pending, check_text=False)
            return
        clear = [
            name
            for name, saved in (("CLIPBOARD", pending.snapshot), ("PRIMARY", pending.primary))
            if name in pending.selections and saved == {}
        ]
        try:
            assert self.offer is not None
            self.offer.release(clear)
        except Exception as exc:
            log.warning("could not stop serving the reply: %s", exc)
        self._restore_snapshots(pending, check_text=False)

    def _restore_legacy(self, generation: int) -> None:
        pending = self._current(generation)
        if pending is not None:
            self._pending = None
            self._restore_snapshots(pending, check_text=True)

    def _restore_snapshots(self, pending: Pending, check_text: bool) -> None:
        for board, saved in ((self.clipboard, pending.snapshot), (self.primary, pending.primary)):
            if board is None or saved is None:
                continue
            try:
                # Without an offer, a changed text is the only sign of a new copy.
                if check_text and _lf(board.text()) != _lf(pending.text):
                    continue
                if saved or not pending.offered:  # an empty one was cleared by release()
                    board.restore(saved)
            except Exception as exc:  # runs from a timer: nobody above to catch it
                log.warning("could not restore the clipboard: %s", exc)

    def _abandon(self) -> None:
        """Drop the pending paste; the clipboard is about to get something new."""
        pending, self._pending = self._pending, None
        if pending is None:
            return
        if pending.offered:
            pending.snapshot = None  # the caller sets the clipboard itself
            self._finish(pending)
        elif pending.primary is not None and self.primary is not None:
            try:
                self.primary.restore(pending.primary)
            except Exception as exc:
                log.warning("could not restore the primary selection: %s", exc)

    # -- reporting ------------------------------------------------------------

    def _report(
        self,
        pending: Pending,
        *,
        taken: bool,
        confirmed: bool,
        key: str,
        at: float | None = None,
        detail: str = "",
    ) -> None:
        if self.on_outcome is None:
            return
        elapsed = ((at if at is not None else self._clock()) - pending.started) * 1000
        outcome = PasteOutcome(
            pending.tag, taken, confirmed, key, pending.method, pending.app, elapsed, detail
        )
        try:
            self.on_outcome(outcome)
        except Exception:
            log.exception("the paste outcome could not be handled")


def _lf(text: str) -> str:
    # Windows may hand clipboard text back with CRLF line ends.
    return text.replace("\r\n", "\n")
