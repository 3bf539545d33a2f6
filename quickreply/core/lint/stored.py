"""The compiled linter on disk: a start with unchanged rules skips compiling them.

Compiling a platform's rules (spelled-out and slipped variants of thousands
of terms, each with the exceptions that can overlap it) costs a start about
0.2 s, the same work every time. So what `Linter.__init__` computes is kept
in the data folder's cache like the checked packs and the search index:
marshal behind a checksum (`core/sealed.py`), in a file named by a hash of
everything the result depends on: the platforms, the built-in rule files,
the packs' rules, the lint data files, the program's version and its linter
code. A change to any of them misses and compiles again; a damaged or
foreign file is compiled again and reported in `Linter.cache_status`
("corrupt"), like the search index; a cache that cannot be written only
costs the next start the compile. The automaton and the regexes are rebuilt
on load (milliseconds: they cannot be stored).
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Sequence
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import Any

from quickreply import __version__
from quickreply.core import sealed
from quickreply.core.lint.cache import PackKeyedCache
from quickreply.core.lint.engine import Linter, TermEntry
from quickreply.core.lint.excuses import CompiledRule
from quickreply.core.lint.profiles import rules_for
from quickreply.core.model import Pack, Rule
from quickreply.core.resources import resource

CACHE_FORMAT = 1
_TAG = b"QRLINT1\n"
_KEEP = 6  # linters kept besides the one in use: a few platforms and pack sets


def _row(item: Any) -> tuple[Any, ...]:
    return tuple(getattr(item, f.name) for f in fields(item))


@cache
def _program_stamp() -> str:
    """What the compiled result depends on besides the rules: data files and code.

    The code is stamped by size and modification time (a developer's edit
    misses even without a new version); a frozen build has no source files
    and relies on the version.
    """
    digest = hashlib.blake2b(digest_size=16)
    for folder in (resource("rules"), resource("lint")):
        for path in sorted(folder.glob("*")):
            with contextlib.suppress(OSError):
                digest.update(f"{path.name}\n".encode() + path.read_bytes())
    code = Path(__file__).resolve().parent
    for path in (*sorted(code.glob("*.py")), code.parent / "search" / "pinyin.py"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            digest.update(f"{path.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def linter_key(platforms: Sequence[str], packs: Sequence[Pack]) -> str:
    """A hash of everything the linter for `platforms` with the rules of `packs` is built from."""
    digest = hashlib.blake2b(digest_size=16)
    names = ",".join(sorted(set(platforms)))
    digest.update(f"{CACHE_FORMAT}\n{__version__}\n{_program_stamp()}\n{names}\n".encode())
    # version 2: no back-references, so equal content gives equal bytes
    rules = [(p.id, p.platforms, [_row(r) for r in p.rules]) for p in packs]
    digest.update(marshal.dumps(rules, 2))
    return digest.hexdigest()


def load_or_build(
    platforms: Sequence[str], packs: Sequence[Pack], cache_dir: Path | None
) -> Linter:
    """The linter, from the cache when it was compiled from the same inputs; a bad cache is
    compiled again. `cache_dir` None: no cache."""
    if cache_dir is None:
        return Linter(rules_for(platforms, packs))
    path = cache_dir / f"lint-{linter_key(platforms, packs)}.bin"
    status = "miss"
    raw: bytes | None = None
    with contextlib.suppress(OSError):
        raw = path.read_bytes()
    if raw is not None:
        try:
            linter = _load(raw)
        except ValueError:
            status = "corrupt"
        else:
            linter.cache_status = "hit"
            return linter
    linter = Linter(rules_for(platforms, packs))
    linter.cache_status = status
    sealed.save(path, _dump(linter), _KEEP)
    return linter


def for_platform(name: str, packs: Sequence[Pack], cache_dir: Path | None) -> Linter:
    """`Linter.for_platform`, compiled through the disk cache (and kept in memory)."""
    return _MEMORY.get((name,), tuple(packs), lambda p, k: load_or_build(p, k, cache_dir))


_MEMORY: PackKeyedCache[Linter] = PackKeyedCache(32)


def _dump(linter: Linter) -> bytes:
    rules, by_term = linter.compiled()
    return sealed.seal(
        _TAG,
        marshal.dumps(
            {
                "format": CACHE_FORMAT,
                "rules": [(_row(c.rule), *_row(c)[1:]) for c in rules],
                "terms": {term: [_row(e) for e in entries] for term, entries in by_term.items()},
            }
        ),
    )


def _load(raw: bytes) -> Linter:
    """The stored linter; anything unexpected raises ValueError (the caller compiles)."""
    try:
        blob = marshal.loads(sealed.unseal(_TAG, raw))
        if not isinstance(blob, dict) or blob.get("format") != CACHE_FORMAT:
            raise ValueError("not a linter cache of this version")
        rules = [CompiledRule(Rule(*rule), *rest) for rule, *rest in blob["rules"]]
        by_term = {
            str(term): [TermEntry(*e) for e in entries] for term, entries in blob["terms"].items()
        }
        for entries in by_term.values():
            if not all(0 <= e.rule < len(rules) for e in entries):
                raise ValueError("a term names a rule the cache does not hold")
        return Linter.restored(rules, by_term)
    except Exception as exc:  # whatever is wrong with the file, the answer is a compile
        raise ValueError(f"unusable linter cache: {exc}") from exc
