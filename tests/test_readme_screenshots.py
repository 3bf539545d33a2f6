"""Every screenshot the README links exists, and every screenshot is linked."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_links_every_screenshot_and_only_existing_ones() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"docs/screenshots/([\w.-]+\.png)", readme))
    present = {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert linked - present == set(), "linked but missing"
    assert present - linked == set(), "taken but not linked"


def test_every_window_is_shown_in_both_languages() -> None:
    names = {p.name for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    scenes = {n.rsplit(".", 2)[0] for n in names}
    assert scenes, "no screenshots"
    missing = [f"{s}.{lang}.png" for s in scenes for lang in ("zh", "en") if f"{s}.{lang}.png" not in names]
    assert missing == []
