"""Placeholders in reply text: parse them and fill them in.

Syntax (PACK_FORMAT.md): `{name}` a blank, `{name:默认值}` a blank with a
default, `{name:A|B|C}` a choice (the first is the default), built-ins such as
`{date}` / `{日期}` filled without asking, and `{{` / `}}` for literal braces.
Values are inserted as plain text: nothing is evaluated, and a value that
itself contains braces is never parsed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

# Built-in names, English and Chinese, to the key the caller supplies.
BUILTINS: dict[str, str] = {
    "date": "date",
    "日期": "date",
    "time": "time",
    "时间": "time",
    "clipboard": "clipboard",
    "剪贴板": "clipboard",
    "agent": "agent",
    "客服": "agent",
    "shop": "shop",
    "店铺": "shop",
}


class TemplateError(ValueError):
    """The text's braces do not form valid placeholders."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


class MissingValues(KeyError):
    """Blanks that have neither a value nor a default."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(names)
        self.names = names

    def __str__(self) -> str:
        return "no value for " + ", ".join(f"{{{n}}}" for n in self.names)


@dataclass(frozen=True, slots=True)
class Blank:
    name: str
    default: str | None = None
    choices: tuple[str, ...] = ()
    start: int = 0  # offsets of the whole `{...}` in the template
    end: int = 0

    @property
    def builtin(self) -> str | None:
        """The built-in this blank names (`date`, `shop`...), or None."""
        return BUILTINS.get(self.name)


Segment = str | Blank


def parse(template: str) -> list[Segment]:
    """Split `template` into literal text and blanks; raise TemplateError if malformed."""
    segments: list[Segment] = []
    literal: list[str] = []
    i, n = 0, len(template)
    while i < n:
        ch = template[i]
        if ch == "{":
            if template.startswith("{{", i):
                literal.append("{")
                i += 2
                continue
            close = template.find("}", i + 1)
            nested = template.find("{", i + 1)
            if close < 0 or (0 <= nested < close):
                raise TemplateError(
                    "`{` is not closed: finish the placeholder with `}` or write `{{` "
                    "for a literal brace",
                    i,
                )
            if literal:
                segments.append("".join(literal))
                literal = []
            segments.append(_blank(template[i + 1 : close], i, close + 1))
            i = close + 1
        elif ch == "}":
            if template.startswith("}}", i):
                literal.append("}")
                i += 2
                continue
            raise TemplateError("`}` without `{`: write `}}` for a literal brace", i)
        else:
            literal.append(ch)
            i += 1
    if literal:
        segments.append("".join(literal))
    return segments


def _blank(body: str, start: int, end: int) -> Blank:
    name, sep, spec = body.partition(":")
    name = name.strip()
    if not name:
        raise TemplateError("empty placeholder `{}`: give the blank a name, e.g. `{尺码}`", start)
    if "|" in name:
        raise TemplateError(
            f"`{{{body}}}`: put `:` between the name and the choices, e.g. `{{尺码:S|M|L}}`",
            start,
        )
    if not sep:
        return Blank(name, None, (), start, end)
    if "|" in spec:
        choices = tuple(c.strip() for c in spec.split("|"))
        if any(not c for c in choices):
            raise TemplateError(f"`{{{body}}}` has an empty choice between `|`", start)
        return Blank(name, choices[0], choices, start, end)
    return Blank(name, spec, (), start, end)


def blanks(template: str) -> list[Blank]:
    """The distinct blanks of `template` in order of first appearance."""
    seen: dict[str, Blank] = {}
    for seg in parse(template):
        if isinstance(seg, Blank) and seg.name not in seen:
            seen[seg.name] = seg
    return list(seen.values())


def questions(template: str) -> list[Blank]:
    """The blanks the agent must be asked about: not built-in."""
    return [b for b in blanks(template) if b.builtin is None]


def builtin_values(
    *,
    now: datetime | None = None,
    clipboard: str = "",
    agent: str = "",
    shop: str = "",
) -> dict[str, str]:
    """Values for the built-ins, keyed as `BUILTINS` maps them."""
    now = now or datetime.now()
    return {
        "date": f"{now.month}月{now.day}日",
        "time": now.strftime("%H:%M"),
        "clipboard": clipboard,
        "agent": agent,
        "shop": shop,
    }


class LazyBuiltins(Mapping[str, str]):
    """Built-in values; `clipboard` is read only when a reply asks for it.

    Reading another program's clipboard is a round trip that a hung owner can
    stretch to seconds: it must not sit between the hotkey and the palette.
    """

    def __init__(self, values: Mapping[str, str], clipboard: Callable[[], str]) -> None:
        self._values = dict(values)
        self._read_clipboard: Callable[[], str] | None = clipboard

    def __getitem__(self, key: str) -> str:
        if key == "clipboard" and self._read_clipboard is not None:
            self._values["clipboard"] = self._read_clipboard()
            self._read_clipboard = None
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)


def render(
    template: str,
    values: Mapping[str, str] | None = None,
    builtins: Mapping[str, str] | None = None,
    *,
    use_defaults: bool = True,
) -> str:
    """Fill `template`; raise MissingValues for blanks with no value and no default."""
    values = values or {}
    builtins = builtins or {}
    out: list[str] = []
    missing: list[str] = []
    for seg in parse(template):
        if isinstance(seg, str):
            out.append(seg)
            continue
        value = values.get(seg.name)
        if value is None and seg.builtin is not None:
            value = builtins.get(seg.builtin)
        if value is None and use_defaults:
            value = seg.default
        if value is None:
            if seg.name not in missing:
                missing.append(seg.name)
            continue
        out.append(value)
    if missing:
        raise MissingValues(missing)
    return "".join(out)


def preview(template: str) -> str:
    """The text with each blank shown as `[name]` (defaults filled): for lists and linting."""
    try:
        segments = parse(template)
    except TemplateError:
        return template
    return "".join(
        s if isinstance(s, str) else (s.default if s.default is not None else f"[{s.name}]")
        for s in segments
    )
