"""Where the built-in library and the resources are, in a checkout or an install.

In a source checkout (or an editable install) they sit at the top level of the
tree, beside the package; a wheel carries them inside the package as
`quickreply/_data/` (see pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


@cache
def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"QuickReply is installed without its {name}/ folder")


def scripts_library_dir() -> Path:
    """The folder of built-in packs (`scripts_library/`)."""
    return _data_dir("scripts_library")


def resources_dir() -> Path:
    """The folder of icons, rule data, translations and styles (`resources/`)."""
    return _data_dir("resources")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
