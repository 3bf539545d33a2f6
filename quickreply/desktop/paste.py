"""The paste path after Enter: focus back, reply offered, keystroke, clipboard back.

Every step can fail. The rule: the reply is never lost, and neither is the
agent's own clipboard. When a step fails after the reply reached the
clipboard, it stays there and the result tells the UI to ask for a paste by
hand.

The reply is served by a ReplyOffer (X11: our own selection owner), which
reports each program that asks for it. The agent's clipboard comes back once
the chat window has taken the reply (`restore_delay_ms` after its last
request, longer while the chat program shows a dialog of its own, e.g. a
terminal's "paste several lines?"), not after a guess. When the chat window
does not ask within `confirm_timeout_ms`, the outcome is `paste.unconfirmed`:
the reply stays on the clipboard for a paste by hand, and the agent's
clipboard comes back after that paste (or when the app quits). Without an
offer (no X11) the old way stands: set the text, restore after a delay, and
the outcome is reported as not confirmed.

Outcomes arrive later, on the Qt thread, through `on_outcome`. Pure Python
apart from the default scheduler (a QTimer), so the logic is unit-tested with
fakes.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from quickreply.core.ports import (
    PASTE_METHODS,
    Clipboard,
    ClipboardSnapshot,
    DesktopError,
    ForegroundWindow,
    Paster,
    ReplyOffer,
    ReplyRequest,
    WindowHandle,
)
from quickreply.desktop.paste_keys import (
    DEFAULT_APP_METHODS,
    SHIFT_INSERT,
    is_wine_app,
    normalise_app,
)
from quickreply.desktop.paste_messages import MESSAGES

__all__ = [
    "DEFAULT_APP_METHODS",
    "MESSAGES",
    "PasteOutcome",
    "PasteResult",
    "PasteService",
    "normalise_app",
]

log = logging.getLogger(__name__)

DEFAULT_METHOD = "ctrl+v"
DEFAULT_RESTORE_DELAY_MS = 300
DEFAULT_CONFIRM_TIMEOUT_MS = 3000
DEFAULT_DIALOG_TIMEOUT_MS = 120_000
DIALOG_POLL_MS = 100

Scheduler = Callable[[int, Callable[[], None]], None]


def qt_scheduler(delay_ms: int, callback: Callable[[], None]) -> None:
    """Run `callback` on the Qt event loop after `delay_ms` (never blocks)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(delay_ms, callback)


@dataclass(frozen=True)
class PasteResult:
    """What paste_text() did right away (the keystroke); see PasteOutcome for the rest."""

    ok: bool
    message_key: str
    step: str = ""  # the step that failed: activate, clipboard, modifiers, keystroke
    detail: str = ""  # technical detail for the log, English
    method: str = ""
    app: str = ""
    on_clipboard: bool = False  # the reply was left on the clipboard for a paste by hand
    # False when the agent's earlier clipboard could not be read, so it will not come back
    clipboard_saved: bool = True

    def message(self, lang: str = "zh") -> str:
        texts = MESSAGES[self.message_key]
        return texts.get(lang, texts["en"])


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
class _Pending:
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
    dialog_seen: bool = False
    ticket: int = 0


