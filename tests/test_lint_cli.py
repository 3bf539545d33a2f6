"""`quickreply lint` and the lint part of `quickreply pack check`, run as a user would."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

from tests.conftest import run_cli


def test_text_format_marks_each_finding_under_its_characters() -> None:
    result = run_cli("lint", "亲加微信", "--platform", "taobao")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "亲加微信"
    # 亲 takes two columns; 加微信 takes six.
    assert lines[1].startswith("  ^^^^^^ error offsite-contact: ")
    assert "1 error(s)" in lines[-1]
    assert result.stderr == ""


def test_text_format_shows_suggestions_and_exit_0_without_errors() -> None:
    result = run_cli("lint", "己经发货了")
    assert result.returncode == 0
    assert "^^^^ warning typo:" in result.stdout
    assert "→ 已经" in result.stdout


def test_clean_text() -> None:
    result = run_cli("lint", "亲，在的，请问有什么可以帮您")
    assert result.returncode == 0
    assert "no problems" in result.stdout


def test_json_format() -> None:
    result = run_cli("lint", "全网最低价，己经发货", "--format", "json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert [d["rule"] for d in data] == ["absolute-claim", "typo"]
    first = data[0]
    assert set(first) == {"rule", "level", "start", "end", "match", "message", "suggestion"}
    assert (first["start"], first["end"], first["match"]) == (0, 5, "全网最低价")
    assert first["suggestion"] is None
    assert data[1]["suggestion"] == "已经"


def test_json_of_nothing_is_an_empty_array() -> None:
    result = run_cli("lint", "好的", "--format", "json")
    assert result.returncode == 0
    assert json.loads(result.stdout) == []


def test_line_format_for_an_argument() -> None:
    result = run_cli("lint", "好的\n加我微信", "--format", "line", "--platform", "jd")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "<text>:2:3: error offsite-contact: " + _message("offsite-contact"),
    ]


def test_line_format_for_stdin() -> None:
    result = run_cli("lint", "-", "--format", "line", input="第一行\n\n帐号问题\n")
    assert result.returncode == 0
    assert result.stdout.startswith("-:3:1: warning typo: ")
    assert result.stdout.rstrip().endswith("→ 账号")


def test_line_format_for_a_file(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("亲，好的\n全网最低价哦\n", encoding="utf-8")
    result = run_cli("lint", "--file", str(draft), "--format", "line")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{draft}:2:1: error absolute-claim: " + _message("absolute-claim"),
    ]


def test_file_with_bom_and_crlf(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_bytes("\ufeff好的\r\n假一赔十\r\n".encode())
    result = run_cli("lint", "--file", str(draft), "--format", "json")
    assert result.returncode == 1
    (finding,) = json.loads(result.stdout)
    assert finding["rule"] == "unkeepable-promise"


def test_pack_adds_rules(tmp_path: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_text(
        textwrap.dedent(
            """
            format = 1
            [pack]
            id = "team"
            name = "团队"
            version = "1.0.0"

            [[rule]]
            id = "no-rival-shop"
            level = "error"
            message = "不要提别的店"
            terms = ["某某旗舰店"]
            """
        ),
        encoding="utf-8",
    )
    result = run_cli("lint", "去某某旗舰店看看", "--pack", str(pack), "--format", "json")
    assert result.returncode == 1
    assert [d["rule"] for d in json.loads(result.stdout)] == ["no-rival-shop"]
    assert run_cli("lint", "去某某旗舰店看看").returncode == 0


def test_bad_pack_is_reported_without_traceback(tmp_path: Path) -> None:
    pack = tmp_path / "team.toml"
    pack.write_text(
        'format = 1\n[pack]\nid = "t"\nname = "t"\nversion = "1.0.0"\n'
        '[[rule]]\nid = "r"\nlevel = "error"\nmessage = "m"\npattern = "(a+)+"\n',
        encoding="utf-8",
    )
    result = run_cli("lint", "好的", "--pack", str(pack))
    assert result.returncode == 1
    assert "nested quantifiers" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_platform_is_a_usage_error() -> None:
    result = run_cli("lint", "好的", "--platform", "ebay")
    assert result.returncode == 2
    assert "ebay" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_and_file_together_is_a_usage_error(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text("好的", encoding="utf-8")
    result = run_cli("lint", "好的", "--file", str(draft))
    assert result.returncode == 2
    assert "not both" in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli("lint", "--file", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_format_is_a_usage_error() -> None:
    assert run_cli("lint", "好的", "--format", "xml").returncode == 2


def _message(rule: str) -> str:
    from quickreply.core.lint import Linter

    return next(r.message for r in Linter.for_platform("tmall").rules if r.id == rule)


# ---------------------------------------------------------------- pack check

PACK = """\
format = 1

