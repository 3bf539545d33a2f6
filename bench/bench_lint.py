"""Linter speed: 100k replies, 500-character drafts, a 10,000-term team pack,
and the two Aho-Corasick libraries on our term lists.

    python -m bench.bench_lint [--replies N] [--drafts N]

Targets (ISSUE): 100k replies <= 2 s (best of three rounds); p99 <= 2 ms per 500-character draft;
a 10,000-term team pack slows linting by <= 1.5x. Baseline in the same run:
a naive `term in text` loop over the same terms (which finds far less: no
evasion, no patterns, no context).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Sequence

import ahocorasick
import ahocorasick_rs

from quickreply.core.lint import Linter
from quickreply.core.lint.normalize import compact, fold, normalize_term
from quickreply.core.model import Pack, Rule

# A lint-specific synthetic library: ordinary service sentences, now and then a
# red-line phrase, an evasion, a number or a typo, the way real replies look.
_OPENERS = ["亲,", "亲亲~", "您好,", "在的亲,", "感谢您的耐心等待,", "不好意思久等了,", ""]
_BODIES = [
    "这款是我们店的热销款,面料柔软透气,日常穿着很舒服",
    "今天16点前付款的订单当天发货,之后的次日发出",
    "您身高{身高}体重{体重}的话建议选{尺码:M}码",
    "七天无理由退换货,吊牌请保留,不影响二次销售即可",
    "快递默认中通,需要顺丰的话补一下差价就可以",
    "活动满199减20,优惠券在店铺首页领取",
    "最近发货量比较大,我们会第一时间为您安排",
    "这边帮您登记了,仓库核实后给您回复",
    "收到货有任何问题随时联系我们,一定给您处理好",
    "您最好先量一下平时穿的衣服,对照尺码表选择",
    "100%纯棉面料,洗后不易变形",
    "您的快递单号是SF1234567890123,可以在订单详情查看",
]
_CLOSERS = ["哦~", "呢😊", ",祝您生活愉快!", "。", ",有问题随时找我哈", ""]
_RISKY = [
    "加我微信发您图片",
    "全网最低价",
    "好评返现5元",
    "己经发货了",
    "加 v 聊",
    "电话13812345678",
    "假一赔十",
    "这是最好的面料",
]


# Most replies in a maintained library use full-width punctuation; about one in
# five (like tests/data/sample.toml) was typed with half-width commas.
_FULLWIDTH = str.maketrans({",": "\uff0c", "!": "\uff01", "?": "\uff1f", ":": "\uff1a"})


def synthetic_replies(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = [rng.choice(_OPENERS), rng.choice(_BODIES)]
        if rng.random() < 0.5:
            parts.append("," + rng.choice(_BODIES))
        if rng.random() < 0.05:
            parts.append("," + rng.choice(_RISKY))
        parts.append(rng.choice(_CLOSERS))
        text = "".join(parts)
        out.append(text.translate(_FULLWIDTH) if rng.random() < 0.8 else text)
    return out


def synthetic_draft(rng: random.Random, length: int = 500) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < length:
        parts.append(rng.choice(_BODIES) + rng.choice(_CLOSERS))
        if rng.random() < 0.1:
            parts.append(rng.choice(_RISKY))
    return "".join(parts)[:length].translate(_FULLWIDTH)


# Common CJK characters for random team terms: thousands of distinct first characters,
# the shape that slowed pyahocorasick down.
def _cjk_terms(count: int, seed: int = 11) -> list[str]:
    rng = random.Random(seed)
    terms: set[str] = set()
    while len(terms) < count:
        size = rng.choice((2, 3, 3, 4))
        terms.add("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(size)))
    return sorted(terms)


def team_pack(count: int) -> Pack:
    rule = Rule(
        id="team-terms", level="warning", message="团队禁用词", terms=tuple(_cjk_terms(count))
    )
    return Pack(id="bench.team", name="team", version="1.0.0", rules=(rule,))


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of this thread: other processes sharing the 2 cores do not count."""
    start = time.thread_time()
    fn()
    return time.thread_time() - start


def lint_all(linter: Linter, texts: Sequence[str]) -> int:
    return sum(len(linter.lint(t)) for t in texts)


def naive_all(terms: Sequence[str], texts: Sequence[str]) -> int:
    hits = 0
    for text in texts:
        for term in terms:
            if term in text:
                hits += 1
    return hits


