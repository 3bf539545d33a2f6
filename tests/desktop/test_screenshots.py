"""The screenshot script works: it starts its own X server, runs the real app in
both languages and writes a picture of a window that is really drawn."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.desktop


def _distinct_colours(path: Path) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(path))
    assert not image.isNull(), f"{path.name} is not an image"
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 64)
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step_x)
            for y in range(0, image.height(), step_y)
        }
    )


def test_script_takes_the_palette_in_both_languages(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--only", "palette-results",
         "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    shots = sorted(p.name for p in tmp_path.glob("*.png"))
    assert shots == ["palette-results.en.png", "palette-results.zh.png"]
    for name in shots:
        # A blank or unpainted window has a handful of colours; text and highlights many.
        assert _distinct_colours(tmp_path / name) > 20, name
