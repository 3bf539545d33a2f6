"""What the log and the agent hear about a paste: copied, pasted, unconfirmed, failed.

`pasted` is said only once the chat window took the text (the paste service's
outcome); a paste nobody took is `paste_unconfirmed` with a notification that
says where the reply is, and a paste that failed on the way says which step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from quickreply.desktop.paste import PasteOutcome, PasteResult
from quickreply.ui.eventlog import EventLog

Notify = Callable[..., None]  # Tray.notify(title, message, error=False)
Report = Callable[..., None]  # QuickReplyApp._report(kind, message, **fields)


def _title() -> str:
    return QCoreApplication.translate("QuickReplyApp", "快捷回复")


class PasteReports:
    def __init__(
        self, events: EventLog, notify: Notify, report: Report, language: Callable[[], str]
    ) -> None:
        self.events = events
        self.notify = notify
        self.report = report
        self.language = language

    @property
    def _lang(self) -> str:
        return "en" if self.language() == "en" else "zh"

    def copied(self, uid: str, ms: float, result: PasteResult) -> None:
        self.events.emit("copied", reply=uid, ms=ms)
        self.notify(_title(), result.message(self._lang))

    def failed(self, uid: str, result: PasteResult) -> None:
        self.report(
            "paste_failed",
            result.message(self._lang),
            reply=uid,
            step=result.step,
            detail=result.detail,
            on_clipboard=result.on_clipboard,
        )

    def outcome(self, outcome: PasteOutcome) -> None:
        """The paste service's word on whether the chat window took the text."""
        fields: dict[str, Any] = {
            "reply": outcome.tag,
            "ms": round(outcome.elapsed_ms, 2),
            "method": outcome.method,
        }
        if outcome.taken:
            self.events.emit("pasted", confirmed=outcome.confirmed, **fields)
            return
        self.events.emit(
            "paste_unconfirmed", reason=outcome.message_key, app=outcome.app, **fields
        )
        self.notify(_title(), outcome.message(self._lang), error=True)
