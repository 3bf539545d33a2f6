"""Table-driven linter tests: what must be flagged and what must not."""

from __future__ import annotations

import pytest

from quickreply.core.lint import Finding, Linter, UnknownPlatform
from quickreply.core.model import Pack, Rule

ZWSP = "\u200b"

# (platform, text, rule, level, the matched text)
MUST_FLAG: list[tuple[str, str, str, str, str]] = [
    # Advertising Law absolute claims
    ("generic", "国家级产品,放心用", "absolute-claim", "error", "国家级"),
    ("generic", "这是最高级的款式", "absolute-claim", "error", "最高级"),
    ("generic", "最佳选择就是它", "absolute-claim", "error", "最佳"),
    ("generic", "全网最低价了亲", "absolute-claim", "error", "全网最低价"),
    ("generic", "我们家最便宜", "absolute-claim", "error", "最便宜"),
    ("generic", "销量第一的宝贝", "absolute-claim", "error", "销量第一"),
    ("generic", "全网第一", "absolute-claim", "error", "全网第一"),
    ("generic", "行业第一品牌", "absolute-claim", "error", "行业第一品牌"),
    ("generic", "我们是NO.1的", "absolute-claim", "error", "NO.1"),
    ("generic", "TOP1 爆款", "absolute-claim", "error", "TOP1"),
    ("generic", "顶级面料", "absolute-claim", "error", "顶级"),
    ("generic", "极品好茶", "absolute-claim", "error", "极品"),
    ("generic", "万能的清洁剂", "absolute-claim", "error", "万能"),
    ("generic", "首家推出", "absolute-claim", "error", "首家"),
    ("generic", "全网独家销售", "absolute-claim", "error", "全网独家"),
    ("generic", "独一无二的设计", "absolute-claim", "error", "独一无二"),
    ("generic", "遥遥领先同行", "absolute-claim", "error", "遥遥领先"),
    ("generic", "全网唯一正品店", "absolute-claim", "error", "全网唯一正品"),
    ("generic", "驰名商标", "authority-claim", "error", "驰名商标"),
    ("generic", "百分百正品", "absolute-claim", "error", "百分百正品"),
    ("generic", "绝对正品放心", "absolute-claim", "error", "绝对正品"),
    ("generic", "史无前例的优惠", "absolute-claim", "error", "史无前例"),
    ("generic", "世界级工艺", "absolute-claim", "error", "世界级"),
    ("generic", "最新款已经上架", "absolute-maybe", "warning", "最新"),
    ("generic", "本店独家", "absolute-maybe", "warning", "独家"),
    ("generic", "送礼首选", "absolute-maybe", "warning", "首选"),
    ("generic", "完美无瑕", "absolute-maybe", "warning", "完美"),
    ("generic", "最好的面料", "absolute-maybe", "warning", "最好"),
    ("generic", "唯一", "absolute-maybe", "warning", "唯一"),
    ("generic", "100%满意", "absolute-percent", "error", "100%"),
    ("generic", "\uff11\uff10\uff10\uff05满意", "absolute-percent", "error", "１００％"),
    ("generic", "100 % 好用", "absolute-percent", "error", "100 %"),
    # effects and promises
    ("generic", "可以根治脱发", "effect-claim", "error", "根治脱发"),
    ("generic", "药到病除", "effect-claim", "error", "药到病除"),
    ("generic", "无副作用哦", "effect-claim", "error", "无副作用"),
    ("generic", "三天见效", "effect-claim", "error", "三天见效"),
    ("generic", "假一赔十", "unkeepable-promise", "error", "假一赔十"),
    ("generic", "假 一 赔 十", "unkeepable-promise", "error", "假 一 赔 十"),
    ("generic", "假一赔百哦", "unkeepable-promise", "error", "假一赔百"),
    ("generic", "永不褪色", "unkeepable-promise", "error", "永不褪色"),
    ("generic", "终身保修", "unkeepable-promise", "error", "终身保修"),
    ("generic", "保证到货", "unkeepable-maybe", "warning", "保证到货"),
    # review inducement
    ("generic", "好评返现5元", "review-inducement-pattern", "error", "好评返现5元"),
    ("generic", "五星好评送小礼物", "review-inducement-pattern", "error", "五星好评送小礼"),
    ("generic", "晒图返现哦", "review-inducement", "error", "晒图返现"),
    ("generic", "好评 返 现", "review-inducement", "error", "好评 返 现"),
    ("generic", "麻烦删差评", "review-inducement", "error", "删差评"),
    ("generic", "可以返现", "cashback-maybe", "warning", "返现"),
    # abuse and blame
    ("generic", "你是傻逼吗", "abuse", "error", "傻逼"),
    ("generic", "脑残", "abuse", "error", "脑残"),
    ("generic", "爱买不买", "abuse", "error", "爱买不买"),
    ("generic", "滚蛋", "abuse", "error", "滚蛋"),
    ("generic", "TMD", "abuse", "error", "TMD"),
    ("generic", "神经病", "abuse", "error", "神经病"),
    ("generic", "傻 逼", "abuse", "error", "傻 逼"),
    ("generic", "这是你自己的问题", "blame-buyer", "warning", "你自己的问题"),
    ("generic", "不会自己看吗", "blame-buyer", "warning", "不会自己看吗"),
    ("generic", "真是垃圾", "abuse-maybe", "warning", "垃圾"),
    # off-platform contact, with evasions
    ("taobao", "加我微信吧", "offsite-contact", "error", "微信"),
    ("taobao", "加 微 信", "offsite-contact", "error", "加 微 信"),
    ("taobao", "加-v", "offsite-contact", "error", "加-v"),
    ("taobao", "加V详聊", "offsite-contact", "error", "加V"),
    ("taobao", "薇信联系", "offsite-contact", "error", "薇信"),
    ("taobao", "V信", "offsite-contact", "error", "V信"),
    ("taobao", "\uff36\uff38", "offsite-contact", "error", "ＶＸ"),
    ("taobao", "vx", "offsite-contact", "error", "vx"),
    ("taobao", "有事vx:abc123", "offsite-contact", "error", "vx"),
    ("taobao", "QQ联系", "offsite-contact", "error", "QQ"),
    ("taobao", "扣扣", "offsite-contact", "error", "扣扣"),
    ("taobao", "企鹅号", "offsite-contact", "error", "企鹅号"),
    ("taobao", "进群领券", "offsite-maybe", "warning", "进群"),
    ("taobao", "加QQ群", "offsite-contact", "error", "QQ群"),
    ("taobao", "我们私聊", "offsite-maybe", "warning", "私聊"),
    ("taobao", "加我好友", "offsite-contact", "error", "加我好友"),
    ("taobao", "w.e.c.h.a.t", "offsite-contact", "error", "w.e.c.h.a.t"),
    ("taobao", "微❤信", "offsite-contact", "error", "微❤信"),
    ("taobao", "微😊信", "offsite-contact", "error", "微😊信"),
    ("taobao", f"微{ZWSP}信", "offsite-contact", "error", f"微{ZWSP}信"),
    ("taobao", "加·微·信", "offsite-contact", "error", "加·微·信"),
    ("taobao", "加\u3000微\u3000信", "offsite-contact", "error", "加\u3000微\u3000信"),
    ("jd", "加我微信", "offsite-contact", "error", "微信"),
    ("pdd", "加我vx", "offsite-contact", "error", "vx"),
    ("douyin", "加我微信私聊", "offsite-contact", "error", "微信"),
    ("taobao", "加微聊", "offsite-contact", "error", "加微"),
    ("generic", "加我微信", "offsite-contact", "error", "微信"),
    ("taobao", "留个联系方式", "offsite-maybe", "warning", "联系方式"),
    # off-platform payment
    ("taobao", "支付宝转账给我", "offsite-payment", "error", "支付宝转账给我"),
    ("taobao", "我们私下交易", "offsite-payment", "error", "私下交易"),
    ("taobao", "发个银行卡号", "offsite-payment", "error", "银行卡号"),
    ("taobao", "微信转账也行", "offsite-payment", "error", "微信转账"),
    ("taobao", "扫收款码", "offsite-payment", "error", "收款码"),
    ("taobao", "可以转账", "offsite-payment-maybe", "warning", "转账"),
    # numbers
    ("taobao", "电话13812345678", "phone-number", "error", "13812345678"),
    ("taobao", "打 138 1234 5678", "phone-number", "error", "138 1234 5678"),
    ("taobao", "138-1234-5678", "phone-number", "error", "138-1234-5678"),
    (
        "taobao",
        "\uff11\uff13\uff18\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18",
        "phone-number",
        "error",
        "１３８１２３４５６７８",
    ),
    ("taobao", "+8613812345678", "phone-number-intl", "error", "+8613812345678"),
    ("taobao", "打一三八一二三四五六七八", "phone-number", "error", "一三八一二三四五六七八"),
    ("taobao", "幺三八 一二三四 五六七八", "phone-number", "error", "幺三八 一二三四 五六七八"),
    ("taobao", "WeiXin联系", "offsite-contact", "error", "WeiXin"),
    ("taobao", "\uff57\uff45\uff49\uff58\uff49\uff4e", "offsite-contact", "error", "ｗｅｉｘｉｎ"),
    ("taobao", "薇 ❤ 信", "offsite-contact", "error", "薇 ❤ 信"),
    ("taobao", "打010-12345678", "landline-number", "warning", "010-12345678"),
    ("taobao", "热线400-123-4567", "landline-number", "warning", "400-123-4567"),
    ("taobao", "卡 6222 0212 3456 7890 123", "card-number", "warning", "6222 0212 3456 7890 123"),
    ("taobao", "QQ:12345678", "qq-number", "error", "QQ:12345678"),
    ("taobao", "QQ\uff1a12345678", "qq-number", "error", "QQ：12345678"),
    ("taobao", "扣扣 87654321", "qq-number", "error", "扣扣 87654321"),
    # links
    (
        "taobao",
        "看 https://evil.example.com/x",
        "external-link",
        "error",
        "https://evil.example.com/x",
    ),
    ("taobao", "上www.baidu.com看看", "external-domain", "error", "www.baidu.com"),
    ("taobao", "去abc.xyz下单", "external-domain", "error", "abc.xyz"),
    # competing platforms and platform specifics
    ("taobao", "拼多多更便宜", "competitor-platform", "error", "拼多多"),
    ("taobao", "京东上也有卖", "competitor-platform", "error", "京东"),
    ("taobao", "PDD上买的?", "competitor-platform", "error", "PDD"),
    ("tmall", "拼多多", "competitor-platform", "error", "拼多多"),
    ("jd", "淘宝上也有", "competitor-platform", "error", "淘宝"),
    ("jd", "天猫店", "competitor-platform", "error", "天猫"),
    ("pdd", "淘宝更贵", "competitor-platform", "error", "淘宝"),
    ("douyin", "拼多多", "competitor-platform", "error", "拼多多"),
    ("tmall", "我们不开发票的", "tmall-invoice", "error", "不开发票"),
    ("tmall", "开发票要加税点", "tmall-invoice", "error", "开发票要加税点"),
    ("tmall", "发票另外收费哦", "tmall-invoice", "error", "发票另外收费"),
    ("tmall", "这个没法给您开发票", "tmall-invoice-maybe", "warning", "没法给您开发票"),
    ("taobao", "我是淘宝小二", "fake-official", "error", "我是淘宝小二"),
    ("jd", "我们是京东自营", "fake-self-operated", "warning", "京东自营"),
    ("pdd", "您申请仅退款吧", "cancel-inducement", "error", "您申请仅退款"),
    ("douyin", "点赞返现", "interaction-inducement", "warning", "点赞返现"),
    # typos: the replacement is the suggestion
    ("generic", "己经发货了", "typo", "warning", "己经"),
    ("generic", "欢迎在来一单", "typo", "warning", "在来一单"),
    ("generic", "帐号", "typo", "warning", "帐号"),
    ("generic", "做为老客户", "typo", "warning", "做为"),
    ("generic", "好象小了", "typo", "warning", "好象"),
    ("generic", "领优惠卷", "typo", "warning", "优惠卷"),
    ("generic", "请确认收获", "typo", "warning", "确认收获"),
    ("generic", "不好意识", "typo", "warning", "不好意识"),
    ("generic", "再接再励", "typo", "warning", "再接再励"),
    ("generic", "即然这样", "typo", "warning", "即然"),
    ("generic", "己 经", "typo", "warning", "己 经"),
    ("generic", "收获地址", "typo", "warning", "收获地址"),
    # characters
    ("generic", f"亲{ZWSP}好", "invisible-char", "error", ZWSP),
    ("generic", "好\u202e的", "invisible-char", "error", "\u202e"),
    ("generic", "\ufeff你好", "invisible-char", "error", "\ufeff"),
    ("generic", "你\u2060好", "invisible-char", "error", "\u2060"),
    ("generic", "亲,好的", "halfwidth-punct", "info", ","),
    ("generic", "好的.", "halfwidth-punct", "info", "."),
    ("generic", "在吗?", "halfwidth-punct", "info", "?"),
    ("generic", "好的\uff01\uff01", "doubled-punct", "info", "！！"),
    ("generic", "好的\u3002\u3002", "doubled-punct", "info", "。。"),
]

