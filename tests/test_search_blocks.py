"""Texts in blocks (`core/search/blocks.py`): blocks that may hold a word, never fewer."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin

from quickreply.core.search import SearchIndex
from quickreply.core.search.blocks import BLOCK, Blocks, _pair_key, _pairs, scan_blocks
from quickreply.core.search.index import Joined
from tests.test_search_properties import SYNTHETIC, SYNTHETIC_INDEX, is_cjk

DATA = SYNTHETIC_INDEX._data
BODIES = DATA.bodies


def blocks_of(word: str) -> int:
    return SYNTHETIC_INDEX._word(word).in_blocks(DATA.body_blocks, DATA)


def bodies_matching(word: str) -> list[int]:
    pattern = SYNTHETIC_INDEX._word(word).any
    return [i for i, text in enumerate(BODIES.texts) if pattern.search(text)]


@st.composite
def body_words(draw: st.DrawFn) -> str:
    """A piece of a body typed as characters, full pinyin, initials or a mix."""
    body = draw(st.sampled_from(SYNTHETIC)).text
    runs = "".join(c if is_cjk(c) else " " for c in body).split()
    run = draw(st.sampled_from(runs))
    start = draw(st.integers(0, len(run) - 1))
    piece = run[start : start + draw(st.integers(1, 4))]
    syllables = lazy_pinyin(piece)
    how = draw(st.lists(st.sampled_from("cfi"), min_size=len(piece), max_size=len(piece)))
    typed = {"c": lambda k: piece[k], "f": lambda k: syllables[k], "i": lambda k: syllables[k][0]}
    return "".join(typed[h](k) for k, h in enumerate(how))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(body_words(), st.text("abcdefghjklmnopqrstwxyz", min_size=2, max_size=7)))
def test_every_body_that_matches_lies_in_a_candidate_block(word: str) -> None:
    blocks = blocks_of(word)
    for i in bodies_matching(word):
        assert blocks >> (i // BLOCK) & 1, (word, BODIES.texts[i])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body_words())
def test_search_through_the_blocks_finds_what_a_scan_of_every_body_finds(word: str) -> None:
    expected = bodies_matching(word)
    pattern = SYNTHETIC_INDEX._word(word).any
    assert list(scan_blocks(BODIES.joined, BODIES.starts, pattern, blocks_of(word))) == expected
    # ... and from any body on, as search resumes a scan it stopped early
    if expected:
        middle = expected[len(expected) // 2]
        found = scan_blocks(BODIES.joined, BODIES.starts, pattern, blocks_of(word), middle)
        assert list(found) == [i for i in expected if i >= middle]


def test_a_word_rare_in_bodies_reads_few_blocks() -> None:
    # 发货 is in most bodies, 发后 in none: `fahou` must not read them all
    assert bodies_matching("fahou") == []
    assert blocks_of("fahou").bit_count() < DATA.body_blocks.count // 10
    assert blocks_of("fahuo").bit_count() > DATA.body_blocks.count // 2


@given(st.text(alphabet="ab发货后😊 \x00", max_size=40))
def test_pairs_are_every_neighbouring_pair(text: str) -> None:
    seconds = text.swapcase()  # a second translation of the same length
    expected = {_pair_key(a, b) for a, b in zip(text, seconds[1:], strict=False)}
    assert set(_pairs(text, seconds)) == expected


def test_an_emoji_is_one_character_between_its_neighbours() -> None:
    pairs = set(_pairs("a😊b", "A😊B"))
    assert pairs == {_pair_key("a", "😊"), _pair_key("😊", "B")}


def test_spaces_do_not_part_neighbours_and_bodies_do() -> None:
    bodies = Joined.of(["顺丰 包邮", "好的"])
    table = {ord(c): i for c, i in zip("顺丰包邮好的", "sfbyhd", strict=True)}
    index = Blocks.build(bodies.joined, bodies.starts, table, {})
    assert index.pairs[_pair_key("f", "b")] == 1  # 丰 包, across the space
    assert _pair_key("y", "h") not in index.pairs  # 邮|好: two bodies


def test_the_body_index_survives_the_cache(tmp_path: Path) -> None:
    built = SearchIndex(SYNTHETIC, cache_dir=tmp_path)
    loaded = SearchIndex(SYNTHETIC, cache_dir=tmp_path)
    assert (built.cache_status, loaded.cache_status) == ("miss", "hit")
    assert loaded._data.body_blocks.chars == built._data.body_blocks.chars
    assert loaded._data.body_blocks.twos == built._data.body_blocks.twos
    for word in ("fahou", "yuanlufanhui", "冷水", "48"):
        assert [h.reply.uid for h in loaded.search(word)] == [
            h.reply.uid for h in built.search(word)
        ]
