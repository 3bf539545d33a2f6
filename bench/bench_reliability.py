"""Reliability figures (issue 13), each beside a baseline measured in the same run.

    python -m bench.bench_reliability

1. Folding overlapping findings (`_drop_nested`): the O(n log n) sweep against
   the quadratic original (tests/reliability/test_lint_bounds.py keeps it as
   the oracle), on n findings; then whole lints of the issue's inputs
   (270 KB with ~15,000 findings per 60,000 words; 加微信 x 20,000).
2. Rule patterns: the built-in patterns on a 300 KB text under `re` (the
   baseline) and under `regex` with its time budget (what the linter runs);
   and a backtracking pattern that passes the shape check, under both engines
   (`re` is cut short by running it on a short input only: it cannot be stopped).
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import regex

from quickreply.core.lint import Linter, engine
from quickreply.core.lint.findings import Finding
from quickreply.core.lint.profiles import rules_for
from quickreply.core.model import PLATFORMS
from tests.reliability.test_lint_bounds import _reference_drop_nested


def _time(fn: Callable[[], object], repeat: int = 1) -> float:
    """Best CPU time of `repeat` runs (CPU, not wall: the machine is shared)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _findings(n: int, rng: random.Random) -> list[Finding]:
    out = []
    for _ in range(n):
        start = rng.randrange(n * 3)
        end = start + rng.randint(1, 6)
        out.append(
            Finding(
                rng.choice(["a", "b", "c", "d"]),
                rng.choice(["error", "warning", "info"]),
                start,
                end,
                "x" * (end - start),
                "m",
                None,
            )
        )
    return out


def drop_nested() -> None:
    print("_drop_nested (CPU ms, best of 3): n | quadratic original | O(n log n)")
    rng = random.Random(13)
    for n in (1_000, 3_000, 15_000):
        items = _findings(n, rng)
        new = _time(lambda items=items: engine._drop_nested(list(items)), 3)
        old = (
            _time(lambda items=items: _reference_drop_nested(list(items)))
            if n <= 3_000
            else float("nan")
        )
        print(f"  {n:>6} | {old * 1000:>10.1f} | {new * 1000:>8.1f}")
    print("  (the original at 15,000 is not run: some 25x its 3,000 figure)")


def whole_lints() -> None:
    rng = random.Random(13)
    words = ["亲，", "加微信", "最好", "全网最低", "好评返现", "发货很快。", "包邮哦", "第一"]
    big = "".join(rng.choice(words) for _ in range(30_000))
    wechat = "加微信" * 20_000
    linter = Linter.for_platform("taobao")
    small = "加微信" * 3_000
    new = _time(lambda: linter.lint(small))
    original = engine._drop_nested
    engine._drop_nested = _reference_drop_nested
    try:
        old = _time(lambda: linter.lint(small))
    finally:
        engine._drop_nested = original
    print(
        f"lint 加微信 x 3,000: {old * 1000:.0f} ms CPU with the original _drop_nested "
        f"(baseline), {new * 1000:.0f} ms now"
    )
    for name, text in (("mixed red lines", big), ("加微信 x 20,000", wechat)):
        found: list[Finding] = []
        took = _time(lambda text=text, found=found: found.extend(linter.lint(text)))
        print(
            f"lint {name}: {len(text.encode()) // 1024} KB, {took * 1000:.0f} ms CPU, "
            f"{len(found)} findings (cap {engine.MAX_FINDINGS})"
        )


def patterns() -> None:
    patterns = [r.pattern for r in rules_for(PLATFORMS, ()) if r.pattern]
    text = "亲，这款是100%纯棉的，手机13812345678，网址www.taobao.com 欢迎光临。" * 6000
    flags_re, flags_rx = re.IGNORECASE, regex.IGNORECASE | regex.VERSION0
    compiled_re = [re.compile(p, flags_re) for p in patterns]
    compiled_rx = [regex.compile(p, flags_rx) for p in patterns]
    t_re = _time(lambda: [len(p.findall(text)) for p in compiled_re], 3)
    t_rx = _time(lambda: [len(p.findall(text, timeout=10)) for p in compiled_rx], 3)
    kb = len(text.encode()) // 1024
    print(
        f"built-in patterns ({len(patterns)}) on {kb} KB: re {t_re * 1000:.0f} ms (baseline), "
        f"regex with a budget {t_rx * 1000:.0f} ms"
    )
    hostile = r"\d*\d*\d*\d*\d*\d*\d*\d*(?=y)"
    for n in (10, 14, 18):
        t = _time(lambda n=n: re.search(hostile, "1" * n))
        print(f"  backtracking pattern on {n} digits: re {t * 1000:.0f} ms (grows as n^8)")
    rx = regex.compile(hostile)
    start = time.perf_counter()
    try:
        rx.search("1" * 50_000, timeout=engine.PATTERN_BUDGET_S)
        outcome = "finished"
    except TimeoutError:
        outcome = "stopped by the budget"
    took = time.perf_counter() - start
    print(f"  same pattern on 50,000 digits: regex {outcome} after {took * 1000:.0f} ms")


if __name__ == "__main__":
    drop_nested()
    whole_lints()
    patterns()
