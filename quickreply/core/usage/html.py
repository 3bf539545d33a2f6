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


def _duration(seconds: float) -> str:
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} 小时 {minutes} 分" if hours else f"{minutes} 分钟"


def bar_chart(items: list[tuple[str, float, str]], color: str) -> str:
    """Horizontal bars: (label, value, value as shown). An inline SVG element."""
    if not items:
        return '<p class="muted">（暂无数据）</p>'
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


def render_report(report: TeamReport, title: str = "快捷回复使用报告") -> str:
    total_uses = sum(u for _l, _s, u in report.saved_per_agent)
    total_saved = sum(s for _l, s, _u in report.saved_per_agent)
    total_catches = sum(n for _r, _m, n in report.catches)
    cards = [
        ("客服人数", str(len(report.agents))),
        ("使用次数", str(total_uses)),
        ("节省时间", _duration(total_saved)),
        ("红线拦截", str(total_catches)),
        ("从未使用的回复", str(len(report.never_used))),
    ]
    most = [(f"{t or uid}", float(n), str(n)) for uid, t, n in report.most_used[:BAR_ROWS]]
    saved = [(label, s, _duration(s)) for label, s, _u in report.saved_per_agent]
    caught = [(m or r, float(n), str(n)) for r, m, n in report.catches[:BAR_ROWS]]
    never_rows = "".join(
        f"<tr><td>{escape(t)}</td><td>{escape(uid)}</td></tr>"
        for uid, t in report.never_used[:NEVER_ROWS]
    )
    more = len(report.never_used) - NEVER_ROWS
    sources = "、".join(escape(a.label) for a in report.agents)
    cards_html = "".join(f'<div class="card">{k}<b>{escape(v)}</b></div>' for k, v in cards)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{_CSS}</style></head><body>
<h1>{escape(title)}</h1>
<p class="muted">生成于 {datetime.now():%Y-%m-%d %H:%M}，来自 {sources}。
节省时间 = 粘贴的字数 ÷ 各客服设置的打字速度。</p>
<div class="totals">{cards_html}</div>
<h2>每位客服节省的时间</h2>{bar_chart(saved, "#2e7d32")}
<h2>最常用的回复</h2>{bar_chart(most, "#1565c0")}
<h2>拦截最多的红线</h2>{bar_chart(caught, "#c62828")}
<h2>从未使用的回复（{len(report.never_used)}）</h2>
<table><tr><th>标题</th><th>编号</th></tr>{never_rows}</table>
{f'<p class="muted">另有 {more} 条未列出。</p>' if more > 0 else ""}
</body></html>
"""