def builtin_terms(linter: Linter) -> list[str]:
    terms: list[str] = []
    for rule in linter.rules:
        terms.extend(rule.terms)
        terms.extend(w for w, _ in rule.swap)
    return terms


def ac_throughput(terms: Sequence[str], haystack: str) -> tuple[float, float, int, int]:
    """MB/s of ahocorasick-rs and pyahocorasick on the same terms and text."""
    keys = sorted({normalize_term(t) for t in terms if normalize_term(t)})
    rs = ahocorasick_rs.AhoCorasick(keys)
    py = ahocorasick.Automaton()
    for i, k in enumerate(keys):
        py.add_word(k, i)
    py.make_automaton()
    size_mb = len(haystack.encode("utf-8")) / 1e6
    rs_hits = 0
    py_hits = 0

    def run_rs() -> None:
        nonlocal rs_hits
        rs_hits = len(rs.find_matches_as_indexes(haystack, overlapping=True))

    def run_py() -> None:
        nonlocal py_hits
        py_hits = sum(1 for _ in py.iter(haystack))

    t_rs = min(timed(run_rs) for _ in range(3))
    t_py = min(timed(run_py) for _ in range(3))
    return size_mb / t_rs, size_mb / t_py, rs_hits, py_hits


def pack_check_seconds(count: int) -> tuple[tuple[float, float], tuple[float, float]]:
    """(wall, CPU) seconds of `quickreply pack check` on a `count`-reply pack, with
    and without lint. CPU is the child's user + system time, which other
    processes on the machine do not inflate."""
    import os
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    import tomli_w

    texts = synthetic_replies(count, seed=5)
    data = {
        "format": 1,
        "pack": {"id": "bench.big", "name": "大包", "version": "1.0.0", "platforms": ["taobao"]},
        "reply": [
            {"id": f"r{i}", "title": f"回复{i}", "text": t, "scenario": "售前/接待"}
            for i, t in enumerate(texts)
        ],
    }
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.toml"
        path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")

        def run(*extra: str) -> tuple[float, float]:
            import resource

            cmd = [sys.executable, "-m", "quickreply", "pack", "check", "-q", *extra, str(path)]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, env=env, cwd=root, capture_output=True, check=False)
            wall = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            return wall, cpu

        return run(), run("--no-lint")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replies", type=int, default=100_000)
    parser.add_argument("--drafts", type=int, default=2_000)
    parser.add_argument("--team-terms", type=int, default=10_000)
    parser.add_argument("--platform", default="taobao")
    parser.add_argument("--pack-replies", type=int, default=50_000)
    args = parser.parse_args(argv)

    replies = synthetic_replies(args.replies)
    n = len(replies)
    rng = random.Random(3)
    drafts = [synthetic_draft(rng) for _ in range(args.drafts)]

    build = timed(lambda: Linter.for_platform(args.platform))
    linter = Linter.for_platform(args.platform)
    cached = timed(lambda: Linter.for_platform(args.platform))
    terms = builtin_terms(linter)
    pack = team_pack(args.team_terms)
    team_build = timed(lambda: Linter.for_platform(args.platform, [pack]))
    team_linter = Linter.for_platform(args.platform, [pack])

    lint_all(linter, replies[:2000])  # warm up caches
    lint_all(team_linter, replies[:2000])
    # Best of three rounds, interleaved, for the linter with and without the team
    # pack: on a shared machine one round can be a third slower than the next
    # (measured), and the slowdown figure needs both under the same load.
    t_lint = t_team = float("inf")
    for _ in range(3):
        t_lint = min(t_lint, timed(lambda: lint_all(linter, replies)))
        t_team = min(t_team, timed(lambda: lint_all(team_linter, replies)))
    t_naive = timed(lambda: naive_all(terms, replies))
    # The naive loop over 10,000 more terms takes minutes: time a tenth and scale it.
    tenth = replies[: max(1, n // 10)]
    all_terms = terms + list(team_linter.rules[-1].terms)
    t_naive_team = timed(lambda: naive_all(all_terms, tenth)) * n / len(tenth)

    # Per-draft latency, three rounds, best round kept. Wall time includes the
    # moments another process has the CPU (on a loaded 2-core machine a time
    # slice is ~4 ms, which lands inside 1% of calls); CPU time of this thread
    # does not, and is the linter's own cost.
    def p99_of(fn: Callable[[str], object], clock: Callable[[], float]) -> tuple[float, float]:
        best = (float("inf"), float("inf"))
        for _ in range(3):
            times = []
            for draft in drafts:
                start = clock()
                fn(draft)
                times.append(clock() - start)
            times.sort()
            p99_round = times[max(0, int(len(times) * 0.99) - 1)] * 1e3
            best = min(best, (p99_round, statistics.median(times) * 1e3))
        return best

    p99, p50 = p99_of(linter.lint, time.perf_counter)
    cpu_p99, cpu_p50 = p99_of(linter.lint, time.thread_time)
    naive_p99, _ = p99_of(lambda d: naive_all(terms, [d]), time.perf_counter)
    naive_cpu_p99, _ = p99_of(lambda d: naive_all(terms, [d]), time.thread_time)

    haystack = "\n".join(compact(fold(r)) for r in replies)
    rs_builtin, py_builtin, _, _ = ac_throughput(terms, haystack)
    rs_team, py_team, rs_hits, py_hits = ac_throughput(terms + list(pack.rules[0].terms), haystack)

    n = len(replies)
    print(
        f"linter bench: platform={args.platform}, {len(terms)} built-in terms/swaps, "
        f"{len(linter.rules)} rules, {n} replies, {len(drafts)} drafts of 500 chars"
    )
    print()
    print("times are CPU time of the benchmark thread unless marked (wall)")
    print(f"{'measure':<44} {'linter':>12} {'naive loop':>12} {'target':>10}")
    print("-" * 81)
    print(f"{f'lint {n} replies':<44} {t_lint:>11.2f}s {t_naive:>11.2f}s {'<= 2 s':>10}")
    print(f"{'draft 500 chars p50 (wall)':<44} {p50:>10.3f}ms {'':>12} {'':>10}")
    print(f"{'draft 500 chars p99 (wall)':<44} {p99:>10.3f}ms {naive_p99:>10.3f}ms {'<= 2 ms':>10}")
    print(f"{'draft 500 chars p50 (CPU time)':<44} {cpu_p50:>10.3f}ms {'':>12} {'':>10}")
    print(
        f"{'draft 500 chars p99 (CPU time)':<44} {cpu_p99:>10.3f}ms {naive_cpu_p99:>10.3f}ms "
        f"{'<= 2 ms':>10}"
    )
    print(
        f"{f'lint {n} replies + {args.team_terms} team terms':<44} {t_team:>11.2f}s "
        f"{t_naive_team:>10.2f}s* {'':>10}"
    )
    print(
        f"{'  slowdown from team terms':<44} {t_team / t_lint:>11.2f}x "
        f"{t_naive_team / t_naive:>11.2f}x {'<= 1.5x':>10}"
    )
    print(f"{'build linter (first / cached)':<44} {build * 1e3:>8.1f}ms / {cached * 1e6:.1f}us")
    print(f"{'build linter with team pack':<44} {team_build * 1e3:>10.1f}ms")
    (wall_check, cpu_check), (wall_format, cpu_format) = pack_check_seconds(args.pack_replies)
    print(
        f"{f'pack check, {args.pack_replies} replies (CPU, total)':<44} {cpu_check:>11.2f}s "
        f"{cpu_format:>10.2f}s\u2020 {'< 5 s':>10}"
    )
    print(
        f"{f'pack check, {args.pack_replies} replies (wall, total)':<44} {wall_check:>11.2f}s "
        f"{wall_format:>10.2f}s\u2020 {'< 5 s':>10}"
    )
    print()
    print(f"Aho-Corasick on {len(haystack.encode()) / 1e6:.1f} MB of normalised replies")
    print(f"{'term list':<44} {'ahocorasick-rs':>15} {'pyahocorasick':>15}")
    print("-" * 76)
    print(f"{f'built-in ({len(terms)})':<44} {rs_builtin:>10.1f} MB/s {py_builtin:>10.1f} MB/s")
    print(
        f"{f'built-in + {args.team_terms} CJK team terms':<44} {rs_team:>10.1f} MB/s "
        f"{py_team:>10.1f} MB/s"
    )
    print(f"(matches: ahocorasick-rs {rs_hits}, pyahocorasick {py_hits}: the same search)")
    print("* the naive loop with team terms is timed on a tenth of the replies and scaled")
    print("† baseline: the same pack check with --no-lint (format validation only)")


if __name__ == "__main__":
    main()
