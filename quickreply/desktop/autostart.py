"""Start at login: the OS side of `quickreply.core.autostart`.

Linux writes an XDG autostart file ($XDG_CONFIG_HOME/autostart, usually
~/.config/autostart); Windows the HKCU Run value "QuickReply" (no admin
rights needed, the same value the installer writes).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from quickreply.core import autostart as plan_mod
from quickreply.core.ports import DesktopError
from quickreply.core.storage import StorageError, atomic_write_text

log = logging.getLogger(__name__)


class Autostart(Protocol):
    def read(self) -> str | None:
        """The registered command as the OS holds it; None when nothing starts at login."""

    def command_text(self, command: Sequence[str]) -> str:
        """`command` as this OS would hold it (to compare with `read()`)."""

    def write(self, command: Sequence[str]) -> None: ...

    def remove(self) -> None: ...


class XdgAutostart:
    def __init__(self, config_home: Path | None = None) -> None:
        if config_home is None:
            env = os.environ.get("XDG_CONFIG_HOME", "")
            config_home = Path(env) if env else Path.home() / ".config"
        self.path = config_home / "autostart" / plan_mod.DESKTOP_FILE

    def read(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise DesktopError(f"cannot read {self.path}: {exc}") from exc
        return plan_mod.desktop_entry_command(text)

    def command_text(self, command: Sequence[str]) -> str:
        return plan_mod.exec_line(command)

    def write(self, command: Sequence[str]) -> None:
        try:
            atomic_write_text(self.path, plan_mod.desktop_entry(command))
        except (OSError, StorageError) as exc:  # StorageError names the path and the fix
            raise DesktopError(f"cannot write {self.path}: {exc}") from exc

    def remove(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            raise DesktopError(f"cannot remove {self.path}: {exc}") from exc


def _winreg() -> Any:
    # Any: typeshed declares winreg for win32 only, and mypy checks this on Linux.
    import importlib

    return importlib.import_module("winreg")


class WindowsAutostart:
    """The HKCU Run value; `key` can be changed for tests."""

    def __init__(self, key: str = plan_mod.RUN_KEY, name: str = plan_mod.APP_ID) -> None:
        self.key = key
        self.name = name

    def read(self) -> str | None:
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.key) as key:
                value, _kind = winreg.QueryValueEx(key, self.name)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise DesktopError(f"cannot read HKCU\\{self.key}: {exc}") from exc
        return str(value)

    def command_text(self, command: Sequence[str]) -> str:
        return plan_mod.windows_command_line(command)

    def write(self, command: Sequence[str]) -> None:
        winreg = _winreg()

        try:
            with winreg.CreateKeyEx(
                winreg.HKEY_CURRENT_USER, self.key, 0, winreg.KEY_SET_VALUE
            ) as key:
                winreg.SetValueEx(key, self.name, 0, winreg.REG_SZ, self.command_text(command))
        except OSError as exc:
            raise DesktopError(f"cannot write HKCU\\{self.key}: {exc}") from exc

    def remove(self) -> None:
        winreg = _winreg()

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, self.key, 0, winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, self.name)
        except FileNotFoundError:
            return
        except OSError as exc:
            raise DesktopError(f"cannot change HKCU\\{self.key}: {exc}") from exc


def create_autostart(platform: str | None = None) -> Autostart:
    return WindowsAutostart() if (platform or sys.platform) == "win32" else XdgAutostart()


def apply(
    wanted: bool | None, backend: Autostart | None = None, command: Sequence[str] | None = None
) -> bool:
    """Make the OS match the setting (see core.autostart.plan); returns the effective value.

    Raises DesktopError when the entry cannot be read or written.
    """
    backend = backend or create_autostart()
    command = list(command or plan_mod.launch_command())
    present = backend.read()
    action = plan_mod.plan(wanted, present, backend.command_text(command))
    if action == "write":
        backend.write(command)
        present = backend.command_text(command)
    elif action == "remove":
        backend.remove()
        present = None
    if action != "keep":
        log.info("start at login: %s", action)
    return plan_mod.effective(wanted, present)
