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
    InstanceServer,
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
