"""The team report as one offline HTML page: inline CSS and SVG bar charts, no script.

It opens from a USB stick or an e-mail attachment with no network: nothing
is fetched, nothing runs. Every text from the files is escaped.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from quickreply.core.usage.report import TeamReport

BAR_ROWS = 20
LABEL_CHARS = 22
NEVER_ROWS = 300

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:24px;
color:#222;background:#fafafa}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
.totals{display:flex;gap:16px;flex-wrap:wrap}
.card{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:10px 16px}
.card b{display:block;font-size:20px}
svg text{font-size:12px;fill:#333}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #e3e3e3;padding:4px 8px;
text-align:left;font-size:13px}.muted{color:#777;font-size:12px}
"""


# The page's words, Chinese first; English on request (`stats merge --lang en`).
TEXTS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "快捷回复使用报告",
        "lang": "zh-CN",
        "made": "生成于 {when}，来自 {sources}。节省时间 = 粘贴的字数 ÷ 各客服设置的打字速度。",
        "sep": "、",
        "agents": "客服人数",
        "uses": "使用次数",
        "saved": "节省时间",
        "catches": "红线拦截",
        "never": "从未使用的回复",
        "per_agent": "每位客服节省的时间",
        "most_used": "最常用的回复",
        "most_caught": "拦截最多的红线",
        "never_n": "从未使用的回复（{n}）",
        "col_title": "标题",
        "col_id": "编号",
        "more": "另有 {n} 条未列出。",
        "empty": "（暂无数据）",
        "hours": "{h} 小时 {m} 分",
        "minutes": "{m} 分钟",
    },
    "en": {
        "title": "QuickReply usage report",
        "lang": "en",
        "made": "Made {when} from {sources}. Time saved = characters pasted ÷ each agent's "
        "typing speed.",
        "sep": ", ",
        "agents": "Agents",
        "uses": "Uses",
        "saved": "Time saved",
        "catches": "Red lines caught",
        "never": "Replies never used",
        "per_agent": "Time saved per agent",
        "most_used": "Most used replies",
        "most_caught": "Red lines caught most often",
        "never_n": "Replies never used ({n})",
        "col_title": "Title",
        "col_id": "Id",
        "more": "{n} more not listed.",
        "empty": "(no data yet)",
        "hours": "{h} h {m} min",
        "minutes": "{m} min",
    },
}


def _duration(seconds: float, words: dict[str, str]) -> str:
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return (
        words["hours"].format(h=hours, m=minutes) if hours else words["minutes"].format(m=minutes)
    )


def bar_chart(items: list[tuple[str, float, str]], color: str, empty: str = "") -> str:
    """Horizontal bars: (label, value, value as shown). An inline SVG element."""
    if not items:
        return f'<p class="muted">{escape(empty)}</p>'
    top = max(v for _l, v, _s in items) or 1.0
    label_w, bar_w, row_h = 300, 420, 22
    height = row_h * len(items) + 6
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 90}" '
        f'height="{height}" role="img">'
    ]
    for i, (label, value, shown) in enumerate(items):
        y = i * row_h + 4
        width = max(1.0, bar_w * value / top)
        # ~13 px a Chinese character at 12 px: the label column holds about 22
        short = label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{escape(short)}'
            f"<title>{escape(label)}</title></text>"
            f'<rect x="{label_w}" y="{y}" width="{width:.1f}" height="{row_h - 6}" '
            f'fill="{color}" rx="2"/>'
            f'<text x="{label_w + width + 6:.1f}" y="{y + 14}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def render_report(report: TeamReport, lang: str = "zh") -> str:
    """The page, in Chinese (`lang="zh"`, the default) or English (`"en"`)."""
    w = TEXTS["en" if lang == "en" else "zh"]
    total_uses = sum(u for _l, _s, u in report.saved_per_agent)
    total_saved = sum(s for _l, s, _u in report.saved_per_agent)
    total_catches = sum(n for _r, _m, n in report.catches)
    cards = [
        (w["agents"], str(len(report.agents))),
        (w["uses"], str(total_uses)),
        (w["saved"], _duration(total_saved, w)),
        (w["catches"], str(total_catches)),
        (w["never"], str(len(report.never_used))),
    ]
    most = [(f"{t or uid}", float(n), str(n)) for uid, t, n in report.most_used[:BAR_ROWS]]
    saved = [(label, s, _duration(s, w)) for label, s, _u in report.saved_per_agent]
    caught = [(m or r, float(n), str(n)) for r, m, n in report.catches[:BAR_ROWS]]
    never_rows = "".join(
        f"<tr><td>{escape(t)}</td><td>{escape(uid)}</td></tr>"
        for uid, t in report.never_used[:NEVER_ROWS]
    )
    more = len(report.never_used) - NEVER_ROWS
    sources = w["sep"].join(escape(a.label) for a in report.agents)
    made = w["made"].format(when=f"{datetime.now():%Y-%m-%d %H:%M}", sources=sources)
    cards_html = "".join(f'<div class="card">{escape(k)}<b>{escape(v)}</b></div>' for k, v in cards)
    more_html = f'<p class="muted">{w["more"].format(n=more)}</p>' if more > 0 else ""
    return f"""<!DOCTYPE html>
<html lang="{w["lang"]}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(w["title"])}</title><style>{_CSS}</style></head><body>
<h1>{escape(w["title"])}</h1>
<p class="muted">{made}</p>
<div class="totals">{cards_html}</div>
<h2>{w["per_agent"]}</h2>{bar_chart(saved, "#2e7d32", w["empty"])}
<h2>{w["most_used"]}</h2>{bar_chart(most, "#1565c0", w["empty"])}
<h2>{w["most_caught"]}</h2>{bar_chart(caught, "#c62828", w["empty"])}
<h2>{w["never_n"].format(n=len(report.never_used))}</h2>
<table><tr><th>{w["col_title"]}</th><th>{w["col_id"]}</th></tr>{never_rows}</table>
{more_html}
</body></html>
"""
