"""The reading table, IME-style segmentation and folding under the search."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quickreply.core.search import pinyin


def chunks(letters: str) -> list[str]:
    return ["|".join(c.letters for c in seg) for seg in pinyin.segmentations(letters)]


def test_every_reading_of_a_polyphonic_character_is_kept() -> None:
    table = pinyin.readings_for("长行差重绿")
    assert set(table["长"]) >= {"chang", "zhang"}
    assert set(table["行"]) >= {"hang", "xing"}
    assert set(table["差"]) >= {"cha", "chai"}
    assert set(table["重"]) >= {"zhong", "chong"}
    assert "lv" in table["绿"]  # ü is typed v


def test_characters_without_readings_are_left_out() -> None:
    assert pinyin.readings_for("a1,😊") == {}


@pytest.mark.parametrize(
    ("reading", "plain"), [("zhǒng", "zhong"), ("lǜ", "lv"), ("nǚ", "nv"), ("ǹ", "n"), ("hm", "hm")]
)
def test_tones_are_stripped(reading: str, plain: str) -> None:
    assert pinyin.strip_tones(reading) == plain


@pytest.mark.parametrize(
    ("letters", "expected"),
    [
        ("kj", ["k|j"]),
        # the last chunk may split off (so prefixes of a query stay matches),
        # and an initial may be followed by a whole syllable (a typed mix)
        ("kanjia", ["kan|jia", "kan|ji|a", "k|an|jia", "k|an|ji|a"]),
        ("kanj", ["kan|j", "k|an|j"]),
        ("kanjiayh", ["kan|jia|y|h", "k|an|jia|y|h"]),  # never ka|n|...
        ("wlyca", ["w|l|y|ca", "w|l|y|c|a"]),
        ("wlycaf", ["w|l|y|ca|f", "w|l|y|c|a|f"]),  # 物流延迟安抚: vowel initials
        ("xia", ["xia", "xi|a"]),
        ("xian", ["xian", "xia|n", "xi|an"]),
        # a letter that could carry on the syllable before it stands alone when
        # carrying on leads nowhere: sua|f reads nothing, su|a|f is 投诉安抚
        ("tsuaf", ["t|su|a|f"]),
        ("tsua", ["t|sua", "t|su|a"]),
    ],
)
def test_letters_split_the_way_an_ime_splits_them(letters: str, expected: list[str]) -> None:
    assert chunks(letters) == expected


def test_letters_that_start_no_syllable_stand_for_themselves() -> None:
    # i, u, v begin no syllable: alone they match only the letter in text (VIP会员)
    assert chunks("vip") == ["v|i|p"]
    assert chunks("i") == ["i"]
    # ... and never where they carry on a syllable: `ji` is one chunk
    assert all("j|i" not in c and "k|u" not in c for c in chunks("kuaiji"))


def test_lue_and_nue_are_accepted_beside_lve_and_nve() -> None:
    assert {"lue", "nue", "lve", "nve"} <= pinyin.syllables()
    assert set(pinyin.readings_for("略虐")["略"]) >= {"lve", "lue"}


def test_the_last_chunk_may_be_any_syllable_start() -> None:
    first, *_ = pinyin.segmentations("zhangk")
    assert [(c.letters, c.full, c.open) for c in first] == [
        ("zhang", True, False),
        ("k", False, True),
    ]


def test_long_runs_are_capped() -> None:
    assert 0 < len(pinyin.segmentations("aoaoaoaoaoaoaoaoaoaoao", limit=10)) <= 10


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＫＪ１２３", "kj123"),
        ("VIP会员", "vip会员"),
        ("砍价，优惠", "砍价，优惠"),  # full-width punctuation stays
        ("Ä😊", "ä😊"),
        ("", ""),
    ],
)
def test_fold_keeps_one_character_per_character(text: str, folded: str) -> None:
    assert pinyin.fold(text) == folded
    assert len(pinyin.fold(text)) == len(text)


def test_full_pinyin_check() -> None:
    assert pinyin.is_full_pinyin("fahuo")
    assert pinyin.is_full_pinyin("fahou")  # 发后: valid, which is why typos need care
    assert not pinyin.is_full_pinyin("kanjai")
    assert not pinyin.is_full_pinyin("kj")


def test_reading_table_loads_without_pypinyins_phrase_dictionary() -> None:
    # The phrase dictionary is 55 MiB of memory the search never uses.
    import subprocess
    import sys

    probe = (
        "import sys; from quickreply.core.search.pinyin import readings_for;"
        "r = readings_for('长行');"
        "print(r['长'][:2], r['行'][:2], 'pypinyin.phrases_dict' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    ).stdout.split()
    assert out[-1] == "False"
    assert "chang" in out[0] + out[1] and "zhang" in out[0] + out[1]


@given(st.lists(st.text(alphabet="abAB发货ＶＩＰ　 😊É\x00", max_size=8), max_size=8))
def test_folding_many_texts_at_once_folds_each(texts: list[str]) -> None:
    folded = pinyin.fold_all(texts)
    assert folded == [pinyin.fold(t) for t in texts]
    # unchanged texts are the same objects: a large library keeps one copy
    assert all(f is t for f, t in zip(folded, texts, strict=True) if f == t)
