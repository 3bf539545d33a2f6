"""A buyer's message as the query: SearchIndex.suggest and `quickreply suggest`."""

from __future__ import annotations

import json

import pytest

from bench.bench_suggest import BLIND, DATA, accuracy, halves, messages
from quickreply.core.library import Library
from quickreply.core.model import Reply
from quickreply.core.search import SearchIndex
from quickreply.core.search.intents import intents
from quickreply.core.search.suggest import MAX_MESSAGE, Suggester
from tests.conftest import run_cli


@pytest.fixture(scope="module")
def builtin(tmp_path_factory: pytest.TempPathFactory) -> SearchIndex:
    library = Library.load(home=tmp_path_factory.mktemp("home"))
    return SearchIndex(library.replies, cache_dir=None)


def _scenarios(index: SearchIndex, message: str, top: int = 3) -> list[str]:
    return [h.reply.scenario for h in index.suggest(message, top)]


@pytest.mark.parametrize(
    ("message", "scenario"),
    [
        ("老板能不能再便宜点啊", "议价/"),
        ("这个是正品吗", "质疑真假/"),
        ("什么时候发货", "物流/发货时间"),
        ("我170 120斤穿什么码", "尺码/"),
        ("ＶＩＰ会员有什么好处", "客户维护/会员"),  # full-width letters fold
    ],
)
def test_the_first_suggestion_answers_the_message(
    builtin: SearchIndex, message: str, scenario: str
) -> None:
    assert _scenarios(builtin, message, 1)[0].startswith(scenario)


def test_held_out_messages_reach_the_target(builtin: SearchIndex) -> None:
    def rank(text: str) -> list[Reply]:
        return [h.reply for h in builtin.suggest(text, 3)]

    _, held = halves(messages(DATA))
    assert len(messages(DATA)) >= 150
    assert accuracy(rank, held) >= 0.9
    assert all(accuracy(rank, messages(path)) >= 0.75 for path in BLIND)


def test_first_rows_offer_different_situations(builtin: SearchIndex) -> None:
    scenarios = _scenarios(builtin, "包邮吗，新疆能送到吗")
    assert len(set(scenarios)) == 3
    assert {"议价/包邮", "物流/偏远地区"} <= set(scenarios)


def test_hits_carry_spans_of_the_topics(builtin: SearchIndex) -> None:
    hit = builtin.suggest("发票抬头写错了", 1)[0]
    assert hit.reply.scenario == "订单/发票"
    tags = " ".join(hit.reply.tags)
    assert any(tags[s:e] in {"发票", "抬头", "抬头错了"} for s, e in hit.spans.get("tags", ()))


def test_a_message_with_nothing_known_finds_nothing(builtin: SearchIndex) -> None:
    assert builtin.suggest("🙂🙂", 5) == []
    assert builtin.suggest("", 5) == []
    assert builtin.suggest("发货", 0) == []


def test_only_the_start_of_a_huge_message_is_read() -> None:
    replies = [
        Reply(id="a", title="发货时间", text="x", scenario="物流/发货", pack_id="p"),
        Reply(id="b", title="退款", text="y", scenario="售后/退款", pack_id="p"),
    ]
    suggester = Suggester(replies)
    padding = "啊" * MAX_MESSAGE
    assert set(suggester.topics("退款" + padding * 52)) >= {"退款"}
    assert "退款" not in suggester.topics(padding + "退款")
    found = SearchIndex(replies, cache_dir=None).suggest("什么时候发货" + padding * 52, 5)
    assert [h.reply.id for h in found] == ["a"]


def test_a_team_pack_in_trade_words_is_found_without_cues_of_its_own() -> None:
    replies = [
        Reply(id="1", title="满199减20说明", text="…", scenario="活动/满减", pack_id="t"),
        Reply(
            id="2", title="顺丰加价", text="…", scenario="物流/快递", tags=("顺丰",), pack_id="t"
        ),
    ]
    index = SearchIndex(replies, cache_dir=None)
    assert index.suggest("能发顺丰吗", 1)[0].reply.id == "2"
    assert index.suggest("满减怎么算", 1)[0].reply.id == "1"


def test_the_cue_file_is_well_formed() -> None:
    loaded = intents()
    assert len(loaded) > 50
    assert all(cues and topics for cues, topics in loaded)


def test_cli_suggest_json_has_the_search_fields() -> None:
    result = run_cli("suggest", "老板能不能再便宜点啊", "--json", "--limit", "3")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert len(hits) == 3
    assert set(hits[0]) == {"id", "title", "score", "pack", "scenario"}
    assert hits[0]["scenario"].startswith("议价/")
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_cli_suggest_reads_stdin_and_checks_usage() -> None:
    result = run_cli("suggest", "-", input="这个是正品吗\n")
    assert result.returncode == 0, result.stderr
    assert "builtin.authenticity/" in result.stdout.splitlines()[0]
    assert run_cli("suggest").returncode == 2
    assert run_cli("suggest", "x", "--limit", "0").returncode == 1


def test_the_finder_falls_back_to_suggest_for_a_long_query_that_matches_nothing() -> None:
    from quickreply.core.search.finder import FALLBACK_MIN, Finder

    library = Library.load()
    finder = Finder(library, None)
    typed = finder("kj")
    assert typed and not any(h.suggested for h in typed)
    message = finder("老板能不能再便宜点啊")
    assert message and all(h.suggested for h in message)
    assert message[0].reply.scenario.startswith("议价/")
    assert finder("🙂" * (FALLBACK_MIN - 1)) == []
    assert finder.suggest("这个是正品吗")[0].reply.scenario.startswith("质疑真假/")
