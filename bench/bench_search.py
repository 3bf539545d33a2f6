"""Benchmark: search latency per keystroke, index build time and memory.

    python -m bench.bench_search [--sizes 1000,10000,100000]

For each library size and corpus (`bench._synthetic`, fixed seed: the plain
synthetic library, and `midtitle`, whose titles hold the common syllables
mid-title) it types about 60 realistic queries key by key, timing `search`
for every prefix as the palette would, each keystroke seen for the first
time. In the same process and on the same keystrokes it times the previous
engine (`bench._search_v1`, frozen from before search v2) and the baseline a
developer would reach for first: `rapidfuzz.process.extract(query, [title +
text ...], scorer=WRatio, limit=20)`. Each size runs in its own process so its
peak memory (RSS, measured before the previous engine is built) is its own.
Prints a Markdown table.

Targets (2-core machine): first-seen keystrokes at 100k replies p99 <= 8 ms
and max <= 16 ms on both corpora. The index build is printed cold (a first
start with a library, or after an edit; beside the previous engine's cold
build) and cached (every later start).
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

QUERIES: tuple[str, ...] = (
    # as typed in Chinese (through an IME)
    "砍价",
    "优惠券",
    "发货",
    "退款",
    "快递",
    "尺码",
    "差评",
    "包邮",
    "发票",
    "催付",
    "库存",
    "运费险",
    "七天无理由",
    # full pinyin, polyphonic readings included
    "kanjia",
    "youhuiquan",
    "fahuo",
    "tuikuan",
    "kuaidi",
    "chima",
    "chaping",
    "baoyou",
    "fapiao",
    "dingjin",
    "shunfeng",
    "yunfeixian",
    "changkuan",
    "yinhangka",
    "zhongliang",
    "xiugaidizhi",
    "laokehu",
    # initials
    "kj",
    "yhq",
    "fh",
    "tk",
    "kd",
    "cm",
    "by",
    "sf",
    "yfx",
    "qtwly",
    "thh",
    "lkh",
    # mixes
    "kj优惠",
    "youhq",
    "退kuan",
    "fahuosj",
    "发货sj",
    # several words
    "优惠 砍价",
    "退款 银行卡",
    "kj yhq",
    "发货 顺丰",
    "tuikuan yinhang",
    # typos
    "fahou",
    "kanjai",
    "tuikaun",
    # codes, ASCII and full-width
    "kj12",
    "vip",
    "ＳＦ",
    # only in bodies
    "yuanlufanhui",
    "冷水手洗",
    "48小时",
)

LIMIT = 20


def keystrokes() -> list[str]:
    return [q[:n] for q in QUERIES for n in range(1, len(q) + 1)]


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def _time_keys(search: Callable[[str], object], keys: list[str]) -> list[float]:
    times: list[float] = []
    for key in keys:
        started = time.perf_counter()
        search(key)
        times.append(time.perf_counter() - started)
    return times


def run_one(size: int, baseline_keys: int, corpus: str) -> dict[str, float | str]:
    from rapidfuzz import fuzz, process

    from bench._search_v1 import SearchIndex as PreviousIndex
    from bench._synthetic import make_replies
    from quickreply.core.search import SearchIndex

    replies = make_replies(size, mid_title=corpus == "midtitle")
    gc.collect()
    rss_before = _rss_mib()
    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        index = SearchIndex(replies, cache_dir=Path(cache))
        cold = time.perf_counter() - started
        assert index.cache_status == "miss", index.cache_status
        rss_index = _rss_mib()
        del index
        gc.collect()
        started = time.perf_counter()
        index = SearchIndex(replies, cache_dir=Path(cache))
        cached = time.perf_counter() - started
        assert index.cache_status == "hit", index.cache_status

    keys = keystrokes()
    times = _time_keys(partial(index.search, limit=LIMIT), keys)
    peak = _rss_mib()
    del index
    gc.collect()
    started = time.perf_counter()
    previous = PreviousIndex(replies, cache_dir=None)
    previous_cold = time.perf_counter() - started
    before = _time_keys(partial(previous.search, limit=LIMIT), keys)
    del previous

    choices = [r.title + r.text for r in replies]
    # The baseline is slow: at large sizes time an even sample of the same keystrokes.
    step = max(1, len(keys) // baseline_keys) if baseline_keys else 1
    sample = keys[::step]
    base = _time_keys(
        lambda k: process.extract(k, choices, scorer=fuzz.WRatio, limit=LIMIT), sample
    )
    ours_on_sample = [times[keys.index(k)] for k in sample]
    return {
        "corpus": corpus,
        "size": size,
        "keystrokes": len(keys),
        "p50_ms": statistics.median(times) * 1000,
        "p99_ms": _percentile(times, 99) * 1000,
        "max_ms": max(times) * 1000,
        "v1_p50_ms": statistics.median(before) * 1000,
        "v1_p99_ms": _percentile(before, 99) * 1000,
        "v1_max_ms": max(before) * 1000,
        "base_keys": len(sample),
        "base_p50_ms": statistics.median(base) * 1000,
        "base_p99_ms": _percentile(base, 99) * 1000,
        "speedup_mean": statistics.fmean(base) / statistics.fmean(ours_on_sample),
        "cold_s": cold,
        "v1_cold_s": previous_cold,
        "cached_s": cached,
        "index_mib": rss_index - rss_before,
        "peak_mib": peak,
    }


def table(rows: list[dict[str, float | str]]) -> str:
    lines = [
        "| corpus | replies | p50 ms | p99 ms | max ms | previous p50 | previous p99 "
        "| previous max | rapidfuzz p50 | rapidfuzz p99 | vs rapidfuzz (mean) | build cold s "
        "| previous build cold s | build cached s | index MiB | peak RSS MiB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['corpus']} | {r['size']:,} | {r['p50_ms']:.2f} | {r['p99_ms']:.2f} "
            f"| {r['max_ms']:.2f} | {r['v1_p50_ms']:.2f} | {r['v1_p99_ms']:.2f} "
            f"| {r['v1_max_ms']:.2f} | {r['base_p50_ms']:.1f} | {r['base_p99_ms']:.1f} "
            f"| {r['speedup_mean']:.0f}x | {r['cold_s']:.2f} | {r['v1_cold_s']:.2f} "
            f"| {r['cached_s']:.2f} "
            f"| {r['index_mib']:.0f} | {r['peak_mib']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="library sizes, comma-separated"
    )
    parser.add_argument(
        "--baseline-keys",
        type=int,
        default=0,
        help="time the baseline on about this many keystrokes (all below 100k, else 80)",
    )
    parser.add_argument(
        "--corpora",
        default="synthetic,midtitle",
        help="synthetic and/or midtitle (comma-separated)",
    )
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", default="synthetic", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        keys = args.baseline_keys or (0 if args.one < 100_000 else 80)
        print(json.dumps(run_one(args.one, keys, args.corpus)))
        return 0
    rows = []
    root = Path(__file__).resolve().parent.parent
    for corpus in (c.strip() for c in args.corpora.split(",") if c.strip()):
        for size in (int(s) for s in args.sizes.split(",") if s.strip()):
            cmd = [sys.executable, "-m", "bench.bench_search", "--one", str(size)]
            cmd += ["--corpus", corpus]
            if args.baseline_keys:
                cmd += ["--baseline-keys", str(args.baseline_keys)]
            done = subprocess.run(cmd, cwd=root, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print(f"{corpus} {size:,}: done", file=sys.stderr)
    print(
        f"{len(QUERIES)} queries typed key by key, limit {LIMIT}; Python {sys.version.split()[0]}"
    )
    print()
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
