"""PasteService with a ReplyOffer (fakes): the clipboard comes back once the chat window took it.

The same logic runs against real programs in test_paste_programs.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quickreply.desktop.fakes import (
    TEXT_FORMAT,
    FakeClipboard,
    FakeForeground,
    FakePaster,
    FakeReplyOffer,
)
from quickreply.desktop.paste import PasteOutcome, PasteService

REPLY = "亲，您好😊\n第二行"
CHAT, DIALOG, TERM, OTHER_PROGRAM = 0x400001, 0x400050, 0x600001, 0x900001
IMAGE = b"\x89PNG fake image bytes"
SELECTED = {TEXT_FORMAT: "选中的文字".encode()}


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Timers:
    """QTimer stand-in on the fake clock: `advance(ms)` runs what falls due, in order."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.due: list[tuple[float, int, Callable[[], None]]] = []
        self.count = 0

    def __call__(self, delay_ms: int, callback: Callable[[], None]) -> None:
        self.count += 1
        self.due.append((self.clock.now + delay_ms / 1000, self.count, callback))

    def advance(self, ms: float) -> None:
        end = self.clock.now + ms / 1000
        while True:
            ready = sorted(d for d in self.due if d[0] <= end)
            if not ready:
                break
            when, _count, callback = ready[0]
            self.due.remove(ready[0])
            self.clock.now = max(self.clock.now, when)
            callback()
        self.clock.now = end


class Desk:
    def __init__(self, **kw: object) -> None:
        self.log: list[str] = []
        self.clock = Clock()
        self.timers = Timers(self.clock)
        self.clipboard = FakeClipboard(self.log)
        self.clipboard.formats = {TEXT_FORMAT: "客户的订单号 123".encode(), "image/png": IMAGE}
        self.saved = dict(self.clipboard.formats)
        self.primary = FakeClipboard()
        self.primary.formats = dict(SELECTED)
        self.offer = FakeReplyOffer(
            {"CLIPBOARD": self.clipboard, "PRIMARY": self.primary}, self.clock, self.log
        )
        self.offer.clients = {CHAT: 4, DIALOG: 4, TERM: 6}
        self.paster = FakePaster(self.log)
        self.foreground = FakeForeground(self.log)
        self.foreground.add_window(CHAT, "AliWorkBench.exe")
        self.foreground.add_window(TERM, "xterm")
        self.outcomes: list[PasteOutcome] = []
        self.service = PasteService(
            self.clipboard,
            self.paster,
            self.foreground,
            offer=self.offer,
            primary=self.primary,
            restore_delay_ms=200,
            confirm_timeout_ms=3000,
            scheduler=self.timers,
            clock=self.clock,
            on_outcome=self.outcomes.append,
            **kw,  # type: ignore[arg-type]
        )
        self.got: list[str] = []

    def chat_pastes_on_keystroke(self, client: int = 4, selection: str = "CLIPBOARD") -> None:
        self.paster.on_paste = lambda method: self.got.append(self.offer.request(client, selection))


@pytest.fixture
def desk() -> Desk:
    return Desk()


