"""Drives the real desktop backends on an X display and reports JSON lines.

Run with QT_QPA_PLATFORM=xcb and DISPLAY set:
  paste_driver.py EVENTS_FILE --text T --target WID          paste once into WID
  paste_driver.py EVENTS_FILE --text T --hotkey ctrl+alt+1   wait for the hotkey,
      remember the foreground window, show a palette, then paste there
  paste_driver.py EVENTS_FILE --text T --target WID --bench N --target-state FILE
      N timed pastes (palette shown and hidden each time, as in the app)

  paste_driver.py EVENTS_FILE --serve COMMANDS_FILE
      paste for each JSON line {"text": T, "target": WID} appended to COMMANDS_FILE

The service uses the production ReplyOffer (--qt-offer: QtReplyOffer, what
Windows uses; --no-offer: set the text, restore on a timer); "outcome" events
say whether the target took the reply, "restored" when the agent's clipboard
is back.

Each event is one JSON object per line in EVENTS_FILE. After the paste the
driver keeps running (it owns the restored clipboard) until --quit-file exists.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from quickreply.desktop.backends import (  # noqa: E402
    create_clipboard,
    create_primary_clipboard,
    create_reply_offer,
)
from quickreply.desktop.paste import PasteOutcome, PasteService  # noqa: E402
from quickreply.desktop.x11_hotkeys import X11HotkeyBackend  # noqa: E402
from quickreply.desktop.x11_input import X11Paster  # noqa: E402
from quickreply.desktop.x11_windows import X11ForegroundWindow  # noqa: E402


class Driver:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.app = QApplication([sys.argv[0]])
        self.app.setApplicationName("qrdriver")
        self.clipboard = create_clipboard()  # with the X11 owner probe, as in the app
        self.paster = X11Paster()
        self.foreground = X11ForegroundWindow()
        self.offer = None if args.no_offer else create_reply_offer()
        if args.qt_offer:  # what Windows uses, here on X11
            from quickreply.desktop.qt_offer import QtReplyOffer

            self.offer = QtReplyOffer()
        self.service = PasteService(
            self.clipboard,
            self.paster,
            self.foreground,
            offer=self.offer,
            primary=create_primary_clipboard(),
            app_methods=dict(pair.split("=", 1) for pair in args.app_method),
            restore_delay_ms=args.restore_ms,
            confirm_timeout_ms=args.confirm_ms,
            modifier_timeout=args.modifier_timeout,
            on_outcome=self.on_outcome,
        )
        self.outcomes: list[PasteOutcome] = []
        self.restore_watch = QTimer()
        self.restore_watch.timeout.connect(self.check_restored)
        self.palette = QLineEdit()
        self.palette.setWindowTitle("QR Palette")
        self.palette.resize(400, 40)
        self.hotkeys: X11HotkeyBackend | None = None

    # -- reporting ------------------------------------------------------------

    def emit(self, event: str, **fields: Any) -> None:
        line = json.dumps({"event": event, **fields}, ensure_ascii=False)
        with open(self.args.events, "a", encoding="utf-8") as f:
            f.write(line + "\n")

    def on_outcome(self, outcome: PasteOutcome) -> None:
        self.outcomes.append(outcome)
        self.emit(
            "outcome",
            wall=time.time(),
            taken=outcome.taken,
            confirmed=outcome.confirmed,
            message_key=outcome.message_key,
            elapsed_ms=outcome.elapsed_ms,
            tag=outcome.tag,
        )

    def check_restored(self) -> None:
        if not self.service.restore_pending:
            self.restore_watch.stop()
            self.after_restore()

    # -- helpers --------------------------------------------------------------

    def pump(self, seconds: float) -> None:
        """Run the event loop for a while (the clipboard is served from it)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.app.processEvents()
            time.sleep(0.002)

    def show_palette(self) -> bool:
        """Show and focus the palette as the app does; True once it is the active window."""
        self.palette.show()
        self.palette.raise_()
        self.palette.activateWindow()
        wid = int(self.palette.winId())
        end = time.monotonic() + 3
        while time.monotonic() < end:
            self.app.processEvents()
            if self.foreground.current() == wid:
                return True
            time.sleep(0.005)
        return False

    def paste(self, target: int | None) -> None:
        self.palette.hide()
        snapshot_formats = sorted(self.clipboard.snapshot()) if self.args.report_formats else []
        self.emit("pasting", wall=time.time())
        start = time.perf_counter()
        result = self.service.paste_text(self.args.text, target, self.args.method, tag="once")
        elapsed_ms = (time.perf_counter() - start) * 1000
        self.emit(
            "pasted",
            wall=time.time(),
            elapsed_ms=elapsed_ms,
            ok=result.ok,
            message_key=result.message_key,
            step=result.step,
            detail=result.detail,
            method=result.method,
            app=result.app,
            on_clipboard=result.on_clipboard,
            clipboard_saved=result.clipboard_saved,
            target=target,
            formats_before=snapshot_formats,
        )
        self.restore_watch.start(10)

    def after_restore(self) -> None:
        self.emit(
            "restored",
            wall=time.time(),
            pending=self.service.restore_pending,
            clipboard_text=self.clipboard.text(),
        )

    # -- modes ----------------------------------------------------------------

    def run_serve(self) -> None:
        """Paste for each JSON line {"text": T, "target": WID} appended to --serve FILE."""
        self.served = 0
        self.serve_timer = QTimer()
        self.serve_timer.timeout.connect(self.follow_commands)
        self.serve_timer.start(20)
        self.emit("ready")

    def follow_commands(self) -> None:
        if self.service.restore_pending or self.restore_watch.isActive():
            return  # one paste at a time: the last one is still being taken
        try:
            lines = Path(self.args.serve).read_text(encoding="utf-8").splitlines()
        except OSError:
            return
        if self.served < len(lines):
            command = json.loads(lines[self.served])
            self.served += 1
            self.args.text = command["text"]
            self.paste(int(command["target"]))

    def run_once(self) -> None:
        palette_active = self.show_palette() if self.args.palette else None
        self.emit("palette", active=palette_active)
        self.prepare()
        self.paste(self.args.target)

    def prepare(self) -> None:
        """What the app does while the agent types: read the clipboard ahead."""
        if not self.args.prefetch:
            return
        self.service.prepare()
        if self.args.change_after_prefetch:  # another program copies meanwhile
            subprocess.run(
                ["xclip", "-selection", "clipboard", "-i"],
                input=self.args.change_after_prefetch.encode(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=5,
                check=True,
            )
        self.pump(0.2)

    def run_hotkey(self) -> None:
        self.hotkeys = X11HotkeyBackend()
        self.hotkeys.register(self.args.hotkey, self.on_hotkey)
        self.emit("ready", hotkey=self.args.hotkey)

    def on_hotkey(self) -> None:
        remembered = self.foreground.current()
        app = self.foreground.app_name(remembered) if remembered else ""
        self.emit("hotkey", remembered=remembered, app=app)
        palette_active = self.show_palette()
        self.emit("palette", active=palette_active)
        QTimer.singleShot(50, lambda: self.paste(remembered))

    def own_clipboard_elsewhere(self, i: int) -> subprocess.Popen[bytes] | None:
        """Give the clipboard to another program: xclip (text) or a screenshot owner."""
        if not self.args.owner_size:
            subprocess.run(
                ["xclip", "-selection", "clipboard", "-i"],
                input=f"agent's own copy {i}".encode(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=5,
                check=True,
            )
            return None
        ready = Path(self.args.events).with_suffix(f".owner{i}")
        owner = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("clipboard_owner.py")),
                str(ready),
                f"agent's own copy {i}",
                "--size",
                self.args.owner_size,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        end = time.monotonic() + 20
        while not ready.exists() and time.monotonic() < end:
            self.pump(0.01)
        return owner

    def run_bench(self) -> None:
        target = self.args.target
        state_file = Path(self.args.target_state)
        timings: list[float] = []
        expected = json.loads(state_file.read_text(encoding="utf-8"))["text"]
        for i in range(self.args.bench):
            # Each round the agent's clipboard belongs to another program, as in real use.
            owner = self.own_clipboard_elsewhere(i)
            self.pump(0.05)
            if not self.show_palette():
                self.emit("error", message="palette never became active")
                return
            self.prepare()
            # a terminal warns about a multi-line paste, and types a line break as CR
            text = f"{i}: {self.args.text}" + (" " if self.args.one_line else "\n")
            expected += text.replace("\n", "\r") if self.args.newline_cr else text
            start = time.perf_counter()
            self.palette.hide()
            result = self.service.paste_text(text, target, self.args.method)
            if not result.ok:
                self.emit("error", message=f"paste {i} failed: {result.detail}")
                return
            while True:
                self.app.processEvents()
                try:
                    state = json.loads(state_file.read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    state = {"text": ""}
                if state["text"] == expected:
                    break
                if time.perf_counter() - start > 5:
                    self.emit("error", message=f"paste {i} never arrived", got=state["text"])
                    return
                time.sleep(0.0005)
            timings.append((time.perf_counter() - start) * 1000)
            end = time.monotonic() + 10  # let the restore run between rounds
            while self.service.restore_pending and time.monotonic() < end:
                self.pump(0.01)
            if owner is not None:
                owner.terminate()
                owner.wait(10)
        taken = [o.elapsed_ms for o in self.outcomes if o.taken]
        self.emit("bench", timings_ms=timings, taken_ms=taken)

    def run(self) -> int:
        a = self.args
        QTimer.singleShot(int(a.timeout * 1000), self.app.quit)
        ticker = QTimer()
        ticker.timeout.connect(self.check_quit)
        ticker.start(50)

        def start() -> None:
            try:
                if a.hotkey:
                    self.run_hotkey()
                elif a.serve:
                    self.run_serve()
                elif a.bench:
                    self.run_bench()
                    self.app.quit()
                else:
                    self.run_once()
            except Exception as exc:
                self.emit(
                    "error", message=f"{type(exc).__name__}: {exc}", tb=traceback.format_exc()
                )
                self.app.quit()

        QTimer.singleShot(0, start)
        return self.app.exec()

    def check_quit(self) -> None:
        if self.args.quit_file and Path(self.args.quit_file).exists():
            self.app.quit()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("events", type=Path)
    parser.add_argument("--text", default="")
    parser.add_argument("--serve", help="paste for each JSON line appended to this file")
    parser.add_argument("--target", type=lambda s: int(s, 0))
    parser.add_argument("--hotkey")
    parser.add_argument("--palette", action="store_true", help="focus a palette before pasting")
    parser.add_argument("--method")
    parser.add_argument("--app-method", action="append", default=[], help="APP=METHOD")
    parser.add_argument("--restore-ms", type=int, default=300)
    parser.add_argument("--confirm-ms", type=int, default=3000)
    parser.add_argument("--no-offer", action="store_true", help="set the text, restore on a timer")
    parser.add_argument("--qt-offer", action="store_true", help="serve it through QtReplyOffer")
    parser.add_argument("--modifier-timeout", type=float, default=2.0)
    parser.add_argument("--report-formats", action="store_true")
    parser.add_argument("--prefetch", action="store_true", help="PasteService.prepare() first")
    parser.add_argument("--change-after-prefetch", help="xclip this text after prepare()")
    parser.add_argument("--bench", type=int, default=0)
    parser.add_argument("--target-state")
    parser.add_argument("--one-line", action="store_true", help="bench: no line break")
    parser.add_argument("--newline-cr", action="store_true", help="bench: the target types CR")
    parser.add_argument("--owner-size", help="bench: a screenshot of this size owns the clipboard")
    parser.add_argument("--quit-file")
    parser.add_argument("--timeout", type=float, default=60.0)
    return Driver(parser.parse_args()).run()


if __name__ == "__main__":
    sys.exit(main())
