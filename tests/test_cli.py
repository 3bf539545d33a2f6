"""The `quickreply` command as a user runs it: exit codes, output, no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quickreply import __version__
from tests.conftest import run_cli

SAMPLE = "tests/data/sample.toml"


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"quickreply {__version__}"


def test_help_lists_every_verb() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for verb in ("run", "toggle", "search", "list", "copy", "lint", "pack"):
        assert verb in result.stdout


def test_wrong_usage_exits_2() -> None:
    assert run_cli("frobnicate").returncode == 2
    assert run_cli("search").returncode == 2
    assert run_cli("pack").returncode == 2
    assert run_cli("search", "x", "--limit", "many").returncode == 2


def test_list_json_from_a_pack() -> None:
    result = run_cli("list", "--pack", SAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert [i["id"] for i in items][:2] == ["sample.shop/bargain-promise", "sample.shop/ship-time"]
    assert items[2]["text"].endswith("😊")


def test_search_json_shape() -> None:
    result = run_cli("search", "kj1", "--pack", SAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["id"] == "sample.shop/bargain-promise"
    assert set(hits[0]) == {"id", "title", "score", "pack", "scenario"}
    assert hits[0]["pack"] == "sample.shop" and hits[0]["scenario"] == "议价/允诺型"


def test_search_limit_and_text_output() -> None:
    result = run_cli("search", "亲", "--pack", SAMPLE, "--limit", "1")
    assert result.returncode == 0
    assert len(result.stdout.strip().splitlines()) == 1


def test_pack_check_good_and_bad() -> None:
    good = run_cli("pack", "check", SAMPLE, "tests/data/packs/good/full.toml")
    assert good.returncode == 0, good.stderr
    assert f"{SAMPLE}: ok: sample.shop 1.0.0, 4 replies, 1 flows, 1 rules" in good.stdout
    bad = run_cli("pack", "check", SAMPLE, "tests/data/packs/bad/duplicate-reply-id.toml")
    assert bad.returncode == 1
    assert (
        "tests/data/packs/bad/duplicate-reply-id.toml:16:1: error: duplicate reply id" in bad.stderr
    )
    assert "Traceback" not in bad.stderr


def test_pack_check_warnings_pass() -> None:
    result = run_cli("pack", "check", "tests/data/packs/warn/unknown-field.toml")
    assert result.returncode == 0
    assert 'warning: unknown field "tag"' in result.stdout


def test_broken_pack_option_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    result = run_cli("list", "--pack", "tests/data/packs/bad/syntax.toml")
    assert result.returncode == 1
    assert "syntax.toml:9:17: error: TOML syntax" in result.stderr
    assert "Traceback" not in result.stderr
    folder = run_cli("list", "--pack", str(tmp_path))
    assert folder.returncode == 1 and "cannot read" in folder.stderr
    assert "Traceback" not in folder.stderr


def test_copy_unknown_id_and_missing_blanks_are_user_errors() -> None:
    unknown = run_cli("copy", "sample.shop/nope", "--pack", SAMPLE)
    assert unknown.returncode == 1 and "quickreply list" in unknown.stderr
    blank = run_cli("copy", "sample.shop/size-advice", "--pack", SAMPLE, env={"DISPLAY": ""})
    assert blank.returncode == 1
    assert "--set 身高=..." in blank.stderr and "--set 体重=..." in blank.stderr
    bad_set = run_cli("copy", "sample.shop/size-advice", "--set", "身高", "--pack", SAMPLE)
    assert bad_set.returncode == 1 and "NAME=VALUE" in bad_set.stderr


@pytest.mark.parametrize("verb", ["list", "search"])
def test_builtin_library_needs_no_setup(verb: str) -> None:
    args = [verb] if verb == "list" else [verb, "a"]
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr


def test_import_then_export_keeps_personal_replies(tmp_path: Path) -> None:
    from quickreply.core.library import upsert_personal_reply
    from quickreply.core.model import Reply

    upsert_personal_reply(Reply(id="mine", title="我的", text="亲，在的😊"))
    imported = run_cli("import", SAMPLE)
    assert imported.returncode == 0, imported.stderr
    assert "imported sample.shop 1.0.0 (4 replies)" in imported.stdout
    listed = json.loads(run_cli("list", "--json").stdout)
    ids = {item["id"] for item in listed}
    assert {"sample.shop/ship-time", "personal/mine"} <= ids

    out = tmp_path / "mine.toml"
    exported = run_cli("export", "personal", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    from quickreply.core.packs import load_pack

    assert [r.text for r in load_pack(out).replies] == ["亲，在的😊"]


def test_import_of_a_broken_pack_changes_nothing(quickreply_home: Path) -> None:
    result = run_cli("import", "tests/data/packs/bad/bad-version.toml")
    assert result.returncode == 1
    assert "bad-version.toml:8:1: error" in result.stderr
    assert "your library is unchanged" in result.stderr
    assert not list((quickreply_home / "packs").glob("*.toml"))


def test_stats_lists_the_most_used_replies() -> None:
    from quickreply.core.usage import UsageStore

    empty = run_cli("stats")
    assert empty.returncode == 0 and "no pastes counted yet" in empty.stdout
    with UsageStore() as usage:
        for _ in range(3):
            usage.record("builtin.logistics/ship-time-1", when=1_800_000_000.0)
        usage.record("builtin.bargain/hold-price-1", when=1_800_000_100.0)
        usage.record("gone.pack/removed", when=1_800_000_200.0)
    result = run_cli("stats", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert [(r["id"], r["count"]) for r in rows] == [
        ("builtin.logistics/ship-time-1", 3),
        ("gone.pack/removed", 1),
        ("builtin.bargain/hold-price-1", 1),
    ]
    assert rows[0]["title"].startswith("发货时间")
    assert rows[1]["title"] is None
    text = run_cli("stats", "--limit", "1")
    lines = text.stdout.splitlines()
    assert "builtin.logistics/ship-time-1" in lines[0]
    assert not any("hold-price" in line for line in lines)  # the limit
    assert "共 5 次 / uses" in lines[1]  # the totals cover every use, not only the rows shown
