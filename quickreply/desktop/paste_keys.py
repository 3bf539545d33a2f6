"""Which key pastes into which program: the default table and how app names are compared.

The app name is the window's WM_CLASS on X11 and the program's file name on
Windows, lower case, without ".exe". Settings merge the agent's own mapping
over DEFAULT_APP_METHODS.

Shift+Insert on X11 pastes the PRIMARY selection in xterm and urxvt, so the
paste path sets PRIMARY as well whenever it sends Shift+Insert (and puts the
old PRIMARY back afterwards). Windows has no PRIMARY: there Shift+Insert
pastes the clipboard.
"""

from __future__ import annotations

SHIFT_INSERT = "shift+insert"

# Terminals do not paste on Ctrl+V (it types ^V); these are their own keys.
DEFAULT_APP_METHODS: dict[str, str] = {
    # X11, by WM_CLASS
    "xterm": SHIFT_INSERT,  # Ctrl+Shift+V is not bound; Shift+Insert pastes PRIMARY
    "uxterm": SHIFT_INSERT,
    "urxvt": SHIFT_INSERT,  # also PRIMARY
    "rxvt": SHIFT_INSERT,
    "konsole": "ctrl+shift+v",
    "gnome-terminal": "ctrl+shift+v",
    "gnome-terminal-server": "ctrl+shift+v",
    "xfce4-terminal": "ctrl+shift+v",
    "tilix": "ctrl+shift+v",
    "terminator": "ctrl+shift+v",
    "alacritty": "ctrl+shift+v",
    "kitty": "ctrl+shift+v",
    "wezterm": "ctrl+shift+v",
    "org.wezfurlong.wezterm": "ctrl+shift+v",
    # Windows, by program file
    "windowsterminal": "ctrl+shift+v",
    "openconsole": "ctrl+shift+v",  # Windows Terminal's own console host
    "conhost": SHIFT_INSERT,  # the classic console: Ctrl+V only with "Ctrl key shortcuts" on
    "cmd": SHIFT_INSERT,
    "powershell": SHIFT_INSERT,
    "mintty": SHIFT_INSERT,  # Git Bash, Cygwin, MSYS2
    "putty": SHIFT_INSERT,
}


def normalise_app(name: str) -> str:
    name = name.strip().lower()
    return name.removesuffix(".exe")


def is_wine_app(name: str) -> bool:
    """A Windows program under Wine on X11 (WM_CLASS "wechat.exe").

    Wine answers the clipboard from a helper process, so the X client that asks
    for the reply is not the one that owns the chat window.
    """
    return name.strip().lower().endswith(".exe")
