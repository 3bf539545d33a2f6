"""PasteService logic with in-memory fakes: step order, failures, restore, per-app keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quickreply.core.ports import DesktopError
from quickreply.desktop.fakes import FakeClipboard, FakeForeground, FakePaster
from quickreply.desktop.paste import MESSAGES, PasteService

REPLY = "亲，您好😊\n第二行"
CHAT = 0x400001
IMAGE = b"\x89PNG fake image bytes"


class ManualScheduler:
    """Holds delayed calls until the test runs them (stands in for QTimer)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, Callable[[], None]]] = []

    def __call__(self, delay_ms: int, callback: Callable[[], None]) -> None:
        self.calls.append((delay_ms, callback))

    def run_all(self) -> None:
        calls, self.calls = self.calls, []
        for _, callback in calls:
            callback()


class Desk:
    def __init__(self) -> None:
        self.log: list[str] = []
        self.clipboard = FakeClipboard(self.log)
        self.clipboard.formats = {"text/plain": "客户的订单号 123".encode(), "image/png": IMAGE}
        self.saved = dict(self.clipboard.formats)
        self.paster = FakePaster(self.log)
        self.foreground = FakeForeground(self.log)
        self.foreground.add_window(CHAT, "AliWorkBench.exe")
        self.foreground.add_window(0x500001, "gnome-terminal-server")
        self.scheduler = ManualScheduler()
        self.pasted: list[str] = []
        # the target reads the clipboard when the keystroke arrives
        self.paster.on_paste = lambda method: self.pasted.append(self.clipboard.text())
        self.service = PasteService(
            self.clipboard,
            self.paster,
            self.foreground,
            restore_delay_ms=250,
            modifier_timeout=1.5,
            scheduler=self.scheduler,
        )


@pytest.fixture
def desk() -> Desk:
    return Desk()


def test_steps_run_in_order_and_the_clipboard_comes_back_later(desk: Desk) -> None:
    result = desk.service.paste_text(REPLY, CHAT)

    assert result.ok and result.message_key == "paste.done" and result.clipboard_saved
    assert desk.log == [
        f"activate:{CHAT}",
        "snapshot",
        "set_text",
        "wait_modifiers",
        "paste:ctrl+v",
    ]
    assert desk.pasted == [REPLY]
    # not restored yet: the target may still be reading the clipboard
    assert desk.clipboard.text() == REPLY
    assert [delay for delay, _ in desk.scheduler.calls] == [250]
    desk.scheduler.run_all()
    assert desk.clipboard.formats == desk.saved  # text and image both back
    assert desk.log[-1] == "restore"
    assert desk.paster.waits == [1.5]


def test_window_closed_leaves_reply_on_clipboard(desk: Desk) -> None:
    desk.foreground.close_window(CHAT)
    result = desk.service.paste_text(REPLY, CHAT)

    assert not result.ok
    assert result.message_key == "paste.window_gone" and result.step == "activate"
    assert result.on_clipboard
    assert desk.clipboard.text() == REPLY
    assert desk.paster.sent == []
    assert desk.scheduler.calls == []  # never restored: the reply must stay


def test_no_remembered_window_copies_only(desk: Desk) -> None:
    result = desk.service.paste_text(REPLY, None)
    assert (result.ok, result.message_key, result.on_clipboard) == (False, "paste.no_target", True)
    assert desk.clipboard.text() == REPLY
    assert "activate" not in " ".join(desk.log)


def test_focus_refused_counts_as_failure(desk: Desk) -> None:
    desk.foreground.refuse_focus = True
    result = desk.service.paste_text(REPLY, CHAT)
    assert result.message_key == "paste.window_gone"
    assert desk.clipboard.text() == REPLY


def test_held_modifiers_do_not_send_a_wrong_keystroke(desk: Desk) -> None:
    desk.paster.modifiers_held = True
    result = desk.service.paste_text(REPLY, CHAT)

    assert not result.ok and result.message_key == "paste.modifiers_held"
    assert desk.paster.sent == []  # Ctrl+Alt+V would be some other command
    assert desk.clipboard.text() == REPLY and result.on_clipboard
    assert desk.scheduler.calls == []


