"""Reading, validating and writing packs."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quickreply.core.invisible import find_invisible
from quickreply.core.model import Flow, Pack, Reply, Rule
from quickreply.core.packs import (
    PackError,
    check_pack,
    check_text,
    dumps_pack,
    load_pack,
    loads_pack,
    write_pack,
)
from tests.packs_corpus import Case, cases

BAD = cases("bad")
WARN = cases("warn")
GOOD = cases("good")


def test_corpus_covers_every_kind_of_problem() -> None:
    # One broken pack per validation error the foundation issue lists.
    names = {c.path.stem for c in BAD}
    assert {
        "syntax",
        "missing-format",
        "format-too-new",
        "missing-pack-id",
        "missing-reply-title",
        "codes-not-list",
        "title-number",
        "bad-pack-id",
        "bad-reply-id",
        "duplicate-reply-id",
        "duplicate-flow-id",
        "duplicate-rule-id",
        "flow-unknown-step",
        "invalid-regex",
        "unbalanced-open",
        "unbalanced-close",
        "bad-version",
    } <= names


@pytest.mark.parametrize("case", BAD, ids=lambda c: c.id)
def test_bad_pack_reports_file_line_col_and_fix(case: Case) -> None:
    result = check_pack(case.path)
    assert not result.ok
    assert result.pack is None
    first = result.errors[0]
    assert (first.line, first.col) == (case.line, case.col), str(first)
    assert case.message in first.message
    assert str(first).startswith(f"{case.path}:{case.line}:{case.col}: error: ")
    with pytest.raises(PackError) as raised:
        load_pack(case.path)
    assert raised.value.problems[0] == first


@pytest.mark.parametrize("case", WARN, ids=lambda c: c.id)
def test_warnings_do_not_stop_a_pack(case: Case) -> None:
    result = check_pack(case.path)
    assert result.ok and result.pack is not None
    assert not result.errors
    first = result.warnings[0]
    assert (first.line, first.col, first.level) == (case.line, case.col, "warning")
    assert case.message in first.message
    assert load_pack(case.path) == result.pack


@pytest.mark.parametrize("case", GOOD, ids=lambda c: c.id)
def test_good_packs_load_without_problems(case: Case) -> None:
    result = check_pack(case.path)
    assert result.problems == []
    assert result.pack is not None and result.pack.path == case.path


def test_full_pack_fields() -> None:
    pack = load_pack(Path("tests/data/packs/good/full.toml"))
    assert (pack.id, pack.name, pack.version) == (
        "acme.bargain",
        "议价应对",
        "1.2.0-beta.1+build.5",
    )
    assert pack.platforms == ("taobao", "tmall")
    reply = pack.replies[0]
    assert reply.uid == "acme.bargain/promise-coupon"
    assert reply.codes == ("kj1",) and reply.tags == ("砍价", "优惠券")
    assert reply.hotkey == "ctrl+alt+1"
    assert reply.scenario_path == ("议价", "允诺型")
    assert reply.text.endswith("下次直接用哦")
    assert pack.flows[0].step_uids() == (
        "acme.bargain/promise-coupon",
        "acme.bargain/braces",
        "other.pack/welcome",
    )
    kinds = {r.id: r.kind for r in pack.rules}
    assert kinds == {"no-competitor-shop": "terms", "typo": "swap", "card": "pattern"}
    assert dict(pack.rules[1].swap) == {"己经": "已经"}


def test_bom_and_crlf_load_like_plain_files() -> None:
    bom = load_pack(Path("tests/data/packs/good/bom.toml"))
    assert bom.id == "bom"
    crlf = load_pack(Path("tests/data/packs/good/crlf.toml"))
    # Notepad's CRLF never reaches a chat box as "\r\n".
    assert crlf.replies[0].text == "第一行\n第二行"


def test_rule_swap_as_subtable() -> None:
    pack = load_pack(Path("tests/data/packs/good/swap-table.toml"))
    assert dict(pack.rules[0].swap) == {"在来一单": "再来一单", "帐号": "账号"}


def test_legacy_encoding_gets_a_save_as_utf8_message(tmp_path: Path) -> None:
    path = tmp_path / "gbk.toml"
    path.write_bytes(
        'format = 1\n[pack]\nid = "gbk"\nname = "记事本"\nversion = "1.0.0"\n'.encode("gbk")
    )
    result = check_pack(path)
    assert not result.ok
    problem = result.errors[0]
    assert (problem.line, problem.col) == (4, 9)
    assert "save it as UTF-8" in problem.message


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    result = check_pack(tmp_path / "nope.toml")
    assert not result.ok
    assert "cannot read" in result.errors[0].message


def test_every_problem_in_a_file_is_reported_at_once() -> None:
    text = """format = 1
[pack]
id = "Bad Id"
name = "多个错误"
version = "1"

[[reply]]
id = "a"
title = "一"
text = "{未闭合"

[[reply]]
id = "a"
title = "二"
text = "二"
"""
    result = check_text(text, "many.toml")
    lines = [(p.line, p.message.split(":")[0]) for p in result.errors]
    assert [line for line, _ in lines] == [3, 5, 10, 13]


def _flow_pack(*steps: str) -> str:
    listed = ", ".join(f'"{step}"' for step in steps)
    return f"""format = 1
