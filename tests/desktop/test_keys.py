from __future__ import annotations

import pytest

from quickreply.desktop.keys import HotkeyError, parse_hotkey


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("ctrl+alt+space", "ctrl+alt+space"),
        ("Alt+Ctrl+Space", "ctrl+alt+space"),
        (" ctrl + alt + 1 ", "ctrl+alt+1"),
        ("F9", "f9"),
        ("control+shift+Return", "ctrl+shift+enter"),
        ("win+pgup", "super+pageup"),
        ("ctrl＋alt＋v", "ctrl+alt+v"),  # full-width plus from a Chinese input method
        ("ctrl+`", "ctrl+grave"),
    ],
)
def test_parse_gives_canonical_form(text: str, canonical: str) -> None:
    assert str(parse_hotkey(text)) == canonical


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("", "empty"),
        ("ctrl+", "empty part"),
        ("ctrl+alt", "no key"),
        ("hyper+a", "not a modifier"),
        ("ctrl+ctrl+a", "repeats"),
        ("ctrl+空格", "unknown key"),
        ("f25", "unknown key"),
    ],
)
def test_bad_hotkeys_say_what_is_wrong(text: str, complaint: str) -> None:
    with pytest.raises(HotkeyError, match=complaint) as info:
        parse_hotkey(text)
    assert "ctrl+alt+space" in str(info.value)  # every message shows a way to write one


def test_platform_codes() -> None:
    assert parse_hotkey("ctrl+alt+space").x11_keysym_name == "space"
    assert parse_hotkey("f9").x11_keysym_name == "F9"
    assert parse_hotkey("ctrl+pagedown").x11_keysym_name == "Next"
    assert parse_hotkey("f9").windows_vk == 0x78
    assert parse_hotkey("ctrl+alt+1").windows_vk == 0x31
    assert parse_hotkey("ctrl+q").windows_vk == 0x51
    assert parse_hotkey("ctrl+alt+space").windows_vk == 0x20