def test_keystroke_failure_leaves_reply(desk: Desk) -> None:
    desk.paster.fail_paste = True
    result = desk.service.paste_text(REPLY, CHAT)
    assert (result.ok, result.step, result.on_clipboard) == (False, "keystroke", True)
    assert "XTEST" in result.detail
    assert desk.clipboard.text() == REPLY
    assert desk.scheduler.calls == []


def test_clipboard_refusing_the_text_is_reported_honestly(desk: Desk) -> None:
    desk.clipboard.fail_set = True
    result = desk.service.paste_text(REPLY, CHAT)
    assert (result.ok, result.message_key, result.on_clipboard) == (
        False,
        "paste.clipboard_failed",
        False,  # the UI must keep the reply visible: it is not on the clipboard
    )
    assert desk.paster.sent == []
    assert desk.clipboard.formats == desk.saved  # the agent's own copy is untouched


def test_unreadable_clipboard_still_pastes_but_does_not_restore(desk: Desk) -> None:
    desk.clipboard.fail_snapshot = True
    result = desk.service.paste_text(REPLY, CHAT)
    assert result.ok and result.clipboard_saved is False
    assert desk.pasted == [REPLY]
    assert desk.scheduler.calls == []


def test_per_app_method(desk: Desk) -> None:
    desk.service.set_app_methods({"AliWorkbench": "shift+insert"})
    assert desk.service.paste_text(REPLY, CHAT).method == "shift+insert"  # .exe and case ignored
    # the defaults for terminals stay underneath the agent's own mapping
    assert desk.service.paste_text(REPLY, 0x500001).method == "ctrl+shift+v"
    assert desk.service.paste_text(REPLY, CHAT, method="ctrl+v").method == "ctrl+v"
    desk.service.set_app_methods({"gnome-terminal-server": "ctrl+v"})
    assert desk.service.paste_text(REPLY, CHAT).method == "ctrl+v"  # mapping replaced
    assert desk.service.paste_text(REPLY, 0x500001).method == "ctrl+v"  # agent overrides default
    desk.service.set_app_methods({}, keep_defaults=False)
    assert desk.service.method_for("gnome-terminal") == "ctrl+v"
    assert desk.paster.sent == ["shift+insert", "ctrl+shift+v", "ctrl+v", "ctrl+v", "ctrl+v"]


def test_terminals_get_their_own_paste_key_by_default(desk: Desk) -> None:
    result = desk.service.paste_text(REPLY, 0x500001)
    assert result.method == "ctrl+shift+v" and result.app == "gnome-terminal-server"


def test_unknown_method_in_settings_is_a_clear_error(desk: Desk) -> None:
    with pytest.raises(DesktopError, match=r"'ctrl\+p'.*'WeChat'.*ctrl\+v"):
        desk.service.set_app_methods({"WeChat": "ctrl+p"})


def test_second_paste_before_restore_keeps_the_agents_clipboard(desk: Desk) -> None:
    desk.service.paste_text("第一条", CHAT)
    desk.service.paste_text("第二条", CHAT)
    assert desk.pasted == ["第一条", "第二条"]
    desk.scheduler.run_all()  # the first timer is stale, the second restores
    assert desk.clipboard.formats == desk.saved
    assert desk.log.count("restore") == 1


def test_agent_copying_meanwhile_is_not_overwritten(desk: Desk) -> None:
    desk.service.paste_text(REPLY, CHAT)
    desk.clipboard.formats = {"text/plain": "刚复制的新内容".encode()}
    desk.scheduler.run_all()
    assert desk.clipboard.text() == "刚复制的新内容"


def test_empty_clipboard_stays_empty(desk: Desk) -> None:
    desk.clipboard.formats = {}
    desk.service.paste_text(REPLY, CHAT)
    desk.scheduler.run_all()
    assert desk.clipboard.formats == {}