[pack]
id = "a"
name = "甲"
version = "1.0.0"
[[flow]]
id = "f"
title = "流程"
steps = [{listed}]
"""


def test_flow_may_name_a_reply_of_another_pack() -> None:
    pack = loads_pack(_flow_pack("b.pack/welcome"))
    assert pack.flows[0].step_uids() == ("b.pack/welcome",)


def test_flow_naming_missing_reply_of_its_own_pack_by_global_id() -> None:
    result = check_text(_flow_pack("a/missing"))
    assert 'flow step "a/missing" names no reply' in result.errors[0].message


# ------------------------------------------------------------ round trips


@pytest.mark.parametrize("case", GOOD + WARN, ids=lambda c: c.id)
def test_read_write_read_gives_the_same_pack(case: Case, tmp_path: Path) -> None:
    pack = load_pack(case.path)
    target = tmp_path / "out.toml"
    write_pack(pack, target, backup=False)
    again = load_pack(target)
    assert again == pack
    # Writing is stable: a second write is byte-for-byte the first.
    assert dumps_pack(again) == target.read_text(encoding="utf-8")


_ID = st.from_regex(r"[a-z0-9][a-z0-9._-]{0,12}", fullmatch=True)
_TEXT = st.text(
    # Canonical text: packs store "\n" line endings (see test_carriage_returns_become_newlines).
    # Invisible characters are refused in every field (core/packs/characters.py).
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Cf", "Zl", "Zp"), blacklist_characters="{}"
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "" and find_invisible(s) is None)
# Escaped braces and blanks mixed into free text, newlines, quotes, emoji and CJK.
_REPLY_TEXT = (
    st.lists(
        st.one_of(
            _TEXT,
            st.just("{{"),
            st.just("}}"),
            st.just("{尺码:S|M|L}"),
            st.just("{客服}"),
            st.just("\n"),
            st.just('"""'),
            st.just("\\"),
            st.just("😊"),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda s: s.strip() != "")
)


_CODES = st.lists(st.from_regex(r"[a-z]{1,3}[0-9]{1,2}", fullmatch=True), max_size=2, unique=True)


@st.composite
def packs(draw: st.DrawFn) -> Pack:
    pack_id = draw(_ID)
    reply_ids = draw(st.lists(_ID, min_size=0, max_size=5, unique=True))
    replies = tuple(
        Reply(
            id=rid,
            title=draw(_TEXT),
            text=draw(_REPLY_TEXT),
            scenario=draw(st.sampled_from(["", "议价/允诺型", "物流"])),
            codes=tuple(draw(_CODES)) if i == 0 else (),
            tags=tuple(draw(st.lists(_TEXT, max_size=3))),
            pack_id=pack_id,
        )
        for i, rid in enumerate(reply_ids)
    )
    flows = (
        (Flow(id="flow", title="流程", steps=tuple(reply_ids), pack_id=pack_id),)
        if reply_ids
        else ()
    )
    rules = (
        Rule(id="r1", level="error", message=draw(_TEXT), terms=(draw(_TEXT),), pack_id=pack_id),
        Rule(id="r2", level="info", message="错别字", swap=(("己经", "已经"),), pack_id=pack_id),
    )
    return Pack(
        id=pack_id,
        name=draw(_TEXT),
        version=f"{draw(st.integers(0, 20))}.{draw(st.integers(0, 20))}.0",
        description=draw(st.sampled_from(["", "说明 with English ＡＢＣ"])),
        replies=replies,
        flows=flows,
        rules=rules,
    )


@settings(max_examples=60, deadline=None)
@given(packs())
def test_round_trip_property(pack: Pack) -> None:
    assert loads_pack(dumps_pack(pack)) == pack


def test_write_pack_keeps_a_backup_of_the_previous_file(tmp_path: Path) -> None:
    from quickreply.core.storage import backups_of

    pack = load_pack(Path("tests/data/packs/good/minimal.toml"))
    target = tmp_path / "mine.toml"
    write_pack(pack, target)
    write_pack(replace(pack, name="改过的名字"), target)
    backups = backups_of(target)
    assert len(backups) == 1
    assert load_pack(backups[0]).name == "最小的包"
    assert load_pack(target).name == "改过的名字"


def test_carriage_returns_become_newlines(tmp_path: Path) -> None:
    pack = Pack(
        id="crlf",
        name="名字\r\n",
        version="1.0.0",
        replies=(
            Reply(id="a", title="标题\r", text="一\r\n二\r三", tags=("甲\r\n",), pack_id="crlf"),
        ),
    )
    again = loads_pack(dumps_pack(pack))
    assert again.name == "名字\n"
    assert (again.replies[0].title, again.replies[0].text) == ("标题\n", "一\n二\n三")
    assert again.replies[0].tags == ("甲\n",)
    escaped = loads_pack('format = 1\n[pack]\nid = "e"\nname = "a\\r\\nb"\nversion = "1.0.0"\n')
    assert escaped.name == "a\nb"
