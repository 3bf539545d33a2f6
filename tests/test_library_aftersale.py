"""The after-sale family of the built-in library (issue 6): logistics,
after-sale, big sale, live stream and relationship packs, plus the examples in
docs/writing-packs.md that team leads copy.

The house style every pack shares (punctuation, red lines, blanks, codes,
titles, flows resolving) is checked in tests/test_builtin_library.py; here:
enough replies, the talk scripts and blanks the issue names, and what review
and payment-urging replies may say.
"""

from __future__ import annotations

import re

import pytest

from quickreply.core import render
from quickreply.core.library import Library
from quickreply.core.packs import check_text
from tests import library_style as style

# file -> minimum replies
MINIMUMS = {
    "logistics.toml": 18,
    "aftersale.toml": 30,
    "bigsale.toml": 13,
    "livestream.toml": 8,
    "relationship.toml": 10,
}

# Talk scripts the issue asks for, by the pack they live in.
REQUIRED_FLOWS = {
    "builtin.bigsale": {"urge-payment"},
    "builtin.aftersale": {"return-exchange", "complaint", "bad-review-winback"},
}


@pytest.mark.parametrize("file_name", sorted(MINIMUMS))
def test_pack_has_enough_replies(file_name: str) -> None:
    assert file_name in style.PACKS
    assert len(style.load(file_name).replies) >= MINIMUMS[file_name]


def test_the_talk_scripts_the_issue_asks_for_are_there() -> None:
    library = Library.from_files(sorted(style.LIBRARY_DIR.glob("*.toml")))
    for pack_id, flow_ids in REQUIRED_FLOWS.items():
        pack = library.pack(pack_id)
        assert pack is not None
        assert flow_ids <= {f.id for f in pack.flows}, pack_id


def test_review_replies_never_offer_anything_for_a_review() -> None:
    # A gift near a review reads as paying for it, whatever the intent.
    gifts = ("券", "红包", "礼品", "礼物", "赠", "返", "补偿", "退款", "元")
    for name in MINIMUMS:
        for reply in style.load(name).replies:
            if "评" in reply.title or "评价" in reply.text:
                text = render.preview(reply.text)
                assert not [g for g in gifts if g in text], reply.uid


def test_the_issue_blanks_are_there() -> None:
    def blank_specs(name: str) -> set[str]:
        return {
            f"{b.name}:{'|'.join(b.choices) or b.default or ''}"
            for r in style.load(name).replies
            for b in render.blanks(r.text)
        }

    assert "截单时间:16:00" in blank_specs("logistics.toml")
    assert "商品:" in blank_specs("bigsale.toml")
    assert "链接号:" in blank_specs("livestream.toml")
    assert "节日:新年|中秋|国庆" in blank_specs("relationship.toml")


def test_urging_payment_has_gentle_variants_naming_the_item() -> None:
    pack = style.load("bigsale.toml")
    urging = [r for r in pack.replies if r.scenario == "大促/催付"]
    assert len(urging) >= 4
    assert all(any(b.name == "商品" for b in render.blanks(r.text)) for r in urging)


def test_the_team_lead_guide_examples_are_valid_packs() -> None:
    # docs/writing-packs.md is copied by team leads: its examples must load.
    guide = (style.LIBRARY_DIR.parent / "docs" / "writing-packs.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", guide, re.S)
    minimal, multiline, _flow, rules, override = blocks[:5]
    head = 'format = 1\n[pack]\nid = "acme.example"\nname = "示例"\nversion = "1.0.0"\n'
    for text in (minimal, minimal + multiline, head + rules, head + override):
        result = check_text(text, "writing-packs.md")
        assert result.ok and not result.warnings, [str(p) for p in result.problems]
    assert "#:schema" in minimal
