"""Linter recall and precision on tests/data/lint_eval (see its README).

    python -m bench.lint_eval [--show-misses] [--show-clean]

Prints recall per category (and per topic), evasion recall, typo recall, and
findings per 1,000 clean sentences (the clean corpus: tests/data/lint_eval/
clean.txt plus every sentence of the built-in library). Targets (issue 11):
>= 95% per category, no error on clean text, <= 5 warnings per 1,000 clean
sentences. The baseline in the same run is the v1 idea of matching: the same
rules on the raw text (no folding of confusables and digit runs, no pinyin),
which shows what the evasion handling adds.
"""

from __future__ import annotations

import argparse
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from quickreply.core.lint import Finding, Linter
from quickreply.core.lint.findings import LEVEL_RANK
from quickreply.core.render import parse

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "lint_eval"
MARKETPLACES = ("taobao", "tmall", "jd", "pdd", "douyin")
_MARK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class Case:
    category: str
    topic: str
    platform: str
    level: str
    text: str
    start: int
    end: int


def load_cases(path: Path = DATA / "redlines.toml") -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    cases: list[Case] = []
    for group in data["group"]:
        for raw in group["cases"]:
            match = _MARK.search(raw)
            if match is None:
                raise ValueError(f"{path}: no [[marked]] span in {raw!r}")
            text = raw[: match.start()] + match.group(1) + raw[match.end() :]
            start = match.start()
            cases.append(
                Case(
                    group["category"],
                    group["topic"],
                    group["platform"],
                    group["level"],
                    text,
                    start,
                    start + len(match.group(1)),
                )
            )
    return cases


def _sentences(text: str) -> Iterable[str]:
    for part in re.split(r"(?<=[。！？!?～\n])", text):
        part = part.strip()
        if len(part) >= 4:
            yield part


def _library_text(template: str) -> str:
    return "".join(
        seg if isinstance(seg, str) else (seg.default if seg.default is not None else seg.name)
        for seg in parse(template)
    )