def test_copy_only_cancels_a_pending_restore(desk: Desk) -> None:
    desk.service.paste_text(REPLY, CHAT)
    result = desk.service.copy_only("只复制")
    assert result.ok and result.message_key == "paste.copied" and result.on_clipboard
    desk.scheduler.run_all()
    assert desk.clipboard.text() == "只复制"


def test_restore_now_runs_the_pending_restore(desk: Desk) -> None:
    desk.service.paste_text(REPLY, CHAT)
    assert desk.service.restore_pending
    desk.service.restore_now()
    assert desk.clipboard.formats == desk.saved and not desk.service.restore_pending


def test_empty_reply_is_not_pasted(desk: Desk) -> None:
    result = desk.service.paste_text("", CHAT)
    assert result.message_key == "paste.empty" and desk.log == []


def test_every_message_has_chinese_and_english() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"zh", "en"}, key
        assert all(t.strip() for t in texts.values()), key
    for key in MESSAGES:
        if key.startswith("paste.") and key not in ("paste.done", "paste.empty", "paste.copied"):
            zh = MESSAGES[key]["zh"]
            assert "手动" in zh, key  # every failure tells the agent what to do by hand


def test_a_backend_crashing_still_leaves_the_reply(desk: Desk) -> None:
    def lost_connection(handle: int) -> bool:
        raise ConnectionResetError("X server went away")

    desk.foreground.activate = lost_connection  # type: ignore[method-assign]
    result = desk.service.paste_text(REPLY, CHAT)
    assert (result.ok, result.message_key, result.on_clipboard) == (
        False,
        "paste.window_gone",
        True,
    )
    assert "went away" in result.detail
    assert desk.clipboard.text() == REPLY


def test_unknown_explicit_method_does_not_raise(desk: Desk) -> None:
    result = desk.service.paste_text(REPLY, CHAT, method="alt+v")
    assert not result.ok and result.on_clipboard and "alt+v" in result.detail
    assert desk.paster.sent == [] and desk.clipboard.text() == REPLY


def test_prepare_reads_the_clipboard_ahead_of_enter(desk: Desk) -> None:
    desk.service.prepare()  # the palette opened
    assert desk.clipboard.reads == 1
    result = desk.service.paste_text(REPLY, CHAT)
    assert result.ok
    assert desk.clipboard.reads == 1  # Enter did not read it again
    desk.scheduler.run_all()
    assert desk.clipboard.formats == desk.saved


def test_prepare_then_a_new_copy_saves_the_new_one(desk: Desk) -> None:
    desk.service.prepare()
    desk.clipboard.formats = {"text/plain": "palette 打开后才复制的".encode()}
    desk.service.paste_text(REPLY, CHAT)
    desk.scheduler.run_all()
    assert desk.clipboard.text() == "palette 打开后才复制的"


def test_prepare_failing_is_harmless(desk: Desk) -> None:
    desk.clipboard.fail_snapshot = True
    desk.service.prepare()
    desk.clipboard.fail_snapshot = False
    assert desk.service.paste_text(REPLY, CHAT).ok
    desk.scheduler.run_all()
    assert desk.clipboard.formats == desk.saved


@pytest.mark.parametrize(
    ("app", "key"),
    [
        ("XTerm", "shift+insert"),  # pastes PRIMARY: the paste sets it too
        ("URxvt", "shift+insert"),
        ("konsole", "ctrl+shift+v"),
        ("Gnome-terminal", "ctrl+shift+v"),
        ("Xfce4-terminal", "ctrl+shift+v"),
        ("Alacritty", "ctrl+shift+v"),
        ("kitty", "ctrl+shift+v"),
        ("org.wezfurlong.wezterm", "ctrl+shift+v"),
        ("WindowsTerminal.exe", "ctrl+shift+v"),
        ("conhost.exe", "shift+insert"),
        ("mintty.exe", "shift+insert"),
        ("WeChat.exe", "ctrl+v"),  # not a terminal: the default key
    ],
)
def test_every_common_terminal_has_its_key_by_default(desk: Desk, app: str, key: str) -> None:
    assert desk.service.method_for(app) == key
