"""What buyers write, mapped to the words libraries file those situations under.

Data for `suggest.py`, shipped in the package (nothing is downloaded): the
file `intents.txt` beside this module holds one situation per line, `cues =>
topics`. When a buyer's message holds any cue, replies whose tags, scenario or
title hold a topic are candidates. Topics are the words customer-service
libraries name situations with (议价, 发货时间, 尺码 ...), so a team pack
written in the same trade language is found without an entry of its own; the
library's own tags and scenario words also count directly when they appear in
a message. `NUMBER_CUES` reads figures (170, 120斤, 39码) the same way.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Final

Intent = tuple[tuple[str, ...], tuple[str, ...]]


@cache
def intents() -> tuple[Intent, ...]:
    """(cues, topics) per situation, from `intents.txt`."""
    text = resources.files(__package__ or "quickreply.core.search").joinpath("intents.txt")
    out: list[Intent] = []
    for line in text.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cues, _, topics = line.partition("=>")
        out.append((tuple(cues.split()), tuple(topics.split())))
    return tuple(out)


# Figures a buyer sends instead of words: height, weight, shoe size, age.
NUMBER_CUES: Final[tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]] = (
    (
        re.compile(r"(?<!\d)1[4-9]\d(?!\d)|\d{2,3}\s*(?:cm|厘米|公分)"),
        ("身高", "尺码", "推荐尺码"),
    ),
    (re.compile(r"\d{2,3}\s*(?:斤|kg|公斤)"), ("体重", "尺码", "推荐尺码")),
    (re.compile(r"(?<!\d)(?:3[4-9]|4[0-5])\s*(?:码|号)?(?!\d)"), ("鞋码",)),
    (re.compile(r"\d{1,2}\s*(?:岁|个月)"), ("童装", "几岁")),
)
