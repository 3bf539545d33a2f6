"""Subscriptions: files, folders and a real web server; checks; last good copy; signatures."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from quickreply.core import storage
from quickreply.core.library import (
    Library,
    SourceError,
    SubscriptionsFileError,
    keep_mine,
    list_subscriptions,
    load_personal,
    pending_reviews,
    review_diff,
    subscribe,
    take_theirs,
    unsubscribe,
    update_all,
    upsert_personal_reply,
)
from quickreply.core.library.signing import (
    SignatureError,
    generate_key,
    sign_bytes,
    signature_path,
)
from quickreply.core.model import Reply
from tests.packserver import serve_packs


def team_pack(
    version: str, greet: str = "亲，您好～", extra: str = "", pack_id: str = "acme.team"
) -> str:
    return (
        f'format = 1\n[pack]\nid = "{pack_id}"\nname = "大促话术"\nversion = "{version}"\n'
        f'[[reply]]\nid = "greet"\ntitle = "问候"\ntext = "{greet}"\ncodes = ["wh"]\n'
        f'[[reply]]\nid = "ship"\ntitle = "发货"\ntext = "今天发货🚚"\n{extra}'
    )


NEW_REPLY = '[[reply]]\nid = "presale"\ntitle = "预售说明"\ntext = "预售商品15天内发货"\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def builtin_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin"
    folder.mkdir()
    return folder


def lib(builtin_dir: Path) -> Library:
    return Library.load(builtin_dir)


def test_file_subscription_updates_and_keeps_personal(tmp_path: Path, builtin_dir: Path) -> None:
    source = write(tmp_path / "share" / "team.toml", team_pack("1.0.0"))
    upsert_personal_reply(Reply(id="mine", title="我的", text="我自己的话"))
    personal_before = storage.personal_pack_path().read_bytes()
    report = subscribe(source)
    assert [(p.pack_id, p.outcome) for p in report.packs] == [("acme.team", "new")]
    [sub] = list_subscriptions()
    assert sub.kind == "file" and sub.packs == ["acme.team"] and sub.id == "s1"
    assert lib(builtin_dir).get("acme.team/greet").text == "亲，您好～"  # type: ignore[union-attr]

    write(source, team_pack("1.1.0", "亲，大促期间您好～", NEW_REPLY))
    [report] = update_all()
    [outcome] = report.packs
    assert outcome.outcome == "updated" and (outcome.old_version, outcome.new_version) == (
        "1.0.0",
        "1.1.0",
    )
    assert outcome.diff is not None
    assert [e.id for e in outcome.diff.replies.added] == ["presale"]
    assert [c.id for c in outcome.diff.replies.changed] == ["greet"]
    library = lib(builtin_dir)
    assert library.get("acme.team/presale") is not None
    assert library.get("personal/mine").text == "我自己的话"  # type: ignore[union-attr]
    assert storage.personal_pack_path().read_bytes() == personal_before

    [again] = update_all()
    assert [p.outcome for p in again.packs] == ["unchanged"] and not again.changed


def test_unreachable_source_keeps_the_last_good_copy(tmp_path: Path, builtin_dir: Path) -> None:
    usb = write(tmp_path / "usb" / "team.toml", team_pack("1.0.0"))
    subscribe(usb)
    usb.unlink()
    usb.parent.rmdir()
    [report] = update_all()
    assert "cannot be reached" in report.error
    assert lib(builtin_dir).get("acme.team/greet") is not None
    assert "cannot be reached" in list_subscriptions()[0].error
    write(usb, team_pack("1.0.1"))
    [report] = update_all()
    assert report.changed and list_subscriptions()[0].error == ""


def test_a_broken_update_is_refused_and_the_last_good_copy_stays(
    tmp_path: Path, builtin_dir: Path
) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.0.0"))
    subscribe(source)
    write(source, team_pack("1.1.0").replace('title = "发货"', "title = 3"))
    [report] = update_all()
    [outcome] = report.packs
    assert outcome.outcome == "refused"
    assert f"{source}:" in outcome.message and "must be a string" in outcome.message
    assert outcome.problems[0].line > 1
    assert lib(builtin_dir).pack("acme.team").version == "1.0.0"  # type: ignore[union-attr]
    assert "refused" in list_subscriptions()[0].error


def test_an_older_version_never_replaces_a_newer_one_unless_asked(
    tmp_path: Path, builtin_dir: Path
) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.1.0"))
    subscribe(source)
    write(source, team_pack("1.0.0", "旧的问候"))
    [report] = update_all()
    assert report.refused and "older than 1.1.0" in report.refused[0].message
    assert lib(builtin_dir).pack("acme.team").version == "1.1.0"  # type: ignore[union-attr]
    [report] = update_all(allow_downgrade=True)
    assert report.changed
    assert lib(builtin_dir).pack("acme.team").version == "1.0.0"  # type: ignore[union-attr]
    # pre-releases come before their release
    write(source, team_pack("1.0.0-rc.1"))
    assert update_all()[0].refused


def test_folder_subscription_takes_every_pack(tmp_path: Path, builtin_dir: Path) -> None:
    folder = tmp_path / "同步盘"
    write(folder / "a.toml", team_pack("1.0.0"))
    write(folder / "b.toml", team_pack("2.0.0", pack_id="acme.after"))
    (folder / "notes.txt").write_text("not a pack", encoding="utf-8")
    report = subscribe(folder)
    assert sorted(p.pack_id for p in report.packs) == ["acme.after", "acme.team"]
    assert list_subscriptions()[0].kind == "folder"
    write(folder / "c.toml", team_pack("1.0.0", pack_id="acme.extra"))
    [report] = update_all()
    assert [(p.pack_id, p.outcome) for p in report.packs if p.outcome != "unchanged"] == [
        ("acme.extra", "new")
    ]
    assert sorted(list_subscriptions()[0].packs) == ["acme.after", "acme.extra", "acme.team"]
    removed = unsubscribe("s1")
    assert removed.source == str(folder.resolve())
    assert list(storage.team_packs_dir().glob("*.toml")) == []
    assert lib(builtin_dir).packs == ()


def test_http_subscription_uses_etag_and_keeps_working_offline(
    tmp_path: Path, builtin_dir: Path
) -> None:
    site = tmp_path / "site"
    write(site / "packs" / "team.toml", team_pack("1.0.0"))
    with serve_packs(site) as served:
        url = served.url("packs/team.toml")
        subscribe(url)
        sub = list_subscriptions()[0]
        assert sub.kind == "url" and sub.etag and sub.last_modified
        [report] = update_all()
        assert report.not_modified
        assert served.requests[-1][2] == sub.etag  # If-None-Match was sent
        assert served.statuses("packs/team.toml") == [200, 304]
        write(site / "packs" / "team.toml", team_pack("1.2.0", "亲，双十一快乐～"))
        [report] = update_all()
        assert report.changed and served.statuses("packs/team.toml")[-1] == 200
        assert lib(builtin_dir).get("acme.team/greet").text == "亲，双十一快乐～"  # type: ignore[union-attr]
        missing = served.url("packs/none.toml")
        with pytest.raises(SourceError, match="404"):
            subscribe(missing)
    # the server is gone: the last good copy stays in use, the reason is recorded
    [report] = update_all()
    assert "cannot be reached" in report.error
    assert lib(builtin_dir).get("acme.team/greet").text == "亲，双十一快乐～"  # type: ignore[union-attr]
    assert len(list_subscriptions()) == 1  # the failed subscribe left nothing behind


def test_http_if_modified_since_without_etags(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pack = write(site / "team.toml", team_pack("1.0.0"))
    os.utime(pack, (1_700_000_000, 1_700_000_000))
    with serve_packs(site, etags=False) as served:
        subscribe(served.url("team.toml"))
        sub = list_subscriptions()[0]
        assert sub.etag is None and sub.last_modified
        assert update_all()[0].not_modified
        assert served.requests[-1][3] == sub.last_modified
        write(pack, team_pack("1.0.1"))
        os.utime(pack, (1_700_000_100, 1_700_000_100))
        assert update_all()[0].changed


def test_pinned_key_refuses_unsigned_foreign_and_altered_packs(
    tmp_path: Path, builtin_dir: Path
) -> None:
    lead_pem, lead_public = generate_key()
    other_pem, _other_public = generate_key()
    site = tmp_path / "site"
    pack = write(site / "team.toml", team_pack("1.0.0"))

    def sign(pem: bytes) -> None:
        signature_path(pack).write_text(sign_bytes(pack.read_bytes(), pem).to_text(), "utf-8")

    with serve_packs(site) as served:
        url = served.url("team.toml")
        unsigned = subscribe(url, key=lead_public)
        assert unsigned.refused and "not signed" in unsigned.refused[0].message
        assert list_subscriptions() == []  # nothing subscribed, nothing copied
        sign(lead_pem)
        assert subscribe(url, key=lead_public).packs[0].outcome == "new"

        write(pack, team_pack("1.1.0", "别人改的"))
        sign(other_pem)
        [report] = update_all()
        assert "not the pinned key" in report.refused[0].message

        sign(lead_pem)
        write(pack, team_pack("1.1.0", "签名后又改了"))
        [report] = update_all()
        assert "does not match" in report.refused[0].message
        assert lib(builtin_dir).get("acme.team/greet").text == "亲，您好～"  # type: ignore[union-attr]

        sign(lead_pem)
        [report] = update_all()
        assert report.changed
        assert signature_path(storage.team_packs_dir() / "acme.team.toml").exists()


def test_signature_errors_are_clear() -> None:
    pem, public = generate_key()
    sig = sign_bytes(b"pack", pem).to_text()
    from quickreply.core.library.signing import check_public_key, verify_bytes

    assert verify_bytes(b"pack", sig, public) == public
    assert verify_bytes(b"pack", None, None) is None
    with pytest.raises(SignatureError, match="damaged"):
        verify_bytes(b"pack", "key = ", None)
    with pytest.raises(SignatureError, match="44 characters of base64"):
        check_public_key("not-a-key")
    with pytest.raises(SignatureError, match="PEM"):
        sign_bytes(b"x", b"-----BEGIN NOTHING-----")


def test_override_of_a_changed_team_reply_is_flagged_for_review(
    tmp_path: Path, builtin_dir: Path
) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.0.0"))
    subscribe(source)
    upsert_personal_reply(
        Reply(id="my-greet", title="我的问候", text="亲亲，在的呀😊", overrides="acme.team/greet")
    )
    write(source, team_pack("1.1.0", "亲，大促期间您好，今天下单有礼～"))
    [report] = update_all()
    assert report.packs[0].flagged == ("acme.team/greet",)
    # the override still wins in the library
    assert lib(builtin_dir).get("acme.team/greet").text == "亲亲，在的呀😊"  # type: ignore[union-attr]
    [review] = pending_reviews()
    assert (review.old_text, review.new_text) == ("亲，您好～", "亲，大促期间您好，今天下单有礼～")
    diff = review_diff("acme.team/greet")
    assert ("insert", "大促期间") in diff.team_change
    assert diff.mine == "亲亲，在的呀😊"
    assert "".join(t for op, t in diff.mine_vs_theirs if op != "delete") == review.new_text

    # another update before the agent looked: still compared with what they last saw
    write(source, team_pack("1.2.0", "亲，您好，大促进行中～"))
    update_all()
    [review] = pending_reviews()
    assert review.old_text == "亲，您好～" and review.new_version == "1.2.0"

    keep_mine("acme.team/greet")
    assert pending_reviews() == []
    assert load_personal().replies[0].overrides == "acme.team/greet"


def test_take_theirs_removes_the_override_with_a_backup(tmp_path: Path, builtin_dir: Path) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.0.0"))
    subscribe(source)
    upsert_personal_reply(Reply(id="keep", title="别的", text="我的别的回复"))
    upsert_personal_reply(
        Reply(id="my-greet", title="我的", text="旧", overrides="acme.team/greet")
    )
    write(source, team_pack("1.1.0", "新的团队问候"))
    update_all()
    take_theirs("acme.team/greet")
    assert [r.id for r in load_personal().replies] == ["keep"]
    assert lib(builtin_dir).get("acme.team/greet").text == "新的团队问候"  # type: ignore[union-attr]
    assert storage.backups_of(storage.personal_pack_path())
    with pytest.raises(KeyError):
        take_theirs("acme.team/greet")


def test_a_change_to_an_unoverridden_reply_flags_nothing(tmp_path: Path) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.0.0"))
    subscribe(source)
    upsert_personal_reply(
        Reply(id="my-ship", title="发货", text="我的", overrides="acme.team/ship")
    )
    write(source, team_pack("1.1.0", "只改了问候"))
    assert update_all()[0].packs[0].flagged == ()
    assert pending_reviews() == []


def test_reserved_and_duplicate_sources(tmp_path: Path) -> None:
    source = write(tmp_path / "team.toml", team_pack("1.0.0"))
    subscribe(source)
    with pytest.raises(SubscriptionsFileError, match="already subscribed"):
        subscribe(source)
    impostor = write(tmp_path / "p.toml", team_pack("1.0.0", pack_id="personal"))
    report = subscribe(impostor)
    assert report.refused and "reserved" in report.refused[0].message
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(SourceError, match="no pack"):
        subscribe(empty)
    assert len(list_subscriptions()) == 1
    with pytest.raises(KeyError):
        unsubscribe("s9")


def test_damaged_subscriptions_file_is_reported_not_overwritten(quickreply_home: Path) -> None:
    path = quickreply_home / "subscriptions.json"
    path.write_text('{"format": 1, "subscriptions": [', encoding="utf-8")
    with pytest.raises(SubscriptionsFileError, match="damaged"):
        list_subscriptions()
    with pytest.raises(SubscriptionsFileError):
        update_all()
    assert path.read_text(encoding="utf-8") == '{"format": 1, "subscriptions": ['
    path.write_text(json.dumps({"format": 1, "subscriptions": []}), encoding="utf-8")
    assert update_all() == []
