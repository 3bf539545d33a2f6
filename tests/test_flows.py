"""Flows: the next step after a pasted reply."""

from __future__ import annotations

from quickreply.core.flows import FlowTracker
from quickreply.core.model import Flow, Reply


def _r(rid: str, pack: str = "p") -> Reply:
    return Reply(id=rid, title=f"标题{rid}", text="亲~", pack_id=pack)


REPLIES = [_r("welcome"), _r("ask"), _r("recommend"), _r("thanks"), _r("greet", "other")]
PRESALE = Flow("presale", "售前接待", ("welcome", "ask", "recommend", "thanks"), pack_id="p")


def test_next_step_in_order() -> None:
    tracker = FlowTracker([PRESALE], REPLIES)
    steps = tracker.after("p/welcome")
    assert [(s.reply.id, s.index, s.total) for s in steps] == [("ask", 1, 4)]
    assert tracker.after("p/recommend")[0].reply.id == "thanks"


def test_last_step_and_unknown_have_no_next() -> None:
    tracker = FlowTracker([PRESALE], REPLIES)
    assert tracker.after("p/thanks") == []
    assert tracker.after("p/nowhere") == []
    assert tracker.after(None) == []


def test_missing_step_is_skipped_and_other_packs_resolve() -> None:
    flow = Flow("f", "跨包", ("welcome", "gone", "other/greet"), pack_id="p")
    tracker = FlowTracker([flow], REPLIES)
    assert [s.reply.uid for s in tracker.after("p/welcome")] == ["other/greet"]


def test_a_reply_in_two_flows_offers_both_next_steps_once() -> None:
    after_sale = Flow("after", "售后", ("welcome", "thanks"), pack_id="p")
    again = Flow("again", "重复", ("welcome", "ask"), pack_id="p")
    tracker = FlowTracker([PRESALE, after_sale, again], REPLIES)
    assert [s.reply.id for s in tracker.after("p/welcome")] == ["ask", "thanks"]


def test_flow_walk_moves_and_follows_the_palette() -> None:
    from quickreply.core.flows import FlowWalk
    from quickreply.core.model import Flow

    flow = Flow("f", "售前", ("a", "b", "c"), pack_id="p")
    walk = FlowWalk(flow)
    assert walk.uid == "p/a" and walk.total == 3 and not walk.at_end
    walk = walk.forward().forward().forward()
    assert walk.index == 2 and walk.at_end
    assert walk.back().uid == "p/b"
    assert walk.restart().index == 0
    assert FlowWalk(flow).after_pasting("p/b").uid == "p/c"
    assert FlowWalk(flow).after_pasting("p/c").index == 2  # the last step stays
    assert FlowWalk(flow, 1).after_pasting("x/y").index == 1
