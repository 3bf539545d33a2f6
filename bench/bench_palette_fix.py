"""The palette's new per-keystroke and per-hotkey work, each beside a same-run baseline.

    python -m bench.bench_palette_fix [--rounds N]

- an edit in the gate -> findings listed again (real taobao linter, a reply of
  about 120 characters with four findings; underlines, rows and fix buttons
  rebuilt), p95 against one frame (16 ms). Baseline: the linter call alone.
- an edit in the form -> preview rendered and underlined. Same baseline.
- where the agent types (X11, Xvfb + openbox, a real Qt window focused):
  `focus_spot()` before the palette opens. Baseline: one XGetInputFocus
  round trip on the same connection. Target: a fraction of the 50 ms
  hotkey -> palette budget (bench_app measures that whole path).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
REPLY = (
    "亲，加我微信领一张最好用的优惠券，全网最低价哦，欢迎下次在来。"
    "今天16点前付款的订单当天发货，之后的次日发出；收到货有任何问题随时联系我们，一定给您处理好。"
    "尺码不合适七天无理由退换，吊牌请保留。"
)


def _line(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[int(len(values) * 0.95)]
    return (
        f"  {name:<48} median {statistics.median(values):7.2f} ms   p95 {p95:7.2f} ms"
        f"   (n={len(values)})"
    )


def bench_edits(rounds: int) -> tuple[list[float], list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    from quickreply.core import render
    from quickreply.core.lint import Linter
    from quickreply.core.model import Reply
    from quickreply.ui.palette.form import FormPage
    from quickreply.ui.palette.gate import ConfirmPage

    app = QApplication.instance() or QApplication([])
    lint = Linter.for_platform("taobao").lint
    lint(REPLY)  # rules compiled before timing
    gate = ConfirmPage()
    gate.resize(740, 380)
    gate.show()
    gate.open(REPLY, lint)
    form = FormPage()
    form.resize(740, 380)
    form.show()
    template = "亲，您身高{身高}、体重{体重}，建议选{推荐尺码:S|M|L|XL}码，" + REPLY
    reply = Reply(id="f", title="尺码", text=template, pack_id="b")
    fields = form.ask(reply, render.questions(template), form, {}, lint)
    height = fields[0][1]
    gate_ms, form_ms, lint_ms = [], [], []
    for i in range(rounds):
        text = REPLY + "好" * (i % 7)  # a new text each time: nothing cached by the linter
        started = time.perf_counter()
        gate.text.setPlainText(text)
        gate.repaint()
        gate_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        height.setText(f"{160 + i}cm")  # type: ignore[union-attr]
        form.repaint()
        form_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        lint(text + "。")
        lint_ms.append((time.perf_counter() - started) * 1000)
    app.processEvents()
    return gate_ms, form_ms, lint_ms


def bench_focus_spot(rounds: int) -> tuple[list[float], list[float]]:
    sys.path.insert(0, str(ROOT))
    from quickreply.desktop.x11_focus import X11FocusLocator
    from quickreply.desktop.x11_windows import X11ForegroundWindow
    from tests.desktop.apps import start_target
    from tests.desktop.xserver import start_openbox, start_xvfb

    spot_ms, round_trip_ms = [], []
    with tempfile.TemporaryDirectory(prefix="qr-bench-focus-") as tmp:
        display = start_xvfb(Path(tmp) / "x")
        try:
            start_openbox(display)
            chat = start_target(display, Path(tmp))
            foreground = X11ForegroundWindow(display.name)
            foreground.activate(chat.wid)
            locator = X11FocusLocator(display.name)
            assert locator.focus_spot() is not None, "no focused window to measure"
            for _ in range(rounds):
                started = time.perf_counter()
                locator.focus_spot()
                spot_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                locator._display.get_input_focus()
                round_trip_ms.append((time.perf_counter() - started) * 1000)
            locator.close()
            foreground.close()
        finally:
            display.stop()
    return spot_ms, round_trip_ms


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    gate_ms, form_ms, lint_ms = bench_edits(args.rounds)
    print("an edit -> findings / preview redone (offscreen, real taobao linter)")
    print(_line("gate: text edited -> findings, rows, repaint", gate_ms))
    print(_line("form: field edited -> preview, repaint", form_ms))
    print(_line("baseline: the linter call alone", lint_ms))
    p95 = max(sorted(gate_ms)[int(len(gate_ms) * 0.95)], sorted(form_ms)[int(len(form_ms) * 0.95)])
    print(f"   -> p95 {p95:.2f} ms {'OK' if p95 <= 16 else 'OVER TARGET'} (one frame, 16 ms)")
    spot_ms, round_trip_ms = bench_focus_spot(args.rounds)
    print("where the agent types (X11, Xvfb + openbox, a Qt window focused)")
    print(_line("focus_spot()", spot_ms))
    print(_line("baseline: one XGetInputFocus round trip", round_trip_ms))
    median = statistics.median(spot_ms)
    print(f"   -> median {median:.2f} ms {'OK' if median <= 5 else 'OVER TARGET'} (<= 5 ms)")
    return 0 if p95 <= 16 and median <= 5 else 1


if __name__ == "__main__":
    sys.exit(main())