[pack]
id = "team.demo"
name = "示例"
version = "1.0.0"
platforms = ["taobao"]

[[reply]]
id = "ok"
title = "好的"
text = "亲，今天下单今天发货哦"

[[reply]]
id = "typo"
title = "错字"
text = "亲，己经给您发货了"
{extra}
"""


def _write(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "pack.toml"
    path.write_text(PACK.format(extra=extra), encoding="utf-8")
    return path


def test_pack_check_prints_lint_warnings_and_passes(tmp_path: Path) -> None:
    path = _write(tmp_path)
    result = run_cli("pack", "check", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{path}:17:11: warning: lint typo:" in result.stdout
    assert "己经" in result.stdout
    assert "ok: team.demo" in result.stdout


def _check_fails(tmp_path: Path, extra: str) -> tuple[Path, str]:
    """Write the pack with `extra`, run `pack check`; it must fail. Returns (path, stderr)."""
    path = _write(tmp_path, textwrap.dedent(extra))
    result = run_cli("pack", "check", str(path))
    assert result.returncode == 1
    return path, result.stderr


def test_pack_check_fails_on_lint_errors_with_the_position(tmp_path: Path) -> None:
    path, stderr = _check_fails(
        tmp_path,
        '''
        [[reply]]
        id = "wechat"
        title = "加微信"
        text = """
        亲，您好
        有问题加我 微 信 详聊"""
        ''',
    )
    assert f"{path}:24:7: error: lint offsite-contact:" in stderr
    assert 'in reply "wechat"' in stderr
    assert f"{path}: 1 errors" in stderr


def test_pack_check_applies_the_packs_own_rules(tmp_path: Path) -> None:
    _, stderr = _check_fails(
        tmp_path,
        """
        [[rule]]
        id = "no-today"
        level = "error"
        message = "别承诺今天发货"
        terms = ["今天发货"]
        """,
    )
    assert "lint no-today:" in stderr


def test_pack_check_uses_the_reply_platforms(tmp_path: Path) -> None:
    _, stderr = _check_fails(
        tmp_path,
        """
        [[reply]]
        id = "jd"
        title = "京东"
        text = "淘宝上也有卖"
        platforms = ["jd"]
        """,
    )
    assert "lint competitor-platform:" in stderr


def test_pack_check_refuses_a_catastrophic_pattern(tmp_path: Path) -> None:
    path, stderr = _check_fails(
        tmp_path,
        """
        [[rule]]
        id = "slow"
        level = "warning"
        message = "m"
        pattern = "(a|aa)*b"
        """,
    )
    assert f"{path}:23:1: error: pattern: a repeated alternation" in stderr


def test_pack_check_placeholders_are_previewed(tmp_path: Path) -> None:
    path, stderr = _check_fails(
        tmp_path,
        """
        [[reply]]
        id = "blank"
        title = "尺码"
        text = "{尺码:M}码，全网最低价"
        """,
    )
    # the finding points at 全 in the file, after the placeholder
    assert f"{path}:22:17: error: lint absolute-claim:" in stderr


def test_sample_pack_still_passes(sample_pack_path: Path) -> None:
    result = run_cli("pack", "check", str(sample_pack_path))
    assert result.returncode == 0, result.stderr


def test_pack_check_positions_skip_lookalike_lines_inside_strings(tmp_path: Path) -> None:
    source = textwrap.dedent(
        '''\
        format = 1
        [pack]
        id = "t"
        name = "t"
        version = "1.0.0"

        [[reply]]
        id = "a"
        title = "a"
        text = """
        [[reply]]
        text = 这一行只是正文"""

        [[reply]]
        id = "b"
        title = "b"
        text = "亲，假一赔十"
        '''
    )
    path = tmp_path / "p.toml"
    path.write_text(source, encoding="utf-8")
    result = run_cli("pack", "check", str(path))
    assert result.returncode == 1
    assert f"{path}:17:11: error: lint unkeepable-promise:" in result.stderr
