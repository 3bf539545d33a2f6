"""Search behaviour beyond ranking: spans, highlighting, empty queries, usage,
incremental typing, and the `quickreply search` verb."""

from __future__ import annotations

import json

import pytest

from quickreply.core import search as search_module
from quickreply.core.model import Reply
from quickreply.core.search import Hit, SearchIndex, UsageStat, highlight, tag_spans
from tests.conftest import SEARCH_LIBRARY as LIBRARY
from tests.conftest import run_cli


def hit(index: SearchIndex, query: str, reply_id: str) -> Hit:
    found = [h for h in index.search(query, limit=50) if h.reply.id == reply_id]
    assert found, f"{reply_id} not found for {query!r}"
    return found[0]


def painted(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [segment for segment, is_match in highlight(text, spans) if is_match]


# -- spans


def test_characters_highlight_where_they_stand(index: SearchIndex) -> None:
    h = hit(index, "砍价", "bargain-promise")
    assert painted(h.reply.title, h.spans["title"]) == ["砍价"]
    assert h.spans["title"] == ((3, 5),)


@pytest.mark.parametrize("query", ["kj", "kanjia", "kanj", "砍jia", "ＫＪ", "KanJia"])
def test_pinyin_highlights_the_characters_it_read(index: SearchIndex, query: str) -> None:
    h = hit(index, query, "bargain-tips")
    assert highlight(h.reply.title, h.spans["title"]) == [("砍价", True), ("应对技巧", False)]


def test_polyphonic_reading_highlights_its_character(index: SearchIndex) -> None:
    h = hit(index, "dianzhang", "manager-pick")
    assert painted(h.reply.title, h.spans["title"]) == ["店长"]
    assert painted(h.reply.text, h.spans["text"]) == ["店长"]


def test_every_word_is_highlighted_in_every_field(index: SearchIndex) -> None:
    h = hit(index, "优惠 砍价", "bargain-promise")
    assert painted(h.reply.title, h.spans["title"]) == ["砍价"]
    tags = " ".join(h.reply.tags)
    assert painted(tags, h.spans["tags"]) == ["砍价", "优惠"]
    assert painted(h.reply.text, h.spans["text"]) == ["优惠"]


def test_tag_spans_are_split_per_tag(index: SearchIndex) -> None:
    h = hit(index, "学生", "bargain-student")
    assert tag_spans(h.reply, h.spans["tags"]) == [("砍价", ()), ("学生", ((0, 2),))]


def test_scenario_and_code_spans(index: SearchIndex) -> None:
    h = hit(index, "yijia", "bargain-promise")
    assert painted(h.reply.scenario, h.spans["scenario"]) == ["议价"]
    h = hit(index, "kj", "bargain-promise")
    assert painted(" ".join(h.reply.codes), h.spans["codes"]) == ["kj"]


def test_full_width_text_is_highlighted_in_the_original(index: SearchIndex) -> None:
    h = hit(index, "sf", "express-sf")
    # the title holds sf twice: as ＳＦ and as the initials of 顺丰 right after it
    assert painted(h.reply.title, h.spans["title"]) == ["ＳＦ顺丰"]
    assert painted(h.reply.text, h.spans["text"]) == ["ＳＦ"]


def test_emoji_in_text_keeps_spans_on_the_right_characters(index: SearchIndex) -> None:
    h = hit(index, "送您", "holiday")  # 节日快乐🎉送您...
    assert painted(h.reply.text, h.spans["text"]) == ["送您"]
    h = hit(index, "😊", "thanks")
    assert painted(h.reply.text, h.spans["text"]) == ["😊"]


def test_typo_hits_highlight_what_was_meant(index: SearchIndex) -> None:
    h = hit(index, "chnogxin", "resend")
    assert painted(h.reply.title, h.spans["title"]) == ["重新"]


def test_spans_name_only_known_fields(index: SearchIndex) -> None:
    for query in ("kj", "优惠 砍价", "sf", "fahou", "16"):
        for h in index.search(query):
            assert set(h.spans) <= set(search_module.FIELDS)
            for spans in h.spans.values():
                assert all(0 <= s < e for s, e in spans)


# -- highlight, a pure helper


def test_highlight_cuts_text_into_segments() -> None:
    assert highlight("砍价应对技巧", [(0, 2)]) == [("砍价", True), ("应对技巧", False)]
    assert highlight("砍价应对技巧", [(2, 4), (0, 1)]) == [
        ("砍", True),
        ("价", False),
        ("应对", True),
        ("技巧", False),
    ]


def test_highlight_merges_overlaps_and_ignores_nonsense() -> None:
    assert highlight("abcdef", [(1, 3), (2, 5)]) == [("a", False), ("bcde", True), ("f", False)]
    assert highlight("abc", [(2, 2), (5, 9)]) == [("abc", False)]
    assert highlight("abc", [(1, 99)]) == [("a", False), ("bc", True)]
    assert highlight("", [(0, 1)]) == []
    assert highlight("好😊", [(1, 2)]) == [("好", False), ("😊", True)]


# -- the empty query


def test_empty_query_lists_the_library_in_order(index: SearchIndex, replies: tuple) -> None:
    assert [h.reply.id for h in index.search("", limit=5)] == [r.id for r in replies[:5]]
    assert [h.reply.id for h in index.search("   ", limit=3)] == [r.id for r in replies[:3]]


def test_empty_query_puts_most_used_first(replies: tuple[Reply, ...]) -> None:
    by_id = {r.id: r for r in replies}
    usage = {
        by_id["thanks"].uid: UsageStat(10, 1000.0),
        by_id["coupon"].uid: UsageStat(2, 900.0),
    }
    index = SearchIndex(replies, usage, cache_dir=None)
    found = [h.reply.id for h in index.search("", limit=4)]
    assert found == ["thanks", "coupon", replies[0].id, replies[1].id]


def test_set_usage_changes_the_order_without_a_rebuild(replies: tuple[Reply, ...]) -> None:
    index = SearchIndex(replies, cache_dir=None)
    last = replies[-1]
    assert index.search("")[0].reply.id == replies[0].id
    index.set_usage({last.uid: UsageStat(1, 5.0), "no/such-reply": UsageStat(9, 9.0)})
    assert index.search("")[0].reply.id == last.id
    index.set_usage({})
    assert index.search("")[0].reply.id == replies[0].id


def test_limit_is_respected(index: SearchIndex) -> None:
    assert len(index.search("", limit=7)) == 7
    assert len(index.search("k", limit=3)) == 3
    assert index.search("k", limit=0) == []


def test_a_library_without_replies_finds_nothing() -> None:
    index = SearchIndex([], cache_dir=None)
    assert index.search("kj") == []
    assert index.search("") == []


# -- incremental typing


@pytest.mark.parametrize(
    "query", ["kanjiayouhui", "优惠 砍价", "fahuo shunfeng", "chnogxin", "ＳＦ顺丰", "kj优惠"]
)
def test_typing_key_by_key_gives_what_a_fresh_search_gives(
    replies: tuple[Reply, ...], query: str
) -> None:
    typing = SearchIndex(replies, cache_dir=None)
    for n in range(1, len(query) + 1):
        prefix = query[:n]
        fresh = SearchIndex(replies, cache_dir=None).search(prefix)
        assert typing.search(prefix) == fresh, prefix


def test_search_is_deterministic(index: SearchIndex) -> None:
    for query in ("k", "kj", "砍价", "fahou", "优惠 砍价"):
        assert index.search(query) == index.search(query)


def test_large_synthetic_library_agrees_with_a_fresh_index() -> None:
    from bench._synthetic import make_replies

    replies = make_replies(3000)
    typing = SearchIndex(replies, cache_dir=None)
    for query in ("tuikuan", "kj yhq", "yuanlu"):
        for n in range(1, len(query) + 1):
            fresh = SearchIndex(replies, cache_dir=None).search(query[:n])
            assert typing.search(query[:n]) == fresh, query[:n]


def test_scores_order_the_hits(index: SearchIndex) -> None:
    hits = index.search("k", limit=30)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


# -- the command line


def test_cli_search_finds_by_initials() -> None:
    done = run_cli("search", "kj", "--pack", str(LIBRARY), "--json")
    assert done.returncode == 0, done.stderr
    found = [row["id"] for row in json.loads(done.stdout)]
    assert "search.test/bargain-tips" in found
    assert found.index("search.test/parcel-lost") < found.index("search.test/bargain-promise")


def test_cli_search_prints_codes_and_titles() -> None:
    done = run_cli("search", "yhq", "--pack", str(LIBRARY))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "search.test/coupon [yhq]  优惠券怎么用"


def test_public_surface_is_what_it_claims() -> None:
    for name in search_module.__all__:
        assert hasattr(search_module, name), name
    assert set(search_module.__all__) >= {"SearchIndex", "Hit", "highlight", "UsageStat"}


@pytest.mark.parametrize(
    "query", ["a" * 200, "zhongguo" * 10, "砍" * 100, "(", "[a-z]", "\\", "\x00"]
)
def test_odd_and_pasted_queries_are_safe(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_a_long_ascii_word_still_matches_as_typed(replies: tuple[Reply, ...]) -> None:
    long_word = "x" * 40
    extra = Reply(id="long", title="长编号", text=f"订单号 {long_word} 已收到", pack_id="t")
    index = SearchIndex((*replies, extra), cache_dir=None)
    assert [h.reply.id for h in index.search(long_word)] == ["long"]


@pytest.mark.parametrize("odd", [False, True], ids=["one-pass", "line-break-in-a-code"])
@pytest.mark.parametrize("typed", ["kj1", "ＫＪ１", "Kj1"])
def test_codes_are_folded_for_matching_like_the_query(typed: str, odd: bool) -> None:
    """Codes are folded in one pass over all of them at build (code by code when a
    hand-built reply's code holds a line break): each still matches whatever form it
    was written or typed in (full-width, capitals)."""
    replies = [
        Reply(id="a", title="砍价", text="亲，已经是最低价了", codes=("ＫＪ１",), pack_id="p"),
        Reply(id="b", title="发货", text="今天发", codes=("fh", "kj2"), pack_id="p"),
    ]
    if odd:
        replies.append(Reply(id="c", title="包邮", text="包邮的", codes=("by\n1",), pack_id="p"))
    index = SearchIndex(replies, cache_dir=None)
    assert index.search(typed)[0].reply.id == "a"
    assert index.search("kj2")[0].reply.id == "b"
    assert index.search("fh")[0].reply.id == "b"
