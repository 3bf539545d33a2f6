"""Search v2: the agent's intent first, mixed queries, spaces, typos, ties, bounds.

Relative order only. Cases marked (pinyin-match) or (pinyin-pro) follow the
behaviour those npm packages' published tests check, where it suits agents.
"""

from __future__ import annotations

import pytest

from quickreply.core.model import Reply
from quickreply.core.search import SearchIndex
from quickreply.core.search.engine import BAND_INTENT, BAND_TYPED, MAX_QUERY


def _reply(
    rid: str, title: str, *, tags: tuple[str, ...] = (), scenario: str = "", text: str = ""
) -> Reply:
    return Reply(
        id=rid, title=title, text=text or f"{title}。", scenario=scenario, tags=tags, pack_id="t"
    )


LIBRARY = (
    _reply("urgent", "可加急发货说明", scenario="物流/加急"),
    _reply("invoice", "发票开具流程", scenario="订单/发票"),
    _reply("space", "鞋码留空间", scenario="尺码/鞋码"),
    _reply("bargain", "已经是活动价", tags=("砍价", "便宜点"), scenario="议价/通用"),
    _reply("bargain-coupon", "送券不降价", tags=("砍价", "优惠"), scenario="议价/允诺型"),
    _reply("coupon", "领券下单", tags=("优惠",), scenario="接待/促销"),
    _reply("suits", "适合人群说明", tags=("适合",), scenario="商品咨询/适用"),
    _reply("height", "按身高推荐尺码", tags=("身高", "尺码"), scenario="尺码/推荐"),
    _reply("tshirt", "T恤尺码表", scenario="尺码/推荐"),
    _reply("vip", "VIP会员价", tags=("会员",), scenario="客户维护/会员"),
    _reply("sf", "顺丰 包邮 说明", scenario="物流/快递选择"),
    _reply("brief", "略说一下", scenario="接待/说明"),
    _reply("ship-long", "发货时间和发货流程的完整说明", tags=("发货",), scenario="物流/发货时间"),
    _reply("ship", "发货", tags=("发货",), scenario="物流/发货时间"),
    _reply("ship-mid", "发货时间", tags=("发货",), scenario="物流/发货时间"),
    _reply("refund-ship", "退款后发货怎么办", scenario="售后/退款"),
    _reply("refund", "退款到账时间", scenario="售后/退款"),
    _reply("poem", "123曾经沧海难为水除却巫山不是云"),
    _reply("welcome", "欢迎使用汉语拼音"),
    _reply("accounting", "会计做账"),
    _reply("spaced", "   我 爱你 中   国s   "),
)


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(LIBRARY, cache_dir=None)


def ids(index: SearchIndex, query: str) -> list[str]:
    return [h.reply.id for h in index.search(query, limit=50)]


def above(index: SearchIndex, query: str, first: str, second: str) -> bool:
    found = ids(index, query)
    return first in found and (second not in found or found.index(first) < found.index(second))


# -- intent first: a word the library files replies under beats a chance alignment


@pytest.mark.parametrize("other", ["urgent", "invoice", "space"])
def test_kj_means_bargaining_before_letters_that_line_up(index: SearchIndex, other: str) -> None:
    assert other in ids(index, "kj")  # still found, further down
    assert above(index, "kj", "bargain", other)
    assert above(index, "kj", "bargain-coupon", other)


def test_yh_means_discount_and_sg_means_height(index: SearchIndex) -> None:
    assert ids(index, "yh")[:2] == ["coupon", "bargain-coupon"] or set(ids(index, "yh")[:2]) == {
        "coupon",
        "bargain-coupon",
    }
    # 适合 is shi|he; only 合's rare reading ge lines it up with `sg`
    assert above(index, "sg", "height", "suits")


