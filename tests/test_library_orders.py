"""The orders family of the built-in library: product questions, orders and
invoices, and off-hours / queue replies.

The house style every pack shares (punctuation, red lines, blanks, codes,
titles, flows resolving) is checked in tests/test_builtin_library.py; here:
each situation has enough variants, the blanks the task names are there, and
the wording a Tmall shop or an upset buyer needs: no invoice refused, payment
kept in the order, plain English, calm answers, no brush-offs.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from quickreply.core import render
from tests import library_style as style

# file -> minimum replies
MINIMUMS = {"product.toml": 22, "orders.toml": 22, "offhours.toml": 22}

# Pack -> second-level scenario -> minimum replies: the situations the task
# names, with several variants where agents send them many times a day.
REQUIRED_SCENARIOS: dict[str, dict[str, int]] = {
    "product.toml": {
        "材质": 3,
        "洗涤保养": 3,
        "色差": 2,
        "保质期": 2,
        "使用方法": 2,
        "过敏与适用": 2,
        "到货提醒": 2,
        "两款对比": 2,
        "礼品包装": 2,
    },
    "orders.toml": {
        "发票": 6,
        "修改订单": 2,
        "合并发货": 1,
        "取消订单": 2,
        "付款": 2,
        "价格": 2,
        "查不到订单": 1,
        "订单留言": 1,
        "预售": 1,
    },
    "offhours.toml": {
        "离开": 2,
        "下班": 2,
        "排队": 2,
        "转接": 2,
        "久等": 2,
        "买家不回复": 2,
        "平台内沟通": 1,
        "图片打不开": 1,
        "英文": 3,
        "情绪激动": 2,
    },
}

# Blanks the task names, by file: "name:default" ("name:" for no default).
REQUIRED_BLANKS = {
    "product.toml": {"款式A:", "款式B:"},
    "orders.toml": {"税号:"},
    "offhours.toml": {"上班时间:9:00-23:00", "同事:"},
}

# Any of these before an invoice word reads as refusing or delaying it, which
# a Tmall shop may not do; the replies say how the invoice is issued instead.
# (The linter flags 不能开发票 on Tmall only, and not 没法开票 at all.)
INVOICE_REFUSAL = re.compile(r"(?:不|没|无法|不能|没法|不好)[^。！？\n]{0,4}(?:发票|开票)")
# Brush-offs the linter does not flag; other packs may say 没办法再低了 kindly,
# but an order, product or off-hours answer says what we can do instead.
BRUSH_OFFS = ("没办法", "自己看")


def _brush_offs(text: str) -> list[str]:
    return [w for w in BRUSH_OFFS if w in text]


def test_detectors_catch_what_they_should() -> None:
    assert INVOICE_REFUSAL.search("这款不能开发票")
    assert INVOICE_REFUSAL.search("没法开票")
    assert not INVOICE_REFUSAL.search("电子发票开好后在订单里下载")
    assert _brush_offs("没办法，您自己看详情页") == ["没办法", "自己看"]
    assert _brush_offs("我帮您看一下详情页") == []


@pytest.mark.parametrize("name", sorted(MINIMUMS))
def test_pack_has_enough_replies(name: str) -> None:
    assert name in style.PACKS
    assert len(style.load(name).replies) >= MINIMUMS[name]


@pytest.mark.parametrize("name", sorted(REQUIRED_SCENARIOS))
def test_pack_covers_its_situations_with_variants(name: str) -> None:
    root = style.PACKS[name].root
    replies = style.load(name).replies
    counts = Counter(r.scenario_path[1] for r in replies if len(r.scenario_path) > 1)
    short = {
        scenario: counts[scenario]
        for scenario, minimum in REQUIRED_SCENARIOS[name].items()
        if counts[scenario] < minimum
    }
    assert not short, f"{root}: too few replies (have) for {short}"


def test_the_blanks_the_task_names_are_there() -> None:
    for name, wanted in REQUIRED_BLANKS.items():
        specs = {
            f"{b.name}:{'|'.join(b.choices) or b.default or ''}"
            for r in style.load(name).replies
            for b in render.blanks(r.text)
        }
        assert wanted <= specs, (name, sorted(wanted - specs))


@pytest.mark.parametrize("name", sorted(MINIMUMS))
def test_no_brush_offs(name: str) -> None:
    for where, text in style.texts(style.load(name)):
        assert not _brush_offs(text), (where, text)


def test_invoice_replies_say_how_we_issue_never_refuse() -> None:
    invoice = [r for r in style.load("orders.toml").replies if r.scenario == "订单/发票"]
    assert len(invoice) >= 6
    for reply in invoice:
        sent = style.as_sent(reply.text)
        assert not INVOICE_REFUSAL.search(sent), (reply.uid, sent)
        assert "发票" in sent or "开票" in sent, reply.uid
    # Company and VAT invoices ask for the tax number, which the agent fills in.
    taxed = [r for r in invoice if any(b.name == "税号" for b in render.blanks(r.text))]
    assert taxed
    assert any("专用发票" in r.text for r in invoice)


def test_no_reply_mentions_an_invoice_as_refused_anywhere_in_these_packs() -> None:
    for name in MINIMUMS:
        for reply in style.load(name).replies:
            sent = style.as_sent(reply.text)
            assert not INVOICE_REFUSAL.search(sent), (reply.uid, sent)


def test_payment_replies_keep_the_money_in_the_order() -> None:
    payment = [r for r in style.load("orders.toml").replies if r.scenario == "订单/付款"]
    assert payment
    assert any("订单" in r.text and "平台" in r.text for r in payment)


def test_english_replies_are_plain_english_with_a_chinese_title() -> None:
    offhours = style.load("offhours.toml").replies
    english = [r for r in offhours if r.scenario == "离线与排队/英文"]
    assert len(english) >= 3
    for reply in english:
        sent = style.as_sent(reply.text)
        assert not style.HAN.search(sent), (reply.uid, sent)
        assert style.HAN.search(reply.title), reply.uid
        assert "English" in reply.tags or "英文" in reply.tags, reply.uid


def test_rude_buyer_replies_stay_calm() -> None:
    # Calm means no counter-accusation: the words an agent says when arguing back.
    arguing = ("你才", "您才", "凭什么", "请注意您的", "你自己", "您自己的问题", "随便你")
    offhours = style.load("offhours.toml").replies
    rude = [r for r in offhours if r.scenario == "离线与排队/情绪激动"]
    assert len(rude) >= 2
    for reply in rude:
        assert not [w for w in arguing if w in reply.text], reply.uid
