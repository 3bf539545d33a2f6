"""Turn parsed TOML into a `Pack`, reporting everything that is wrong with it.

The validator walks the whole pack and keeps going after a problem, so an
author sees every mistake in one run; an entry with an error is left out and
any error means no pack. Besides field types it checks what refers to what:
flow steps must name replies, ids must be unique, templates must balance.
"""

from __future__ import annotations

from quickreply.core import render
from quickreply.core.model import FORMAT_VERSION, LEVELS, Flow, Pack, Reply, Rule
from quickreply.core.packs.characters import check_characters
from quickreply.core.packs.checks import Checker
from quickreply.core.packs.fields import (
    FLOW_FIELDS,
    ID_RE,
    PACK_FIELDS,
    REPLY_FIELDS,
    RULE_FIELDS,
    SEMVER_RE,
    TOP_FIELDS,
    bad_id,
    unknown_field,
    unknown_step,
    valid_hotkey,
)
from quickreply.core.packs.problems import Problem


class Validator(Checker):
    """One pack's data and source in, a `Pack` (or None) and `problems` out."""

    # -- the pack

    def run(self) -> Pack | None:
        """Check everything, then build the pack; None if any error was found."""
        data = self.data
        for key in data:
            if key not in TOP_FIELDS:
                self.warn(unknown_field(key, "the top level", TOP_FIELDS), "", 0, key)
        if not self._check_format():
            return None
        head = data.get("pack")
        if not isinstance(head, dict):
            self.error(
                "missing [pack] table: add [pack] with id, name and version"
                if head is None
                else "`pack` must be a table: write [pack] on its own line",
                "",
                0,
                "pack",
            )
            return None
        fields = self._fields(head, PACK_FIELDS, "pack", 0, "[pack]")
        pack_id = fields.get("id", "")
        if pack_id and not ID_RE.match(pack_id):
            self.error(bad_id("pack", pack_id), "pack", 0, "id")
        version = fields.get("version")
        if version is not None and not SEMVER_RE.match(version):
            self.error(
                f'version "{version}" is not a semantic version: write MAJOR.MINOR.PATCH, '
                'e.g. "1.0.0"',
                "pack",
                0,
                "version",
            )
        self._check_platforms(fields.get("platforms", []), "pack", 0)

        replies = self._replies(pack_id)
        flows = self._flows(pack_id, {r.id for r in replies})
        rules = self._rules(pack_id)
        check_characters(self)
        if any(p.level == "error" for p in self.problems):
            return None
        return Pack(
            id=pack_id,
            name=fields["name"],
            version=fields["version"],
            author=fields.get("author", ""),
            description=fields.get("description", ""),
            platforms=tuple(fields.get("platforms", ())),
            replies=tuple(replies),
            flows=tuple(flows),
            rules=tuple(rules),
            format=FORMAT_VERSION,
        )

    def _check_format(self) -> bool:
        """A newer format stops here, asking for a newer QuickReply, not a fix."""
        fmt = self.data.get("format")
        if fmt is None:
            self.error(f"missing `format`: add `format = {FORMAT_VERSION}` at the top of the file")
            return False
        if not isinstance(fmt, int) or isinstance(fmt, bool):
            self.error(
                f"`format` must be a whole number: write `format = {FORMAT_VERSION}`",
                "",
                0,
                "format",
            )
            return False
        if fmt > FORMAT_VERSION:
            self.error(
                f"this pack needs pack format {fmt}, but this QuickReply reads format "
                f"{FORMAT_VERSION}: update QuickReply to a version that reads format {fmt}",
                "",
                0,
                "format",
            )
            return False
        if fmt < 1:
            self.error(f"unknown format {fmt}: write `format = {FORMAT_VERSION}`", "", 0, "format")
            return False
        return True

    # -- replies

    def _replies(self, pack_id: str) -> list[Reply]:
        """Replies with unique ids, parseable templates, codes, hotkeys and overrides."""
        replies: list[Reply] = []
        seen: dict[str, int] = {}
        codes: dict[str, str] = {}
        for i, raw in enumerate(self._array("reply", "[[reply]]")):
            f = self._fields(raw, REPLY_FIELDS, "reply", i, f"[[reply]] #{i + 1}")
            ok = self._check_id("reply", f.get("id"), seen, "reply", i)
            text = f.get("text")
            if text is not None and not self._check_template(text, i):
                ok = False
            for code in f.get("codes", []):
                if not code.strip() or any(c.isspace() for c in code):
                    self.error(
                        f'shortcut code "{code}" must be one word without spaces',
                        "reply",
                        i,
                        "codes",
                    )
                    ok = False
                elif code.lower() in codes and codes[code.lower()] != f.get("id"):
                    self.warn(
                        f'shortcut code "{code}" is also used by reply "{codes[code.lower()]}": '
                        "give each reply its own code",
                        "reply",
                        i,
                        "codes",
                    )
                else:
                    codes[code.lower()] = f.get("id", "")
            hotkey = f.get("hotkey")
            if hotkey is not None and not valid_hotkey(hotkey):
                self.error(
                    f'hotkey "{hotkey}" is not a key combination: write modifiers and one key '
                    'joined by "+", e.g. "ctrl+alt+1"',
                    "reply",
                    i,
                    "hotkey",
                )
                ok = False
            self._check_platforms(f.get("platforms", []), "reply", i)
            overrides = f.get("overrides")
            if overrides is not None and overrides.count("/") != 1:
                self.error(
                    f'overrides "{overrides}" must name a reply as "pack-id/reply-id"',
                    "reply",
                    i,
                    "overrides",
                )
                ok = False
            if not ok or not {"id", "title", "text"} <= f.keys():
                continue
            replies.append(
                Reply(
                    id=f["id"],
                    title=f["title"],
                    text=f["text"],
                    scenario=f.get("scenario", ""),
                    codes=tuple(f.get("codes", ())),
                    tags=tuple(f.get("tags", ())),
                    hotkey=hotkey,
                    platforms=tuple(f.get("platforms", ())),
                    overrides=overrides,
                    pack_id=pack_id,
                )
            )
        return replies

    def _check_template(self, text: str, index: int) -> bool:
        """Placeholders balance; the problem points inside a multi-line text."""
        try:
            render.parse(text)
        except render.TemplateError as exc:
            line, col = self._where("reply", index, "text")
            before = text[: exc.offset]
            newlines = before.count("\n")
            if newlines or self.locs.string_starts_next_line.get(("reply", index, "text")):
                starts_next = self.locs.string_starts_next_line.get(("reply", index, "text"))
                line += newlines + (1 if starts_next else 0)
                col = exc.offset - (before.rfind("\n") + 1) + 1
            self.problems.append(
                Problem(
                    self.path,
                    line,
                    col,
                    "error",
                    f"unbalanced placeholder in text: {exc.message}",
                )
            )
            return False
        return True

    # -- flows

    def _flows(self, pack_id: str, reply_ids: set[str]) -> list[Flow]:
        """Flows whose steps name replies of this pack (or "pack-id/reply-id").

        Steps are checked against every reply id written, not only the valid
        ones, so a broken reply is reported once, at the reply.
        """
        flows: list[Flow] = []
        seen: dict[str, int] = {}
        all_reply_ids = {r.get("id") for r in self._array("reply", "[[reply]]")}
        for i, raw in enumerate(self._array("flow", "[[flow]]")):
            f = self._fields(raw, FLOW_FIELDS, "flow", i, f"[[flow]] #{i + 1}")
            ok = self._check_id("flow", f.get("id"), seen, "flow", i)
            steps = f.get("steps")
            if steps is not None and not steps:
                self.error("a flow needs at least one step", "flow", i, "steps")
                ok = False
            for step in steps or []:
                if "/" in step:
                    other_pack, _, other_reply = step.partition("/")
                    if not (ID_RE.match(other_pack) and ID_RE.match(other_reply)):
                        self.error(
                            f'step "{step}" must be a reply id or "pack-id/reply-id"',
                            "flow",
                            i,
                            "steps",
                        )
                        ok = False
                    elif other_pack == pack_id and other_reply not in all_reply_ids:
                        self.error(unknown_step(step, all_reply_ids), "flow", i, "steps")
                        ok = False
                elif step not in all_reply_ids:
                    self.error(unknown_step(step, all_reply_ids), "flow", i, "steps")
                    ok = False
            if not ok or not {"id", "title", "steps"} <= f.keys():
                continue
            flows.append(
                Flow(
                    id=f["id"],
                    title=f["title"],
                    steps=tuple(steps or ()),
                    description=f.get("description", ""),
                    pack_id=pack_id,
                )
            )
        return flows

    # -- rules

    def _rules(self, pack_id: str) -> list[Rule]:
        """Lint rules with a known level and exactly one of terms, pattern or swap."""
        rules: list[Rule] = []
        seen: dict[str, int] = {}
        for i, raw in enumerate(self._array("rule", "[[rule]]")):
            f = self._fields(raw, RULE_FIELDS, "rule", i, f"[[rule]] #{i + 1}")
            ok = self._check_id("rule", f.get("id"), seen, "rule", i)
            level = f.get("level")
            if level is not None and level not in LEVELS:
                self.error(
                    f'level "{level}" is not one of: {", ".join(LEVELS)}', "rule", i, "level"
                )
                ok = False
            kinds = [k for k in ("terms", "pattern", "swap") if k in raw]
            if len(kinds) != 1:
                self.error(
                    "a rule needs exactly one of `terms`, `pattern` or `swap`"
                    + (f" (it has {', '.join(kinds)})" if kinds else ""),
                    "rule",
                    i,
                )
                ok = False
            pattern = f.get("pattern")
            if pattern is not None:
                from quickreply.core.patterns import PatternProblem, check_pattern

                try:
                    check_pattern(pattern)
                except PatternProblem as exc:
                    self.error(f"pattern: {exc}", "rule", i, "pattern")
                    ok = False
            if "terms" in f and not any(t.strip() for t in f["terms"]):
                self.error("`terms` is empty: list at least one phrase", "rule", i, "terms")
                ok = False
            if "swap" in f and not f["swap"]:
                self.error('`swap` is empty: add pairs like { "己经" = "已经" }', "rule", i, "swap")
                ok = False
            self._check_platforms(f.get("platforms", []), "rule", i)
            if not ok or not {"id", "level", "message"} <= f.keys():
                continue
            rules.append(
                Rule(
                    id=f["id"],
                    level=f["level"],
                    message=f["message"],
                    terms=tuple(f.get("terms", ())),
                    pattern=pattern,
                    swap=tuple(f.get("swap", {}).items()),
                    exceptions=tuple(f.get("exceptions", ())),
                    platforms=tuple(f.get("platforms", ())),
                    suggestion=f.get("suggestion"),
                    pack_id=pack_id,
                    context=tuple(f.get("context", ())),
                )
            )
        return rules
