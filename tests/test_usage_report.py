"""Usage figures: characters, time saved, red-line catches, exports and the team report."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from quickreply.core.model import Pack, Reply
from quickreply.core.usage import UsageStore
from quickreply.core.usage.html import render_report
from quickreply.core.usage.report import (
    ExportError,
    load_export,
    merge_exports,
    summarize,
    write_export,
)
from tests.conftest import run_cli

PACK = Pack(
    id="shop",
    name="店铺",
    version="1.0.0",
    replies=(
        Reply(id="hi", title="问候", text="亲，在的～", pack_id="shop"),
        Reply(id="ship", title="发货", text="今天发货", pack_id="shop"),
        Reply(id="never", title="<从没用过>", text="x", pack_id="shop"),
    ),
)
DAY = 86_400.0


def test_uses_characters_time_saved_and_since(tmp_path: Path) -> None:
    with UsageStore(tmp_path / "u.sqlite3") as store:
        store.record("shop/hi", when=10 * DAY, chars=100)
        store.record("shop/hi", when=20 * DAY, chars=100)
        store.record("shop/ship", when=30 * DAY, chars=50)
        store.record_catches(["no-wechat", "absolute"], "shop/hi", when=20 * DAY)
        store.record_catches(["no-wechat"], when=31 * DAY)
        summary = summarize(store, [PACK], cpm=50)
        assert [(r.uid, r.uses, r.chars) for r in summary.rows] == [
            ("shop/hi", 2, 200),
            ("shop/ship", 1, 50),
        ]
        assert summary.rows[0].seconds_saved == pytest.approx(240.0)  # 200 chars at 50 a minute
        assert summary.total_seconds_saved == pytest.approx(300.0)
        assert summary.never_used == [("shop/never", "<从没用过>")]
        assert [(c.rule, c.count) for c in summary.catches] == [("no-wechat", 2), ("absolute", 1)]
        later = summarize(store, [PACK], since=15 * DAY, cpm=50)
        # equal counts: the most recent first
        assert [(r.uid, r.uses) for r in later.rows] == [("shop/ship", 1), ("shop/hi", 1)]
        assert [(c.rule, c.count) for c in summarize(store, since=25 * DAY).catches] == [
            ("no-wechat", 1)
        ]


def test_counts_from_before_the_log_still_show(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)  # a database written by the previous version: counts only
    db.execute("CREATE TABLE usage (uid TEXT PRIMARY KEY, count INTEGER, last_used REAL)")
    db.execute("INSERT INTO usage VALUES ('shop/hi', 7, 5.0)")
    db.commit()
    db.close()
    with UsageStore(path) as store:
        store.record("shop/hi", when=6.0, chars=10)
        [row] = summarize(store, [PACK]).rows
        assert (row.uses, row.chars) == (8, 10)
        assert store.get("shop/hi").count == 8


def _export(tmp_path: Path, name: str, agent: str, uses: dict[str, int], catches: int) -> Path:
    with UsageStore(tmp_path / f"{name}.sqlite3") as store:
        for uid, n in uses.items():
            for _ in range(n):
                store.record(uid, when=DAY, chars=60)
        store.record_catches(["no-wechat"] * catches, when=DAY)
        summary = summarize(store, [PACK], cpm=60)
    path = tmp_path / f"{name}.json"
    write_export(path, summary, agent, host=f"PC-{name}")
    return path


def test_team_report_merges_agents(tmp_path: Path) -> None:
    a = _export(tmp_path, "a", "小美", {"shop/hi": 3, "shop/ship": 1}, 2)
    b = _export(tmp_path, "b", "阿强<script>", {"shop/hi": 1}, 0)
    data = json.loads(a.read_text(encoding="utf-8"))
    assert data["format"] == "quickreply-stats" and "text" not in json.dumps(data["replies"])
    report = merge_exports([load_export(a), load_export(b), load_export(a)])
    assert len(report.agents) == 2  # the same file twice counts once
    assert report.most_used[:2] == [("shop/hi", "问候", 4), ("shop/ship", "发货", 1)]
    assert report.never_used == [("shop/never", "<从没用过>")]
    assert report.catches == [("no-wechat", "", 2)]
    assert report.saved_per_agent == [("小美", 240.0, 4), ("阿强<script>", 60.0, 1)]
    page = render_report(report)
    assert page.count("<svg") == 3 and "<script" not in page.lower().replace("&lt;script", "")
    assert "阿强&lt;script&gt;" in page and "&lt;从没用过&gt;" in page
    assert not re.search(r"(src|href)=\"https?:", page)  # nothing fetched
    assert "每位客服节省的时间" in page and "4 分钟" in page  # 240 s
    english = render_report(report, "en")
    assert "Time saved per agent" in english and "4 min" in english and "节省" not in english


def test_broken_exports_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ExportError, match=r"bad\.json: not a stats file"):
        load_export(bad)
    other = tmp_path / "other.json"
    other.write_text('{"format": "x"}', encoding="utf-8")
    with pytest.raises(ExportError, match="quickreply stats export"):
        load_export(other)
    damaged = tmp_path / "damaged.json"
    damaged.write_text('{"format": "quickreply-stats", "replies": [{"x": 1}]}', encoding="utf-8")
    with pytest.raises(ExportError, match="damaged"):
        load_export(damaged)


def test_cli_stats_formats_export_and_merge(tmp_path: Path) -> None:
    with UsageStore() as store:
        store.record("builtin.logistics/ship-time-1", when=1_800_000_000.0, chars=120)
        store.record_catches(["no-wechat"], when=1_800_000_000.0)
    table = run_cli("stats")
    assert table.returncode == 0, table.stderr
    assert "120 字 / characters" in table.stdout
    assert "省下约 2 分钟" in table.stdout  # 120 characters at 50 a minute
    as_csv = run_cli("stats", "--format", "csv")
    assert as_csv.stdout.splitlines()[0] == "id,title,count,last_used,chars,seconds_saved"
    assert (
        as_csv.stdout.splitlines()[1].endswith(",1,2027-01-15T08:00:00,120,144.0")
        or ",120,144.0" in as_csv.stdout
    )
    since = run_cli("stats", "--since", "2030-01-01", "--format", "json")
    assert json.loads(since.stdout) == []
    bad = run_cli("stats", "--since", "yesterday")
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr

    export = tmp_path / "pc1.json"
    result = run_cli("stats", "export", str(export))
    assert result.returncode == 0, result.stderr
    assert json.loads(export.read_text(encoding="utf-8"))["replies"][0]["chars"] == 120
    out = tmp_path / "report.html"
    merged = run_cli("stats", "merge", str(export), str(export), "--out", str(out))
    assert merged.returncode == 0, merged.stderr
    assert "1 agents, 1 uses" in merged.stdout
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    broken = run_cli("stats", "merge", str(tmp_path / "missing.json"), "--out", str(out))
    assert broken.returncode == 1 and "missing.json: cannot read" in broken.stderr
