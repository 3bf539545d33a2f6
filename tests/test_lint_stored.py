"""The compiled linter kept on disk (core/lint/stored.py): a hit lints exactly like a
fresh compile, anything wrong with the file is compiled again and reported."""

from __future__ import annotations

import marshal
from pathlib import Path

import pytest

from bench.lint_eval import load_cases
from quickreply.core import sealed
from quickreply.core.lint import Linter, stored
from quickreply.core.lint.checker import make_lint
from quickreply.core.lint.profiles import rules_for
from quickreply.core.model import Pack, Rule

CASES = load_cases()
PLATFORMS = sorted({c.platform for c in CASES})
TEAM = Pack(
    id="team",
    name="team",
    version="1.0.0",
    rules=(
        Rule(id="no-rival", level="error", message="不提竞品", terms=("某宝店",), pack_id="team"),
    ),
)


def findings(linter: Linter, platform: str) -> list[tuple[object, ...]]:
    texts = [c.text for c in CASES if c.platform == platform] + ["去某宝店看看，加我vx：abc123"]
    return [tuple(f) for text in texts for f in linter.lint(text)]


def lint_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("lint-*.bin"))


@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_stored_linter_finds_exactly_what_a_fresh_one_finds(
    platform: str, tmp_path: Path
) -> None:
    first = stored.load_or_build((platform,), (TEAM,), tmp_path)
    assert first.cache_status == "miss"
    again = stored.load_or_build((platform,), (TEAM,), tmp_path)
    assert again.cache_status == "hit"
    fresh = Linter(rules_for((platform,), (TEAM,)))
    assert again.rules == fresh.rules and again.term_count == fresh.term_count
    expected = findings(fresh, platform)
    assert expected  # the cases hold red lines: an empty comparison proves nothing
    assert findings(again, platform) == expected


def test_a_hit_does_not_compile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stored.load_or_build(("taobao",), (), tmp_path)

    def no_compile(*_args: object) -> None:
        raise AssertionError("compiled despite a valid cache")

    monkeypatch.setattr(stored, "rules_for", no_compile)
    assert stored.load_or_build(("taobao",), (), tmp_path).cache_status == "hit"


@pytest.mark.parametrize("damage", [b"", b"not a cache at all", b"\x00\xff" * 50, "half"])
def test_a_damaged_cache_is_compiled_again_and_reported(
    tmp_path: Path, damage: bytes | str
) -> None:
    fresh = stored.load_or_build(("taobao",), (TEAM,), tmp_path)
    (path,) = lint_files(tmp_path)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2] if damage == "half" else damage)  # type: ignore[arg-type]
    linter = stored.load_or_build(("taobao",), (TEAM,), tmp_path)
    assert linter.cache_status == "corrupt"
    assert findings(linter, "taobao") == findings(fresh, "taobao")
    assert path.read_bytes() == good  # written again whole
    assert stored.load_or_build(("taobao",), (TEAM,), tmp_path).cache_status == "hit"


def test_a_flipped_bit_anywhere_is_compiled_again(tmp_path: Path) -> None:
    stored.load_or_build(("jd",), (), tmp_path)
    (path,) = lint_files(tmp_path)
    good = path.read_bytes()
    for at in (10, len(good) // 2, len(good) - 3):  # in the digest, and in the payload
        flipped = bytearray(good)
        flipped[at] ^= 0x04
        path.write_bytes(bytes(flipped))
        assert stored.load_or_build(("jd",), (), tmp_path).cache_status == "corrupt", at
        assert path.read_bytes() == good


def test_a_sealed_cache_of_another_format_or_shape_is_compiled_again(tmp_path: Path) -> None:
    stored.load_or_build(("pdd",), (), tmp_path)
    (path,) = lint_files(tmp_path)
    blob = marshal.loads(sealed.unseal(stored._TAG, path.read_bytes()))
    for bad in ({**blob, "format": -1}, {**blob, "terms": {"假货": [(999, *[None] * 8)]}}, []):
        path.write_bytes(sealed.seal(stored._TAG, marshal.dumps(bad)))
        assert stored.load_or_build(("pdd",), (), tmp_path).cache_status == "corrupt"


def test_the_key_changes_with_what_the_linter_is_built_from() -> None:
    base = stored.linter_key(("taobao",), (TEAM,))
    assert stored.linter_key(("taobao",), (TEAM,)) == base
    assert stored.linter_key(("jd",), (TEAM,)) != base
    assert stored.linter_key(("taobao",), ()) != base
    edited_rule = Rule(id="no-rival", level="warning", message="不提竞品", terms=("某宝店",))
    edited = Pack(id="team", name="team", version="1.0.0", rules=(edited_rule,))
    assert stored.linter_key(("taobao",), (edited,)) != base
    other_scope = Pack(id="team", name="team", version="1.0.0", platforms=("jd",), rules=TEAM.rules)
    assert stored.linter_key(("taobao",), (other_scope,)) != base


def test_changed_rules_miss_and_lint_by_the_new_rules(tmp_path: Path) -> None:
    stored.load_or_build(("taobao",), (TEAM,), tmp_path)
    rule = Rule(id="no-rival", level="error", message="不提竞品", terms=("某东店",), pack_id="team")
    changed = Pack(id="team", name="team", version="1.0.1", rules=(rule,))
    linter = stored.load_or_build(("taobao",), (changed,), tmp_path)
    assert linter.cache_status == "miss"
    assert [f.rule for f in linter.lint("去某东店看看")] == ["no-rival"]
    assert not linter.lint("去某宝店看看")
    assert len(lint_files(tmp_path)) == 2


def test_the_app_checker_keeps_its_linter_in_the_data_folder(quickreply_home: Path) -> None:
    lint = make_lint("douyin", (TEAM,))
    assert lint is not None and [f.rule for f in lint("去某宝店看看")] == ["no-rival"]
    assert lint_files(quickreply_home / "cache")
    assert make_lint("douyin", (TEAM,), cache_dir=None) is not None


def test_an_unwritable_cache_folder_still_lints(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the cache folder should be")
    linter = stored.load_or_build(("taobao",), (TEAM,), blocker)
    assert [f.rule for f in linter.lint("去某宝店看看")] == ["no-rival"]
