"""Invisible characters by Unicode property; nothing from a pack reaches a terminal raw;
bad input and a failing output end in a message, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quickreply.core import invisible
from quickreply.core.lint import Linter
from quickreply.core.packs import check_text
from tests.conftest import run_cli
from tests.reliability.helpers import pack_text

# The ones issue 13 found passing, and the usual suspects.
INVISIBLE = [
    "\u061c",
    "\U000e0041",
    "\U000e0001",
    "\ufff9",
    "\ufffb",
    "\u3164",
    "\u115f",
    "\u1160",
    "\uffa0",
    "\u2800",
    "\u034f",
    "\u17b4",
    "\u17b5",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200c",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2066",
    "\u2069",
    "\u2060",
    "\u2064",
    "\ufeff",
    "\u00ad",
    "\u180e",
    "\U0001d173",
    "\ufe00",
    "\U000e0100",
    "\x1b",
    "\x07",
]


@pytest.mark.parametrize("char", INVISIBLE, ids=lambda c: f"U+{ord(c):04X}")
def test_every_invisible_character_is_an_error_finding(char: str) -> None:
    found = Linter.for_platform("generic").lint(f"亲，{char}发货很快")
    assert [f.rule for f in found if f.level == "error"] == ["invisible-char"]


def test_a_lone_variation_selector_is_flagged_but_emoji_sequences_are_not() -> None:
    lint = Linter.for_platform("generic").lint
    assert [f.rule for f in lint("好\ufe0f的")] == ["invisible-char"]
    for fine in (
        "❤\ufe0f",
        "1\ufe0f\u20e3",
        "👨\u200d👩\u200d👧",
        "🏳\ufe0f\u200d🌈",
        "🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f",
    ):
        assert not [f for f in lint(f"亲{fine}") if f.rule == "invisible-char"], fine


@pytest.mark.parametrize(
    "field",
    [
        'title = "好\\u200b评"',
        'tags = ["物\\u3164流"]',
        'codes = ["k\\u2800"]',
        'scenario = "售\\u061c后"',
        'text = "方式{方式:顺丰|中\\u202e通}"',
        'text = "选{尺码:S|M\\u200b|L}"',
        'text = "正文\\u202e反"',
    ],
)
def test_invisible_characters_are_refused_in_every_field(field: str) -> None:
    source = (
        'format = 1\n[pack]\nid = "t"\nname = "x"\nversion = "1.0.0"\n'
        '[[reply]]\nid = "r"\n'
        + ("" if field.startswith("title") else 'title = "标题"\n')
        + ("" if field.startswith("text") else 'text = "正文"\n')
        + field
        + "\n"
    )
    result = check_text(source)
    assert not result.ok
    (error,) = result.errors
    assert "invisible character" in error.message and error.line == source.count("\n")


def test_bidi_in_a_choice_fails_pack_check(tmp_path: Path) -> None:
    pack = tmp_path / "p.toml"
    pack.write_text(
        pack_text("t", {"r": "标题"}).replace("亲，标题的回复", "方式{方式:顺丰|中\\u202e通}"),
        "utf-8",
    )
    result = run_cli("pack", "check", str(pack))
    assert result.returncode == 1
    assert "U+202E" in result.stderr and "\u202e" not in result.stderr


def test_no_command_prints_a_packs_escape_sequences(tmp_path: Path) -> None:
    # Such a pack is refused, and the refusal, which quotes it, is escaped too.
    pack = tmp_path / "p.toml"
    pack.write_text(pack_text("t", {"r": "\\u001b[2J\\u001b]0;pwned\\u0007红\\u202e色"}), "utf-8")
    for args in (["list"], ["list", "--json"], ["search", "红", "--json"], ["pack", "check"]):
        where = [str(pack)] if args[0] == "pack" else ["--pack", str(pack)]
        result = run_cli(*args, *where)
        assert result.returncode != 0
        for out in (result.stdout, result.stderr):
            assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
        assert "\\u001b[2J" in result.stderr


def test_safe_stream_escapes_what_any_verb_prints(capsys: pytest.CaptureFixture[str]) -> None:
    from quickreply.cli import _safe_output

    originals = _safe_output.install()
    try:
        print("标题\x1b[31m红\u202e")
    finally:
        _safe_output.restore(originals)
    assert capsys.readouterr().out == "标题\\u001b[31m红\\u202e\n"


def test_escape_for_terminal_keeps_newlines_and_text() -> None:
    assert invisible.escape_for_terminal("亲\n好\t😊") == "亲\n好\t😊"
    assert invisible.escape_for_terminal("a\x1b[0m\u202e") == "a\\u001b[0m\\u202e"


def test_invalid_utf8_on_stdin_to_lint_is_a_message() -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run(
        [sys.executable, "-m", "quickreply", "lint", "-"],
        input=b"\xff\xfe\xc3 abc",
        capture_output=True,
        env={
            "PATH": "/usr/bin:/bin",
            "LC_ALL": "C.UTF-8",
            "PYTHONPATH": str(ROOT),
            "QUICKREPLY_HOME": str(Path(__file__).parent / "nonexistent-never-written"),
        },
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert b"not UTF-8" in result.stderr and b"Traceback" not in result.stderr


def test_a_full_disk_under_stdout_is_a_message(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    with open("/dev/full", "w") as full:
        result = subprocess.run(
            [sys.executable, "-m", "quickreply", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            env={
                "PATH": "/usr/bin:/bin",
                "PYTHONPATH": str(ROOT),
                "QUICKREPLY_HOME": str(tmp_path),
            },
            cwd=ROOT,
            timeout=60,
        )
    assert result.returncode == 1
    assert b"cannot write the output" in result.stderr and b"Traceback" not in result.stderr


def test_the_crash_handler_survives_nowhere_to_write(monkeypatch: pytest.MonkeyPatch) -> None:
    import argparse

    from quickreply.cli import _common
    from quickreply.core import crashlog

    def broken() -> Path:
        raise OSError("nowhere")

    monkeypatch.setattr(crashlog, "FOLDERS", [broken, broken])

    class Weird(Exception):
        def __str__(self) -> str:
            raise RuntimeError("str fails too")

    def run(_args: argparse.Namespace) -> int:
        raise Weird

    assert _common.guarded(run, argparse.Namespace()) == 1


def test_the_crash_log_falls_back_to_the_temporary_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.core import crashlog

    home = tmp_path / "home-file"
    home.write_text("x", "utf-8")
    monkeypatch.setenv("QUICKREPLY_HOME", str(home))
    monkeypatch.setattr(crashlog, "_temp_folder", lambda: tmp_path / "tmp")
    monkeypatch.setattr(crashlog, "FOLDERS", [crashlog._logs_folder, crashlog._temp_folder])
    try:
        raise ValueError("boom")
    except ValueError as exc:
        line = crashlog.describe(exc)
    (log,) = (tmp_path / "tmp").iterdir()
    assert str(log) in line and "ValueError: boom" in line
    assert "ValueError" in log.read_text("utf-8") and "Traceback" in log.read_text("utf-8")


def test_the_apps_excepthook_reports_and_never_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from quickreply.core import crashlog

    said: list[str] = []
    hook = crashlog.make_excepthook(said.append)
    try:
        raise KeyError("slot failed")
    except KeyError as exc:
        hook(KeyError, exc, exc.__traceback__)
    assert "internal error: KeyError" in said[0] and "Details were saved" in said[0]

    def failing(_message: str) -> None:
        raise RuntimeError("the tray is gone")

    crashlog.make_excepthook(failing)(KeyError, KeyError("x"), None)  # must not raise


def test_the_apps_event_log_escapes_what_packs_say() -> None:
    import io

    from quickreply.ui.eventlog import EventLog

    for json_lines in (True, False):
        stream = io.StringIO()
        EventLog(json_lines=json_lines, stream=stream).emit("warning", message="红\x1b[2J\u202e色")
        out = stream.getvalue()
        assert "\x1b" not in out and "\u202e" not in out and "\\u202e" in out
        if json_lines:
            assert json.loads(out)["message"] == "红\x1b[2J\u202e色"


def test_stats_with_a_huge_limit_is_no_internal_error() -> None:
    result = run_cli("stats", "--limit", "99999999999999999999")
    assert result.returncode == 0 and "internal error" not in result.stderr


def test_the_whole_text_scans_agree_with_the_per_character_tests() -> None:
    """`hostile_chars` and `may_hold_invisible` (one regex pass over a reply's text, for
    a fast pack check) take exactly the characters the per-character tests take."""
    chars = [chr(c) for c in range(0x3100)] + INVISIBLE + ["\U0001f600", "\U000e007f", "中"]
    for char in chars:
        hostile = invisible.is_bidi_control(char) or invisible.is_control(char)
        assert (invisible.hostile_chars(char) == char) is hostile, f"U+{ord(char):04X}"
        if invisible.find_invisible(char):
            assert invisible.may_hold_invisible(char), f"U+{ord(char):04X}"
    text = "亲\u202e，发货\r啦\t\n好的\x1b"
    assert invisible.hostile_chars(text) == "\u202e\r\x1b"
    assert not invisible.may_hold_invisible("亲，您好😊，{尺码:S|M}发货")


def test_an_invisible_character_in_a_blank_is_found_in_a_long_clean_text() -> None:
    """The blank check runs only when the text holds such a character: it still runs then."""
    text = "亲，" * 200 + "{方式:顺丰|中\u200b通}"
    source = (
        'format = 1\n[pack]\nid = "t"\nname = "x"\nversion = "1.0.0"\n'
        f'[[reply]]\nid = "r"\ntitle = "标题"\ntext = "{text}"\n'
    )
    (error,) = check_text(source).errors
    assert "U+200B" in error.message and "blank" in error.message
