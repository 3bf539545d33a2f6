"""A running app takes new packs (`run --pack F`, `import` meanwhile) and says what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quickreply.core.library import Library
from quickreply.core.library.changes import Changes, compare
from quickreply.core.model import Pack, Reply
from tests.ui.test_app import Rig

pytestmark = pytest.mark.qt

HEAD = 'format = 1\n[pack]\nid = "team"\nname = "团队"\nversion = "1.0.0"\n'


def _reply_toml(rid: str, title: str) -> str:
    return f'[[reply]]\nid = "{rid}"\ntitle = "{title}"\ntext = "亲，{title}哦"\n'


def _library(*replies: tuple[str, str]) -> Library:
    made = tuple(Reply(id=i, title=t, text=f"亲，{t}", pack_id="p") for i, t in replies)
    return Library((Pack(id="p", name="p", version="1.0.0", replies=made),))


def test_compare_counts_added_changed_and_removed() -> None:
    old = _library(("a", "问候"), ("b", "发货"), ("c", "退货"))
    new = _library(("a", "问候"), ("b", "发货时间"), ("d", "换货"), ("e", "催付"))
    assert compare(old, new) == Changes(added=2, changed=1, removed=1)
    assert str(compare(old, new)) == "2 replies added, 1 changed, 1 removed"
    assert not compare(old, old).any


def test_load_switches_to_the_packs_and_says_what_changed(
    qtbot: Any, tmp_path: Path, library: Library
) -> None:
    rig = Rig(qtbot, library)
    pack = tmp_path / "team.toml"
    pack.write_text(HEAD + _reply_toml("a", "新品问候") + _reply_toml("b", "节日问候"), "utf-8")
    with qtbot.waitSignal(rig.app.library_changed):
        answer = rig.app.answer_command("load", [str(pack)])
    assert answer.ok
    assert answer.message == f"{pack} loaded: 2 replies added, 0 changed, {len(library)} removed"
    assert [r.title for r in rig.app.library.replies] == ["新品问候", "节日问候"]
    assert rig.app.pack_paths == (pack,)
    removed = len(library)
    assert rig.app.tray.messages[-1][1] == f"回复已更新：新增 2 条，修改 0 条，删除 {removed} 条"
    # Without a tray the palette says it: in its footer, until the agent types.
    palette = rig.app.palette
    palette.popup()
    assert palette.hint.text() == rig.app.tray.messages[-1][1]
    palette.query.setText("x")
    assert "Enter" in palette.hint.text()
    palette.dismiss()
    loaded = [e for e in rig.events.events if e["event"] == "library_loaded"]
    assert [(e["added"], e["changed"], e["removed"]) for e in loaded] == [(2, 0, len(library))]
    # `reload` reads the same packs again: one title edited on disk.
    pack.write_text(HEAD + _reply_toml("a", "新品问候") + _reply_toml("b", "元旦问候"), "utf-8")
    again = rig.app.answer_command("reload", [])
    assert again.ok and "0 replies added, 1 changed, 0 removed" in again.message
    assert "--pack" in again.message  # an `import` would not be read by this instance


def test_a_broken_pack_changes_nothing_and_says_why(
    qtbot: Any, tmp_path: Path, library: Library
) -> None:
    rig = Rig(qtbot, library)
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[pack]\nid = "x"\nname = "坏包"\n', encoding="utf-8")
    with qtbot.assertNotEmitted(rig.app.library_changed):
        answer = rig.app.answer_command("load", [str(bad)])
    assert not answer.ok
    assert str(bad) in answer.message and "the running replies are kept" in answer.message
    assert rig.app.library is library
    errors = [e for e in rig.events.events if e["event"] == "error"]
    assert errors[-1]["kind"] == "pack_problem" and "回复包没有载入" in errors[-1]["message"]
    missing = rig.app.answer_command("load", [str(tmp_path / "nowhere.toml")])
    assert not missing.ok and "nowhere.toml" in missing.message
    assert rig.app.library is library
