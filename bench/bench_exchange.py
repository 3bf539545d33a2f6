"""Importing a 10,000-row Qianniu quick-phrase export, beside csv.reader on the same file.

Run: python -m bench.bench_exchange [--rounds N]

The file is what Qianniu writes: GB18030, CRLF, the 快捷短语编码,快捷短语,快捷短语分组
header, a third of the phrases on several lines with commas and quotes. Measured:

- read: `core.exchange.read_file` (decode, rows, replies with ids, titles,
  scenarios and codes). Baseline: decoding the bytes and `list(csv.reader(...))`,
  the least any importer does.
- import --out: read, build the pack, write TOML and check it (what
  `quickreply import FILE --out PACK.toml` does before linting).
- merge: into an empty personal pack and again into the full one (every row
  already there), written with its backup.
- export: the pack back to Qianniu's GB18030 CSV.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ROWS = 10_000


def make_export(path: Path, rows: int = ROWS, seed: int = 11) -> None:
    from bench._synthetic import make_replies

    rng = random.Random(seed)
    lines = [["快捷短语编码", "快捷短语", "快捷短语分组"]]
    for i, reply in enumerate(make_replies(rows)):
        text = reply.text.replace("{", "（").replace("}", "）")
        if rng.random() < 0.33:
            text = f'{text}\r\n另外，"活动价"以页面为准，有问题随时找我哦'
        code = f"k{i}" if rng.random() < 0.7 else ""
        group = reply.scenario.split("/")[0] if rng.random() < 0.8 else ""
        lines.append([code, text, group])
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(lines)
    path.write_bytes(buffer.getvalue().encode("gb18030"))


def timed(fn: Callable[[], object], rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="qr-bench-exchange-"))
    os.environ["QUICKREPLY_HOME"] = str(folder / "home")

    from quickreply.core.exchange import export_bytes, merge_into_personal, new_pack, read_file
    from quickreply.core.packs import check_text, dumps_pack

    path = folder / "快捷短语.csv"
    make_export(path)
    size_mb = path.stat().st_size / 1e6

    def baseline() -> None:
        text = path.read_bytes().decode("gb18030")
        list(csv.reader(io.StringIO(text, newline="")))

    result = read_file(path)
    assert len(result.replies) == ROWS and not result.errors, result.problems[:3]

    def import_out() -> None:
        replies = read_file(path).replies
        text = dumps_pack(new_pack(replies, "team.qn", "千牛"))
        assert check_text(text).ok

    read_ms = timed(lambda: read_file(path), args.rounds)
    base_ms = timed(baseline, args.rounds)
    out_ms = timed(import_out, max(1, args.rounds // 2))
    pack = new_pack(result.replies, "team.qn", "千牛")
    export_ms = timed(lambda: export_bytes(pack, "qianniu"), args.rounds)
    started = time.perf_counter()
    first = merge_into_personal(result.replies)
    merge_first = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    again = merge_into_personal(result.replies)
    merge_again = (time.perf_counter() - started) * 1000
    assert len(first.added) + len(first.unchanged) == ROWS and len(again.unchanged) == ROWS

    print(f"Qianniu export: {ROWS:,} rows, {size_mb:.1f} MB GB18030 ({args.rounds} rounds, median)")
    print(f"  {'read_file -> replies':<40} {statistics.median(read_ms):8.0f} ms")
    print(f"  {'baseline: decode + csv.reader':<40} {statistics.median(base_ms):8.0f} ms")
    ratio = statistics.median(read_ms) / statistics.median(base_ms)
    print(f"  {'  ratio':<40} {ratio:8.1f}x")
    print(f"  {'import --out (read, TOML, pack check)':<40} {statistics.median(out_ms):8.0f} ms")
    label = f"merge into an empty personal pack ({len(first.added):,} new)"
    print(f"  {label:<40} {merge_first:8.0f} ms")
    print(f"  {'merge again (all 10,000 already there)':<40} {merge_again:8.0f} ms")
    print(f"  {'export to Qianniu CSV':<40} {statistics.median(export_ms):8.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
