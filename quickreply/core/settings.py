"""The agent's settings, declared as data (qutebrowser's habit).

Every option is one `Option` entry with a kind, a default and a description;
validation, the JSON file and the settings dialog are all generated from
`OPTIONS`. The file lives in the data directory and is written atomically. A
broken file never stops the app and is never lost: it is copied to
`backups/`, each problem is reported with the file, the line and what to fix,
and the defaults stand in for what could not be read.

Descriptions are marked with `QT_TRANSLATE_NOOP` so `pyside6-lupdate` collects
them; the dialog translates them at run time (the core itself imports no Qt).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from quickreply.core import storage
from quickreply.core.model import PLATFORMS

Kind = Literal["str", "int", "bool", "choice", "hotkey", "mapping"]

SETTINGS_FILE = "settings.json"
PASTE_METHODS: tuple[str, ...] = ("ctrl+v", "shift+insert", "ctrl+shift+v")
LANGUAGES: tuple[str, ...] = ("auto", "zh_CN", "en")

_MODIFIERS = {"ctrl", "alt", "shift", "super", "meta", "win", "cmd"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for translation in `context` (named so lupdate finds it); shown translated."""
    del context
    return text


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    kind: Kind
    default: Any
    description: str
    choices: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def check(self, value: Any) -> str | None:
        """What is wrong with `value` for this option (for the agent), or None."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else "write true or false"
        if self.kind == "int":
            if isinstance(value, bool) or not isinstance(value, int):
                return "write a whole number"
            if self.minimum is not None and value < self.minimum:
                return f"must be at least {self.minimum}"
            if self.maximum is not None and value > self.maximum:
                return f"must be at most {self.maximum}"
            return None
        if self.kind == "mapping":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                return 'write an object of names to text, e.g. {"wechat": "ctrl+v"}'
            bad = [v for v in value.values() if self.choices and v not in self.choices]
            if bad:
                return f"{bad[0]!r} is not one of: {', '.join(self.choices)}"
            return None
        if not isinstance(value, str):
            return "write a text in double quotes"
        if self.kind == "choice" and value not in self.choices:
            return f"{value!r} is not one of: {', '.join(self.choices)}"
        if self.kind == "hotkey":
            return hotkey_problem(value)
        return None


def hotkey_problem(hotkey: str) -> str | None:
    """Why `hotkey` (e.g. `ctrl+alt+space`) is not a usable global hotkey, or None."""
    parts = [p.strip().lower() for p in hotkey.split("+")]
    if not hotkey.strip() or any(not p for p in parts):
        return "write keys joined by +, e.g. ctrl+alt+space"
    mods, key = parts[:-1], parts[-1]
    if key in _MODIFIERS:
        return "end with a key that is not a modifier, e.g. ctrl+alt+space"
    unknown = [m for m in mods if m not in _MODIFIERS]
    if unknown:
        return f"{unknown[0]!r} is not a modifier (ctrl, alt, shift, super)"
    if not mods:
        return "add at least one modifier (ctrl, alt, shift, super) so typing is not taken"
    return None


OPTIONS: tuple[Option, ...] = (
    Option(
        "hotkey",
        "hotkey",
        "ctrl+alt+space",
        QT_TRANSLATE_NOOP("Settings", "打开搜索面板的全局快捷键"),
    ),
    Option(
        "language",
        "choice",
        "auto",
        QT_TRANSLATE_NOOP("Settings", "界面语言（auto 跟随系统）"),
        choices=LANGUAGES,
    ),
    Option(
        "platform",
        "choice",
        "generic",
        QT_TRANSLATE_NOOP("Settings", "红线检查按哪个平台的规则"),
        choices=PLATFORMS,
    ),
    Option("agent", "str", "", QT_TRANSLATE_NOOP("Settings", "客服名字，填入 {客服}")),
    Option("shop", "str", "", QT_TRANSLATE_NOOP("Settings", "店铺名称，填入 {店铺}")),
    Option(
        "paste_method",
        "choice",
        "ctrl+v",
        QT_TRANSLATE_NOOP("Settings", "默认的粘贴按键"),
        choices=PASTE_METHODS,
    ),
    Option(
        "paste_methods",
        "mapping",
        {},
        QT_TRANSLATE_NOOP("Settings", '按程序指定粘贴按键，如 {"xterm": "shift+insert"}'),
        choices=PASTE_METHODS,
    ),
    Option(
        "restore_delay_ms",
        "int",
        400,
        QT_TRANSLATE_NOOP("Settings", "粘贴后多久恢复原剪贴板（毫秒）"),
        minimum=50,
        maximum=10000,
    ),
    Option(
        "lint_gate",
        "bool",
        True,
        QT_TRANSLATE_NOOP("Settings", "发现红线错误时先确认再粘贴"),
    ),
    # Written to the OS by quickreply.desktop.autostart (see quickreply.core.autostart).
    Option(
        "start_at_login",
        "bool",
        False,
        QT_TRANSLATE_NOOP("Settings", "登录系统后自动启动快捷回复"),
    ),
)

_BY_NAME: dict[str, Option] = {o.name: o for o in OPTIONS}


def option(name: str) -> Option:
    return _BY_NAME[name]


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Settings(Mapping[str, Any]):
    """The value of every option; unknown names are kept so a newer file loses nothing."""

    data: Mapping[str, Any] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Any:
        if name in self.data:
            return self.data[name]
        return _BY_NAME[name].default

    def __iter__(self) -> Iterator[str]:
        yield from _BY_NAME
        yield from (k for k in self.data if k not in _BY_NAME)

    def __len__(self) -> int:
        return len(_BY_NAME) + sum(1 for k in self.data if k not in _BY_NAME)

    def replace(self, **changes: Any) -> Settings:
        """A copy with `changes`; a bad value raises ValueError saying what to fix."""
        for name, value in changes.items():
            if name not in _BY_NAME:
                raise ValueError(f"no setting named {name!r}")
            problem = _BY_NAME[name].check(value)
            if problem:
                raise ValueError(f"{name}: {problem}")
        return Settings({**self.data, **changes})

    def paste_method_for(self, app_name: str) -> str:
        per_app: Mapping[str, str] = self["paste_methods"]
        wanted = app_name.casefold()
        for name, method in per_app.items():
            if name.casefold() == wanted:
                return method
        return str(self["paste_method"])

    def to_json(self) -> str:
        data = {name: self[name] for name in self}
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def settings_path(home: Path | None = None) -> Path:
    return (home or storage.data_dir()) / SETTINGS_FILE


def load(path: Path | None = None) -> tuple[Settings, list[SettingsProblem]]:
    """The settings and what was wrong with the file; never raises for a bad file."""
    path = path or settings_path()
    if not path.exists():
        return Settings(), []
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Settings(), [_keep_broken(path, 1, f"cannot read the file ({exc})")]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return Settings(), [
            _keep_broken(
                path, exc.lineno, f"not valid JSON: {exc.msg} at column {exc.colno}; fix or delete"
            )
        ]
    if not isinstance(data, dict):
        return Settings(), [
            _keep_broken(
                path, 1, 'the file must hold one JSON object, e.g. {"hotkey": "ctrl+alt+space"}'
            )
        ]
    values: dict[str, Any] = {}
    problems: list[SettingsProblem] = []
    for name, value in data.items():
        opt = _BY_NAME.get(name)
        if opt is None:
            values[name] = value  # a newer version's option: keep it
            continue
        problem = opt.check(value)
        if problem:
            problems.append(
                SettingsProblem(
                    str(path),
                    _line_of(raw, name),
                    f'"{name}": {problem}; using the default {json.dumps(opt.default)}',
                )
            )
        else:
            values[name] = value
    if problems:
        backup = _backup_copy(path)
        problems.append(SettingsProblem(str(path), 1, f"the file as it was is kept in {backup}"))
    return Settings(values), problems


def save(settings: Settings, path: Path | None = None) -> None:
    path = path or settings_path()
    with storage.locked(path):
        storage.atomic_write_text(path, settings.to_json())


def _line_of(raw: str, name: str) -> int:
    match = re.search(r'"' + re.escape(name) + r'"\s*:', raw)
    return raw.count("\n", 0, match.start()) + 1 if match else 1


def _backup_copy(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = storage.backups_dir() / f"{path.stem}.broken-{stamp}{path.suffix}"
    storage.atomic_write_bytes(target, path.read_bytes())
    return target


def _keep_broken(path: Path, line: int, message: str) -> SettingsProblem:
    try:
        backup = _backup_copy(path)
    except OSError as exc:
        return SettingsProblem(str(path), line, f"{message} (could not back it up: {exc})")
    return SettingsProblem(
        str(path), line, f"{message}; defaults are used, the file is kept in {backup}"
    )
