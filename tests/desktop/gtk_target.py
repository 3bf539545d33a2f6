"""A GTK3 chat window stand-in: a GtkTextView that reports its text to a file.

Run with the system Python (python3-gi): /usr/bin/python3 gtk_target.py STATE_FILE
The state file (JSON, replaced atomically) holds the X window id and the text.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import gi

gi.require_version("Gtk", "3.0")
gi.require_version("GdkX11", "3.0")
from gi.repository import GdkX11, GLib, Gtk  # type: ignore[import-not-found]  # noqa: E402


def main() -> int:
    state = Path(sys.argv[1])
    window = Gtk.Window(title="QR GTK Target")
    window.set_wmclass("qrgtk", "QRGtk")
    window.set_default_size(500, 300)
    view = Gtk.TextView()
    window.add(view)
    buffer = view.get_buffer()

    def write(*_: object) -> None:
        gdk_window = window.get_window()
        wid = gdk_window.get_xid() if isinstance(gdk_window, GdkX11.X11Window) else 0
        start, end = buffer.get_bounds()
        data = {"wid": wid, "text": buffer.get_text(start, end, True), "pid": os.getpid()}
        tmp = state.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, state)

    buffer.connect("changed", write)
    window.connect("destroy", Gtk.main_quit)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, Gtk.main_quit)
    window.show_all()
    view.grab_focus()
    GLib.idle_add(lambda: write() and False)
    Gtk.main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
