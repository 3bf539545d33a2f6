"""The whole built-in library: every pack passes `pack check`, the real linter on
every platform, and the house style of tests/library_style.py.

What a single family of packs must hold (its situations, flows, blanks and
wording) lives in the family files test_library_presale/aftersale/orders.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quickreply.core import render
from quickreply.core.library import Library
from quickreply.core.lint import Linter
from quickreply.core.model import PLATFORMS, Pack, Reply
from quickreply.core.packs import check_pack
from quickreply.core.render import preview
from tests import library_style as style
from tests.conftest import run_cli

PACK_FILES = sorted(style.LIBRARY_DIR.glob("*.toml"))
LIBRARY = Library.from_files(PACK_FILES)
ALL = sorted(style.PACKS)

# Red-line words the family tests once listed by hand and the linter now
# flags; test_the_linter_flags_the_words_once_listed_by_hand keeps it so.
LINTED_TERMS = (
    "最低", "最便宜", "最优", "最佳", "最高", "最大", "最划算", "最新", "第一",
    "国家级", "顶级", "极品", "首个", "独家", "100%", "万能", "绝对", "永久",
    "完美", "唯一", "微信", "加V", "vx", "QQ", "电话", "手机号", "联系方式",
    "银行卡", "转账", "汇款", "打款", "扫码", "私聊", "站外", "好评返现",
    "返现", "晒图返", "好评送", "好评有礼", "根治", "无副作用", "治愈",
    "淘宝", "天猫", "京东", "拼多多", "抖音", "不能开发票", "不开发票",
    "不是我们的问题", "己经", "帐号", "帐户", "做为",
)  # fmt: skip


def _pack_platforms(pack: Pack) -> tuple[str, ...]:
    return pack.platforms or PLATFORMS


def _platforms(reply: Reply) -> tuple[str, ...]:
    pack = LIBRARY.pack(reply.pack_id)
    assert pack is not None
    return reply.platforms or _pack_platforms(pack)


def _flags(linter: Linter, text: str) -> list[str]:
    return [
        f"{f.level} {f.rule} 「{f.match}」"
        for f in linter.lint(text)
        if f.level in ("error", "warning")
    ]


# ---------------------------------------------------------------- the checks check


def test_half_width_detector_catches_what_it_should() -> None:
    problems = style.half_width_problems
    assert problems("亲,您好")
    assert problems("好的!")
    assert problems("尺码(S码)")
    assert problems("稍等~")
    assert problems('他说"好"')
    assert problems("“好”,")
    assert problems("满减，ｘ,")  # a full-width letter counts as Chinese text
    assert not problems("亲，您好！满9.5折，0.5mm的笔芯～")
    assert not problems("每天9:00-23:00在线，满9.5折")
    assert not problems("Hello! How can I help you?")
    assert problems(style.as_sent("亲,{名字}"))
    assert problems(style.as_sent("您好{名字}."))
    assert problems(style.as_sent("您好{名字}!"))


def test_the_other_detectors_catch_what_they_should() -> None:
    for doubled in ("好的！！", "好的。。", "嗯，，", "ok!!", "what??", "a,,b", "等等..."):
        assert style.DOUBLED_PUNCTUATION.search(doubled), doubled
    assert not style.DOUBLED_PUNCTUATION.search("好的！您稍等。满9.5折")
    assert style.INVISIBLE.search("您\u200b好")
    assert style.INVISIBLE.search("\ufeff您好")
    assert not style.INVISIBLE.search("您 好\u3000！")
    assert style.EMOJI.search("好的😊")
    assert style.EMOJI.search("感谢❤")
    assert not style.EMOJI.search("好的～（笑）")
    assert style.PHONE_LIKE.search("打 138-1234-5678")
    assert style.PHONE_LIKE.search("12345678")
    assert not style.PHONE_LIKE.search("16:00前下单，9:00-23:00在线，满200减30")
    assert style.red_line_hits("这是全网最好的") == ["最好", "全网"]
    assert style.red_line_hits("最近发货慢，第一时间通知您，100%纯棉") == []
    assert style.as_sent("{商品}{截单时间:16:00}{节日:新年|中秋}") == "某16:00新年"


def test_the_linter_flags_the_words_once_listed_by_hand() -> None:
    # A word is covered when a reply holding it fails
    # test_no_builtin_reply_breaks_a_red_line: every built-in pack is shown on
    # every platform, and the word is flagged on at least one of them.
    assert all(_pack_platforms(p) == PLATFORMS for p in LIBRARY.packs)
    linters = [Linter.for_platform(p) for p in PLATFORMS]
    missed = [t for t in LINTED_TERMS if not any(_flags(lt, f"亲，{t}的") for lt in linters)]
    assert missed == []


# ---------------------------------------------------------------- the real tools


def test_every_builtin_pack_passes_pack_check_without_warnings() -> None:
    result = run_cli("pack", "check", *map(str, PACK_FILES))
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stdout + result.stderr
    assert result.stdout.count(": ok: ") == len(PACK_FILES)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_no_builtin_reply_breaks_a_red_line(platform: str) -> None:
    linter = Linter.for_platform(platform)
    found = [
        f"{reply.uid}: {flag}"
        for reply in LIBRARY.replies
        if platform in _platforms(reply)
        for flag in _flags(linter, preview(reply.text))
    ]
    assert found == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_no_title_choice_or_pack_text_breaks_a_red_line(platform: str) -> None:
    # Agents read titles, choices and flow names, and pick what they read.
    linter = Linter.for_platform(platform)
    found = [
        f"{where}: {flag}"
        for pack in LIBRARY.packs
        if platform in _pack_platforms(pack)
        for where, text in style.texts(pack)
        for flag in _flags(linter, text)
    ]
    assert found == []


def test_library_size_and_flows() -> None:
    assert len(LIBRARY.packs) >= 13
    assert len(LIBRARY.replies) >= 300
    assert len(LIBRARY.flows) >= 8
    assert all(Path(p).suffix == ".toml" for p in PACK_FILES)


def test_the_style_table_names_every_builtin_pack() -> None:
    assert sorted(p.name for p in PACK_FILES) == ALL


# ---------------------------------------------------------------- every pack


@pytest.mark.parametrize("file_name", ALL)
def test_pack_loads_clean_with_its_identity(file_name: str) -> None:
    result = check_pack(style.LIBRARY_DIR / file_name)
    assert result.ok, [str(p) for p in result.problems]
    assert result.problems == [], [str(p) for p in result.problems]
    pack = result.pack
    assert pack is not None
    info = style.PACKS[file_name]
    assert (pack.id, pack.name, pack.version, pack.author) == (
        info.id,
        info.name,
        "1.0.0",
        "QuickReply",
    )
    assert pack.description
    assert pack.replies
    assert pack.flows, f"{file_name}: give agents at least one talk script"


@pytest.mark.parametrize("file_name", ALL)
def test_replies_are_titled_filed_and_tagged(file_name: str) -> None:
    root = style.PACKS[file_name].root
    for reply in style.load(file_name).replies:
        assert style.REPLY_ID.fullmatch(reply.id), reply.id
        # Titles read "situation：what to do", so an agent can pick by title.
        assert "：" in reply.title and style.HAN.search(reply.title), reply.uid
        assert reply.scenario and reply.scenario_path[:1] == (root,), reply.uid
        assert len(reply.scenario_path) >= 2, reply.uid
        assert len(reply.tags) >= 2, f"{reply.uid}: give agents words to search by"


@pytest.mark.parametrize("file_name", ALL)
def test_placeholders_parse_agree_and_render(file_name: str) -> None:
    builtins = render.builtin_values(agent="小美", shop="本店")
    for reply in style.load(file_name).replies:
        segments = render.parse(reply.text)  # raises TemplateError on a bad blank
        # A blank named twice must offer the same default, or filling one
        # occurrence and accepting defaults would leave the other empty.
        seen: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        for seg in segments:
            if isinstance(seg, str):
                continue
            assert seg.name.strip() == seg.name, (reply.uid, seg.name)
            assert all(choice for choice in seg.choices), (reply.uid, seg.name)
            spec = (seg.default, seg.choices)
            assert seen.setdefault(seg.name, spec) == spec, f"{reply.uid}: {{{seg.name}}}"
        # Filling every question, or only those without a default, yields plain text.
        every = {b.name: style.STAND_IN for b in render.questions(reply.text)}
        bare = {b.name: "甲" for b in render.questions(reply.text) if b.default is None}
        for values in (every, bare):
            sent = render.render(reply.text, values, builtins)
            assert "{" not in sent and "}" not in sent, reply.uid


@pytest.mark.parametrize("file_name", ALL)
def test_punctuation_is_full_width_and_clean(file_name: str) -> None:
    pack = style.load(file_name)
    problems = [
        (where, text, style.half_width_problems(text))
        for where, text in style.texts(pack)
        if style.half_width_problems(text)
    ]
    assert problems == []
    for where, text in style.texts(pack):
        assert not style.DOUBLED_PUNCTUATION.search(text), (where, text)
        assert not style.INVISIBLE.search(text), where
        assert "..." not in text and "。。" not in text, where
    for reply in pack.replies:
        assert not style.INVISIBLE.search(reply.text + reply.title), reply.uid


@pytest.mark.parametrize("file_name", ALL)
def test_emoji_are_sparing(file_name: str) -> None:
    replies = style.load(file_name).replies
    with_emoji = [r.id for r in replies if style.EMOJI.search(r.text)]
    assert len(with_emoji) <= len(replies) // 4, with_emoji
    assert all(len(style.EMOJI.findall(r.text)) <= 1 for r in replies)


@pytest.mark.parametrize("file_name", ALL)
def test_no_phone_numbers_or_red_line_words_the_linter_misses(file_name: str) -> None:
    for where, text in style.texts(style.load(file_name)):
        hits = style.red_line_hits(text)
        assert not hits, (where, hits, text)
        assert not style.PHONE_LIKE.search(text), (where, text)


@pytest.mark.parametrize("file_name", ALL)
def test_codes_are_in_the_pack_family_numbered_from_one(file_name: str) -> None:
    prefix = style.PACKS[file_name].prefix
    pack = style.load(file_name)
    coded = [r for r in pack.replies if r.codes]
    # Codes go on the frequent replies: most of a pack, not necessarily all.
    assert len(coded) * 2 >= len(pack.replies), file_name
    codes = [code for r in coded for code in r.codes]
    assert all(re.fullmatch(rf"{prefix}[1-9]\d*", c) for c in codes), (file_name, codes)
    # Numbered from 1 without gaps, as docs/writing-packs.md asks.
    numbers = sorted(int(code[len(prefix) :]) for code in codes)
    assert numbers == list(range(1, len(numbers) + 1)), (file_name, numbers)


def test_family_prefixes_are_distinct() -> None:
    prefixes = [info.prefix for info in style.PACKS.values()]
    assert len(set(prefixes)) == len(prefixes) == 13


# ---------------------------------------------------------------- across the library


def test_shortcut_codes_are_unique_across_the_whole_built_in_library() -> None:
    # A code typed in the palette must mean one reply, whatever the letter case.
    owners: dict[str, list[str]] = {}
    for reply in LIBRARY.replies:
        for code in reply.codes:
            owners.setdefault(code.lower(), []).append(reply.uid)
    assert {code: uids for code, uids in owners.items() if len(uids) > 1} == {}


def test_every_flow_has_three_steps_that_resolve_in_the_merged_library() -> None:
    present = {p.id for p in LIBRARY.packs}
    short = [flow.uid for flow in LIBRARY.flows if len(flow.steps) < 3]
    assert short == []
    unresolved = [
        f"{flow.uid} -> {step}"
        for flow in LIBRARY.flows
        for step in flow.step_uids()
        if step.partition("/")[0] not in present or LIBRARY.get(step) is None
    ]
    assert unresolved == []


def test_no_reply_repeats_another_word_for_word() -> None:
    by_text: dict[str, list[str]] = {}
    for reply in LIBRARY.replies:
        by_text.setdefault(preview(reply.text), []).append(reply.uid)
    assert [uids for uids in by_text.values() if len(uids) > 1] == []


def test_the_team_lead_guide_lists_every_prefix() -> None:
    guide = (style.LIBRARY_DIR.parent / "docs" / "writing-packs.md").read_text(encoding="utf-8")
    table = [line for line in guide.splitlines() if line.startswith("| `")]
    for info in style.PACKS.values():
        assert any(line.startswith(f"| `{info.prefix}` |") for line in table), info.prefix