# (platform, text): no error and no warning
MUST_NOT_FLAG: list[tuple[str, str]] = [
    # time words and ordinary uses of 最/第一/唯一
    ("taobao", "最近发货有点慢,请您耐心等待"),
    ("taobao", "最近天气冷,注意保暖"),
    ("generic", "跟您同步一下最新情况：包裹已到当地网点"),
    ("jd", "有最新的物流进展我第一时间告诉您"),
    ("taobao", "这是最后一件了"),
    ("taobao", "活动最后一天"),
    ("taobao", "最后再确认一下地址"),
    ("taobao", "我们会第一时间为您处理"),
    ("taobao", "第一次购买可以领新人券"),
    ("taobao", "第一步先申请退货"),
    ("taobao", "唯一的办法是给您换货"),
    ("taobao", "唯一需要注意的是别机洗"),
    ("taobao", "您最好先量一下平时穿的衣服"),
    ("taobao", "你最好选大一码"),
    ("taobao", "最好是手洗"),
    ("taobao", "最大码是XL"),
    ("taobao", "我们会尽最大努力"),
    ("taobao", "最早明天发货"),
    ("taobao", "最晚后天到"),
    ("taobao", "最多三天就到"),
    ("taobao", "100%纯棉面料"),
    ("taobao", "100%桑蚕丝"),
    ("taobao", "成分:100% 棉"),
    ("taobao", "万能胶另外买哦"),
    # tracking and order numbers that look like phone, QQ or card numbers
    ("taobao", "快递单号:13812345678"),
    ("taobao", "您的运单号是 138 1234 5678"),
    ("taobao", "订单号 6222021234567890123"),
    ("taobao", "快递单号SF1381234567890"),
    ("taobao", "单号YT1381234567890"),
    ("taobao", "JD0013812345678"),
    ("taobao", "顺丰 13812345678 这个是单号"),
    ("taobao", "物流单号 75312345678901"),
    ("taobao", "订单编号: 4012345678901234"),
    # ordinary service sentences
    ("taobao", "亲,在的,请问有什么可以帮您"),
    ("taobao", "感谢您的支持,祝您生活愉快"),
    ("taobao", "今天16点前付款当天发货"),
    ("taobao", "满199减20,优惠券在首页领取"),
    ("taobao", "支持七天无理由退换货"),
    ("taobao", "这款很受欢迎,回购率很高"),
    ("taobao", "我们发京东快递,次日达"),
    ("taobao", "淘宝官方活动会有满减"),
    ("taobao", "收到货有问题随时联系我们"),
    ("taobao", "快递员会电话联系您"),
    ("taobao", "退款会原路退回银行卡"),
    ("taobao", "手机壳和手机膜都有"),
    ("taobao", "衣服带帽子的"),
    ("taobao", "垃圾袋我们也有卖"),
    ("taobao", "质量很靠谱"),
    ("taobao", "给妈妈的礼物"),
    ("taobao", "给你妈妈买的话选L码"),
    ("taobao", "页面往下滚动就能看到"),
    ("taobao", "用滚开的水冲泡"),
    ("taobao", "这款去死皮效果不错"),
    ("taobao", "治愈系玩偶"),
    ("taobao", "已经帮您包好了"),
    ("taobao", "增加微量元素"),
    ("taobao", "口感QQ弹弹的"),
    ("taobao", "领口可以扣扣子"),
    ("taobao", "显示已获得物流信息"),
    ("taobao", "为了您的资金安全，请勿私下交易"),
    ("taobao", "请核对收货人手机号"),
    ("taobao", "实在没办法再便宜了"),
    ("taobao", "您可以自己看一下尺码表"),
    ("taobao", "这个不用拍，我们免费补发给您"),
    ("taobao", "现在来一单正好赶上活动"),
    ("taobao", "已经为您备注了,账号也确认了"),
    ("taobao", "作为老客户可以再领一张券"),
    ("tmall", "可以开发票,下单后在订单里申请即可"),
    ("tmall", "发票会随货寄出"),
    ("jd", "京东快递很快的"),
    ("pdd", "我们先退款再给您补发"),
    ("wechat", "加我微信,发您实拍图"),
    ("wechat", "我的微信号就是这个"),
    ("douyin", "抖音直播间今晚有活动"),
    ("taobao", "版本1.5.2,尺码S/M/L"),
    ("taobao", "价格:99.9"),
    ("taobao", "usb 数据线,TV 支架"),
    # English and emoji
    ("taobao", "Hello, how can I help you today?"),
    ("taobao", "Thanks! Your order has shipped."),
    ("taobao", "The TV X-ray and USB cable are in stock"),
    ("taobao", "I'll check with the warehouse and come back to you"),
    ("taobao", "好的😊👍"),
    ("taobao", "👨\u200d👩\u200d👧 全家都能穿"),
    ("taobao", "❤️ 谢谢亲 🎉🎉"),
    ("generic", ""),
    ("generic", "   "),
]


