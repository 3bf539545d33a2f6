"""Start at login, decided here and written by `quickreply.desktop.autostart`.

One setting, `autostart`, on every OS: an XDG autostart entry
(~/.config/autostart/quickreply.desktop) on Linux, the HKCU Run value
"QuickReply" on Windows (the same value the installer's option writes).

The operating system holds the truth: while the agent has never changed the
setting, the app shows what is there (the installer may have set it up);
once the setting is in the file, the app makes the OS match it at start-up
and whenever it changes, and repairs an entry that points elsewhere (the app
moved).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Literal

APP_ID = "QuickReply"
DESKTOP_FILE = "quickreply.desktop"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"

Action = Literal["keep", "write", "remove"]


def launch_command(
    executable: str | None = None, frozen: bool | None = None, platform: str | None = None
) -> list[str]:
    """The command that starts the tray app: the frozen .exe itself, else `python -m quickreply`."""
    executable = executable or sys.executable
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    platform = platform or sys.platform
    if frozen:
        return [executable]
    if platform == "win32" and executable.lower().endswith("python.exe"):
        executable = executable[: -len("python.exe")] + "pythonw.exe"  # no console window
    return [executable, "-m", "quickreply"]


def windows_command_line(command: Sequence[str]) -> str:
    """The Run value: every part in double quotes, as the installer writes it."""
    for part in command:
        if '"' in part:
            raise ValueError(f"a double quote cannot appear in {part!r}")
    return " ".join(f'"{part}"' for part in command)


_EXEC_SPECIAL = set(" \t\n\"'\\><~|&;$*?#()`")


def _exec_quote(arg: str) -> str:
    # Desktop Entry spec: quote an argument with reserved characters; inside the
    # quotes escape " ` $ \ with a backslash. A literal % is written %%.
    arg = arg.replace("%", "%%")
    if arg and not any(c in _EXEC_SPECIAL for c in arg):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def exec_line(command: Sequence[str]) -> str:
    return " ".join(_exec_quote(part) for part in command)


def desktop_entry(command: Sequence[str]) -> str:
    """The XDG autostart file that starts `command` at login."""
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=QuickReply\n"
        "Name[zh_CN]=快捷回复助手\n"
        "Comment=Quick replies for shop customer service\n"
        "Comment[zh_CN]=网店客服快捷回复\n"
        f"Exec={exec_line(command)}\n"
        "Icon=quickreply\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def desktop_entry_command(text: str) -> str | None:
    """The Exec line of an autostart file (None without one, or when it is switched off)."""
    exec_value: str | None = None
    in_entry = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("["):
            in_entry = line == "[Desktop Entry]"
        elif in_entry and "=" in line:
            key, value = (s.strip() for s in line.split("=", 1))
            if key == "Exec":
                exec_value = value
            elif key in ("Hidden", "X-GNOME-Autostart-enabled") and (
                (key == "Hidden") == (value.lower() == "true")
            ):
                return None
    return exec_value


def plan(wanted: bool | None, present: str | None, command: str) -> Action:
    """What to do at start-up, given the setting (None: never set) and the OS's entry.

    `present` and `command` are the entry's command as the OS holds it (Run
    value, Exec line) and as it should be.
    """
    if wanted is None:
        return "keep"  # the agent never chose: leave the installer's choice alone
    if not wanted:
        return "remove" if present is not None else "keep"
    return "keep" if present == command else "write"


def effective(wanted: bool | None, present: str | None) -> bool:
    """The value the settings dialog shows: the agent's choice, else what the OS has."""
    return present is not None if wanted is None else wanted
