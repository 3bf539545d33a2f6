"""Import and export: Qianniu's quick-phrase CSV, a plain CSV, JSON; merging into the personal pack."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from quickreply.core.exchange import (
    detect_format,
    export_bytes,
    merge_into_personal,
    merge_replies,
    new_pack,
    qianniu,
    read_file,
)
from quickreply.core.library import load_personal, upsert_personal_reply
from quickreply.core.model import Reply
from quickreply.core.packs import check_text, dumps_pack
from tests.conftest import run_cli

DATA = Path(__file__).resolve().parent / "data" / "exchange"
GBK = DATA / "qianniu-gb18030.csv"
BOM = DATA / "qianniu-utf8-bom.csv"


def _rows(data: bytes, encoding: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def test_qianniu_gb18030_rows_become_replies() -> None:
    result = read_file(GBK)
    assert result.format == "qianniu" and result.encoding == "gb18030"
    assert result.problems == []
    by_code = {r.codes[0] if r.codes else r.id: r for r in result.replies}
    assert len(result.replies) == 6
    bargain = by_code["kj1"]
    # quoted, multi-line, commas and doubled quotes inside; CRLF becomes LF
    assert bargain.text == (
        '亲，这款已经是活动价了，"实在"让不了哦，\n不过可以送您一张5元店铺券，下单前领取就行～'
    )
    assert bargain.scenario == "议价" and bargain.id == "kj1"
    assert bargain.title.endswith("…") and len(bargain.title) == 20
    assert by_code["th"].scenario == "售后/退换"
    # an empty group stays at the top level; Qianniu has no blanks, so braces are literal
    no_code = next(r for r in result.replies if not r.codes and "订单号" in r.text)
    assert no_code.scenario == "" and "{{订单号}}" in no_code.text
    assert by_code["emo"].text.endswith("🌸😊")


def test_qianniu_utf8_bom_with_the_older_header_and_an_empty_phrase() -> None:
    result = read_file(BOM)
    assert result.format == "qianniu" and result.encoding == "utf-8-sig"
    assert [r.codes for r in result.replies] == [("dd",), ("cm",), ("bye",)]
    assert result.replies[1].text == "亲，身高165体重50kg左右，建议拿M码，\n偏瘦的话S码也可以哦"
    [problem] = result.problems
    assert (
        problem.line == 6 and problem.level == "warning" and "快捷短语 is empty" in problem.message
    )
    assert str(problem).startswith(f"{BOM}:6:1: warning")


def test_line_numbers_count_multi_line_records(tmp_path: Path) -> None:
    path = tmp_path / "qn.csv"
    text = '快捷短语编码,快捷短语,快捷短语分组\n a,"一\n二\n三",g\nb,,g\n'
    path.write_bytes(text.encode("gb18030"))
    [problem] = read_file(path).problems
    assert problem.line == 5  # the empty phrase's row, after a three-line record


def test_import_then_export_gives_the_same_rows() -> None:
    for source in (GBK, BOM):
        result = read_file(source)
        pack = new_pack(result.replies, "imported", "导入")
        out = export_bytes(pack, "qianniu")
        rows = _rows(out, "gb18030")
        assert rows[0] == ["快捷短语编码", "快捷短语", "快捷短语分组"]
        original = [
            [c.replace("\r\n", "\n").strip() for c in row]
            for row in _rows(
                source.read_bytes().removeprefix(b"\xef\xbb\xbf"),
                "gb18030" if source == GBK else "utf-8",
            )[1:]
            if any(c.strip() for c in row) and row[1].strip()
        ]
        assert rows[1:] == original
    assert export_bytes(pack, "qianniu").count(b"\r\n") >= len(rows)  # CRLF records


def test_export_writes_gb18030_with_the_exact_header(tmp_path: Path) -> None:
    pack = new_pack([Reply(id="a", title="t", text="亲，{{在}}的😊", codes=("zz", "z2"))], "p", "p")
    data = export_bytes(pack, "qianniu")
    assert data.startswith("快捷短语编码,快捷短语,快捷短语分组\r\n".encode("gb18030"))
    assert _rows(data, "gb18030")[1] == ["zz", "亲，{在}的😊", ""]  # the first code only


def test_imported_qianniu_pack_passes_the_pack_check() -> None:
    pack = new_pack(read_file(GBK).replies, "team.qn", "千牛导入")
    result = check_text(dumps_pack(pack))
    assert result.ok, [str(p) for p in result.problems]
    assert len(result.pack.replies) == 6  # type: ignore[union-attr]


def test_generic_csv_columns_blanks_and_problems() -> None:
    result = read_file(DATA / "generic.csv")
    assert result.format == "csv"
    size, ship = result.replies
    assert size.title == "尺码建议" and size.text == "亲，身高{身高}cm的话建议选{尺码:M|L|XL}码"
    assert size.codes == ("cm", "cm2") and size.tags == ("尺码", "推荐")
    assert size.scenario == "售前/尺码" and ship.codes == ("fh",)
    levels = [(p.line, p.level) for p in result.problems]
    assert levels == [(4, "error"), (5, "warning")]  # a broken blank; an empty text
    assert "{{" in result.problems[0].message  # says how to write a literal brace


def test_generic_csv_round_trip_keeps_every_field() -> None:
    replies = read_file(DATA / "generic.csv").replies
    pack = new_pack(replies, "x", "x")
    again = read_file_bytes(export_bytes(pack, "csv"), "csv")
    assert [(r.id, r.title, r.text, r.scenario, r.codes, r.tags) for r in again] == [
        (r.id, r.title, r.text, r.scenario, r.codes, r.tags) for r in replies
    ]


def read_file_bytes(data: bytes, fmt: str) -> list[Reply]:
    from quickreply.core.exchange import read_bytes

    result = read_bytes(data, "<mem>", fmt)  # type: ignore[arg-type]
    assert not result.errors
    return result.replies


def test_json_reply_list_and_pack_round_trip() -> None:
    result = read_file(DATA / "replies.json")
    assert result.format == "json" and not result.problems
    first, second = result.replies
    assert first.codes == ("cf",) and first.scenario == "催付"
    assert second.title == "亲，已经帮您备注好了，放心哦😊" and second.tags == ("备注",)
    pack = new_pack(result.replies, "j", "j")
    data = json.loads(export_bytes(pack, "json"))
    assert data["pack"]["id"] == "j" and data["reply"][0]["text"].startswith("亲，您拍下")
    assert read_file_bytes(export_bytes(pack, "json"), "json") == list(pack.replies)


def test_json_errors_say_where(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"title": "x", "text": "y"},\n  {"title": 3}]', encoding="utf-8")
    problems = read_file(bad).problems
    assert problems and all(p.level == "error" for p in problems)
    broken = tmp_path / "broken.json"
    broken.write_text('{"a": 1,\n', encoding="utf-8")
    [problem] = read_file(broken).problems
    assert problem.line == 2 and "JSON syntax" in problem.message


def test_detect_format_by_name_and_header(tmp_path: Path) -> None:
    assert detect_format(GBK, GBK.read_bytes()) == "qianniu"
    assert detect_format(BOM, BOM.read_bytes()) == "qianniu"
    assert detect_format(DATA / "generic.csv", (DATA / "generic.csv").read_bytes()) == "csv"
    assert detect_format(Path("x.txt"), b'[{"text": "a"}]') == "json"
    assert detect_format(Path("team.toml"), b"format = 1") == "toml"
    renamed = tmp_path / "导出.txt"
    renamed.write_bytes(GBK.read_bytes())
    assert detect_format(renamed, renamed.read_bytes()) == "qianniu"


def test_not_a_qianniu_file_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    result = qianniu.read(path.read_bytes(), str(path))
    assert not result.replies and "快捷短语编码,快捷短语,快捷短语分组" in result.problems[0].message


@pytest.mark.parametrize(
    ("policy", "expected_text", "ids"),
    [
        ("skip", "我的版本", ["kj1"]),
        ("overwrite", "文件里的版本", ["kj1"]),
        ("keep-both", "我的版本", ["kj1", "kj1-2"]),
    ],
)
def test_merge_policies(policy: str, expected_text: str, ids: list[str]) -> None:
    upsert_personal_reply(Reply(id="kj1", title="议价", text="我的版本", codes=("kj1",)))
    incoming = [Reply(id="kj1", title="议价", text="文件里的版本", codes=("kj1",))]
    summary = merge_into_personal(incoming, policy)  # type: ignore[arg-type]
    personal = load_personal()
    assert [r.id for r in personal.replies] == ids
    assert personal.reply("kj1").text == expected_text  # type: ignore[union-attr]
    moved = summary.skipped + summary.overwritten + summary.kept_both
    assert len(moved) == 1


def test_merge_never_adds_the_same_reply_twice() -> None:
    replies = read_file(GBK).replies
    first = merge_into_personal(replies)
    assert len(first.added) == 6
    second = merge_into_personal(replies)
    assert second.added == [] and len(second.unchanged) == 6
    pack, summary = merge_replies(load_personal(), replies, "keep-both")
    assert len(pack.replies) == 6 and summary.kept_both == []


def test_cli_import_merges_and_out_writes_a_checked_pack(tmp_path: Path) -> None:
    merged = run_cli("import", str(GBK))
    assert merged.returncode == 0, merged.stderr
    assert "qianniu (gb18030), 6 replies read: 6 added" in merged.stdout
    assert len(load_personal().replies) == 6
    out = tmp_path / "team.toml"
    written = run_cli("import", str(BOM), "--out", str(out), "--pack-id", "team.qn")
    assert written.returncode == 0, written.stderr
    assert "qianniu-utf8-bom.csv:6:1: warning" in written.stderr
    check = run_cli("pack", "check", str(out))
    assert check.returncode == 0, check.stderr
    assert "team.qn 1.0.0, 3 replies" in check.stdout


def test_cli_import_of_broken_rows_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,text\n坏,亲{没闭合\n", encoding="utf-8")
    result = run_cli("import", str(path))
    assert result.returncode == 1
    assert f"{path}:2:1: error" in result.stderr and "Traceback" not in result.stderr
    assert not (Path(run_home()) / "personal.toml").exists()


def run_home() -> str:
    import os

    return os.environ["QUICKREPLY_HOME"]


def test_cli_export_every_format(tmp_path: Path) -> None:
    run_cli("import", str(GBK))
    for fmt in ("qianniu", "csv", "json", "toml"):
        out = tmp_path / f"mine.{fmt}"
        result = run_cli("export", "personal", "--format", fmt, "--out", str(out))
        assert result.returncode == 0, result.stderr
        assert f"as {fmt} (6 replies)" in result.stdout
    assert _rows((tmp_path / "mine.qianniu").read_bytes(), "gb18030")[0][0] == "快捷短语编码"
    again = run_cli("import", str(tmp_path / "mine.qianniu"), "--format", "qianniu")
    assert "6 already there" in again.stdout
    missing = run_cli("export", "no.such.pack", "--out", str(tmp_path / "x.csv"))
    assert missing.returncode == 1 and "neither a pack file" in missing.stderr
    usage = run_cli("export", "personal")
    assert usage.returncode == 2


def test_files_that_are_not_csv_are_told_apart(tmp_path: Path) -> None:
    xlsx = tmp_path / "快捷短语.xlsx"
    xlsx.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    [problem] = read_file(xlsx).problems
    assert "Excel workbook" in problem.message and "CSV UTF-8" in problem.message
    runaway = tmp_path / "quote.csv"  # a quote never closed swallows the rest of the file
    runaway.write_bytes(
        ('快捷短语编码,快捷短语,快捷短语分组\na,"' + "长" * 1_100_000 + "\n").encode("gb18030")
    )
    [problem] = read_file(runaway).problems
    assert problem.line == 2 and "check its quotes" in problem.message
    nul = tmp_path / "nul.csv"
    nul.write_bytes("快捷短语编码,快捷短语,快捷短语分组\na,亲\x00在的,\n".encode("gb18030"))
    result = read_file(nul)
    assert [r.text for r in result.replies] == ["亲在的"] and not result.problems
    cli = run_cli("import", str(xlsx))
    assert cli.returncode == 1 and "Excel workbook" in cli.stderr and "Traceback" not in cli.stderr