def _findings(platform: str, text: str) -> list[Finding]:
    return Linter.for_platform(platform).lint(text)


@pytest.mark.parametrize(("platform", "text", "rule", "level", "match"), MUST_FLAG)
def test_must_flag(platform: str, text: str, rule: str, level: str, match: str) -> None:
    findings = _findings(platform, text)
    hits = [f for f in findings if f.rule == rule]
    assert hits, f"{rule} not found in {text!r}: {findings}"
    hit = next((f for f in hits if f.match == match), hits[0])
    assert hit.level == level
    assert hit.match == match
    assert text[hit.start : hit.end] == match


@pytest.mark.parametrize(("platform", "text"), MUST_NOT_FLAG)
def test_must_not_flag(platform: str, text: str) -> None:
    serious = [f for f in _findings(platform, text) if f.level != "info"]
    assert serious == []


def test_the_tables_are_large_enough() -> None:
    assert len(MUST_FLAG) + len(MUST_NOT_FLAG) >= 150


SUGGESTIONS = [
    ("己经发货", "已经"),
    ("在来一单", "再来一单"),
    ("帐号", "账号"),
    ("做为", "作为"),
    ("优惠卷", "优惠券"),
    ("亲,好", "\uff0c"),
    ("好的.", "\u3002"),
    ("好的\uff01\uff01", "\uff01"),
    (f"a{ZWSP}b", ""),
]


