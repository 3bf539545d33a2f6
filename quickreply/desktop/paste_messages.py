"""What the paste path tells the agent: message key -> text per language.

The UI may translate a key its own way. Every failure says what to do by hand.
"""

from __future__ import annotations

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
    "paste.unconfirmed": {
        "zh": "聊天窗口没有取走回复，可能没有粘贴上。回复还在剪贴板上，请手动粘贴（Ctrl+V），"
        "粘贴后会恢复您原来的剪贴板",
        "en": "The chat window did not take the reply, so it may not have been pasted. "
        "The reply is still on the clipboard: paste it by hand (Ctrl+V); "
        "your own clipboard comes back after that",
    },
    "paste.replaced": {
        "zh": "粘贴时剪贴板被其他程序改写了，无法确认回复已粘贴。"
        "如果没有粘贴上，请重新选择回复后手动粘贴",
        "en": "Another program changed the clipboard during the paste, so it is not known "
        "whether the reply arrived. If it did not, choose the reply again and paste by hand",
    },
}