def test_intent_hits_score_in_their_own_band(index: SearchIndex) -> None:
    hits = index.search("kj", 50)
    bands = [int(h.score // 10000) for h in hits]
    assert bands[0] == BAND_INTENT
    assert bands == sorted(bands, reverse=True)
    assert BAND_TYPED in bands


# -- mixed queries without spaces


@pytest.mark.parametrize("query", ["kj优惠", "kjyh", "砍价优惠", "砍价yh", "kanjiayouhui"])
def test_two_words_typed_as_one(index: SearchIndex, query: str) -> None:
    assert ids(index, query)[0] == "bargain-coupon"


def test_the_readme_example_and_the_spaced_form_agree(index: SearchIndex) -> None:
    assert ids(index, "kj优惠")[0] == ids(index, "kj 优惠")[0] == "bargain-coupon"


# -- letters and digits next to Chinese, spaces inside fields


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("txu", "tshirt"),
        ("t恤", "tshirt"),
        ("viphy", "vip"),
        ("vip会员", "vip"),
        ("sfby", "sf"),
        ("顺丰包邮", "sf"),
        ("shunfengbaoyou", "sf"),
        ("lue", "brief"),
        ("lve", "brief"),
        ("23曾", "poem"),  # (pinyin-match) digits next to Chinese, as typed
        ("cjc", "poem"),  # (pinyin-match) initials
        ("cengjingcanghai", "poem"),  # (pinyin-match) full pinyin
        ("cengjingcangha", "poem"),  # (pinyin-match) the last syllable unfinished
        ("zengjingcang", "poem"),  # (pinyin-match) 曾 read zeng
        ("nzg", "spaced"),  # (pinyin-match) spaces in the text are skipped
        ("爱你中", "spaced"),  # (pinyin-match) ... as typed too
        ("爱你中国s", "spaced"),
        ("hy", "welcome"),  # (pinyin-pro) initials mid-title
        ("yingshy", "welcome"),  # (pinyin-pro) syllables then initials
        ("kj", "accounting"),  # (pinyin-pro) 会 read kuai
        ("huij", "accounting"),  # (pinyin-pro)
    ],
)
def test_found(index: SearchIndex, query: str, expected: str) -> None:
    assert expected in ids(index, query)


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        ("engjing", "poem"),  # (pinyin-match) a syllable cannot start mid-syllable
        ("爱你中国sj", "spaced"),  # (pinyin-match) past the end of the text
        ("kaig", "accounting"),  # (pinyin-pro) 开会 is not in this title at all
    ],
)
def test_not_found(index: SearchIndex, query: str, absent: str) -> None:
    assert absent not in ids(index, query)


# -- typos


def test_typos_work_inside_several_words(index: SearchIndex) -> None:
    assert ids(index, "退款 fahou")[0] == "refund-ship"


def test_typo_hits_come_after_every_real_hit(index: SearchIndex) -> None:
    hits = index.search("fahou", 50)
    typo = [h for h in hits if h.score < 10000]
    real = [h for h in hits if h.score >= 10000]
    assert typo and all("发货" in h.reply.title for h in typo)
    assert hits == real + typo


# -- ties: exact and shorter titles first


def test_exact_and_shorter_titles_win_ties(index: SearchIndex) -> None:
    found = ids(index, "发货")
    assert found.index("ship") < found.index("ship-mid") < found.index("ship-long")
    found = ids(index, "fahuo")
    assert found.index("ship") < found.index("ship-mid") < found.index("ship-long")


# -- bounds


def test_a_pasted_52000_character_query_is_cut_not_chewed() -> None:
    index = SearchIndex(LIBRARY, cache_dir=None)
    huge = ("退款" + "啊" * 998 + " ") * 52  # 52,052 characters, 52 words
    assert ids(index, huge) == ids(index, huge[:MAX_QUERY])
    letters = "kanjia" * 8667  # 52,002 letters in one word
    assert index.search(letters, 5) == index.search(letters[:MAX_QUERY], 5)
    mixed = "kj优惠 " * 7429
    assert ids(index, mixed)[0] == "bargain-coupon"