class PasteService:
    def __init__(
        self,
        clipboard: Clipboard,
        paster: Paster,
        foreground: ForegroundWindow,
        *,
        offer: ReplyOffer | None = None,
        primary: Clipboard | None = None,
        app_methods: Mapping[str, str] | None = None,
        default_method: str = DEFAULT_METHOD,
        restore_delay_ms: int = DEFAULT_RESTORE_DELAY_MS,
        confirm_timeout_ms: int = DEFAULT_CONFIRM_TIMEOUT_MS,
        dialog_timeout_ms: int = DEFAULT_DIALOG_TIMEOUT_MS,
        modifier_timeout: float = 2.0,
        scheduler: Scheduler = qt_scheduler,
        clock: Callable[[], float] = time.monotonic,
        on_outcome: Callable[[PasteOutcome], None] | None = None,
    ) -> None:
        self.clipboard = clipboard
        self.paster = paster
        self.foreground = foreground
        self.offer = offer
        self.primary = primary  # X11's PRIMARY selection; None where there is none
        _check_method(default_method)
        self.default_method = default_method
        self.restore_delay_ms = restore_delay_ms
        self.confirm_timeout_ms = confirm_timeout_ms
        self.dialog_timeout_ms = dialog_timeout_ms
        self.modifier_timeout = modifier_timeout
        self.on_outcome = on_outcome
        self._scheduler = scheduler
        self._clock = clock
        self._app_methods: dict[str, str] = {}
        self.set_app_methods(app_methods or {})
        self._pending: _Pending | None = None
        self._generation = 0

    # -- configuration --------------------------------------------------------

    def set_app_methods(self, mapping: Mapping[str, str], *, keep_defaults: bool = True) -> None:
        """Per-app paste keys (app name -> one of PASTE_METHODS); raises DesktopError.

        The agent's mapping goes over DEFAULT_APP_METHODS unless keep_defaults is False.
        App names are matched case-insensitively, without ".exe".
        """
        merged = {**DEFAULT_APP_METHODS, **mapping} if keep_defaults else dict(mapping)
        checked: dict[str, str] = {}
        for app, method in merged.items():
            _check_method(method, f" (for the app {app!r})")
            checked[normalise_app(app)] = method
        self._app_methods = checked

    def method_for(self, app: str) -> str:
        return self._app_methods.get(normalise_app(app), self.default_method)

    # -- the paste path -------------------------------------------------------

    def paste_text(
        self,
        text: str,
        target_window: WindowHandle | None,
        method: str | None = None,
        tag: object = None,
    ) -> PasteResult:
        """Paste `text` into `target_window`; never raises (see the module docstring).

        An ok result means the keystroke went out; `on_outcome` says later
        whether the chat window took the reply.
        """
        started = self._clock()
        if not text:
            return PasteResult(False, "paste.empty", step="render")
        if target_window is None:
            return self._leave_on_clipboard(text, "paste.no_target", "activate", "no target")
        raw_app = self._app_name(target_window)
        app = normalise_app(raw_app)
        chosen = method or self.method_for(app)
        if chosen not in PASTE_METHODS:
            log.error("paste_text called with an unknown paste key %r", chosen)
            return self._leave_on_clipboard(
                text, "paste.keystroke_failed", "keystroke", f"unknown paste key {chosen!r}"
            )
        # Backends talk to the OS; whatever they raise (a lost X connection is not
        # a DesktopError), the reply must end up on the clipboard, not in a traceback.
        try:
            focused = self.foreground.activate(target_window)
        except Exception as exc:
            log.warning("activating the target failed", exc_info=True)
            focused, problem = False, f": {exc}"
        else:
            problem = ""
        if not focused:
            return self._leave_on_clipboard(
                text,
                "paste.window_gone",
                "activate",
                f"window {target_window:#x} ({app or 'unknown app'}) did not take the focus"
                + problem,
                chosen,
                app,
            )
        pending = self._new_pending(text, chosen, app)
        pending.tag, pending.target, pending.started = tag, target_window, started
        if self.offer is not None and not is_wine_app(raw_app):
            pending.client = self._client_of(target_window)
        try:
            self._put_reply(pending)
        except Exception as exc:
            self._pending = None
            return PasteResult(False, "paste.clipboard_failed", "clipboard", str(exc), chosen, app)
        try:
            released = self.paster.wait_modifiers_released(self.modifier_timeout)
        except Exception as exc:
            return self._failed_after_set(pending, "paste.keystroke_failed", "modifiers", str(exc))
        if not released:
            return self._failed_after_set(
                pending,
                "paste.modifiers_held",
                "modifiers",
                f"modifier keys still down after {self.modifier_timeout:g} s",
            )
        pending.sent_at = self._clock()
        try:
            self.paster.paste(chosen)
        except Exception as exc:
            return self._failed_after_set(pending, "paste.keystroke_failed", "keystroke", str(exc))
        saved = pending.snapshot is not None
        generation = pending.generation
        if pending.offered:
            self._scheduler(self.confirm_timeout_ms, lambda: self._give_up(generation))
        else:  # nothing can tell when it is taken: assume it is, restore after the delay
            self._report(pending, taken=True, confirmed=False, key="paste.done")
            pending.state = "taken"
            if saved:
                self._scheduler(self.restore_delay_ms, lambda: self._restore_legacy(generation))
            else:
                self._pending = None
        return PasteResult(True, "paste.done", method=chosen, app=app, clipboard_saved=saved)

    def prepare(self) -> None:
        """Call as the palette opens: reads the agent's clipboard ahead of Enter.

        Optional. It moves the cost of saving a big clipboard (a screenshot) from
        the moment of pasting to the time the agent spends typing the query.
        Best run right after the palette is shown (QTimer.singleShot(0, ...)).
        """
        prefetch = getattr(self.clipboard, "prefetch", None)
        if prefetch is None or self._pending is not None:
            return  # with a restore pending, the saved clipboard is already known
        try:
            prefetch()
        except Exception as exc:  # the paste will simply read it then
            log.info("could not read the clipboard ahead: %s", exc)

    def copy_only(self, text: str) -> PasteResult:
        """Put `text` on the clipboard and leave it there (the "copy" action)."""
        self._abandon()
        try:
            self.clipboard.set_text(text)
        except Exception as exc:
            return PasteResult(False, "paste.clipboard_failed", "clipboard", str(exc))
        return PasteResult(True, "paste.copied", on_clipboard=True)

    def restore_now(self) -> None:
        """Put the agent's clipboard back now (the app quits), whatever the paste's state."""
        pending = self._pending
        if pending is not None:
            self._finish(pending)

    @property
    def restore_pending(self) -> bool:
        return self._pending is not None

    @property
    def awaiting_paste_by_hand(self) -> bool:
        """The last paste was not taken: the reply waits on the clipboard."""
        return self._pending is not None and self._pending.state == "unconfirmed"

    # -- putting the reply on the clipboard -----------------------------------

    def _new_pending(self, text: str, method: str, app: str) -> _Pending:
        previous = self._pending
        self._generation += 1
        if previous is not None:
            # A paste right after another: the clipboard still holds the previous
            # reply, so keep the agent's own clipboard from the first paste.
            snapshot, primary = previous.snapshot, previous.primary
            if previous.offered and previous.state == "waiting":
                self._report(previous, taken=False, confirmed=True, key="paste.unconfirmed")
        else:
            snapshot, primary = self._take_snapshot(self.clipboard, "clipboard"), None
        if method == SHIFT_INSERT and self.primary is not None and primary is None:
            primary = self._take_snapshot(self.primary, "primary selection")
        pending = _Pending(self._generation, text, snapshot, primary, method=method, app=app)
        self._pending = pending
        return pending

    def _put_reply(self, pending: _Pending) -> None:
        wanted = {"CLIPBOARD"} | ({"PRIMARY"} if pending.primary is not None else set())
        generation = pending.generation
        if self.offer is not None:
            try:
                self.offer.offer(
                    pending.text,
                    sorted(wanted),
                    lambda request: self._on_request(generation, request),
                    lambda selection, client: self._on_lost(generation, selection, client),
                )
            except Exception as exc:
                log.warning("serving the reply ourselves failed, setting it as text: %s", exc)
            else:
                pending.offered, pending.selections = True, wanted
                return
        self.clipboard.set_text(pending.text)
        if pending.primary is not None and self.primary is not None:
            try:
                self.primary.set_text(pending.text)
            except Exception as exc:
                log.warning("could not set the primary selection: %s", exc)

    def _take_snapshot(self, board: Clipboard, what: str) -> ClipboardSnapshot | None:
        try:
            return board.snapshot()
        except Exception as exc:
            log.warning("could not save the %s, it will not be restored: %s", what, exc)
            return None

    # -- what the chat window does with it ------------------------------------

    def _current(self, generation: int) -> _Pending | None:
        pending = self._pending
        return pending if pending is not None and pending.generation == generation else None

    def _on_request(self, generation: int, request: ReplyRequest) -> None:
        pending = self._current(generation)
        if pending is None or pending.sent_at is None or request.at < pending.sent_at:
            return  # before the keystroke: a clipboard manager or a program watching it
        if pending.state == "unconfirmed":
            # Pasted by hand, wherever: the agent did it. From now on that program counts.
            pending.state = "taken"
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
            self._report(pending, taken=True, confirmed=True, key="paste.done", at=request.at)
        pending.last_request = max(pending.last_request, request.at)
        self._arm(pending, self.restore_delay_ms)

    def _arm(self, pending: _Pending, delay_ms: int) -> None:
        """One live settle timer per paste: the latest one."""
        pending.ticket += 1
        generation, ticket = pending.generation, pending.ticket
        self._scheduler(max(1, delay_ms), lambda: self._settle(generation, ticket))

    def _settle(self, generation: int, ticket: int) -> None:
        pending = self._current(generation)
        if pending is None or pending.ticket != ticket:
            return
        now = self._clock()
        if self._dialog_open(pending, now):
            pending.dialog_seen = True
            self._arm(pending, DIALOG_POLL_MS)
            return
        if pending.dialog_seen:  # it just closed: the program may ask again now
            pending.dialog_seen = False
            pending.last_request = max(pending.last_request, now)
        left_ms = (pending.last_request - now) * 1000 + self.restore_delay_ms
        if left_ms >= 1:
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
        pending.state = "unconfirmed"
        pending.sent_at = self._clock()  # a paste by hand from now on takes it
        self._report(pending, taken=False, confirmed=True, key="paste.unconfirmed")

    def _dialog_open(self, pending: _Pending, now: float) -> bool:
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

    def _finish(self, pending: _Pending) -> None:
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

    def _restore_snapshots(self, pending: _Pending, check_text: bool) -> None:
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
        pending: _Pending,
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

    def _app_name(self, handle: WindowHandle) -> str:
        try:
            return self.foreground.app_name(handle)
        except Exception:  # only picks the paste key: the default key will do
            log.warning("could not tell which program owns window %#x", handle, exc_info=True)
            return ""

    def _client_of(self, handle: WindowHandle) -> int | None:
        try:
            return self.offer.client_of(handle) if self.offer is not None else None
        except Exception:
            return None

    def _leave_on_clipboard(
        self, text: str, key: str, step: str, detail: str, method: str = "", app: str = ""
    ) -> PasteResult:
        self._abandon()
        try:
            self.clipboard.set_text(text)
        except Exception as exc:
            return PasteResult(
                False, "paste.clipboard_failed", "clipboard", f"{detail}; {exc}", method, app
            )
        return PasteResult(False, key, step, detail, method, app, on_clipboard=True)

    def _failed_after_set(self, pending: _Pending, key: str, step: str, detail: str) -> PasteResult:
        log.warning("paste failed at %s: %s", step, detail)
        if pending.offered:
            # The reply stays served: the agent's paste by hand takes it, then
            # their own clipboard comes back.
            pending.state = "unconfirmed"
            pending.sent_at = self._clock()
        elif self._pending is pending:
            self._pending = None  # set as text: restoring would take the reply away
        return PasteResult(False, key, step, detail, pending.method, pending.app, on_clipboard=True)


def _lf(text: str) -> str:
    # Windows may hand clipboard text back with CRLF line ends.
    return text.replace("\r\n", "\n")


def _check_method(method: str, where: str = "") -> None:
    if method not in PASTE_METHODS:
        raise DesktopError(
            f"unknown paste key {method!r}{where}; use one of {', '.join(PASTE_METHODS)}"
        )
