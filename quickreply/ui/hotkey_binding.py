"""Grabbing the app's global hotkeys: the palette's, each reply's own, the windows'.

A hotkey another program holds, or a session without global hotkeys, must
not stop the others: each failure is reported on its own (which key, for
what) and the rest are still grabbed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QCoreApplication

from quickreply.core.ports import DesktopError, HotkeyBackend, HotkeyTaken

# (hotkey, what it does, what it is for: "palette", a reply uid, a window name)
Wanted = tuple[str, Callable[[], None], str]
Report = Callable[..., None]  # QuickReplyApp._report(kind, message, **fields)


def grab_hotkeys(backend: HotkeyBackend, wanted: Iterable[Wanted], report: Report) -> list[str]:
    """Release every hotkey, grab `wanted`; the ones grabbed, each failure reported."""
    backend.unregister_all()
    grabbed: list[str] = []
    for hotkey, callback, what in wanted:
        fields: dict[str, Any] = {"hotkey": hotkey, "target": what}
        try:
            backend.register(hotkey, callback)
        except HotkeyTaken as exc:
            report(
                "hotkey_taken",
                # The controller's translation context, where these strings were written.
                QCoreApplication.translate(
                    "QuickReplyApp", "快捷键 %1 已被其他程序占用，请在设置中换一个"
                ).replace("%1", hotkey),
                detail=str(exc),
                **fields,
            )
        except DesktopError as exc:  # no global hotkeys in this session at all
            report(
                "hotkey_unavailable",
                QCoreApplication.translate("QuickReplyApp", "无法注册全局快捷键 %1：%2")
                .replace("%1", hotkey)
                .replace("%2", str(exc)),
                detail=str(exc),
                **fields,
            )
        else:
            grabbed.append(hotkey)
    return grabbed
