"""Start at login: the decisions (core.autostart) and the XDG autostart file, on real files."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from quickreply.core import autostart as plan
from quickreply.core.ports import DesktopError
from quickreply.core.settings import Settings
from quickreply.desktop.autostart import XdgAutostart, apply, create_autostart


@pytest.mark.parametrize(
    ("wanted", "present", "action"),
    [
        (None, None, "keep"),  # never chosen: the installer's choice (or none) stands
        (None, "old", "keep"),
        (True, None, "write"),
        (True, "cmd", "keep"),
        (True, "elsewhere", "write"),  # the app moved: repaired
        (False, "cmd", "remove"),
        (False, None, "keep"),
    ],
)
def test_plan(wanted: bool | None, present: str | None, action: str) -> None:
    assert plan.plan(wanted, present, "cmd") == action


def test_effective_value_is_the_choice_else_what_the_os_has() -> None:
    assert plan.effective(None, None) is False
    assert plan.effective(None, "cmd") is True
    assert plan.effective(False, "cmd") is False
    assert plan.effective(True, None) is True


def test_launch_command() -> None:
    frozen = plan.launch_command(
        r"C:\Apps\QuickReply\QuickReply.exe", frozen=True, platform="win32"
    )
    assert frozen == [r"C:\Apps\QuickReply\QuickReply.exe"]
    py = plan.launch_command(r"C:\Py\python.exe", frozen=False, platform="win32")
    assert py == [r"C:\Py\pythonw.exe", "-m", "quickreply"]  # no console window at login
    assert plan.launch_command("/usr/bin/python3", frozen=False, platform="linux") == [
        "/usr/bin/python3",
        "-m",
        "quickreply",
    ]


def test_windows_command_line_matches_the_installers_value() -> None:
    # installer.nsi writes '"$INSTDIR\QuickReply.exe"'; the app must write the same.
    exe = r"C:\Users\阿强\AppData\Local\Programs\QuickReply\QuickReply.exe"
    assert plan.windows_command_line([exe]) == f'"{exe}"'
    nsi = (Path(__file__).parents[1] / "packaging/windows/installer.nsi").read_text(
        encoding="utf-8"
    )
    assert 'WriteRegStr HKCU "${RUN_KEY}" "${APP}" \'"$INSTDIR\\${APP}.exe"\'' in nsi
    with pytest.raises(ValueError):
        plan.windows_command_line(['a"b'])


@pytest.mark.parametrize(
    "command",
    [
        ["/usr/bin/python3", "-m", "quickreply"],
        ["/home/阿强/my apps/python3", "-m", "quickreply"],
        ['/opt/we"ird/$HOME/py`x`', "-m", "quickreply"],
    ],
)
def test_exec_line_reads_back_as_the_same_command(command: list[str]) -> None:
    line = plan.exec_line(command)
    # The spec's quoting is a subset of the shell's: sh splits it back the same way.
    result = subprocess.run(
        ["sh", "-c", "printf '%s\\n' " + line], capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == command


def test_percent_is_doubled_in_exec() -> None:
    assert plan.exec_line(["/opt/100%/py"]) == "/opt/100%%/py"


def test_desktop_entry_round_trip() -> None:
    text = plan.desktop_entry(["/usr/bin/python3", "-m", "quickreply"])
    assert text.startswith("[Desktop Entry]\n")
    assert "Type=Application\n" in text and "Name[zh_CN]=快捷回复助手\n" in text
    assert plan.desktop_entry_command(text) == "/usr/bin/python3 -m quickreply"
    assert plan.desktop_entry_command(text + "Hidden=true\n") is None  # switched off by the desktop
    off = text.replace("X-GNOME-Autostart-enabled=true", "X-GNOME-Autostart-enabled=false")
    assert plan.desktop_entry_command(off) is None
    assert plan.desktop_entry_command("[Other]\nExec=x\n") is None


def test_xdg_autostart_on_real_files(tmp_path: Path) -> None:
    backend = XdgAutostart(tmp_path)
    command = [sys.executable, "-m", "quickreply"]
    assert backend.read() is None
    assert apply(None, backend, command) is False
    assert not backend.path.exists()  # nothing chosen, nothing written
    assert apply(True, backend, command) is True
    assert backend.path == tmp_path / "autostart" / "quickreply.desktop"
    assert backend.read() == plan.exec_line(command)
    mtime = backend.path.stat().st_mtime_ns
    assert apply(True, backend, command) is True
    assert backend.path.stat().st_mtime_ns == mtime  # already right: not rewritten
    assert apply(None, backend, command) is True  # unset: shows what is there
    assert apply(False, backend, command) is False
    assert not backend.path.exists()


def test_xdg_autostart_command_starts_quickreply(tmp_path: Path) -> None:
    backend = XdgAutostart(tmp_path)
    backend.write([sys.executable, "-m", "quickreply", "--version"])
    exec_value = backend.read()
    assert exec_value is not None
    result = subprocess.run(shlex.split(exec_value), capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("quickreply ")


def test_xdg_config_home_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    backend = create_autostart("linux")
    assert isinstance(backend, XdgAutostart)
    assert backend.path == tmp_path / "cfg" / "autostart" / "quickreply.desktop"


def test_unwritable_autostart_folder_is_a_desktop_error(tmp_path: Path) -> None:
    (tmp_path / "autostart").write_text("a file where the folder should be")
    with pytest.raises(DesktopError, match="cannot write"):
        XdgAutostart(tmp_path).write(["x"])


def test_setting_is_declared_and_off_by_default() -> None:
    assert Settings()["autostart"] is False
    assert Settings().replace(autostart=True)["autostart"] is True
    with pytest.raises(ValueError, match="true or false"):
        Settings().replace(autostart="yes")