@pytest.mark.parametrize(("text", "suggestion"), SUGGESTIONS)
def test_suggestions(text: str, suggestion: str) -> None:
    assert suggestion in [f.suggestion for f in _findings("generic", text)]


def test_terms_and_patterns_have_no_suggestion() -> None:
    (finding,) = [f for f in _findings("taobao", "加我微信") if f.rule == "offsite-contact"]
    assert finding.suggestion is None


def test_findings_are_sorted_by_position() -> None:
    text = "己经发货,全网最低价,加我微信,好评返现"
    starts = [f.start for f in _findings("taobao", text)]
    assert starts == sorted(starts)
    assert len(starts) >= 5


def test_overlapping_matches_of_one_rule_become_one_span() -> None:
    (finding,) = [f for f in _findings("taobao", "加 微 信") if f.rule == "offsite-contact"]
    assert (finding.start, finding.end) == (0, 5)


def test_a_weaker_match_inside_a_stronger_one_is_dropped() -> None:
    rules = [f.rule for f in _findings("generic", "好评返现")]
    assert rules == ["review-inducement"]


def test_ascii_terms_match_whole_words_only() -> None:
    assert not [f for f in _findings("taobao", "tvx usb") if f.level == "error"]
    assert [f.rule for f in _findings("taobao", "加vx")] == ["offsite-contact"]


