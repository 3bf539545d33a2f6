"""Property tests: evasion by inserted characters, and spans that always fit."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quickreply.core.lint import Linter

# Forbidden terms (error level on Taobao) with no exception that a neighbour could form.
FORBIDDEN = [
    "微信",
    "假一赔十",
    "好评返现",
    "国家级",
    "傻逼",
    "私下交易",
    "驰名商标",
    "薇信",
    "扣扣",
]
# What evaders put between characters: spaces, dashes, dots, stars, hearts, emoji,
# zero-width spaces, full-width spaces and punctuation.
SEPARATORS = [
    " ",
    "  ",
    "-",
    "_",
    ".",
    "·",
    "*",
    "❤",
    "😊",
    "\u200b",
    "\u3000",
    "/",
    "|",
    "~",
    "\uff0c",
]
# Harmless surrounding text.
FILLER = st.text(alphabet="亲您好的我们这边帮看一下稍等哦了吗呢。 😊", max_size=12)


def _spread(term: str, seps: list[str]) -> str:
    out = term[0]
    for i, char in enumerate(term[1:]):
        out += seps[i % len(seps)] + char
    return out


@settings(max_examples=150, deadline=None)
@given(
    term=st.sampled_from(FORBIDDEN),
    seps=st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=4),
    before=FILLER,
    after=FILLER,
)
def test_separators_between_characters_still_flag(
    term: str, seps: list[str], before: str, after: str
) -> None:
    spread = _spread(term, seps)
    text = before + spread + after
    start = len(before)
    end = start + len(spread)
    findings = [f for f in Linter.for_platform("taobao").lint(text) if f.level == "error"]
    covering = [f for f in findings if f.start <= start and end <= f.end]
    assert covering, f"{spread!r} in {text!r} not flagged: {findings}"


TRIGGERS = (
    "微信加vVxXqQ最好第一国家级假赔十返现己经帐号在来一单1385670-+.%％，,!！\u200b\u202e 😊👨\u200d"
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=TRIGGERS, max_size=60) | st.text(max_size=80))
def test_every_span_lies_inside_the_text(text: str) -> None:
    for platform in ("generic", "taobao", "tmall"):
        for f in Linter.for_platform(platform).lint(text):
            assert 0 <= f.start < f.end <= len(text)
            assert text[f.start : f.end] == f.match
            assert f.level in ("error", "warning", "info")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=200))
def test_findings_come_sorted(text: str) -> None:
    starts = [f.start for f in Linter.for_platform("taobao").lint(text)]
    assert starts == sorted(starts)
