"""The library manager's costs a first-time agent waits on, each beside its floor.

- tree: rebuilding the tree model after a save (what `set_library` does),
  against building the merged `Library` itself (paid on every reload anyway);
- save: one edit of a large personal pack written atomically with its backup,
  against serialising the pack to TOML alone;
- keystroke: the live-lint analysis of a long reply (findings, placeholders,
  UTF-16 offsets), against the linter alone on the same text.

Run: python -m bench.bench_manager [--replies 20000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _best(fn: Callable[[], object], repeat: int = 5) -> float:
    """Median milliseconds of `repeat` runs (each run is a first-time build)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=20000)
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from bench._synthetic import make_replies
    from quickreply.core.library import Library, edits, save_personal
    from quickreply.core.lint import Linter
    from quickreply.core.model import Pack
    from quickreply.core.packs import dumps_pack
    from quickreply.ui.manager.lintedit import analyse
    from quickreply.ui.manager.tree import LibraryTreeModel

    app = QApplication.instance() or QApplication([])
    del app
    replies = [replace(r, pack_id="personal") for r in make_replies(args.replies)]
    pack = Pack("personal", "我的回复", "1.0.0", replies=tuple(replies))
    library = Library((pack,))
    model = LibraryTreeModel(Library(()))

    library_ms = _best(lambda: Library((pack,)))
    tree_ms = _best(lambda: model.set_library(library))
    print(f"tree of {args.replies} replies: {tree_ms:.1f} ms "
          f"(baseline, merging the Library itself: {library_ms:.1f} ms)")

    with tempfile.TemporaryDirectory() as home:
        os.environ["QUICKREPLY_HOME"] = home
        path = Path(home) / "personal.toml"
        save_personal(pack, path)
        first = pack.replies[0]
        edited = edits.update_reply(pack, replace(first, text=first.text + "～"))
        dump_ms = _best(lambda: dumps_pack(edited))
        save_ms = _best(lambda: save_personal(edited, path))
    print(f"save one edit of {args.replies} replies: {save_ms:.1f} ms "
          f"(baseline, TOML text alone: {dump_ms:.1f} ms)")

    lint = Linter.for_platform("taobao").lint
    text = ("亲，您好😊！这款是{颜色:红|蓝}色的，加我微信领券,全网最低价哦～" * 12)[:600]
    lint_ms = _best(lambda: [lint(text) for _ in range(100)]) / 100
    analyse_ms = _best(lambda: [analyse(text, lint) for _ in range(100)]) / 100
    print(f"keystroke analysis of a {len(text)}-character reply: {analyse_ms:.2f} ms "
          f"(baseline, the linter alone: {lint_ms:.2f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
