"""Pack diff and version order: what changed between two copies of a pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from quickreply.core.library import compare_versions, diff_packs, format_diff, whats_new
from quickreply.core.library.diff import inline_changes, text_changes
from quickreply.core.packs import loads_pack
from tests.conftest import run_cli

OLD = """format = 1
[pack]
id = "acme.sale"
name = "双十一话术"
version = "1.4.2"
[[reply]]
id = "greet"
title = "问候"
text = "亲，您好～"
[[reply]]
id = "ship"
title = "发货"
text = "48小时内发货"
[[reply]]
id = "gone"
title = "旧活动"
text = "满200减20"
[[flow]]
id = "pre"
title = "售前"
steps = ["greet", "ship"]
[[rule]]
id = "no-wechat"
level = "error"
message = "不要引导加微信"
terms = ["加微信"]
"""

NEW = (
    OLD.replace('version = "1.4.2"', 'version = "1.10.0"')
    .replace("48小时内发货", "24小时内发货，预售除外")
    .replace('[[reply]]\nid = "gone"\ntitle = "旧活动"\ntext = "满200减20"\n', "")
    .replace('steps = ["greet", "ship"]', 'steps = ["greet", "ship", "coupon"]')
    .replace(
        "[[flow]]",
        '[[reply]]\nid = "coupon"\ntitle = "领券"\ntext = "先领券再下单哦"\ncodes = ["lq"]\n[[flow]]',
    )
    .replace('terms = ["加微信"]', 'terms = ["加微信", "加V"]')
    + '[[rule]]\nid = "no-qq"\nlevel = "warning"\nmessage = "不要留QQ"\nterms = ["QQ号"]\n'
)


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [
        ("1.10.0", "1.9.9", 1),
        ("1.0.0", "1.0.0", 0),
        ("1.0.0+build.7", "1.0.0", 0),
        ("1.0.0-rc.1", "1.0.0", -1),
        ("1.0.0-alpha", "1.0.0-alpha.1", -1),
        ("1.0.0-alpha.2", "1.0.0-alpha.10", -1),
        ("1.0.0-alpha.beta", "1.0.0-alpha.1", 1),
        ("2.0.0", "10.0.0", -1),
    ],
)
def test_semantic_version_order(a: str, b: str, order: int) -> None:
    assert compare_versions(a, b) == order
    assert compare_versions(b, a) == -order


def test_diff_lists_added_changed_removed_of_every_kind() -> None:
    diff = diff_packs(loads_pack(OLD), loads_pack(NEW))
    assert (diff.old_version, diff.new_version, diff.version_change) == ("1.4.2", "1.10.0", 1)
    assert [e.id for e in diff.replies.added] == ["coupon"]
    assert [(c.id, c.fields) for c in diff.replies.changed] == [("ship", ("text",))]
    assert [e.id for e in diff.replies.removed] == ["gone"]
    assert [(c.id, c.fields) for c in diff.flows.changed] == [("pre", ("steps",))]
    assert [e.id for e in diff.rules.added] == ["no-qq"]
    assert [(c.id, c.fields) for c in diff.rules.changed] == [("no-wechat", ("terms",))]
    same = diff_packs(loads_pack(OLD), loads_pack(OLD))
    assert same.empty and same.version_change == 0


def test_text_changes_are_character_runs() -> None:
    assert text_changes("48小时内发货", "24小时内发货，预售除外") == [
        ("delete", "48"),
        ("insert", "24"),
        ("equal", "小时内发货"),
        ("insert", "，预售除外"),
    ]
    assert inline_changes("亲😊", "亲🎉") == "亲[-😊-]{+🎉+}"


def test_format_and_whats_new() -> None:
    diff = diff_packs(loads_pack(OLD), loads_pack(NEW))
    lines = format_diff(diff)
    assert lines[0] == "acme.sale: 1.4.2 -> 1.10.0 (newer)"
    assert "  + reply coupon: 领券" in lines and "  - reply gone: 旧活动" in lines
    assert "  ~ reply ship: text changed" in lines
    assert any("[-48-]{+24+}" in line for line in lines)
    assert "  + rule no-qq: 不要留QQ" in lines
    note = whats_new(diff, "双十一话术")
    assert note.startswith(
        "「双十一话术」已更新到 1.10.0（原 1.4.2）：新增 1 条回复，修改 1 条回复，删除 1 条回复"
    )
    assert "「领券」" in note and "红线规则变更 2 条" in note
    english = whats_new(diff, "Sale", "en")
    assert english.startswith("“Sale” updated to 1.10.0 (was 1.4.2): 1 replies added")


def test_cli_pack_diff(tmp_path: Path) -> None:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    result = run_cli("pack", "diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    assert "acme.sale: 1.4.2 -> 1.10.0 (newer)" in result.stdout
    assert "- reply gone" in result.stdout
    back = run_cli("pack", "diff", str(new), str(old), "--json")
    assert back.returncode == 0 and "NEW is older" in back.stderr
    import json

    data = json.loads(back.stdout)
    assert data["version_change"] == -1 and data["replies"]["removed"] == ["coupon"]
    broken = run_cli("pack", "diff", str(old), "tests/data/packs/bad/syntax.toml")
    assert broken.returncode == 1 and "syntax.toml:9:17" in broken.stderr
