"""The paste path after Enter: focus back, clipboard in, keystroke, clipboard back.

Every step can fail. The rule: the reply is never lost. When a step fails
after the reply reached the clipboard, it stays there (no restore) and the
result tells the UI to ask for a paste by hand. When all steps worked, the
agent's earlier clipboard comes back after a short delay: the target reads
the clipboard asynchronously, so restoring at once would paste the old one.

Pure Python apart from the default scheduler (a QTimer), so the logic is
unit-tested with fakes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from quickreply.core.ports import (
    PASTE_METHODS,
    Clipboard,
    ClipboardSnapshot,
    DesktopError,
    ForegroundWindow,
    Paster,
    TargetElevated,
    WindowHandle,
)

log = logging.getLogger(__name__)

DEFAULT_METHOD = "ctrl+v"
DEFAULT_RESTORE_DELAY_MS = 300

# Terminals do not paste on Ctrl+V; these are the common ones' own keys.
# Settings merge the agent's own mapping over this.
DEFAULT_APP_METHODS: dict[str, str] = {
    "gnome-terminal": "ctrl+shift+v",
    "gnome-terminal-server": "ctrl+shift+v",
    "konsole": "ctrl+shift+v",
    "xfce4-terminal": "ctrl+shift+v",
    "tilix": "ctrl+shift+v",
    "terminator": "ctrl+shift+v",
    "kitty": "ctrl+shift+v",
    "alacritty": "ctrl+shift+v",
    "mintty": "shift+insert",
    "putty": "shift+insert",
}

# message key -> text per language; the UI may translate the key its own way.
MESSAGES: dict[str, dict[str, str]] = {
    "paste.done": {"zh": "已粘贴", "en": "Pasted"},
    "paste.copied": {
        "zh": "已复制到剪贴板，按 Ctrl+V 粘贴",
        "en": "Copied to the clipboard; press Ctrl+V to paste",
    },
    "paste.empty": {"zh": "回复是空的，没有粘贴", "en": "The reply is empty; nothing was pasted"},
    "paste.no_target": {
        "zh": "不知道要粘贴到哪个窗口。回复已复制，请手动粘贴（Ctrl+V）",
        "en": "No window to paste into. The reply is on the clipboard; paste it by hand (Ctrl+V)",
    },
    "paste.window_gone": {
        "zh": "原来的聊天窗口已关闭或无法切换过去。回复已复制，请手动粘贴（Ctrl+V）",
        "en": "The chat window was closed or could not be focused. "
        "The reply is on the clipboard; paste it by hand (Ctrl+V)",
    },
    "paste.modifiers_held": {
        "zh": "快捷键一直被按住，没有自动粘贴。回复已复制，请松开按键后手动粘贴（Ctrl+V）",
        "en": "Keys were still held down, so nothing was pasted automatically. "
        "The reply is on the clipboard; release the keys and paste by hand (Ctrl+V)",
    },
    "paste.keystroke_failed": {
        "zh": "无法发送粘贴按键。回复已复制，请手动粘贴（Ctrl+V）",
        "en": "The paste keystroke could not be sent. "
        "The reply is on the clipboard; paste it by hand (Ctrl+V)",
    },
    "paste.elevated": {
        "zh": "聊天窗口以管理员身份运行，Windows 不允许向它发送按键。"
        "回复已复制，请手动粘贴（Ctrl+V）；或者以管理员身份运行快捷回复",
        "en": "The chat window runs as administrator, so Windows does not let QuickReply "
        "send it keys. The reply is on the clipboard; paste it by hand (Ctrl+V), "
        "or run QuickReply as administrator too",
    },
    "paste.clipboard_failed": {
        "zh": "无法写入剪贴板，回复没有复制。请从面板里手动复制",
        "en": "The clipboard could not be written, so the reply was not copied. "
        "Copy it from the palette by hand",
    },
}

Scheduler = Callable[[int, Callable[[], None]], None]


def qt_scheduler(delay_ms: int, callback: Callable[[], None]) -> None:
    """Run `callback` on the Qt event loop after `delay_ms` (never blocks)."""
    from PySide6.QtCore import QTimer

    QTimer.singleShot(delay_ms, callback)


@dataclass(frozen=True)
class PasteResult:
    ok: bool
    message_key: str
    step: str = ""  # the step that failed: activate, clipboard, modifiers, keystroke
    detail: str = ""  # technical detail for the log, English
    method: str = ""
    app: str = ""
    on_clipboard: bool = False  # the reply was left on the clipboard for a paste by hand
    # False when the agent's earlier clipboard could not be read, so it will not come back
    clipboard_saved: bool = True

    def message(self, lang: str = "zh") -> str:
        texts = MESSAGES[self.message_key]
        return texts.get(lang, texts["en"])


@dataclass
class _PendingRestore:
    snapshot: ClipboardSnapshot
    text: str
    generation: int


def normalise_app(name: str) -> str:
    name = name.strip().lower()
    return name.removesuffix(".exe")


class PasteService:
    def __init__(
        self,
        clipboard: Clipboard,
        paster: Paster,
        foreground: ForegroundWindow,
        *,
        app_methods: Mapping[str, str] | None = None,
        default_method: str = DEFAULT_METHOD,
        restore_delay_ms: int = DEFAULT_RESTORE_DELAY_MS,
        modifier_timeout: float = 2.0,
        scheduler: Scheduler = qt_scheduler,
    ) -> None:
        self.clipboard = clipboard
        self.paster = paster
        self.foreground = foreground
        _check_method(default_method)
        self.default_method = default_method
        self.restore_delay_ms = restore_delay_ms
        self.modifier_timeout = modifier_timeout
        self._scheduler = scheduler
        self._app_methods: dict[str, str] = {}
        self.set_app_methods(app_methods or {})
        self._pending: _PendingRestore | None = None
        self._generation = 0

    # -- configuration --------------------------------------------------------

    def set_app_methods(self, mapping: Mapping[str, str], *, keep_defaults: bool = True) -> None:
        """Per-app paste keys (app name -> one of PASTE_METHODS); raises DesktopError.

        The agent's mapping goes over DEFAULT_APP_METHODS unless keep_defaults is False.
        App names are matched case-insensitively, without ".exe".
        """
        merged = {**DEFAULT_APP_METHODS, **mapping} if keep_defaults else dict(mapping)
        checked: dict[str, str] = {}
        for app, method in merged.items():
            _check_method(method, f" (for the app {app!r})")
            checked[normalise_app(app)] = method
        self._app_methods = checked

    def method_for(self, app: str) -> str:
        return self._app_methods.get(normalise_app(app), self.default_method)

    # -- the paste path -------------------------------------------------------

    def paste_text(
        self, text: str, target_window: WindowHandle | None, method: str | None = None
    ) -> PasteResult:
        """Paste `text` into `target_window`; never raises (see the module docstring)."""
        if not text:
            return PasteResult(False, "paste.empty", step="render")
        if target_window is None:
            return self._leave_on_clipboard(text, "paste.no_target", "activate", "no target")
        app = self._app_name(target_window)
        chosen = method or self.method_for(app)
        if chosen not in PASTE_METHODS:
            log.error("paste_text called with an unknown paste key %r", chosen)
            return self._leave_on_clipboard(
                text, "paste.keystroke_failed", "keystroke", f"unknown paste key {chosen!r}"
            )
        # Backends talk to the OS; whatever they raise (a lost X connection is not
        # a DesktopError), the reply must end up on the clipboard, not in a traceback.
        try:
            focused = self.foreground.activate(target_window)
        except Exception as exc:
            log.warning("activating the target failed", exc_info=True)
            focused, problem = False, f": {exc}"
        else:
            problem = ""
        if not focused:
            return self._leave_on_clipboard(
                text,
                "paste.window_gone",
                "activate",
                f"window {target_window:#x} ({app or 'unknown app'}) did not take the focus"
                + problem,
                chosen,
                app,
            )
        snapshot = self._take_snapshot()
        try:
            self.clipboard.set_text(text)
        except Exception as exc:
            self._cancel_pending()
            return PasteResult(False, "paste.clipboard_failed", "clipboard", str(exc), chosen, app)
        try:
            released = self.paster.wait_modifiers_released(self.modifier_timeout)
        except Exception as exc:
            return self._failed_after_set(
                "paste.keystroke_failed", "modifiers", str(exc), chosen, app
            )
        if not released:
            return self._failed_after_set(
                "paste.modifiers_held",
                "modifiers",
                f"modifier keys still down after {self.modifier_timeout:g} s",
                chosen,
                app,
            )
        try:
            self.paster.paste(chosen)
        except Exception as exc:
            key = "paste.elevated" if isinstance(exc, TargetElevated) else "paste.keystroke_failed"
            return self._failed_after_set(key, "keystroke", str(exc), chosen, app)
        if snapshot is None:
            return PasteResult(True, "paste.done", method=chosen, app=app, clipboard_saved=False)
        self._schedule_restore(snapshot, text)
        return PasteResult(True, "paste.done", method=chosen, app=app)

    def prepare(self) -> None:
        """Call as the palette opens: reads the agent's clipboard ahead of Enter.

        Optional. It moves the cost of saving a big clipboard (a screenshot) from
        the moment of pasting to the time the agent spends typing the query.
        Best run right after the palette is shown (QTimer.singleShot(0, ...)).
        """
        prefetch = getattr(self.clipboard, "prefetch", None)
        if prefetch is None or self._pending is not None:
            return  # with a restore pending, the saved clipboard is already known
        try:
            prefetch()
        except Exception as exc:  # the paste will simply read it then
            log.info("could not read the clipboard ahead: %s", exc)

    def copy_only(self, text: str) -> PasteResult:
        """Put `text` on the clipboard and leave it there (the "copy" action)."""
        self._cancel_pending()
        try:
            self.clipboard.set_text(text)
        except Exception as exc:
            return PasteResult(False, "paste.clipboard_failed", "clipboard", str(exc))
        return PasteResult(True, "paste.copied", on_clipboard=True)

    def restore_now(self) -> None:
        """Run a pending restore immediately (e.g. when the app quits)."""
        if self._pending is not None:
            self._restore(self._pending.generation)

    @property
    def restore_pending(self) -> bool:
        return self._pending is not None

    # -- internals ------------------------------------------------------------

    def _app_name(self, handle: WindowHandle) -> str:
        try:
            return self.foreground.app_name(handle)
        except Exception:  # only picks the paste key: the default key will do
            log.warning("could not tell which program owns window %#x", handle, exc_info=True)
            return ""

    def _take_snapshot(self) -> ClipboardSnapshot | None:
        # A paste right after another: the clipboard still holds the previous
        # reply, so keep the agent's own clipboard from the first paste instead.
        if self._pending is not None:
            snapshot = self._pending.snapshot
            self._pending = None
            return snapshot
        try:
            return self.clipboard.snapshot()
        except Exception as exc:
            log.warning("could not save the clipboard, it will not be restored: %s", exc)
            return None

    def _cancel_pending(self) -> None:
        self._pending = None

    def _schedule_restore(self, snapshot: ClipboardSnapshot, text: str) -> None:
        self._generation += 1
        generation = self._generation
        self._pending = _PendingRestore(snapshot, text, generation)
        self._scheduler(self.restore_delay_ms, lambda: self._restore(generation))

    def _restore(self, generation: int) -> None:
        pending = self._pending
        if pending is None or pending.generation != generation:
            return  # superseded by a later paste or copy
        self._pending = None
        try:
            if _lf(self.clipboard.text()) != _lf(pending.text):
                return  # the agent copied something new meanwhile: keep theirs
            self.clipboard.restore(pending.snapshot)
        except Exception as exc:  # runs from a timer: nobody above to catch it
            log.warning("could not restore the clipboard: %s", exc)

    def _leave_on_clipboard(
        self, text: str, key: str, step: str, detail: str, method: str = "", app: str = ""
    ) -> PasteResult:
        self._cancel_pending()
        try:
            self.clipboard.set_text(text)
        except Exception as exc:
            return PasteResult(
                False, "paste.clipboard_failed", "clipboard", f"{detail}; {exc}", method, app
            )
        return PasteResult(False, key, step, detail, method, app, on_clipboard=True)

    def _failed_after_set(
        self, key: str, step: str, detail: str, method: str, app: str
    ) -> PasteResult:
        # The reply is on the clipboard now; restoring would take it away.
        self._cancel_pending()
        log.warning("paste failed at %s: %s", step, detail)
        return PasteResult(False, key, step, detail, method, app, on_clipboard=True)


def _lf(text: str) -> str:
    # Windows may hand clipboard text back with CRLF line ends.
    return text.replace("\r\n", "\n")


def _check_method(method: str, where: str = "") -> None:
    if method not in PASTE_METHODS:
        raise DesktopError(
            f"unknown paste key {method!r}{where}; use one of {', '.join(PASTE_METHODS)}"
        )