def test_invisible_character_inside_a_term_is_both_found_and_flagged() -> None:
    rules = {f.rule for f in _findings("taobao", f"加微{ZWSP}信")}
    assert {"offsite-contact", "invisible-char"} <= rules


def test_platforms_differ() -> None:
    assert [f.rule for f in _findings("jd", "淘宝")] == ["competitor-platform"]
    assert _findings("taobao", "淘宝") == []
    assert [f for f in _findings("wechat", "加我微信") if f.level != "info"] == []
    tmall_only = [f.rule for f in _findings("tmall", "不开发票")]
    assert tmall_only == ["tmall-invoice"]
    assert _findings("taobao", "不开发票") == []


def test_tmall_has_taobao_rules_too() -> None:
    assert "competitor-platform" in {f.rule for f in _findings("tmall", "京东")}


def test_unknown_platform() -> None:
    with pytest.raises(UnknownPlatform):
        Linter.for_platform("ebay")


def test_linter_is_cached() -> None:
    assert Linter.for_platform("taobao") is Linter.for_platform("taobao")
    pack = _team_pack(Rule(id="x", level="error", message="m", terms=("某某旗舰店",)))
    assert Linter.for_platform("taobao", [pack]) is Linter.for_platform("taobao", [pack])
    assert Linter.for_platform("taobao", [pack]) is not Linter.for_platform("taobao")


