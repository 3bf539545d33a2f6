"""A deterministic synthetic reply library for benchmarks.

Titles, tags, scenarios and bodies are assembled from a vocabulary of real
customer-service words (议价, 物流, 售后 ...), so character and pinyin
statistics look like a real shop's library: many replies share words, a few
characters are polyphonic (长, 行, 重, 差), some text carries ASCII (SF, VIP,
7天) and emoji. Other benchmarks may reuse it: `from bench._synthetic import make_replies`.
"""

from __future__ import annotations

import random

from quickreply.core.model import Reply

SCENARIOS: tuple[str, ...] = (
    "议价/允诺型",
    "议价/对比型",
    "议价/威逼利诱型",
    "议价/博取同情型",
    "议价/包邮",
    "议价/赠品",
    "议价/价保",
    "质疑真假/专柜验证",
    "质疑真假/差评解释",
    "关联推荐/凑单包邮",
    "关联推荐/搭配",
    "尺码/推荐",
    "尺码/换码",
    "物流/发货",
    "物流/快递选择",
    "物流/偏远地区",
    "物流/延迟",
    "物流/签收未收到",
    "售后/退换货",
    "售后/退款",
    "售后/运费",
    "售后/丢件补发",
    "售后/投诉安抚",
    "售后/差评挽回",
    "售后/回访",
    "客户维护/老客户",
    "客户维护/会员",
    "客户维护/节日问候",
    "大促/定金尾款",
    "大促/催付",
    "大促/活动规则",
    "直播/商品链接",
    "直播/库存",
    "接待/欢迎",
    "接待/结束",
)

TOPICS: tuple[str, ...] = (
    "砍价",
    "优惠",
    "优惠券",
    "满减",
    "包邮",
    "赠品",
    "价保",
    "正品",
    "发票",
    "授权",
    "专柜",
    "差评",
    "好评",
    "凑单",
    "搭配",
    "尺码",
    "身高体重",
    "换码",
    "发货",
    "快递",
    "快件",
    "顺丰",
    "物流",
    "偏远地区",
    "延迟",
    "签收",
    "退货",
    "换货",
    "退款",
    "运费",
    "运费险",
    "补发",
    "丢件",
    "少件",
    "投诉",
    "道歉",
    "回访",
    "老客户",
    "会员",
    "生日",
    "节日",
    "定金",
    "尾款",
    "催付",
    "活动",
    "直播",
    "链接",
    "库存",
    "现货",
    "预售",
    "长款",
    "短款",
    "重量",
    "银行卡",
    "地址",
    "修改地址",
    "七天无理由",
    "吊牌",
    "质量问题",
    "色差",
    "面料",
    "洗涤",
    "保修",
    "安装",
    "说明书",
    "客服",
    "店铺",
    "收藏",
    "关注",
    "积分",
    "红包",
    "秒杀",
    "拼团",
    "团购",
    "批发",
    "学生",
    "礼物",
    "包装",
    "加急",
)

TITLE_TAILS: tuple[str, ...] = (
    "怎么办",
    "说明",
    "回复",
    "话术",
    "技巧",
    "规则",
    "时间",
    "流程",
    "安抚",
    "提醒",
    "确认",
    "解释",
    "建议",
    "不降价",
    "送券",
    "先退款",
    "补偿",
)

OPENERS: tuple[str, ...] = (
    "亲,",
    "亲亲,",
    "您好,",
    "亲爱的顾客,",
    "非常抱歉,",
    "感谢您的支持,",
    "理解您的心情,",
)

PHRASES: tuple[str, ...] = (
    "我们的价格已经是活动价了",
    "这边帮您申请一张优惠券",
    "下单后48小时内发货",
    "默认发中通快递,需要顺丰可以补差价",
    "偏远地区可能会晚一两天",
    "收到货后如有质量问题我们承担运费",
    "支持七天无理由退换货,吊牌请保持完好",
    "退款会原路返回到您的账户",
    "您的快件已经在派送中了",
    "建议您选择长款,版型比较宽松",
    "您身高体重发一下,帮您推荐尺码",
    "本店是品牌授权店,支持专柜验证",
    "需要发票的话下单时备注抬头",
    "满减活动和优惠券可以叠加使用",
    "再凑一件就可以包邮了",
    "这款和您买的外套很搭配",
    "会员可以享受积分抵现",
    "定金付了以后尾款记得按时支付哦",
    "活动马上结束,库存不多了",
    "直播间的链接已经发给您了",
    "我们会尽快给您补发",
    "给您带来不便真的很抱歉",
    "请您提供一下订单号和照片",
    "银行卡退款一般三到五个工作日到账",
    "重量超过五公斤需要补运费",
    "这个颜色可能存在轻微色差",
    "洗涤的时候建议冷水手洗",
    "产品保修一年,人为损坏除外",
    "VIP会员专享价,不能再优惠了",
    "SF顺丰包邮,当天发出",
    "您的满意是我们最大的动力 😊",
    "有任何问题随时联系客服 🙏",
    "修改地址请在发货前告诉我们",
    "节日快乐,送您一张无门槛红包 🎉",
    "学生党也可以领取新人券",
    "拼团成功后统一发货",
    "差评的问题我们已经在改进了",
    "银行转账请走平台订单,不要私下交易",
    "行李箱尺寸是二十四寸的",
    "这款卖得很好,回头客很多",
)


# Openers for the mid-title corpus: they put every topic word in the middle of
# a title, so a typed syllable rarely starts one (the slow case for a search
# that reads title starts first).
LEADS: tuple[str, ...] = (
    "关于",
    "针对",
    "遇到",
    "买家问",
    "顾客说",
    "如果",
    "面对",
    "碰到",
    "万一",
    "假如",
    "通用版",
    "模板：",
)


def make_replies(count: int, seed: int = 20241111, *, mid_title: bool = False) -> list[Reply]:
    """`count` replies built from the vocabulary above; the same seed gives the same library.

    `mid_title`: every title opens with one of LEADS, so common syllables sit
    mid-title (the corpus behind the slow keystrokes search v2 removed).
    """
    rng = random.Random(seed)
    replies: list[Reply] = []
    for i in range(count):
        scenario = rng.choice(SCENARIOS)
        topic = rng.choice(TOPICS)
        other = rng.choice(TOPICS)
        shape = rng.random()
        if mid_title:
            title = f"{rng.choice(LEADS)}{topic}{other}{rng.choice(TITLE_TAILS)}"
        elif shape < 0.4:
            title = f"{topic}{rng.choice(TITLE_TAILS)}"
        elif shape < 0.7:
            title = f"{topic}{other}{rng.choice(TITLE_TAILS)}"
        elif shape < 0.9:
            title = f"{scenario.split('/')[-1]}:{topic}"
        else:
            title = f"{topic}{rng.choice(TITLE_TAILS)}{i % 97}"
        body = rng.choice(OPENERS) + ",".join(rng.sample(PHRASES, rng.randint(2, 3))) + "~"
        tags = tuple(dict.fromkeys([topic, *rng.sample(TOPICS, rng.randint(0, 2))]))
        codes: tuple[str, ...] = ()
        if rng.random() < 0.3:
            codes = (f"{_initials_hint(rng)}{i}",)
        replies.append(
            Reply(
                id=f"r{i}",
                title=title,
                text=body,
                scenario=scenario,
                codes=codes,
                tags=tags,
                pack_id="synthetic",
            )
        )
    return replies


def _initials_hint(rng: random.Random) -> str:
    return rng.choice(("kj", "fh", "th", "tk", "yh", "by", "cm", "wl", "sh", "hf"))
