"""The layout holds: layers point one way, no import cycles, modules stay small,
and the public names outside tools use stay where they are.

Imports are read from the source (every `import` anywhere in a module, lazy ones
included), so a cycle hidden inside a function is found too.
"""

from __future__ import annotations

import ast
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "quickreply"
MAX_LINES = 450  # "no module far over 400 lines"

# What each layer may import from the others (itself always allowed).
ALLOWED: dict[str, set[str]] = {
    "core": set(),
    "desktop": {"core"},
    "ui": {"core", "desktop"},
    "cli": {"core", "desktop", "ui"},
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The project module an import names, or None for outside code."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str, path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            for alias in node.names:
                # `from pkg import sub` imports the submodule when there is one.
                sub = f"{base}.{alias.name}"
                yield sub if sub in MODULES else base


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        targets = {_resolve(name) for name in _imports(module, path)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


GRAPH = _graph()


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ALLOWED else None


def test_layers_point_one_way() -> None:
    wrong = []
    for module, targets in GRAPH.items():
        layer = _layer(module)
        if layer is None:
            continue
        for target in targets:
            other = _layer(target)
            if other and other != layer and other not in ALLOWED[layer]:
                wrong.append(f"{module} -> {target}")
    assert wrong == []


def test_core_imports_no_qt() -> None:
    offenders = [
        module
        for module, path in MODULES.items()
        if _layer(module) == "core"
        and any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(module, path))
    ]
    assert offenders == []


def _cycle_from(start: str) -> list[str] | None:
    """A shortest import cycle through `start`, or None."""
    paths: dict[str, list[str]] = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for module in frontier:
            for target in sorted(GRAPH.get(module, ())):
                # A package importing its own submodules is how packages export;
                # only the way back (a submodule importing its package) closes a loop.
                if target.startswith(module + "."):
                    continue
                if target == start:
                    return [*paths[module], start]
                if target not in paths:
                    paths[target] = [*paths[module], target]
                    nxt.append(target)
        frontier = nxt
    return None


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_import_cycle(module: str) -> None:
    assert _cycle_from(module) is None


def test_cycle_finder_finds_a_cycle() -> None:
    """The checker itself can fail: a made-up loop is reported."""
    saved = dict(GRAPH)
    try:
        GRAPH["quickreply.core.model"] = {*saved["quickreply.core.model"], "quickreply.core.render"}
        GRAPH["quickreply.core.render"] = {*saved["quickreply.core.render"], "quickreply.core.model"}
        assert _cycle_from("quickreply.core.model") == [
            "quickreply.core.model",
            "quickreply.core.render",
            "quickreply.core.model",
        ]
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_module_is_small(module: str) -> None:
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{module}: {lines} lines; split it by concern"


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("quickreply.core.packs", "load_pack"),
        ("quickreply.core.packs", "check_pack"),
        ("quickreply.core.packs", "write_pack"),
        ("quickreply.core.search", "SearchIndex"),
        ("quickreply.core.search", "Hit"),
        ("quickreply.core.lint", "Linter"),
        ("quickreply.core.lint", "Finding"),
        ("quickreply.core.library", "Library"),
        ("quickreply.core.model", "Reply"),
        ("quickreply.core.model", "Pack"),
        ("quickreply.core.model", "Flow"),
        ("quickreply.core.model", "Rule"),
    ],
)
def test_public_names_stay(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name)


@pytest.mark.parametrize(
    "package",
    ["quickreply.core.packs", "quickreply.core.search", "quickreply.core.lint",
     "quickreply.core.library"],
)
def test_package_surface_is_what_it_claims(package: str) -> None:
    mod = importlib.import_module(package)
    exported = getattr(mod, "__all__", None)
    assert exported, f"{package} declares no __all__"
    assert [n for n in exported if not hasattr(mod, n)] == []