def _team_pack(*rules: Rule, platforms: tuple[str, ...] = ()) -> Pack:
    return Pack(id="team", name="团队", version="1.0.0", platforms=platforms, rules=rules)


def test_pack_terms_are_added() -> None:
    pack = _team_pack(Rule(id="no-shop", level="error", message="别提", terms=("某某旗舰店",)))
    findings = Linter.for_platform("taobao", [pack]).lint("去某某 旗舰店看看")
    assert [(f.rule, f.match) for f in findings] == [("no-shop", "某某 旗舰店")]


def test_pack_rule_platforms_are_respected() -> None:
    pack = _team_pack(
        Rule(id="jd-only", level="error", message="m", terms=("某词",), platforms=("jd",))
    )
    assert Linter.for_platform("taobao", [pack]).lint("某词") == []
    assert [f.rule for f in Linter.for_platform("jd", [pack]).lint("某词")] == ["jd-only"]


def test_pack_platforms_scope_its_rules() -> None:
    pack = _team_pack(Rule(id="r", level="error", message="m", terms=("某词",)), platforms=("pdd",))
    assert Linter.for_platform("taobao", [pack]).lint("某词") == []
    assert len(Linter.for_platform("pdd", [pack]).lint("某词")) == 1


def test_pack_exceptions_and_context() -> None:
    rule = Rule(
        id="r",
        level="error",
        message="m",
        terms=("秒杀",),
        exceptions=("秒杀活动",),
        context=("官方",),
    )
    linter = Linter.for_platform("generic", [_team_pack(rule)])
    assert len(linter.lint("秒杀价")) == 1
    assert linter.lint("参加秒杀活动") == []
    assert linter.lint("官方秒杀") == []


