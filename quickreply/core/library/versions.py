"""Semantic-version order, so an older pack never replaces a newer one by accident.

Packs carry `MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]` (checked when a pack is
read); this compares two of them by the rules of semver.org: numbers as
numbers, a pre-release before its release, build metadata ignored.
"""

from __future__ import annotations

from quickreply.core.packs.fields import SEMVER_RE


def version_key(version: str) -> tuple[tuple[int, int, int], tuple[tuple[int, int | str], ...]]:
    """A sort key; a version that is not semver sorts before every real one."""
    match = SEMVER_RE.match(version)
    if match is None:
        return (-1, -1, -1), ()
    core = (int(match.group(1)), int(match.group(2)), int(match.group(3)))
    rest = version.split("+", 1)[0]
    pre = rest.split("-", 1)[1] if "-" in rest else ""
    if not pre:
        # a release sorts after every pre-release of the same numbers
        return core, ((2, 0),)
    parts: list[tuple[int, int | str]] = []
    for part in pre.split("."):
        # numeric identifiers sort before alphanumeric ones
        parts.append((0, int(part)) if part.isdigit() else (1, part))
    return core, tuple(parts)


def compare_versions(a: str, b: str) -> int:
    """-1 if `a` is older than `b`, 0 if the same release, 1 if newer."""
    ka, kb = version_key(a), version_key(b)
    return (ka > kb) - (ka < kb)