def test_restored_right_after_the_chat_window_took_the_reply(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"  # not a Wine program: its client must ask
    desk.chat_pastes_on_keystroke()
    result = desk.service.paste_text(REPLY, CHAT, tag="r1")
    assert result.ok and desk.got == [REPLY]
    assert [(o.tag, o.taken, o.confirmed) for o in desk.outcomes] == [("r1", True, True)]
    assert desk.clipboard.text() == REPLY  # the target may still be reading
    desk.timers.advance(199)
    assert desk.clipboard.text() == REPLY
    desk.timers.advance(2)
    assert desk.clipboard.formats == desk.saved
    assert desk.primary.formats == SELECTED  # Ctrl+V never touched PRIMARY
    assert desk.log[-2:] == ["release:", "restore"]
    desk.timers.advance(5000)
    assert len(desk.outcomes) == 1  # no "unconfirmed" after the fact


def test_nobody_takes_it_unconfirmed_then_the_hand_paste_brings_the_clipboard_back(
    desk: Desk,
) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    result = desk.service.paste_text(REPLY, CHAT, tag="r1")
    assert result.ok and desk.outcomes == []
    desk.timers.advance(2999)
    assert desk.outcomes == []
    desk.timers.advance(2)
    (outcome,) = desk.outcomes
    assert (outcome.taken, outcome.message_key) == (False, "paste.unconfirmed")
    assert "手动" in outcome.message("zh")
    assert desk.service.awaiting_paste_by_hand
    desk.timers.advance(600_000)  # neither is lost, however long it takes
    assert desk.clipboard.text() == REPLY and desk.service.restore_pending
    assert desk.offer.request(client=77) == REPLY  # the agent pastes by hand, anywhere
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved
    assert not desk.service.restore_pending


def test_a_clipboard_manager_reading_it_does_not_count(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    # A manager reads every new clipboard at once, before the keystroke ...
    desk.paster.on_paste = None
    desk.offer.log.clear()
    service = desk.service
    original_wait = desk.paster.wait_modifiers_released

    def manager_reads(timeout: float = 1.0) -> bool:
        desk.offer.request(client=99)
        return original_wait(timeout)

    desk.paster.wait_modifiers_released = manager_reads  # type: ignore[method-assign]
    service.paste_text(REPLY, CHAT)
    # ... and another program may read it after the keystroke too: still not the chat window
    desk.clock.now += 0.01
    desk.offer.request(client=99)
    desk.timers.advance(3001)
    assert [o.message_key for o in desk.outcomes] == ["paste.unconfirmed"]
    desk.offer.request(client=4)  # now the agent pastes by hand
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved


def test_wine_programs_are_served_by_another_client_and_still_count(desk: Desk) -> None:
    desk.chat_pastes_on_keystroke(client=12345)  # Wine's clipboard helper, not the window's
    desk.service.paste_text(REPLY, CHAT)  # "AliWorkBench.exe": a Wine window on X11
    assert [o.taken for o in desk.outcomes] == [True]


def test_shift_insert_sets_primary_too_and_puts_it_back(desk: Desk) -> None:
    desk.chat_pastes_on_keystroke(client=6, selection="PRIMARY")  # xterm pastes PRIMARY
    result = desk.service.paste_text(REPLY, TERM)
    assert result.method == "shift+insert"  # xterm's default
    assert desk.got == [REPLY]
    assert "offer:CLIPBOARD,PRIMARY" in desk.log
    desk.timers.advance(201)
    assert desk.primary.formats == SELECTED
    assert desk.clipboard.formats == desk.saved


def test_an_empty_primary_is_left_empty(desk: Desk) -> None:
    desk.primary.formats = {}
    desk.chat_pastes_on_keystroke(client=6, selection="PRIMARY")
    desk.service.paste_text(REPLY, TERM)
    desk.timers.advance(201)
    assert desk.primary.formats == {}
    assert "release:PRIMARY" in desk.log


def test_a_terminal_dialog_holds_the_reply_until_it_is_confirmed(desk: Desk) -> None:
    """xfce4-terminal reads the text, asks "paste several lines?", reads it again on OK."""
    desk.foreground.windows[CHAT] = "xfce4-terminal"
    desk.foreground.add_window(DIALOG, "xfce4-terminal")

    def terminal(method: str) -> None:
        desk.got.append(desk.offer.request(4))
        desk.foreground.active = DIALOG  # the confirmation dialog takes the focus

    desk.paster.on_paste = terminal
    desk.service.paste_text(REPLY, CHAT)
    assert [o.taken for o in desk.outcomes] == [True]
    desk.timers.advance(2000)  # the agent reads the dialog for 2 s
    assert desk.clipboard.text() == REPLY, "restored while the dialog was open"
    desk.foreground.active = CHAT  # OK pressed ...
    desk.got.append(desk.offer.request(4))  # ... and the terminal reads the text again
    assert desk.got == [REPLY, REPLY]
    desk.timers.advance(150)
    assert desk.clipboard.text() == REPLY
    desk.timers.advance(300)
    assert desk.clipboard.formats == desk.saved


def test_a_terminal_putting_the_text_back_itself_still_gets_the_clipboard_restored(
    desk: Desk,
) -> None:
    """xfce4-terminal 1.0: on OK the dialog sets its (editable) text as the clipboard."""
    desk.foreground.windows[CHAT] = "xfce4-terminal"
    desk.foreground.add_window(DIALOG, "xfce4-terminal")

    def terminal(method: str) -> None:
        desk.offer.request(4)
        desk.foreground.active = DIALOG

    desk.paster.on_paste = terminal
    desk.service.paste_text(REPLY, CHAT)
    desk.timers.advance(2000)
    desk.foreground.active = CHAT
    desk.offer.take_over("CLIPBOARD", REPLY.replace("\n", "\r\n"), client=4)
    assert desk.outcomes[-1].message_key == "paste.done"  # not "replaced": it is the target
    desk.timers.advance(450)
    assert desk.clipboard.formats == desk.saved


def test_a_long_dialog_still_gets_its_reply_when_confirmed(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "xfce4-terminal"
    desk.foreground.add_window(DIALOG, "xfce4-terminal")

    def terminal(method: str) -> None:
        desk.offer.request(4)
        desk.foreground.active = DIALOG

    desk.paster.on_paste = terminal
    desk.service.paste_text(REPLY, CHAT)
    desk.timers.advance(30_000)  # the agent reads the dialog for half a minute
    desk.foreground.active = CHAT
    desk.timers.advance(150)  # OK pressed, the dialog is gone ...
    assert desk.offer.request(4) == REPLY  # ... and the terminal asks again: still ours
    desk.timers.advance(500)
    assert desk.clipboard.formats == desk.saved


def test_a_dialog_left_open_past_its_limit_gives_the_clipboard_back(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    desk.foreground.add_window(DIALOG, "qqchat")
    desk.service.dialog_timeout_ms = 10_000

    def terminal(method: str) -> None:
        desk.offer.request(4)
        desk.foreground.active = DIALOG

    desk.paster.on_paste = terminal
    desk.service.paste_text(REPLY, CHAT)
    desk.timers.advance(9000)
    assert desk.clipboard.text() == REPLY
    desk.timers.advance(1500)
    assert desk.clipboard.formats == desk.saved


def test_another_window_taking_the_focus_is_not_a_dialog(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"

    def chat(method: str) -> None:
        desk.offer.request(4)
        desk.foreground.active = TERM  # the agent switched to another program

    desk.paster.on_paste = chat
    desk.service.paste_text(REPLY, CHAT)
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved


def test_the_agent_copying_during_the_paste_keeps_their_new_copy(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    desk.service.paste_text(REPLY, CHAT)
    desk.offer.take_over("CLIPBOARD", "刚复制的新内容")
    assert [o.message_key for o in desk.outcomes] == ["paste.replaced"]
    desk.timers.advance(10_000)
    assert desk.clipboard.text() == "刚复制的新内容"
    assert not desk.service.restore_pending


def test_second_paste_while_unconfirmed_keeps_the_agents_clipboard(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    desk.service.paste_text("第一条", CHAT)
    desk.timers.advance(3001)
    desk.chat_pastes_on_keystroke()
    desk.service.paste_text("第二条", CHAT)
    assert desk.got == ["第二条"]
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved
    assert desk.log.count("restore") == 1


def test_keys_held_leave_the_reply_served_until_pasted_by_hand(desk: Desk) -> None:
    desk.paster.modifiers_held = True
    result = desk.service.paste_text(REPLY, CHAT)
    assert not result.ok and result.on_clipboard
    assert desk.clipboard.text() == REPLY
    desk.clock.now += 1
    desk.offer.request(client=4)
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved


def test_restore_now_at_quit_gives_the_agents_clipboard_back(desk: Desk) -> None:
    desk.service.paste_text(REPLY, CHAT)
    desk.service.restore_now()
    assert desk.clipboard.formats == desk.saved and not desk.service.restore_pending


def test_copy_only_stops_serving_and_keeps_the_copy(desk: Desk) -> None:
    desk.chat_pastes_on_keystroke(client=6, selection="PRIMARY")
    desk.service.paste_text(REPLY, TERM)
    desk.service.copy_only("只复制")
    desk.timers.advance(5000)
    assert desk.clipboard.text() == "只复制"
    assert desk.primary.formats == SELECTED


def test_an_offer_that_fails_falls_back_to_setting_the_text(desk: Desk) -> None:
    desk.offer.fail_offer = True
    desk.paster.on_paste = lambda method: desk.got.append(desk.clipboard.text())
    result = desk.service.paste_text(REPLY, CHAT)
    assert result.ok and desk.got == [REPLY]
    assert [(o.taken, o.confirmed) for o in desk.outcomes] == [(True, False)]
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved


def test_requests_before_the_keystroke_do_not_count(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    original_wait = desk.paster.wait_modifiers_released

    def chat_reads_early(timeout: float = 1.0) -> bool:
        desk.offer.request(4)  # e.g. the chat program updating its paste button
        desk.clock.now += 0.001
        return original_wait(timeout)

    desk.paster.wait_modifiers_released = chat_reads_early  # type: ignore[method-assign]
    desk.service.paste_text(REPLY, CHAT)
    desk.timers.advance(3001)
    assert [o.message_key for o in desk.outcomes] == ["paste.unconfirmed"]


def test_a_program_polling_the_clipboard_does_not_hold_the_restore_off(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    desk.chat_pastes_on_keystroke()
    desk.service.paste_text(REPLY, CHAT)
    for _ in range(20):  # e.g. a clipboard manager reading it every 50 ms
        desk.timers.advance(50)
        desk.offer.request(client=99)
    assert desk.clipboard.formats == desk.saved


def test_the_chat_program_polling_the_clipboard_cannot_keep_it_forever(desk: Desk) -> None:
    desk.foreground.windows[CHAT] = "qqchat"
    desk.chat_pastes_on_keystroke()
    desk.service.paste_text(REPLY, CHAT)
    for _ in range(60):  # it asks again every 100 ms (e.g. to enable its paste button)
        desk.timers.advance(100)
        if desk.service.restore_pending:
            desk.offer.request(client=4)
    assert desk.clipboard.formats == desk.saved
    assert not desk.service.restore_pending


def test_a_request_handled_after_the_ceiling_still_counts_as_a_paste_by_hand(desk: Desk) -> None:
    """The request was made before the ceiling but its report queued behind the timer."""
    desk.foreground.windows[CHAT] = "qqchat"
    desk.service.paste_text(REPLY, CHAT)
    asked_at = desk.clock.now + 2.9
    desk.timers.advance(3001)
    assert [o.message_key for o in desk.outcomes] == ["paste.unconfirmed"]
    from quickreply.core.ports import ReplyRequest

    callback = desk.offer._on_request
    assert callback is not None
    callback(ReplyRequest("CLIPBOARD", "UTF8_STRING", 4, asked_at))
    desk.timers.advance(201)
    assert desk.clipboard.formats == desk.saved
