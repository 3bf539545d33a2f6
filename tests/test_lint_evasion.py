"""Evasions (confusables, digit runs, pinyin), the slip detector and the
platform- and person-aware precision rules of linter v2."""

from __future__ import annotations

import pytest

from quickreply.core.lint import Linter
from quickreply.core.lint.normalize import confusable_letters, fold
from quickreply.core.lint.slips import straddled
from quickreply.core.lint.spelled import spellings


def _rules(platform: str, text: str, level: str | None = None) -> list[str]:
    return [
        f.rule
        for f in Linter.for_platform(platform).lint(text)
        if level is None or f.level == level
    ]


def test_confusables_come_from_the_unicode_table() -> None:
    table = confusable_letters()
    assert len(table) > 1000  # the package's table, not a hand list
    assert table["\u2164"] == "v"  # Roman numeral five
    assert table["\u03bd"] == "v"  # Greek nu
    assert table["\u041e"] == "o"  # Cyrillic O
    assert table["\u0412"] == "v"  # Cyrillic Ve reads v
    assert not any("\u4e00" <= c <= "\u9fff" for c in table)
    assert "\u00d7" not in table  # × is a symbol, not a letter


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("l38OOl38OOO", "13800138000"),
        ("壹叁捌 0013 8000", "138 0013 8000"),
        ("一三八一二三四五六七八", "13812345678"),
        ("第一时间", "第一时间"),
        ("hello world 2024", "hello world 2024"),
        ("polio 12345678", "polio 12345678"),
        ("加\u2164", "加v"),
    ],
)
def test_fold_keeps_length_and_reads_disguised_digits(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    ["加\u2164看图", "加\u03bd聊", "加\u0412发您", "\U0001d415\U0001d417找我", "+v详聊", "\u2795V"],
)
def test_homoglyph_and_plus_v_contact_is_an_error(text: str) -> None:
    assert "error" in [f.level for f in Linter.for_platform("taobao").lint(text)]


@pytest.mark.parametrize(
    "text",
    ["1 3 8 1 2 3 4 5 6 7 8", "壹叁捌壹贰叁肆伍陆柒捌", "号码l38OOl38OOO", "幺三八零零幺三八零零零"],
)
def test_disguised_phone_numbers(text: str) -> None:
    assert "phone-number" in _rules("taobao", text)


def test_pinyin_spellings_come_from_pypinyin() -> None:
    assert "weixin" in spellings("微信")
    assert "dianhua" in spellings("电话")
    assert spellings("微") == []  # one character is no evidence
    assert spellings("qq") == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("jia wei xin 发您", "offsite-contact"),
        ("加我 wei xin", "offsite-contact"),
        ("有事 dian hua 联系", "offsite-maybe"),
        ("zhuan zhang 给我", "offsite-payment"),  # 转账给我, half spelled
        ("zhuan zhang", "offsite-payment-maybe"),
        ("wei信联系", "offsite-contact"),
        ("加微xin", "offsite-contact"),
    ],
)
def test_contact_spelled_out_in_pinyin(text: str, rule: str) -> None:
    assert rule in _rules("taobao", text)


def test_pinyin_matches_whole_words_only() -> None:
    assert _rules("taobao", "aweixinb") == []
    assert _rules("wechat", "jia wei xin") == []  # a WeChat shop may say it


def test_slips_need_the_whole_word_and_no_straddling_word() -> None:
    assert _rules("generic", "我的建意是选大一码") == ["typo-slip"]
    assert _rules("generic", "这事，请您放心") == []  # 事情 is not across a comma
    assert straddled("现在来一单", 1, 3)  # 现在 + 在来
    assert not straddled("欢迎在来", 2, 4)


@pytest.mark.parametrize(
    ("platform", "text"),
    [
        ("taobao", "付款时选择微信支付就可以了"),
        ("jd", "付款的时候选微信支付就行"),
        ("pdd", "付款时选择微信支付或者支付宝都可以"),
        ("douyin", "可以用微信支付，也可以用抖音支付"),
        ("taobao", "您也可以联系淘宝官方客服介入"),
        ("taobao", "淘宝小二会根据聊天记录判定"),
        ("taobao", "我们是品牌官方旗舰店"),
        ("taobao", "订单 13812345678 的包裹今天已经发出"),
        ("taobao", "单子 13912345678 我帮您备注好了"),
        ("taobao", "退款会退到您的银行卡，到账时间以银行为准"),
        ("taobao", "可以扫描防伪二维码查询真伪"),
        ("douyin", "有问题可以私信我，我一直在线"),
    ],
)
def test_correct_replies_get_no_error_and_no_warning(platform: str, text: str) -> None:
    assert [f for f in Linter.for_platform(platform).lint(text) if f.level != "info"] == []


@pytest.mark.parametrize(
    ("platform", "text", "rule"),
    [
        ("taobao", "我是淘宝小二", "fake-official"),
        ("jd", "我们就是平台官方，放心", "fake-official"),
        ("taobao", "有问题私信我", "offsite-dm"),
        ("taobao", "用微信转账给我", "offsite-payment"),
        ("taobao", "微信付给我就行", "offsite-payment"),
        ("taobao", "电话 13812345678", "phone-number"),
    ],
)
def test_the_same_words_still_flag_where_they_are_wrong(
    platform: str, text: str, rule: str
) -> None:
    assert rule in _rules(platform, text)


def test_every_rule_message_says_what_to_write_instead() -> None:
    from quickreply.core.lint import builtin_rule_packs

    vague = [
        (pack.id, rule.id)
        for pack in builtin_rule_packs()
        for rule in pack.rules
        if not any(w in rule.message for w in ("改", "换", "写", "说", "删", "只", "直接", "如“"))
    ]
    assert vague == []


def test_a_context_word_counts_only_in_the_clause_of_the_match() -> None:
    assert _rules("taobao", "订单 13812345678 的包裹今天已经发出") == []
    assert "phone-number" in _rules("taobao", "可以在订单详情查看，电话13812345678")


def test_a_typo_is_one_word_never_across_punctuation() -> None:
    assert _rules("generic", "发货通知：已发出") == []  # not 知已
    assert _rules("generic", "知已") == ["typo"]
    assert _rules("generic", "己 经发货") == ["typo"]  # a space is still one word
