"""The red-line linter: platform rule profiles, evasion-proof term matching,
patterns, typo swaps and character checks.

    linter = Linter.for_platform("taobao")
    for finding in linter.lint(text): ...
"""

from quickreply.core.lint.engine import Linter
from quickreply.core.lint.findings import Finding
from quickreply.core.lint.profiles import UnknownPlatform, builtin_rule_packs, rules_for

__all__ = ["Finding", "Linter", "UnknownPlatform", "builtin_rule_packs", "rules_for"]
