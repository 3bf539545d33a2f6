"""X11ReplyOffer against real programs asking for the selection (xclip) on Xvfb.

The offer runs in this process (python-xlib only); `post` hands its reports
over through a queue, as the app hands them to the Qt thread.
"""

from __future__ import annotations

import queue
import subprocess
from collections.abc import Callable, Iterator

import pytest

from quickreply.core.ports import ReplyRequest
from quickreply.desktop.x11_offer import X11ReplyOffer
from tests.desktop.xserver import XDisplay

REPLY = "亲，您好😊\n第二行"


class Reports:
    def __init__(self) -> None:
        self.calls: queue.Queue[Callable[[], None]] = queue.Queue()
        self.requests: list[ReplyRequest] = []
        self.lost: list[tuple[str, int | None]] = []

    def post(self, callback: Callable[[], None]) -> None:
        self.calls.put(callback)

    def next(self, timeout: float = 5.0) -> None:
        self.calls.get(timeout=timeout)()

    def none_pending(self) -> bool:
        return self.calls.empty()


@pytest.fixture
def offered(xvfb: XDisplay) -> Iterator[tuple[X11ReplyOffer, Reports]]:
    reports = Reports()
    offer = X11ReplyOffer(reports.post, xvfb.name)
    try:
        yield offer, reports
    finally:
        offer.close()


def xclip_out(display: XDisplay, target: str, selection: str = "clipboard") -> bytes | None:
    result = display.run(["xclip", "-selection", selection, "-o", "-t", target])
    return result.stdout if result.returncode == 0 else None


def test_serves_the_reply_and_reports_who_asked(
    offered: tuple[X11ReplyOffer, Reports], xvfb: XDisplay
) -> None:
    offer, reports = offered
    offer.offer(REPLY, ["CLIPBOARD", "PRIMARY"], reports.requests.append, lambda s, c: None)
    targets = (xclip_out(xvfb, "TARGETS") or b"").decode().split()
    assert {"UTF8_STRING", "text/plain;charset=utf-8", "TARGETS"} <= set(targets)
    assert reports.none_pending()  # asking for the list of formats is not taking the text
    assert xclip_out(xvfb, "UTF8_STRING") == REPLY.encode()
    assert xclip_out(xvfb, "UTF8_STRING", "primary") == REPLY.encode()
    reports.next()
    reports.next()
    first, second = reports.requests
    assert (first.selection, first.target) == ("CLIPBOARD", "UTF8_STRING")
    assert second.selection == "PRIMARY"
    # which program asked (X reuses a closed connection's id: both xclips may share one)
    assert first.client is not None and second.client is not None
    # Latin-1 STRING cannot carry Chinese: refused rather than garbled
    assert xclip_out(xvfb, "STRING") is None
    offer.release(["CLIPBOARD", "PRIMARY"])
    assert xclip_out(xvfb, "UTF8_STRING") is None  # left empty, as asked


def test_ascii_reply_as_string_and_the_client_of_a_window(
    offered: tuple[X11ReplyOffer, Reports], xvfb: XDisplay
) -> None:
    offer, reports = offered
    offer.offer("ok 123", ["CLIPBOARD"], reports.requests.append, lambda s, c: None)
    assert xclip_out(xvfb, "STRING") == b"ok 123"
    reports.next()
    client = reports.requests[0].client
    assert client is not None
    assert offer.client_of(client | 0x1234) == client  # any window that client made


def test_another_program_copying_is_reported_with_its_client(
    offered: tuple[X11ReplyOffer, Reports], xvfb: XDisplay
) -> None:
    offer, reports = offered
    lost: list[tuple[str, int | None]] = []
    offer.offer(REPLY, ["CLIPBOARD"], reports.requests.append, lambda s, c: lost.append((s, c)))
    subprocess.run(
        ["xclip", "-selection", "clipboard", "-i"],
        input=b"new copy",
        env=xvfb.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=10,
        check=True,
    )
    reports.next()
    assert lost and lost[0][0] == "CLIPBOARD" and lost[0][1] is not None
    assert xclip_out(xvfb, "UTF8_STRING") == b"new copy"


def test_a_reply_too_long_for_one_piece_is_refused_up_front(
    offered: tuple[X11ReplyOffer, Reports],
) -> None:
    from quickreply.core.ports import DesktopError

    offer, reports = offered
    with pytest.raises(DesktopError, match="too long"):
        offer.offer("字" * 200_000, ["CLIPBOARD"], reports.requests.append, lambda s, c: None)
