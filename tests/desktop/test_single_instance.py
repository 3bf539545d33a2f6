"""Single instance over QLocalServer: a second process hands its command to the first."""

from __future__ import annotations

import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from pytestqt.qtbot import QtBot

from quickreply.desktop.single_instance import (
    Answer,
    InstanceServer,
    _parse,
    _read_answer,
    send_to_running,
    server_name,
    try_become_server,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def name(quickreply_home: Path) -> str:
    return server_name()


@pytest.fixture
def server(name: str, qtbot: QtBot) -> Iterator[InstanceServer]:
    first = try_become_server(name)
    assert first is not None
    yield first
    first.close()


def send_from_another_process(name: str, command: str) -> subprocess.Popen[bytes]:
    code = (
        "import sys\n"
        "from quickreply.desktop.single_instance import send_to_running\n"
        f"sys.exit(0 if send_to_running({name!r}, {command!r}) else 3)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def test_second_process_gets_toggle_through(
    server: InstanceServer, name: str, qtbot: QtBot
) -> None:
    with qtbot.waitSignal(server.command_received, timeout=10000) as blocker:
        proc = send_from_another_process(name, "toggle")
    assert blocker.args == ["toggle"]
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=10000)
    assert proc.returncode == 0  # the sender saw the acknowledgement


def test_only_one_server(server: InstanceServer, name: str) -> None:
    assert try_become_server(name) is None


def test_nobody_running(name: str, qtbot: QtBot) -> None:
    assert send_to_running(name, "show") is False


def test_stale_socket_file_is_replaced(name: str, qtbot: QtBot) -> None:
    # A crashed instance leaves its socket file with nobody listening on it.
    path = Path(QDir.tempPath()) / name
    stale = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    stale.bind(str(path))
    stale.close()
    assert path.exists()
    server = try_become_server(name)
    try:
        assert server is not None
    finally:
        if server is not None:
            server.close()


def test_unknown_command_is_refused(name: str, qtbot: QtBot) -> None:
    with pytest.raises(ValueError, match="toggle"):
        send_to_running(name, "rm -rf")


def test_names_differ_per_data_directory(tmp_path: Path) -> None:
    first = server_name(str(tmp_path / "a"))
    assert first != server_name(str(tmp_path / "b"))
    assert first == server_name(str(tmp_path / "a"))
    assert first.startswith("quickreply-") and len(first) < 60


def ask_from_another_process(name: str, command: str, args: list[str]) -> subprocess.Popen[str]:
    code = (
        "import sys\n"
        "from quickreply.desktop.single_instance import request\n"
        f"answer = request({name!r}, {command!r}, {args!r})\n"
        "print(answer)\n"
    )
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )


def test_load_is_answered_with_what_the_app_did(
    server: InstanceServer, name: str, qtbot: QtBot
) -> None:
    asked: list[tuple[str, list[str]]] = []

    def answerer(verb: str, args: list[str]) -> Answer:
        asked.append((verb, args))
        return Answer(True, f"{len(args)} 个包已载入：新增 3 条")

    server.answerer = answerer
    proc = ask_from_another_process(name, "load", ["/团队/话术 包.toml", "/b.toml"])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=15000)
    assert asked == [("load", ["/团队/话术 包.toml", "/b.toml"])]
    out = proc.communicate(timeout=10)[0]
    assert out.strip() == "Answer(ok=True, message='2 个包已载入：新增 3 条')"


def test_a_failing_answerer_is_an_error_answer_not_a_crash(
    server: InstanceServer, name: str, qtbot: QtBot
) -> None:
    def answerer(verb: str, args: list[str]) -> Answer:
        raise RuntimeError("disk on fire")

    server.answerer = answerer
    proc = ask_from_another_process(name, "reload", [])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=15000)
    out = proc.communicate(timeout=10)[0]
    assert out.strip() == "Answer(ok=False, message='reload failed: disk on fire')"


def test_load_without_an_answerer_says_it_cannot(
    server: InstanceServer, name: str, qtbot: QtBot
) -> None:
    proc = ask_from_another_process(name, "load", ["/a.toml"])
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=15000)
    out = proc.communicate(timeout=10)[0]
    assert out.strip() == "Answer(ok=False, message='this QuickReply cannot load packs')"


@pytest.mark.parametrize(
    "line", ["load not-json", 'load {"a": 1}', "load [1, 2]", "rm -rf /", "loadx []"]
)
def test_malformed_lines_are_refused(line: str) -> None:
    assert _parse(line) == (None, [])


def test_lines_parse_to_a_verb_and_its_arguments() -> None:
    assert _parse("toggle") == ("toggle", [])
    assert _parse('load ["/a b.toml", "/话术.toml"]') == ("load", ["/a b.toml", "/话术.toml"])
    assert _read_answer('ok "新增 2 条"') == Answer(True, "新增 2 条")
    assert _read_answer("ok") == Answer(True, "")
    assert _read_answer("error unknown command 'x'") == Answer(False, "unknown command 'x'")
    assert _read_answer("") is None
