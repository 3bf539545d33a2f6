"""The running app feeds the usage statistics: characters pasted and red lines caught."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from quickreply.core.library import Library
from quickreply.core.model import Pack, Reply
from quickreply.core.usage import summarize
from tests.ui.test_app import HOTKEY, Rig

pytestmark = pytest.mark.qt

OFFSITE = "亲，加我微信 abc12345 发您优惠"


def test_a_gated_paste_counts_the_catch_and_the_characters(qtbot: Any) -> None:
    pack = Pack(
        id="shop",
        name="店",
        version="1.0.0",
        replies=(Reply(id="wx", title="微信联系", text=OFFSITE, codes=("wx",), pack_id="shop"),),
    )
    rig = Rig(qtbot, Library((pack,)))
    rig.press(HOTKEY)
    rig.app.palette.query.setText("wx")
    qtbot.keyClick(rig.app.palette.query, Qt.Key.Key_Return)  # the lint gate asks first
    counts = rig.usage.catch_counts()
    assert counts and all(n == 1 for n in counts.values())
    assert any("offsite" in rule or "contact" in rule for rule in counts), counts
    qtbot.keyClick(rig.app.palette.confirm_page.text, Qt.Key.Key_Return)  # pasted anyway
    assert rig.pasted == [OFFSITE]
    summary = summarize(rig.usage, [pack], cpm=60)
    [row] = summary.rows
    assert (row.uid, row.uses, row.chars) == ("shop/wx", 1, len(OFFSITE))
    assert row.seconds_saved == pytest.approx(len(OFFSITE))  # 60 characters a minute
    assert summary.catches[0].message  # the rule's own words, for the team report
