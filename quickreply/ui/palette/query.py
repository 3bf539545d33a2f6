"""The query box, and every text field of the fill-in form.

A Chinese agent types through an input method: while it is composing (pinyin
not yet committed), Enter belongs to the input method and must never paste.
The box remembers the composition so the palette's key handling can tell.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QLineEdit, QWidget


class QueryEdit(QLineEdit):
    """The query box; it remembers whether an input method is composing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preedit = ""

    @property
    def composing(self) -> bool:
        return bool(self.preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self.preedit = event.preeditString()
        super().inputMethodEvent(event)

    def commit_preedit(self) -> None:
        """Commit what the input method is composing, as the IME's own Enter would."""
        text = self.preedit
        commit = QInputMethodEvent("", [])
        commit.setCommitString(text)
        self.inputMethodEvent(commit)
        QGuiApplication.inputMethod().reset()
