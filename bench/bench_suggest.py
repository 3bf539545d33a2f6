"""Benchmark: a buyer's message as the query (`SearchIndex.suggest`), top-3 accuracy.

    python -m bench.bench_suggest [--misses]

`bench/data/buyer_messages.tsv` holds buyer messages written for this
benchmark, each labelled with the scenarios of the built-in library whose
replies answer it. Rows alternate: even rows tuned the cue list
(`quickreply/core/search/intents.txt`), odd rows were held out. A message
counts as answered when a top-3 suggestion's scenario is one of its labels.

Baselines in the same run: the message typed into ordinary search, and
rapidfuzz (WRatio over title + scenario + tags). Also: how long one suggestion
takes on the built-in library and on a 100,000-reply synthetic one, and what
jieba would cost as the segmenter (import + dictionary load, memory).
Target: held-out top-3 >= 90 %.
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from quickreply.core.library import Library
from quickreply.core.model import Reply
from quickreply.core.search import SearchIndex

DATA = Path(__file__).resolve().parent / "data" / "buyer_messages.tsv"
# Written later, after the cue list was set, to see how it does on phrasings it
# was not built from. blind: 52 % when first measured, then its misses shaped
# cues, so it is no longer blind. blind2: 80 % when measured once; the only
# change since is the scenario spread of the first rows (not a cue). blind3:
# 98 % (42 of 43) when measured once, after search v2's keystroke work; no cue
# was changed after it.
BLIND = tuple(DATA.with_name(f"buyer_messages_{n}.tsv") for n in ("blind", "blind2", "blind3"))
TOP = 3


def messages(path: Path = DATA) -> list[tuple[str, frozenset[str]]]:
    """(message, acceptable scenarios) in file order."""
    rows: list[tuple[str, frozenset[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, labels = line.split("\t")
        rows.append((text, frozenset(labels.split("|"))))
    return rows


def halves(
    rows: Sequence[tuple[str, frozenset[str]]],
) -> tuple[list[tuple[str, frozenset[str]]], list[tuple[str, frozenset[str]]]]:
    """(tune, held out): even and odd rows."""
    return list(rows[0::2]), list(rows[1::2])


Ranker = Callable[[str], list[Reply]]


def accuracy(rank: Ranker, rows: Sequence[tuple[str, frozenset[str]]], top: int = TOP) -> float:
    good = sum(1 for text, labels in rows if any(r.scenario in labels for r in rank(text)[:top]))
    return good / len(rows) if rows else 0.0


def misses(rank: Ranker, rows: Sequence[tuple[str, frozenset[str]]]) -> list[str]:
    out = []
    for text, labels in rows:
        got = [r.scenario for r in rank(text)[:TOP]]
        if not any(s in labels for s in got):
            out.append(f"{text}  want {'|'.join(sorted(labels))}  got {got}")
    return out


def _rapidfuzz(replies: Sequence[Reply]) -> Ranker:
    from rapidfuzz import fuzz, process

    choices = [f"{r.title} {r.scenario} {' '.join(r.tags)}" for r in replies]

    def rank(text: str) -> list[Reply]:
        found = process.extract(text, choices, scorer=fuzz.WRatio, limit=TOP)
        return [replies[i] for _, _, i in found]

    return rank


def _jieba_cost() -> str:
    """jieba's import + dictionary load, and the memory it adds, in a fresh process."""
    code = (
        "import time\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
        "a = rss(); t = time.perf_counter()\n"
        "import jieba, logging\n"
        "jieba.setLogLevel(logging.WARNING); jieba.initialize(); jieba.lcut('老板能不能再便宜点啊')\n"
        "print(f'{time.perf_counter() - t:.2f} s, +{rss() - a:.0f} MiB')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    return done.stdout.strip() if done.returncode == 0 else "not installed"


def _timing(index: SearchIndex, rows: Sequence[tuple[str, frozenset[str]]]) -> tuple[float, float]:
    """(first message ms, median later message ms)."""
    times = []
    for text, _ in rows:
        started = time.perf_counter()
        index.suggest(text, TOP)
        times.append((time.perf_counter() - started) * 1000)
    return times[0], statistics.median(times[1:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the messages missed")
    parser.add_argument("--size", type=int, default=100_000, help="synthetic library size")
    args = parser.parse_args(argv)
    library = Library.load(home=Path(tempfile.mkdtemp(prefix="qr-bench-")))
    replies = list(library.replies)
    index = SearchIndex(replies, cache_dir=None)
    rows = messages()
    tune, held = halves(rows)

    def ours(text: str) -> list[Reply]:
        return [h.reply for h in index.suggest(text, TOP)]

    def typed(text: str) -> list[Reply]:
        return [h.reply for h in index.search(text, TOP)]

    fuzzy = _rapidfuzz(replies)
    print(
        f"{len(rows)} messages ({len(tune)} tune, {len(held)} held out), "
        f"{len(replies)} built-in replies, top-{TOP}"
    )
    print()
    blind = [messages(path) for path in BLIND]
    print(
        "| ranker | tune top-3 | held-out top-3 | held-out top-1 | blind top-3 | blind2 top-3 "
        "| blind3 top-3 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    rankers = (("suggest", ours), ("search (message typed)", typed), ("rapidfuzz WRatio", fuzzy))
    for name, rank in rankers:
        print(
            f"| {name} | {accuracy(rank, tune):.0%} | {accuracy(rank, held):.0%} "
            f"| {accuracy(rank, held, 1):.0%} | {accuracy(rank, blind[0]):.0%} "
            f"| {accuracy(rank, blind[1]):.0%} | {accuracy(rank, blind[2]):.0%} |"
        )
    first, later = _timing(SearchIndex(replies, cache_dir=None), rows)
    print()
    print(f"built-in library: first message {first:.1f} ms, then median {later:.2f} ms")
    if args.size:
        from bench._synthetic import make_replies

        big = SearchIndex(make_replies(args.size), cache_dir=None)
        gc.collect()
        first, later = _timing(big, rows)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{args.size:,} synthetic replies: first message {first:.1f} ms, "
            f"then median {later:.2f} ms (peak RSS {rss:.0f} MiB)"
        )
    print(f"jieba as the segmenter would add: {_jieba_cost()}")
    if args.misses:
        print()
        for line in (
            misses(ours, tune)
            + ["-- held out"]
            + misses(ours, held)
            + ["-- blind"]
            + [m for b in blind for m in misses(ours, b)]
        ):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
