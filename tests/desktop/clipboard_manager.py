"""A small X11 clipboard manager (freedesktop protocol), for the quit-handover test.

Run: clipboard_manager.py READY_FILE SAVED_FILE
Owns CLIPBOARD_MANAGER. Asked to convert SAVE_TARGETS, it reads every format
from the clipboard's owner, writes them to SAVED_FILE (JSON, hex bytes per
format), takes the clipboard over and serves them from then on, as
xfsettingsd's and gnome-settings-daemon's managers do. Debian's small
managers (parcellite, clipit, xfce4-clipman) do not implement SAVE_TARGETS,
and the ones that do come with a whole desktop session.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from Xlib import X, Xatom, display
from Xlib.protocol import event as xevent

META = {"TARGETS", "TIMESTAMP", "MULTIPLE", "SAVE_TARGETS", "DELETE", "INSERT_SELECTION"}


def main() -> int:
    ready, saved_file = Path(sys.argv[1]), Path(sys.argv[2])
    d = display.Display()
    window = d.screen().root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
    atom = d.intern_atom
    manager, clipboard = atom("CLIPBOARD_MANAGER"), atom("CLIPBOARD")
    prop = atom("QR_MANAGER_DATA")
    window.set_selection_owner(manager, X.CurrentTime)
    d.flush()
    saved: dict[int, tuple[int, bytes]] = {}  # target atom -> (type, data)
    ready.write_text("ready", encoding="utf-8")

    def fetch(target: int) -> tuple[int, bytes] | None:
        window.convert_selection(clipboard, target, prop, X.CurrentTime)
        d.flush()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            while d.pending_events():
                ev = d.next_event()
                if ev.type == X.SelectionNotify and ev.requestor.id == window.id:
                    if ev.property == X.NONE:
                        return None
                    value = window.get_full_property(prop, X.AnyPropertyType, sizehint=1 << 22)
                    window.delete_property(prop)
                    if value is None or value.property_type == atom("INCR"):
                        return None
                    return int(value.property_type), _bytes(value)
                if ev.type == X.SelectionRequest:
                    refuse(ev)
            time.sleep(0.002)
        return None

    def refuse(ev: Any) -> None:
        answer(ev, X.NONE)

    def answer(ev: Any, property_: int) -> None:
        notify = xevent.SelectionNotify(
            time=ev.time,
            requestor=ev.requestor,
            selection=ev.selection,
            target=ev.target,
            property=property_,
        )
        ev.requestor.send_event(notify)
        d.flush()

    def save(ev: Any) -> None:
        owner = d.get_selection_owner(clipboard)
        if getattr(owner, "id", owner) == window.id:  # it is ours already: nothing to fetch
            answer(ev, ev.property or ev.target)
            return
        saved.clear()
        targets = fetch(atom("TARGETS"))
        names: list[int] = []
        if targets is not None:
            count = len(targets[1]) // 4
            names = list(
                int.from_bytes(targets[1][i * 4 : i * 4 + 4], "little") for i in range(count)
            )
        for target in names:
            if d.get_atom_name(target) in META:
                continue
            got = fetch(target)
            if got is not None:
                saved[target] = got
        window.set_selection_owner(clipboard, X.CurrentTime)
        record = {d.get_atom_name(t): data.hex() for t, (_, data) in saved.items()}
        tmp = saved_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        os.replace(tmp, saved_file)
        answer(ev, ev.property or ev.target)

    def serve(ev: Any) -> None:
        prop_ = ev.property or ev.target
        if ev.target == atom("TARGETS"):
            ev.requestor.change_property(prop_, Xatom.ATOM, 32, [atom("TARGETS"), *saved])
        elif ev.target in saved:
            kind, data = saved[ev.target]
            ev.requestor.change_property(prop_, kind, 8, data)
        else:
            refuse(ev)
            return
        answer(ev, prop_)

    while True:
        ev = d.next_event()
        if ev.type == X.SelectionRequest:
            if ev.selection == manager and ev.target == atom("SAVE_TARGETS"):
                save(ev)
            elif ev.selection == clipboard and saved:
                serve(ev)
            else:
                refuse(ev)
        elif ev.type == X.SelectionClear and ev.atom == clipboard:
            saved.clear()


def _bytes(value: Any) -> bytes:
    data = value.value
    if isinstance(data, (bytes, bytearray)):
        return bytes(data)
    if isinstance(data, str):
        return data.encode("latin-1")
    width = value.format // 8
    return b"".join(int(v).to_bytes(width, "little") for v in data)


if __name__ == "__main__":
    sys.exit(main())
