"""The talk-script note above the results: shown only while the agent is in that flow.

After a step of a talk script (话术流程) is pasted, the palette offers the next
step first and says so in this line. It belongs to that flow, so it shows
with an empty query (right after the step) or while one of the top results is
a step of the flow, and hides over unrelated searches, a form and the gate.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

TOP_HITS = 3  # the note shows while one of these rows is a step of the flow


class FlowNote(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PaletteNote")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.context: frozenset[str] = frozenset()  # the uids of the flow's steps
        self.hide()

    def set_note(self, text: str, context: Collection[str]) -> None:
        self.setText(text)
        self.context = frozenset(context)

    def follow(self, on_results: bool, query: str, top_uids: Iterable[str]) -> None:
        """Show or hide for what the palette shows now (`top_uids`: the first rows, in order)."""
        if not self.text() or not on_results:
            self.setVisible(False)
        elif not query.strip():
            self.setVisible(True)
        else:
            top = [uid for _, uid in zip(range(TOP_HITS), top_uids, strict=False)]
            self.setVisible(any(uid in self.context for uid in top))
