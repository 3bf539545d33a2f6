"""The UI's own Chinese follows the house style the linter asks of replies."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from quickreply.core.lint import Linter
from quickreply.core.resources import resource

SOURCES = [
    el.text or "" for el in ET.parse(resource("i18n", "quickreply_en.ts")).getroot().iter("source")
]


def test_catalogue_has_the_ui_strings() -> None:
    assert len(SOURCES) >= 30
    assert any("搜索回复" in s for s in SOURCES)


@pytest.mark.parametrize("text", SOURCES)
def test_ui_strings_use_full_width_punctuation(text: str) -> None:
    found = [
        f"{f.rule} 「{f.match}」 at {f.start}"
        for f in Linter.for_platform("generic").lint(text)
        if f.rule.endswith(("halfwidth-punct", "doubled-punct"))
    ]
    assert found == []
