"""Does the clipboard's owner answer at all? Asked on X11 before Qt reads the clipboard.

Qt waits 5 s for every clipboard request; with a hung owner, reading the list
of formats costs 5 s and `hasImage()` alone tried for 110 s (measured). A
short TARGETS request on our own connection finds out first, so a hung owner
costs half a second and the paste goes on without saving that clipboard.
"""

from __future__ import annotations

import time

from quickreply.desktop._x11 import open_display


class X11SelectionProbe:
    def __init__(self, display_name: str | None = None, selection: str = "CLIPBOARD") -> None:
        from Xlib import X

        self._display = open_display(display_name)
        root = self._display.screen().root
        # An unmapped window of our own: the owner sends its answer to it.
        self._window = root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        self._selection = self._display.intern_atom(selection)
        self._targets = self._display.intern_atom("TARGETS")
        self._property = self._display.intern_atom("QUICKREPLY_PROBE")

    def owner(self) -> int:
        """The window owning the clipboard (0: none); a new copy usually changes it."""
        from Xlib import X

        owner = self._display.get_selection_owner(self._selection)
        return 0 if owner == X.NONE else int(owner.id)

    def owner_responds(self, timeout: float = 0.5) -> bool:
        """True if the clipboard has no owner or the owner answers within `timeout`."""
        from Xlib import X

        if self._display.get_selection_owner(self._selection) == X.NONE:
            return True
        self._window.convert_selection(
            self._selection, self._targets, self._property, X.CurrentTime
        )
        self._display.flush()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            while self._display.pending_events():
                event = self._display.next_event()
                if event.type == X.SelectionNotify and event.requestor.id == self._window.id:
                    self._window.delete_property(self._property)
                    self._display.flush()
                    return True
            time.sleep(0.005)
        return False

    def close(self) -> None:
        self._display.close()