def load_clean(path: Path = DATA / "clean.txt") -> list[tuple[str | None, str]]:
    """(platform or None for every marketplace, sentence) of the clean corpus."""
    out: list[tuple[str | None, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        platform, sep, text = line.partition("|")
        if sep and platform in MARKETPLACES:
            out.append((platform, text))
        else:
            out.append((None, line))
    for toml_path in sorted((ROOT / "scripts_library").glob("*.toml")):
        pack = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        platforms = pack.get("pack", {}).get("platforms") or []
        for reply in pack.get("reply", []):
            for sentence in _sentences(_library_text(reply["text"])):
                for platform in platforms or [None]:
                    out.append((platform, sentence))
    return out


LintFor = Callable[[str], Callable[[str], Sequence[Finding]]]


def _linter(platform: str) -> Callable[[str], Sequence[Finding]]:
    return Linter.for_platform(platform).lint


def caught(case: Case, lint_for: LintFor = _linter) -> bool:
    need = LEVEL_RANK[case.level]
    return any(
        LEVEL_RANK[f.level] <= need and f.start < case.end and case.start < f.end
        for f in lint_for(case.platform)(case.text)
    )


@dataclass
class CleanResult:
    pairs: int
    errors: list[tuple[str, str, Finding]]
    warnings: list[tuple[str, str, Finding]]

    @property
    def warnings_per_1000(self) -> float:
        return 1000 * len(self.warnings) / max(1, self.pairs)


def check_clean(lint_for: LintFor = _linter) -> CleanResult:
    pairs = 0
    errors: list[tuple[str, str, Finding]] = []
    warnings: list[tuple[str, str, Finding]] = []
    for only, text in load_clean():
        for platform in (only,) if only else MARKETPLACES:
            pairs += 1
            for f in lint_for(platform)(text):
                if f.level == "error":
                    errors.append((platform, text, f))
                elif f.level == "warning":
                    warnings.append((platform, text, f))
    return CleanResult(pairs, errors, warnings)


def recall(cases: Sequence[Case], lint_for: LintFor = _linter) -> tuple[int, int]:
    hits = sum(caught(c, lint_for) for c in cases)
    return hits, len(cases)


def _naive_linter(platform: str) -> Callable[[str], Sequence[Finding]]:
    """The baseline: every term and swap of the same rules found by `str.find` in the
    lower-cased text (no normalisation, no evasion handling, no patterns, no exceptions)."""
    linter = Linter.for_platform(platform)
    terms = [
        (term.lower(), rule)
        for rule in linter.rules
        for term in (*rule.terms, *(wrong for wrong, _ in rule.swap))
    ]

    def lint(text: str) -> Sequence[Finding]:
        lowered = text.lower()
        found = []
        for term, rule in terms:
            at = lowered.find(term)
            if at >= 0:
                found.append(
                    Finding(rule.id, rule.level, at, at + len(term), text[at : at + len(term)], "")
                )
        return found

    return lint


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-clean", action="store_true")
    args = parser.parse_args(argv)

    cases = load_cases()
    by_category: dict[str, list[Case]] = {}
    by_topic: dict[tuple[str, str], list[Case]] = {}
    for c in cases:
        by_category.setdefault(c.category, []).append(c)
        by_topic.setdefault((c.category, c.topic), []).append(c)

    print(f"red-line cases: {len(cases)} (tests/data/lint_eval/redlines.toml)")
    print("baseline: the same rules' terms found by str.find in the lower-cased text")
    print(f"{'category':<10} {'topic':<44} {'recall':>15} {'baseline':>15} {'target':>8}")
    print("-" * 96)
    for category, items in by_category.items():
        hits, total = recall(items)
        base, _ = recall(items, _naive_linter)
        print(
            f"{category:<10} {'(all)':<44} {hits:>4}/{total:<4} {100 * hits / total:5.1f}% "
            f"{base:>4}/{total:<4} {100 * base / total:5.1f}% {'>= 95%':>8}"
        )
        for (cat, topic), topic_items in by_topic.items():
            if cat == category:
                h, t = recall(topic_items)
                b, _ = recall(topic_items, _naive_linter)
                print(
                    f"{'':<10} {topic[:44]:<44} {h:>4}/{t:<4} {100 * h / t:5.1f}% "
                    f"{b:>4}/{t:<4} {100 * b / t:5.1f}%"
                )
    if args.show_misses:
        print("\nmissed:")
        for c in cases:
            if not caught(c):
                print(f"  [{c.category}/{c.platform}] {c.text!r} <- {c.text[c.start:c.end]!r}")

    clean = check_clean()
    print()
    corpus = load_clean()
    written = sum(1 for line in (DATA / "clean.txt").read_text(encoding="utf-8").splitlines()
                  if line.strip() and not line.startswith("#"))
    unique = len({text for _, text in corpus})
    print(f"clean corpus: {unique} sentences ({written} in clean.txt, the rest from the built-in "
          f"library), {clean.pairs} sentence-platform pairs (each on every marketplace)")
    print(f"{'measure':<44} {'result':>10} {'target':>10}")
    print("-" * 66)
    print(f"{'error-level findings':<44} {len(clean.errors):>10} {'0':>10}")
    print(f"{'warnings per 1,000 clean sentences':<44} {clean.warnings_per_1000:>10.2f} {'<= 5':>10}")
    typo_warnings = [w for w in clean.warnings if w[2].rule in ("typo", "typo-slip")]
    slip_warnings = [w for w in clean.warnings if w[2].rule == "typo-slip"]
    print(f"{'  of which typos (list + slip detector)':<44} {1000 * len(typo_warnings) / clean.pairs:>10.2f}")
    print(f"{'  of which the slip detector alone':<44} {1000 * len(slip_warnings) / clean.pairs:>10.2f}")
    if args.show_clean:
        for platform, text, f in clean.errors + clean.warnings:
            print(f"  {f.level} {platform} {f.rule} {f.match!r} in {text!r}")

    base_clean = check_clean(_naive_linter)
    print(
        f"{'baseline (str.find): errors / warnings per 1,000':<44} "
        f"{len(base_clean.errors):>10} {base_clean.warnings_per_1000:>10.2f}"
    )


if __name__ == "__main__":
    main()
