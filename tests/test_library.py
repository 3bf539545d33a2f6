"""The merged library: built-ins, team packs, personal pack and overrides."""

from __future__ import annotations

from pathlib import Path

import pytest

from quickreply.core import storage
from quickreply.core.library import (
    Library,
    install_pack,
    load_personal,
    save_personal,
    upsert_personal_reply,
)
from quickreply.core.model import Reply
from quickreply.core.packs import PackError


def _pack(pack_id: str, version: str, replies: str) -> str:
    return f'format = 1\n[pack]\nid = "{pack_id}"\nname = "{pack_id}"\nversion = "{version}"\n{replies}'


def _reply(rid: str, title: str, text: str = "正文") -> str:
    return f'[[reply]]\nid = "{rid}"\ntitle = "{title}"\ntext = "{text}"\n'


@pytest.fixture
def builtin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin"
    folder.mkdir()
    (folder / "a.toml").write_text(
        _pack("builtin.a", "1.0.0", _reply("hello", "问候") + _reply("ship", "发货")), "utf-8"
    )
    (folder / "b.toml").write_text(_pack("builtin.b", "1.0.0", _reply("bye", "告别")), "utf-8")
    return folder


def test_builtins_merge_with_global_ids(builtin_dir: Path) -> None:
    lib = Library.load(builtin_dir)
    assert [r.uid for r in lib.replies] == ["builtin.a/hello", "builtin.a/ship", "builtin.b/bye"]
    assert lib.get("builtin.b/bye") is not None and lib.get("builtin.b/bye").title == "告别"
    assert lib.get("builtin.b/missing") is None
    assert len(lib) == 3 and lib.problems == ()


def test_real_builtin_library_loads() -> None:
    lib = Library.load()
    assert all(p.level != "error" for p in lib.problems), [str(p) for p in lib.problems]


def test_personal_pack_joins_the_library(builtin_dir: Path) -> None:
    upsert_personal_reply(Reply(id="mine", title="我的常用", text="亲，我在的～"))
    lib = Library.load(builtin_dir)
    assert lib.get("personal/mine") is not None
    assert lib.get("personal/mine").text == "亲，我在的～"


def test_personal_override_survives_team_updates(builtin_dir: Path, tmp_path: Path) -> None:
    team_v1 = tmp_path / "team-v1.toml"
    team_v1.write_text(_pack("team.x", "1.0.0", _reply("greet", "团队问候", "您好")), "utf-8")
    install_pack(team_v1)
    upsert_personal_reply(
        Reply(id="my-greet", title="我的问候", text="亲亲，您好呀😊", overrides="team.x/greet")
    )
    lib = Library.load(builtin_dir)
    greet = lib.get("team.x/greet")
    assert greet is not None and greet.text == "亲亲，您好呀😊"
    # The override shows in place of the team reply, not a second time.
    assert lib.get("personal/my-greet") is None

    team_v2 = tmp_path / "team-v2.toml"
    team_v2.write_text(
        _pack("team.x", "2.0.0", _reply("greet", "新问候", "新版") + _reply("new", "新回复")),
        "utf-8",
    )
    install_pack(team_v2)
    lib = Library.load(builtin_dir)
    assert lib.pack("team.x").version == "2.0.0"
    assert lib.get("team.x/greet").text == "亲亲，您好呀😊"
    assert lib.get("team.x/new") is not None
    assert load_personal().replies[0].overrides == "team.x/greet"


def test_override_of_a_vanished_reply_shows_as_the_agents_own(builtin_dir: Path) -> None:
    upsert_personal_reply(Reply(id="orphan", title="孤儿", text="在", overrides="gone.pack/x"))
    lib = Library.load(builtin_dir)
    assert lib.get("personal/orphan") is not None


def test_team_pack_replaces_builtin_of_same_id(builtin_dir: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.toml"
    newer.write_text(_pack("builtin.b", "1.1.0", _reply("bye", "新告别")), "utf-8")
    install_pack(newer)
    lib = Library.load(builtin_dir)
    assert lib.get("builtin.b/bye").title == "新告别"
    assert any("replaces" in p.message for p in lib.problems)


def test_broken_pack_is_reported_and_the_rest_still_loads(builtin_dir: Path) -> None:
    (builtin_dir / "broken.toml").write_text('format = 1\n[pack]\nid = "x"\n', "utf-8")
    lib = Library.load(builtin_dir)
    assert len(lib.replies) == 3
    assert any(str(p).startswith(str(builtin_dir / "broken.toml")) for p in lib.problems)


def test_broken_personal_pack_is_never_overwritten(builtin_dir: Path) -> None:
    path = storage.personal_pack_path()
    path.write_text("format = 1\n[pack\n", "utf-8")
    lib = Library.load(builtin_dir)
    assert len(lib.replies) == 3 and lib.problems
    with pytest.raises(PackError):
        upsert_personal_reply(Reply(id="x", title="x", text="x"))
    assert path.read_text("utf-8") == "format = 1\n[pack\n"


def test_subscribing_a_broken_pack_changes_nothing(builtin_dir: Path, tmp_path: Path) -> None:
    upsert_personal_reply(Reply(id="mine", title="我的", text="在"))
    before = storage.personal_pack_path().read_bytes()
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\n[pack]\nid = "Bad"\nname = "x"\nversion = "1.0.0"\n', "utf-8")
    with pytest.raises(PackError):
        install_pack(bad)
    assert list(storage.team_packs_dir().glob("*.toml")) == []
    assert storage.personal_pack_path().read_bytes() == before


def test_personal_id_is_reserved_for_the_agent(tmp_path: Path) -> None:
    impostor = tmp_path / "p.toml"
    impostor.write_text(_pack("personal", "1.0.0", ""), "utf-8")
    with pytest.raises(PackError, match="reserved"):
        install_pack(impostor)


def test_upsert_keeps_other_replies_and_backs_up() -> None:
    upsert_personal_reply(Reply(id="a", title="甲", text="一"))
    upsert_personal_reply(Reply(id="b", title="乙", text="二"))
    pack = upsert_personal_reply(Reply(id="a", title="甲改", text="一改"))
    assert [(r.id, r.title) for r in pack.replies] == [("b", "乙"), ("a", "甲改")]
    assert len(storage.backups_of(storage.personal_pack_path())) == 2


def test_from_files_rejects_any_broken_pack(sample_pack_path: Path, tmp_path: Path) -> None:
    lib = Library.from_files([sample_pack_path])
    assert len(lib.replies) == 4
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 9\n", "utf-8")
    with pytest.raises(PackError) as raised:
        Library.from_files([sample_pack_path, bad])
    assert raised.value.problems[0].path == str(bad)


def test_save_personal_round_trips(tmp_path: Path) -> None:
    pack = load_personal()
    assert pack.id == "personal" and pack.replies == ()
    save_personal(pack)
    assert load_personal() == pack