def test_pack_swap_and_pattern() -> None:
    swap = Rule(id="s", level="warning", message="m", swap=(("亲爱哒", "亲"),))
    pattern = Rule(id="p", level="error", message="m", pattern=r"工号\s*\d{4}", suggestion="别发")
    linter = Linter.for_platform("generic", [_team_pack(swap, pattern)])
    found = {(f.rule, f.match, f.suggestion) for f in linter.lint("亲爱哒,我的工号 1234")}
    assert ("s", "亲爱哒", "亲") in found
    assert ("p", "工号 1234", "别发") in found


def test_a_dangerous_pattern_built_by_hand_is_skipped_not_run() -> None:
    rule = Rule(id="bad", level="error", message="m", pattern="(a+)+b")
    linter = Linter.for_platform("generic", [_team_pack(rule)])
    assert linter.lint("a" * 40) == []


def test_every_builtin_rule_pack_loads_and_names_known_platforms() -> None:
    from quickreply.core.lint import builtin_rule_packs
    from quickreply.core.model import PLATFORMS

    packs = builtin_rule_packs()
    assert {p.id.rsplit(".", 1)[-1] for p in packs} >= {
        "generic",
        "taobao",
        "tmall",
        "jd",
        "pdd",
        "douyin",
    }
    for pack in packs:
        assert pack.rules
        for rule in pack.rules:
            assert set(rule.platforms or pack.platforms) <= set(PLATFORMS)


def test_finding_as_dict() -> None:
    (finding,) = _findings("generic", "己经")
    assert finding.to_dict() == {
        "rule": "typo",
        "level": "warning",
        "start": 0,
        "end": 2,
        "match": "己经",
        "message": finding.message,
        "suggestion": "已经",
    }


def test_public_surface() -> None:
    import quickreply.core.lint as lint

    assert {"Linter", "Finding"} <= set(lint.__all__)


def test_a_letter_that_lowercases_to_two_keeps_offsets() -> None:
    text = "İİ 加微信"  # "İ".lower() is two characters
    (finding,) = _findings("taobao", text)
    assert text[finding.start : finding.end] == "加微信"


def test_offsets_point_into_the_original_after_full_width_folding() -> None:
    text = "\uff21\uff22，加\uff36\uff38"  # ＡＢ，加ＶＸ
    (finding,) = [f for f in _findings("taobao", text) if f.rule == "offsite-contact"]
    assert (finding.start, finding.end) == (3, 6)


def test_every_builtin_term_flags_itself() -> None:
    """No term is swallowed by its own exceptions, a word boundary or normalisation."""
    from quickreply.core.lint import builtin_rule_packs
    from quickreply.core.lint.findings import LEVEL_RANK

    missed = []
    for pack in builtin_rule_packs():
        for rule in pack.rules:
            scope = rule.platforms or pack.platforms or ("generic",)
            linter = Linter.for_platform(scope[0])
            for term in [*rule.terms, *(wrong for wrong, _ in rule.swap)]:
                found = linter.lint(term)
                if not any(
                    f.rule == rule.id
                    or (
                        f.end - f.start >= len(term)
                        and LEVEL_RANK[f.level] <= LEVEL_RANK[rule.level]
                    )
                    for f in found
                ):
                    missed.append((rule.id, term))
    assert missed == []
