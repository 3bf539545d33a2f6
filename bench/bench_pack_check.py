"""`quickreply pack check` on a 50,000-reply pack (target: under 5 s).

Baseline in the same run: tomllib.loads of the same file alone, the floor any
checker pays. Run: python -m bench.bench_pack_check [--replies 50000]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "亲",
    "您好",
    "发货",
    "包邮",
    "优惠券",
    "尺码",
    "退货",
    "运费险",
    "正品",
    "活动价",
    "😊",
    "～",
]


def make_pack(n: int) -> str:
    replies = []
    for i in range(n):
        body = "，".join(WORDS[(i + k) % len(WORDS)] for k in range(12))
        replies.append(
            {
                "id": f"r{i}",
                "title": f"{WORDS[i % len(WORDS)]}回复{i}",
                "text": f"亲，{body}，给您选{{尺码:S|M|L}}码哦。\n第二行说明{i}。",
                "scenario": f"场景/{WORDS[i % 7]}",
                "codes": [f"c{i}"],
                "tags": [WORDS[i % len(WORDS)], WORDS[(i + 3) % len(WORDS)]],
            }
        )
    data = {
        "format": 1,
        "pack": {"id": "bench.big", "name": "大包", "version": "1.0.0"},
        "reply": replies,
        "flow": [{"id": "f", "title": "流程", "steps": [f"r{i}" for i in range(0, n, 1000)]}],
    }
    return tomli_w.dumps(data, multiline_strings=True)


def timed(fn) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replies", type=int, default=50_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.toml"
        path.write_text(make_pack(args.replies), encoding="utf-8")
        size = path.stat().st_size / 2**20
        baseline = timed(lambda: tomllib.loads(path.read_text(encoding="utf-8")))

        def cli() -> None:
            subprocess.run(
                [sys.executable, "-m", "quickreply", "pack", "check", "-q", str(path)],
                cwd=ROOT,
                check=True,
                stdout=subprocess.DEVNULL,
            )

        command = min(timed(cli) for _ in range(3))
    print(f"pack check, {args.replies:,} replies ({size:.1f} MiB)")
    print("| measure | seconds |")
    print("|---|---|")
    print(f"| baseline: tomllib.loads alone | {baseline:.2f} |")
    print(f"| `quickreply pack check` (whole command, best of 3) | {command:.2f} |")
    print(f"| target | < 5.00 | {'PASS' if command < 5 else 'FAIL'}")


if __name__ == "__main__":
    main()
