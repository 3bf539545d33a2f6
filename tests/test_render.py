"""Placeholders: parsing, filling, escaping; nothing is ever executed."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quickreply.core.render import (
    Blank,
    MissingValues,
    TemplateError,
    blanks,
    builtin_values,
    parse,
    preview,
    questions,
    render,
)


def test_parse_blanks_defaults_and_choices() -> None:
    segs = parse("您好{名字}，选{尺码:S|M|L}，送{面额:5}元券")
    assert segs[0] == "您好"
    assert segs[1] == Blank("名字", None, (), 2, 6)
    assert segs[3] == Blank("尺码", "S", ("S", "M", "L"), 8, 18)
    assert isinstance(segs[5], Blank) and segs[5].default == "5" and segs[5].choices == ()


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{字面}}", "{字面}"),
        ("a {{b}} c", "a {b} c"),
        ("{{{客服}}}", "{小美}"),
        ("表情😊{客服}", "表情😊小美"),
        ("全角ＡＢＣ{客服}", "全角ＡＢＣ小美"),
        ("两行\n{客服}", "两行\n小美"),
    ],
)
def test_escaped_braces_and_unicode(template: str, expected: str) -> None:
    assert render(template, builtins={"agent": "小美"}) == expected


@pytest.mark.parametrize(
    ("template", "offset", "fragment"),
    [
        ("亲{名字", 1, "not closed"),
        ("亲}好", 1, "without `{`"),
        ("{}", 0, "empty placeholder"),
        ("{a{b}}", 0, "not closed"),
        ("{尺码:S||L}", 0, "empty choice"),
        ("{S|M}", 0, "put `:` between"),
    ],
)
def test_malformed_templates_say_where(template: str, offset: int, fragment: str) -> None:
    with pytest.raises(TemplateError) as raised:
        parse(template)
    assert raised.value.offset == offset
    assert fragment in raised.value.message


def test_builtins_in_english_and_chinese() -> None:
    values = builtin_values(
        now=datetime(2026, 11, 11, 9, 5), clipboard="SF123", agent="小美", shop="好物店"
    )
    text = "{日期} {date} {时间} {time} {剪贴板} {clipboard} {客服} {agent} {店铺} {shop}"
    assert (
        render(text, builtins=values)
        == "11月11日 11月11日 09:05 09:05 SF123 SF123 小美 小美 好物店 好物店"
    )


def test_values_beat_defaults_and_builtins() -> None:
    assert render("{尺码:M}", {"尺码": "XL"}) == "XL"
    assert render("{尺码:M}") == "M"
    assert render("{客服}", {"客服": "阿明"}, {"agent": "小美"}) == "阿明"


def test_missing_values_are_named() -> None:
    with pytest.raises(MissingValues) as raised:
        render("{身高}和{体重}，{身高}", {})
    assert raised.value.names == ["身高", "体重"]
    assert "{身高}" in str(raised.value)
    with pytest.raises(MissingValues):
        render("{尺码:M}", use_defaults=False)


def test_values_are_never_parsed_or_executed() -> None:
    evil = "{__import__('os').system('x')} {{ {客服}"
    assert render("{名字}", {"名字": evil}, {"agent": "小美"}) == evil


def test_blanks_and_questions() -> None:
    template = "{客服}提醒：{身高}/{体重}/{身高}/{推荐尺码:S|M}"
    assert [b.name for b in blanks(template)] == ["客服", "身高", "体重", "推荐尺码"]
    assert [b.name for b in questions(template)] == ["身高", "体重", "推荐尺码"]


def test_preview_shows_blanks_and_defaults() -> None:
    assert preview("身高{身高}，选{尺码:M|L}") == "身高[身高]，选M"
    assert preview("坏的{") == "坏的{"


@given(st.text())
def test_escaping_any_text_round_trips(text: str) -> None:
    escaped = text.replace("{", "{{").replace("}", "}}")
    assert render(escaped) == text
