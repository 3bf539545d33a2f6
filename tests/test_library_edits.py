"""The manager's edits of the personal pack, as pure functions and on disk."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from quickreply.core.library import Library, edits, load_personal, save_personal
from quickreply.core.library.personal import (
    empty_personal_pack,
    last_good_personal,
    problems_on_disk,
)
from quickreply.core.model import Pack, Reply

TEAM = """\
format = 1

[pack]
id = "team.presale"
name = "售前"
version = "{version}"

[[reply]]
id = "greet"
title = "欢迎"
text = "{text}"
scenario = "售前/问候"
codes = ["hy"]
"""


def _reply(rid: str, **kw: object) -> Reply:
    base = {"title": "标题 " + rid, "text": "正文 " + rid}
    base.update(kw)
    return Reply(id=rid, **base)  # type: ignore[arg-type]


def _pack(*replies: Reply) -> Pack:
    return replace(empty_personal_pack(), replies=tuple(replace(r, pack_id="personal") for r in replies))


def test_add_update_delete_keep_order_and_refuse_unknown_ids() -> None:
    pack = edits.add_reply(_pack(_reply("a")), _reply("b"))
    assert [r.id for r in pack.replies] == ["a", "b"]
    assert pack.replies[1].pack_id == "personal"
    with pytest.raises(edits.EditError, match="already"):
        edits.add_reply(pack, _reply("a"))
    pack = edits.update_reply(pack, _reply("a", title="新标题"))
    assert [r.title for r in pack.replies] == ["新标题", "标题 b"]
    pack = edits.delete_reply(pack, "a")
    assert [r.id for r in pack.replies] == ["b"]
    with pytest.raises(edits.EditError, match="no reply"):
        edits.delete_reply(pack, "a")


def test_new_ids_are_unique_and_well_formed() -> None:
    pack = _pack(_reply("my-1"), _reply("my-2"))
    assert edits.new_reply_id(pack) == "my-3"
    assert edits.new_reply_id(pack, "Team.Presale/Greet") == "team.presale-greet-1"


def test_duplicate_drops_codes_and_hotkey_and_sits_after_the_original() -> None:
    pack = _pack(_reply("a", codes=("kj",), hotkey="ctrl+alt+1"), _reply("z"))
    pack, copy = edits.duplicate_reply(pack, "a")
    assert [r.id for r in pack.replies] == ["a", copy.id, "z"]
    assert copy.title.endswith("（副本）") and copy.codes == () and copy.hotkey is None
    assert copy.text == "正文 a"


def test_move_cleans_the_scenario_path() -> None:
    pack = edits.move_reply(_pack(_reply("a", scenario="售前")), "a", " 售后 / 退款 /")
    assert pack.replies[0].scenario == "售后/退款"


def test_override_then_restore() -> None:
    original = Reply("greet", "欢迎", "您好", pack_id="team.presale", codes=("hy",))
    pack, own = edits.override_reply(_pack(), replace(original, text="亲，您好"), original.uid)
    assert own.overrides == "team.presale/greet" and own.pack_id == "personal"
    assert edits.override_of(pack, original.uid) == own
    # A second edit updates the same override, never a second copy.
    pack, again = edits.override_reply(pack, replace(original, text="亲亲"), original.uid)
    assert again.id == own.id and len(pack.replies) == 1 and pack.replies[0].text == "亲亲"
    pack = edits.restore_team_version(pack, original.uid)
    assert pack.replies == ()
    with pytest.raises(edits.EditError):
        edits.restore_team_version(pack, original.uid)


def test_code_collisions_ignore_case_and_the_reply_itself() -> None:
    replies = [
        Reply("a", "A", "x", codes=("KJ1",), pack_id="p"),
        Reply("b", "B", "x", codes=("hy",), pack_id="p"),
    ]
    found = edits.code_collisions(["kj1", "new"], replies)
    assert list(found) == ["kj1"] and found["kj1"][0].id == "a"
    assert edits.code_collisions(["kj1"], replies, own_uids=["p/a"]) == {}


def test_hotkey_conflicts_name_what_has_the_key() -> None:
    replies = [Reply("a", "退款说明", "x", hotkey="Alt+Ctrl+1", pack_id="p")]
    apps = {"打开搜索面板": "ctrl+alt+space"}
    assert edits.hotkey_conflicts("ctrl+alt+1", replies, apps) == ["退款说明 (p/a)"]
    assert edits.hotkey_conflicts("CTRL+ALT+SPACE", replies, apps) == ["打开搜索面板"]
    assert edits.hotkey_conflicts("ctrl+alt+1", replies, apps, own_uids=["p/a"]) == []
    assert edits.hotkey_conflicts("ctrl+alt+2", replies, apps) == []


def test_split_words_takes_full_width_separators() -> None:
    assert edits.split_words(" kj1，kj2、kj1  hy ") == ("kj1", "kj2", "hy")


def _write_team(home: Path, version: str, text: str) -> None:
    (home / "packs").mkdir(exist_ok=True)
    (home / "packs" / "team.presale.toml").write_text(
        TEAM.format(version=version, text=text), encoding="utf-8"
    )


def test_an_override_saved_to_disk_survives_a_team_update(tmp_path: Path) -> None:
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    _write_team(tmp_path, "1.0.0", "您好")
    library = Library.load(builtin, tmp_path)
    original = library.get("team.presale/greet")
    assert original is not None
    pack, _ = edits.override_reply(
        load_personal(tmp_path / "personal.toml"), replace(original, text="亲，在的～"), original.uid
    )
    save_personal(pack, tmp_path / "personal.toml")
    _write_team(tmp_path, "1.1.0", "您好，欢迎光临")  # the team lead publishes an update
    merged = Library.load(builtin, tmp_path).get("team.presale/greet")
    assert merged is not None and merged.text == "亲，在的～" and merged.codes == ("hy",)
    # Restoring the team version shows the update.
    save_personal(edits.restore_team_version(pack, original.uid), tmp_path / "personal.toml")
    restored = Library.load(builtin, tmp_path).get("team.presale/greet")
    assert restored is not None and restored.text == "您好，欢迎光临"


def test_a_broken_file_is_reported_and_the_last_good_backup_found(tmp_path: Path) -> None:
    path = tmp_path / "personal.toml"
    assert problems_on_disk(path) == []
    save_personal(_pack(_reply("a")), path)
    save_personal(_pack(_reply("a"), _reply("b")), path)  # the first copy goes to backups
    path.write_text("format = 1\n[pack\nid = 'personal'\n", encoding="utf-8")
    problems = problems_on_disk(path)
    assert problems and problems[0].line == 2 and str(path) in str(problems[0])
    good = last_good_personal(path)
    assert good is not None and [r.id for r in good.replies] == ["a"]
