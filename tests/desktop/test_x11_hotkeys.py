"""Global hotkeys grabbed on a real X server (Xvfb) and pressed with xdotool."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from quickreply.core.ports import HotkeyTaken, HotkeyUnavailable
from quickreply.desktop.hotkeys import NullHotkeyBackend, create_hotkey_backend, session_kind
from quickreply.desktop.x11_hotkeys import X11HotkeyBackend
from tests.desktop.xserver import XDisplay


@pytest.fixture
def backend(xvfb: XDisplay, qtbot: QtBot) -> Iterator[X11HotkeyBackend]:
    hotkeys = X11HotkeyBackend(xvfb.name)
    yield hotkeys
    hotkeys.close()


@pytest.mark.parametrize(
    ("hotkey", "xdotool_keys"),
    [("ctrl+alt+space", "ctrl+alt+space"), ("ctrl+alt+1", "ctrl+alt+1"), ("f9", "F9")],
)
def test_pressing_the_hotkey_runs_the_callback(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot, hotkey: str, xdotool_keys: str
) -> None:
    fired: list[str] = []
    backend.register(hotkey, lambda: fired.append(hotkey))
    with qtbot.waitSignal(backend.activated, timeout=5000) as blocker:
        xvfb.xdotool("key", xdotool_keys)
    assert blocker.args == [hotkey]
    assert fired == [hotkey]


def test_hotkey_works_with_numlock_and_capslock_on(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot
) -> None:
    fired: list[int] = []
    backend.register("ctrl+alt+space", lambda: fired.append(1))
    xvfb.xdotool("key", "Num_Lock", "Caps_Lock")  # both locks on
    try:
        with qtbot.waitSignal(backend.activated, timeout=5000):
            xvfb.xdotool("key", "ctrl+alt+space")
    finally:
        xvfb.xdotool("key", "Num_Lock", "Caps_Lock")  # the display is shared: switch them off
    assert fired == [1]


def test_holding_the_hotkey_fires_once(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot
) -> None:
    # The X server auto-repeats a held key (release+press pairs); without the
    # filter one long press would open and close the palette a dozen times.
    fired: list[int] = []
    backend.register("ctrl+alt+space", lambda: fired.append(1))
    xvfb.xdotool("keydown", "ctrl+alt+space")
    try:
        qtbot.waitUntil(lambda: len(fired) >= 1, timeout=5000)
        qtbot.wait(1000)  # auto-repeat starts after ~660 ms and repeats every ~40 ms
    finally:
        xvfb.xdotool("keyup", "space", "alt", "ctrl")
    qtbot.wait(100)
    assert fired == [1]


def test_other_keys_do_not_fire(backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot) -> None:
    backend.register("ctrl+alt+space", lambda: None)
    with qtbot.assertNotEmitted(backend.activated, wait=300):
        xvfb.xdotool("key", "ctrl+space", "alt+space", "ctrl+alt+shift+space")


def test_unregistered_hotkey_is_released(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot
) -> None:
    backend.register("ctrl+alt+2", lambda: None)
    backend.unregister("Ctrl+Alt+2")
    assert backend.registered() == []
    with qtbot.assertNotEmitted(backend.activated, wait=300):
        xvfb.xdotool("key", "ctrl+alt+2")
    # and another program can now take it
    other = X11HotkeyBackend(xvfb.name)
    try:
        other.register("ctrl+alt+2", lambda: None)
    finally:
        other.close()


def test_hotkey_taken_by_another_program(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot
) -> None:
    from Xlib import XK, X
    from Xlib import display as xdisplay

    other = xdisplay.Display(xvfb.name)  # another X client holds Ctrl+Alt+3
    try:
        keycode = other.keysym_to_keycode(XK.string_to_keysym("3"))
        root = other.screen().root
        root.grab_key(keycode, X.ControlMask | X.Mod1Mask, True, X.GrabModeAsync, X.GrabModeAsync)
        other.sync()
        with pytest.raises(HotkeyTaken, match=r"ctrl\+alt\+3 is already used by another") as info:
            backend.register("ctrl+alt+3", lambda: None)
        assert info.value.hotkey == "ctrl+alt+3"
        assert backend.registered() == []
    finally:
        other.close()
    # once the other program is gone, the hotkey is free and nothing of ours lingered
    backend.register("ctrl+alt+3", lambda: None)
    with qtbot.waitSignal(backend.activated, timeout=5000):
        xvfb.xdotool("key", "ctrl+alt+3")


def test_a_failing_callback_does_not_stop_hotkeys(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    calls: list[int] = []

    def broken() -> None:
        calls.append(1)
        raise RuntimeError("boom")

    backend.register("ctrl+alt+4", broken)
    for _ in range(2):
        with qtbot.waitSignal(backend.activated, timeout=5000):
            xvfb.xdotool("key", "ctrl+alt+4")
    assert calls == [1, 1]
    assert "callback failed" in caplog.text


def test_factory_picks_x11_when_a_display_is_set(on_display: XDisplay, qtbot: QtBot) -> None:
    backend = create_hotkey_backend()
    try:
        assert isinstance(backend, X11HotkeyBackend)
    finally:
        backend.close()


def test_factory_on_wayland_explains_the_desktop_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.delenv("QUICKREPLY_HOTKEYS", raising=False)
    backend = create_hotkey_backend()
    assert isinstance(backend, NullHotkeyBackend)
    with pytest.raises(HotkeyUnavailable, match=r"quickreply toggle.*ctrl\+alt\+space"):
        backend.register("Ctrl+Alt+Space", lambda: None)


def test_factory_without_x_server_does_not_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":999")  # nothing listens there
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.delenv("XDG_SESSION_TYPE", raising=False)
    monkeypatch.delenv("QUICKREPLY_HOTKEYS", raising=False)
    backend = create_hotkey_backend()
    assert isinstance(backend, NullHotkeyBackend)
    assert ":999" in backend.reason
    with pytest.raises(HotkeyUnavailable, match="quickreply toggle"):
        backend.register("f9", lambda: None)


@pytest.mark.parametrize(
    ("env", "platform", "kind"),
    [
        ({"DISPLAY": ":0"}, "linux", "x11"),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland"),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", "wayland"),
        ({"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":1"}, "linux", "wayland"),
        ({}, "linux", "none"),
        ({}, "win32", "windows"),
    ],
)
def test_session_kind(env: dict[str, str], platform: str, kind: str) -> None:
    assert session_kind(env, platform) == kind


def test_hotkey_follows_a_keyboard_layout_change(
    backend: X11HotkeyBackend, xvfb: XDisplay, qtbot: QtBot
) -> None:
    from Xlib import XK
    from Xlib import display as xdisplay

    conn = xdisplay.Display(xvfb.name)
    f12 = XK.string_to_keysym("F12")
    old = conn.keysym_to_keycode(f12)
    low, high = conn.display.info.min_keycode, conn.display.info.max_keycode
    spare = next(
        code for code in range(high, low, -1) if not any(conn.get_keyboard_mapping(code, 1)[0])
    )
    saved_old = list(conn.get_keyboard_mapping(old, 1)[0])
    width = len(saved_old)
    backend.register("f12", lambda: None)
    try:
        # another layout: F12 moves to a different key
        conn.change_keyboard_mapping(spare, [[f12] + [0] * (width - 1)])
        conn.change_keyboard_mapping(old, [[0] * width])
        conn.sync()
        qtbot.waitUntil(lambda: backend._grabs["f12"].keycode == spare, timeout=5000)
        with qtbot.waitSignal(backend.activated, timeout=5000):
            xvfb.xdotool("key", "F12")
    finally:
        conn.change_keyboard_mapping(old, [saved_old])
        conn.change_keyboard_mapping(spare, [[0] * width])
        conn.sync()
        conn.close()


def test_paste_backends_on_x11_and_their_stand_ins(
    on_display: XDisplay, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quickreply.desktop.backends import (
        NullForeground,
        NullPaster,
        create_foreground,
        create_paster,
    )
    from quickreply.desktop.x11_input import X11Paster
    from quickreply.desktop.x11_windows import X11ForegroundWindow

    paster, foreground = create_paster(), create_foreground()
    try:
        assert isinstance(paster, X11Paster)
        assert isinstance(foreground, X11ForegroundWindow)
    finally:
        paster.close()
        foreground.close()
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    null_paster, null_foreground = create_paster(), create_foreground()
    assert isinstance(null_paster, NullPaster)
    assert isinstance(null_foreground, NullForeground)
    assert null_foreground.current() is None


def test_wayland_paste_ends_on_the_clipboard_with_a_clear_message() -> None:
    from quickreply.desktop.backends import NullForeground, NullPaster
    from quickreply.desktop.fakes import FakeClipboard
    from quickreply.desktop.paste import PasteService

    clipboard = FakeClipboard()
    service = PasteService(
        clipboard, NullPaster("wayland"), NullForeground("wayland"), scheduler=lambda *_: None
    )
    # the palette could not remember a window: copy and tell the agent
    result = service.paste_text("亲，在的", NullForeground("wayland").current())
    assert result.message_key == "paste.no_target" and result.on_clipboard
    assert clipboard.text() == "亲，在的"
    assert "Ctrl+V" in result.message("zh")
