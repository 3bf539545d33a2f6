"""The search benchmark's pieces: the mid-title corpus and the frozen previous engine."""

from __future__ import annotations

from bench._search_v1 import SearchIndex as PreviousIndex
from bench._synthetic import LEADS, make_replies
from bench.bench_search import keystrokes, run_one
from quickreply.core.search import SearchIndex


def test_the_mid_title_corpus_opens_every_title_with_a_lead() -> None:
    replies = make_replies(300, mid_title=True)
    assert all(r.title.startswith(LEADS) for r in replies)
    assert make_replies(300, mid_title=True) == replies  # deterministic
    assert make_replies(300) != replies


def test_the_previous_engine_still_runs_beside_the_current_one() -> None:
    replies = make_replies(500)
    before = PreviousIndex(replies, cache_dir=None)
    now = SearchIndex(replies, cache_dir=None)
    for query in ("kj", "fahuo", "退款"):
        assert before.search(query, 5) and now.search(query, 5)


def test_one_benchmark_row_has_every_figure() -> None:
    row = run_one(300, 5, "midtitle")
    assert row["corpus"] == "midtitle" and row["keystrokes"] == len(keystrokes())
    for key in ("p50_ms", "p99_ms", "max_ms", "v1_p99_ms", "base_p50_ms", "cached_s"):
        assert float(row[key]) >= 0
