"""Windows decisions that need no Windows: UIPI, the paste message, the .ico, the installer script."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import pytest

from quickreply.core.ports import DesktopError, TargetElevated
from quickreply.desktop.fakes import FakeClipboard, FakeForeground, FakePaster
from quickreply.desktop.paste import PasteService
from quickreply.desktop.win_uipi import HIGH, LOW, MEDIUM, SYSTEM, Integrity, blocked_by_uipi

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("own", "target", "blocked"),
    [
        (Integrity(MEDIUM), Integrity(HIGH), True),  # chat client "run as administrator"
        (Integrity(MEDIUM), Integrity(SYSTEM), True),
        (Integrity(MEDIUM), Integrity(MEDIUM), False),
        (Integrity(HIGH), Integrity(MEDIUM), False),  # downwards is allowed
        (Integrity(LOW), Integrity(MEDIUM), True),
        (Integrity(MEDIUM), Integrity(None, denied=True), True),  # its token is closed to us
        (Integrity(HIGH), Integrity(None, denied=True), False),
        (Integrity(MEDIUM), Integrity(None), False),  # unknown: do not cry wolf
        (Integrity(None), Integrity(HIGH), False),
    ],
)
def test_blocked_by_uipi(own: Integrity, target: Integrity, blocked: bool) -> None:
    assert blocked_by_uipi(own, target) is blocked


class ElevatedPaster(FakePaster):
    def paste(self, method: str = "ctrl+v") -> None:
        raise TargetElevated("the focused window runs at Integrity(high)")


def test_elevated_target_gets_its_own_message_and_keeps_the_reply() -> None:
    clipboard = FakeClipboard()
    clipboard.set_text("agent's own")
    foreground = FakeForeground()
    foreground.add_window(7, "aliworkbench")
    service = PasteService(clipboard, ElevatedPaster(), foreground, scheduler=lambda ms, f: f())
    result = service.paste_text("回复", 7)
    assert not result.ok
    assert result.message_key == "paste.elevated" and result.step == "keystroke"
    assert result.on_clipboard and clipboard.text() == "回复"
    assert "管理员" in result.message("zh") and "administrator" in result.message("en")
    assert isinstance(TargetElevated("x"), DesktopError)  # every caller's except still holds


def test_make_ico_wraps_the_pngs() -> None:
    sys.path.insert(0, str(ROOT / "packaging" / "windows"))
    try:
        from make_ico import make_ico
    finally:
        sys.path.pop(0)
    small = (ROOT / "resources/icons/quickreply.png").read_bytes()
    large = (ROOT / "resources/icons/quickreply@2x.png").read_bytes()
    ico = make_ico([small, large])
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, 2)
    for i, data in enumerate((small, large)):
        size, offset = struct.unpack("<II", ico[6 + 16 * i + 8 : 6 + 16 * i + 16])
        assert ico[offset : offset + size] == data


def test_installer_script_compiles(tmp_path: Path) -> None:
    # makensis checks the script without the frozen app: a stand-in folder will do.
    sys.path.insert(0, str(ROOT / "packaging" / "windows"))
    try:
        from make_ico import make_ico
    finally:
        sys.path.pop(0)
    (tmp_path / "q.ico").write_bytes(
        make_ico([(ROOT / "resources/icons/quickreply.png").read_bytes()])
    )
    app = tmp_path / "app"
    app.mkdir()
    (app / "QuickReply.exe").write_bytes(b"MZ")
    out = tmp_path / "setup.exe"
    args = ["makensis", "-V2", "-INPUTCHARSET", "UTF8", "-DVERSION=0.1.0", f"-DSRCDIR={app}"]
    args += [f"-DICON={tmp_path / 'q.ico'}", f"-DOUTFILE={out}"]
    args.append(str(ROOT / "packaging/windows/installer.nsi"))
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.read_bytes()[:2] == b"MZ"
