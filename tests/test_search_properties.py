"""Property tests: any piece of a title finds its reply among the title matches
(and the intent pass, which ranks above them by design), typed as characters,
as full pinyin or as initials.

pypinyin's `lazy_pinyin` is the independent oracle here: the index itself never
calls it (it reads the per-character table), so the two can disagree only when
the search is wrong.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from quickreply.core.model import Reply
from quickreply.core.packs import load_pack
from quickreply.core.search import SearchIndex
from quickreply.core.search.engine import BAND_INTENT
from quickreply.core.search.pinyin import fold, syllable_prefixes

LIBRARY = Path(__file__).parent / "data" / "search_library.toml"
REPLIES: tuple[Reply, ...] = load_pack(LIBRARY).replies
INDEX = SearchIndex(REPLIES, cache_dir=None)
SETTINGS = settings(
    max_examples=int(os.environ.get("SEARCH_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


@st.composite
def title_pieces(draw: st.DrawFn, *, cjk_only: bool) -> tuple[Reply, str]:
    reply = draw(st.sampled_from(REPLIES))
    title = reply.title
    start = draw(st.integers(0, len(title) - 1))
    end = draw(st.integers(start + 1, min(len(title), start + 6)))
    piece = title[start:end]
    if cjk_only:
        # the longest run of characters inside the piece
        runs = "".join(c if is_cjk(c) else " " for c in piece).split()
        piece = max(runs, key=len, default="")
    else:
        piece = "".join(piece.split())
    if not piece:
        piece = title.strip()[:1]
    return reply, piece


def carried_on(syllables: list[str], whole: list[bool]) -> bool:
    """Whether an initial typed after a whole syllable would carry that syllable
    on (`pin` + `g` reads `ping`): as an IME does, search then reads one syllable
    (see `pinyin.segmentations`, pinned in test_search_pinyin.py), so such a
    mix does not stand for the characters it was drawn from."""
    prefixes = syllable_prefixes()
    last = len(syllables) - 1
    return any(
        whole[k - 1] and not whole[k] and syllables[k - 1] + syllables[k][0] in prefixes
        for k in range(1, last)
    )


def rank_among_title_matches(query: str, reply: Reply) -> tuple[int, int]:
    """Where `reply` lands, and how many hits may rank above it: those that
    matched in a title or code, and those of the intent pass (a reply filed
    under a word the query names, `yh` -> 银行, beats a title where the letters
    merely start a longer word, 优惠券; see engine.py)."""
    hits = INDEX.search(query, limit=len(REPLIES))
    position = [h.reply.uid for h in hits].index(reply.uid)
    intent = BAND_INTENT * 10000
    ahead = sum(1 for h in hits if "title" in h.spans or "codes" in h.spans or h.score >= intent)
    return position, ahead


@SETTINGS
@given(title_pieces(cjk_only=False))
def test_any_substring_of_a_title_finds_its_reply(case: tuple[Reply, str]) -> None:
    reply, piece = case
    position, in_title = rank_among_title_matches(piece, reply)
    assert position < in_title, (piece, reply.title)


@SETTINGS
@given(title_pieces(cjk_only=True))
def test_full_pinyin_of_a_title_piece_finds_its_reply(case: tuple[Reply, str]) -> None:
    reply, piece = case
    query = "".join(lazy_pinyin(piece))
    position, in_title = rank_among_title_matches(query, reply)
    assert position < in_title, (query, piece, reply.title)


@SETTINGS
@given(title_pieces(cjk_only=True))
def test_initials_of_a_title_piece_find_their_reply(case: tuple[Reply, str]) -> None:
    reply, piece = case
    query = "".join(s[0] for s in lazy_pinyin(piece, style=Style.NORMAL))
    position, in_title = rank_among_title_matches(query, reply)
    assert position < in_title, (query, piece, reply.title)


@SETTINGS
@given(title_pieces(cjk_only=True), st.data())
def test_mixed_pinyin_and_initials_find_their_reply(
    case: tuple[Reply, str], data: st.DataObject
) -> None:
    reply, piece = case
    syllables = lazy_pinyin(piece)
    full = data.draw(st.lists(st.booleans(), min_size=len(syllables), max_size=len(syllables)))
    assume(not carried_on(syllables, full))
    query = "".join(s if whole else s[0] for s, whole in zip(syllables, full, strict=True))
    position, in_title = rank_among_title_matches(query, reply)
    assert position < in_title, (query, piece, reply.title)


@SETTINGS
@given(st.text(max_size=12))
def test_any_query_returns_sorted_hits_without_error(query: str) -> None:
    hits = INDEX.search(query, limit=10)
    assert len(hits) <= 10
    keys = [(-h.score) for h in hits]
    assert keys == sorted(keys)
    for h in hits:
        for field, spans in h.spans.items():
            text = {
                "title": h.reply.title,
                "text": h.reply.text,
                "scenario": h.reply.scenario,
                "tags": " ".join(h.reply.tags),
                "codes": " ".join(h.reply.codes),
            }[field]
            assert all(0 <= s < e <= len(text) for s, e in spans)


@pytest.mark.parametrize("reply", REPLIES, ids=lambda r: r.id)
def test_every_whole_title_finds_its_reply_first_among_equals(reply: Reply) -> None:
    hits = INDEX.search(fold(reply.title).replace(" ", ""), limit=len(REPLIES))
    assert hits[0].reply.title == reply.title or reply.uid in [
        h.reply.uid for h in hits if h.score == hits[0].score
    ]


# -- incremental typing equals a fresh search, whatever is typed

LETTERS = "abcdefghijklmnopqrstuvwxyz"
TYPED = st.text(
    alphabet=st.sampled_from(list(LETTERS + " " + "砍价优惠发货长款行重差ＫＪ7")),
    min_size=1,
    max_size=10,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TYPED, min_size=1, max_size=3))
def test_typing_key_by_key_equals_fresh_searches(queries: list[str]) -> None:
    typing = SearchIndex(REPLIES, cache_dir=None)
    for query in queries:
        for n in range(1, len(query) + 1):
            prefix = query[:n]
            assert typing.search(prefix) == SearchIndex(REPLIES, cache_dir=None).search(prefix)


# -- the same properties over a larger synthetic library of real shop vocabulary


def _synthetic() -> tuple[tuple[Reply, ...], SearchIndex]:
    from bench._synthetic import make_replies

    replies = tuple(make_replies(1500, seed=7))
    return replies, SearchIndex(replies, cache_dir=None)


SYNTHETIC, SYNTHETIC_INDEX = _synthetic()
SCANNING_INDEX = SearchIndex(SYNTHETIC, cache_dir=None)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SYNTHETIC), st.data())
def test_synthetic_titles_are_found_by_pinyin_and_initials(
    reply: Reply, data: st.DataObject
) -> None:
    runs = "".join(c if is_cjk(c) else " " for c in reply.title).split()
    piece = max(runs, key=len)
    start = data.draw(st.integers(0, len(piece) - 1))
    piece = piece[start : start + data.draw(st.integers(1, 5))]
    syllables = lazy_pinyin(piece)
    whole = data.draw(st.lists(st.booleans(), min_size=len(syllables), max_size=len(syllables)))
    assume(not carried_on(syllables, whole))
    query = "".join(s if w else s[0] for s, w in zip(syllables, whole, strict=True))
    hits = SYNTHETIC_INDEX.search(query, limit=len(SYNTHETIC))
    uids = [h.reply.uid for h in hits]
    assert reply.uid in uids, (query, piece, reply.title)
    # above every hit found outside titles, except the intent pass: a reply
    # filed under a word the query names (`dz` -> 店长) beats a chance alignment
    # across words of a title (快递|长款)
    intent = BAND_INTENT * 10000
    ahead = sum(1 for h in hits if "title" in h.spans or "codes" in h.spans or h.score >= intent)
    assert uids.index(reply.uid) < ahead, (query, piece, reply.title)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SYNTHETIC), st.data(), st.integers(1, 20))
def test_a_short_list_is_the_start_of_a_long_one(
    reply: Reply, data: st.DataObject, limit: int
) -> None:
    # reading stops early once the top `limit` is settled: what it keeps must be
    # exactly what a search reading everything puts first
    runs = "".join(c if is_cjk(c) else " " for c in f"{reply.title} {reply.text}").split()
    piece = data.draw(st.sampled_from(runs))[: data.draw(st.integers(1, 3))]
    syllables = lazy_pinyin(piece)
    initials = "".join(s[0] for s in syllables)
    forms = [
        piece,
        "".join(syllables),
        initials,
        piece[:1] + initials[1:],
        initials[:1] + piece[1:],
    ]
    query = data.draw(st.sampled_from(forms))
    short = [h.reply.uid for h in SYNTHETIC_INDEX.search(query, limit=limit)]
    full = [h.reply.uid for h in SYNTHETIC_INDEX.search(query, limit=len(SYNTHETIC))]
    assert short == full[:limit], query


def test_a_title_match_late_in_the_library_beats_tags_found_early() -> None:
    tagged = [
        Reply(id=f"t{i}", title=f"标签回复{i}", text="您好", scenario="售后", tags=("七天",))
        for i in range(30)
    ]
    late = Reply(id="late", title="关于七天的说明", text="您好", scenario="售后")
    index = SearchIndex([*tagged, late], cache_dir=None)
    for query in ("七天", "qitian", "qt"):
        assert index.search(query, limit=5)[0].reply.id == "late", query


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SYNTHETIC), st.data())
def test_scanning_texts_finds_what_verifying_each_candidate_finds(
    reply: Reply, data: st.DataObject
) -> None:
    # a large library scans its joined texts (blocks of titles, tags) where the
    # bit sets let too many through; a small one verifies each candidate (each
    # path has its own index, so no verdict cached by one answers for the other)
    import quickreply.core.search.ranking as ranking

    runs = "".join(c if is_cjk(c) else " " for c in f"{reply.title} {reply.text}").split()
    piece = data.draw(st.sampled_from(runs))[: data.draw(st.integers(1, 3))]
    syllables = lazy_pinyin(piece)
    initials = "".join(s[0] for s in syllables)
    query = data.draw(st.sampled_from([piece, "".join(syllables), initials, initials[:1]]))
    found = {}
    for threshold, index in ((0, SCANNING_INDEX), (10**9, SYNTHETIC_INDEX)):
        saved = ranking._SCAN_ABOVE
        ranking._SCAN_ABOVE = threshold
        try:
            found[threshold] = [(h.reply.uid, h.score) for h in index.search(query)]
        finally:
            ranking._SCAN_ABOVE = saved
    assert found[0] == found[10**9], query
