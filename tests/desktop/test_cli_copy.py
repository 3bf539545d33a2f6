"""`quickreply copy` puts the rendered reply on the real X clipboard (pyperclip + xclip)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop.apps import clipboard
from tests.desktop.xserver import ROOT, XDisplay, start_xvfb, wait_for


@pytest.fixture(scope="module")
def xvfb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[XDisplay]:
    """A server of this module's own: pyperclip's xclip keeps owning the clipboard
    after the command exits, which would leak into other tests' clipboards."""
    display = start_xvfb(tmp_path_factory.mktemp("xvfb-copy"))
    try:
        yield display
    finally:
        display.stop()


def _copy(display: XDisplay, tmp_path: Path, *args: str) -> tuple[int, str]:
    env = display.env()
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONIOENCODING"] = "utf-8"
    # pyperclip's xclip keeps serving the selection in a child that inherits
    # stdout/stderr: send them to files, never to pipes we wait on.
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        code = subprocess.run(
            [sys.executable, "-m", "quickreply", "copy", *args],
            env=env,
            cwd=ROOT,
            stdout=stdout,
            stderr=stderr,
            timeout=60,
            check=False,
        ).returncode
    return code, out.read_text("utf-8") + err.read_text("utf-8")


def test_copy_renders_blanks_onto_the_clipboard(xvfb: XDisplay, tmp_path: Path) -> None:
    code, output = _copy(
        xvfb,
        tmp_path,
        "sample.shop/size-advice",
        "--pack",
        "tests/data/sample.toml",
        "--set",
        "身高=170cm",
        "--set",
        "体重=60kg",
        "--set",
        "推荐尺码=L",
        "--print",
    )
    expected = "亲,您身高170cm、体重60kg,建议选L码哦 😊"
    assert code == 0, output
    assert output.strip() == expected
    wait_for(lambda: clipboard(xvfb).decode("utf-8") == expected, what="the copied reply")


def test_copy_uses_defaults_and_builtins(xvfb: XDisplay, tmp_path: Path) -> None:
    code, output = _copy(
        xvfb,
        tmp_path,
        "sample.shop/bargain-promise",
        "--pack",
        "tests/data/sample.toml",
    )
    assert code == 0, output
    wait_for(
        lambda: clipboard(xvfb).decode("utf-8").endswith("我送您一张5元的店铺券,下次直接用哦"),
        what="the reply with its default filled in",
    )
