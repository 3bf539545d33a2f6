"""What the reliability tests share: small packs, a tiny built-in library, the CLI."""

from __future__ import annotations

from pathlib import Path

from quickreply.core.library import Library

DEEP = "[" * 500 + "]" * 500


def pack_text(pack_id: str, replies: dict[str, str], version: str = "1.0.0") -> str:
    out = f'format = 1\n[pack]\nid = "{pack_id}"\nname = "包"\nversion = "{version}"\n'
    for rid, title in replies.items():
        out += f'\n[[reply]]\nid = "{rid}"\ntitle = "{title}"\ntext = "亲，{title}的回复"\n'
    return out


def tiny_builtins(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "base.toml").write_text(pack_text("builtin.base", {"hi": "你好"}), "utf-8")
    return folder


def load(builtins: Path) -> Library:
    return Library.load(builtin_dir=builtins)
