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
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from quickreply.core.ports import (
    PASTE_METHODS,
    Clipboard,
    ClipboardSnapshot,
    DesktopError,
    ForegroundWindow,
    Paster,
    ReplyOffer,
    TargetElevated,
    WindowHandle,
)
from quickreply.core.settings import Settings
from quickreply.desktop.paste_confirm import (
    PasteOutcome,
    Pending,
    RestoreAfterTaken,
    Scheduler,
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


_TIMERS: set[Any] = set()


def qt_scheduler(delay_ms: int, callback: Callable[[], None]) -> None:
    """Run `callback` on the Qt event loop after `delay_ms` (never blocks).

    A precise timer: Qt's default (coarse) one may fire up to 5 % early, and a
    ceiling that says "did not ask within 3 s" must not say it at 2.85 s.
    """
    from PySide6.QtCore import Qt, QTimer

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setTimerType(Qt.TimerType.PreciseTimer)

    def fire() -> None:
        _TIMERS.discard(timer)
        try:
            callback()
        except Exception:  # an event-loop callback: nobody above to catch it
            log.exception("a paste timer failed")

    timer.timeout.connect(fire)
    _TIMERS.add(timer)  # alive until it fires
    timer.start(delay_ms)


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


class PasteService(RestoreAfterTaken):
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
        self._pending: Pending | None = None
        self._generation = 0

    # -- configuration --------------------------------------------------------

    def configure(self, settings: Settings) -> None:
        """Take the agent's paste settings (at start and after every settings change)."""
        self.set_app_methods(settings["paste_methods"])
        _check_method(settings["paste_method"])
        self.default_method = settings["paste_method"]
        self.restore_delay_ms = settings["restore_delay_ms"]
        self.confirm_timeout_ms = settings["paste_confirm_ms"]

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
            key = "paste.elevated" if isinstance(exc, TargetElevated) else "paste.keystroke_failed"
            return self._failed_after_set(pending, key, "keystroke", str(exc))
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

    def _new_pending(self, text: str, method: str, app: str) -> Pending:
        previous = self._pending
        self._generation += 1
        if previous is not None:
            # A paste right after another: the clipboard still holds the previous
            # reply, so keep the agent's own clipboard from the first paste.
            snapshot, primary = previous.snapshot, previous.primary
            use_primary = previous.use_primary
            if previous.offered and previous.state == "waiting":
                self._report(previous, taken=False, confirmed=True, key="paste.unconfirmed")
        else:
            snapshot, primary = self._take_snapshot(self.clipboard, "clipboard"), None
            use_primary = False
        if method == SHIFT_INSERT and self.primary is not None and not use_primary:
            # Set PRIMARY even when the old one cannot be read (its owner hangs):
            # xterm must paste the reply, not whatever was selected.
            use_primary = True
            primary = self._take_snapshot(self.primary, "primary selection")
        pending = Pending(self._generation, text, snapshot, primary, method=method, app=app)
        pending.use_primary = use_primary
        self._pending = pending
        return pending

    def _put_reply(self, pending: Pending) -> None:
        wanted = {"CLIPBOARD"} | ({"PRIMARY"} if pending.use_primary else set())
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
        if pending.use_primary and self.primary is not None:
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

    def _failed_after_set(self, pending: Pending, key: str, step: str, detail: str) -> PasteResult:
        log.warning("paste failed at %s: %s", step, detail)
        if pending.offered:
            # The reply stays served: the agent's paste by hand takes it, then
            # their own clipboard comes back.
            pending.state = "unconfirmed"
            pending.sent_at = self._clock()
        elif self._pending is pending:
            self._pending = None  # set as text: restoring would take the reply away
        return PasteResult(False, key, step, detail, pending.method, pending.app, on_clipboard=True)


def _check_method(method: str, where: str = "") -> None:
    if method not in PASTE_METHODS:
        raise DesktopError(
            f"unknown paste key {method!r}{where}; use one of {', '.join(PASTE_METHODS)}"
        )
