"""`formex show` and `formex explain` through the CLI (CliRunner): readable in 80
columns, targets written from their typed fields, JSON that round-trips, and nothing
from a document able to inject markup or escape sequences into the terminal."""
from __future__ import annotations

import datetime
import json

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from formex.cli import app
from formex.evaluate import find_gold_samples
from formex.schemas.tables import TABLE_NAMES, TABLE_SCHEMAS
from formex.terminal import format_target, safe_text
from tests.conftest import SAMPLES, SEED_FILE

SAMPLE_FILES = sorted(f for d in find_gold_samples(SAMPLES) for f in d.iterdir() if f.is_file())
SEED_SHOW_MAX_LINES = 200   # 188 when written; the table view took 1,027


def run(*args: str, columns: int = 80) -> str:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    return result.output


def assert_fits(output: str, columns: int = 80) -> None:
    too_wide = [line for line in output.splitlines() if cell_len(line) > columns]
    assert not too_wide, too_wide[:3]


# ---------------------------------------------------------------- show, text
def test_show_seed_is_a_compact_tree_in_80_columns():
    output = run("show", str(SEED_FILE))
    assert_fits(output)
    lines = output.splitlines()
    assert 100 < len(lines) <= SEED_SHOW_MAX_LINES
    text = "\n".join(line.rstrip() for line in lines)
    assert "budget_total          234,962,720.00元" in text
    assert "  budget_basic            6,479,520.00元" not in text   # amounts right-aligned together
    assert "budget_basic            6,479,520.00元" in text
    # level 1 > level 2 > indicator with its target and line, in the form's order
    order = [text.index(s) for s in ("\n产出指标\n", "\n  数量指标\n", "民政服务计划完成情况",
                                     "\n  质量指标\n", "\n效益指标\n", "\n  社会效益指标")]
    assert order == sorted(order)
    row = next(line for line in lines if "提高优抚补助对象收入水平" in line)
    assert row.split() == ["提高优抚补助对象收入水平", "≥95%", "line", "84"]
    row = next(line for line in lines if "各类社会保障补贴计划发放数" in line)
    assert row.split() == ["各类社会保障补贴计划发放数", "350万", "?", "line", "40"]
    assert "  经济效益指标  —" in text


def test_show_issues_are_sentences_without_flag_names():
    output = run("show", str(SEED_FILE))
    issues = " ".join(output[output.index("issues (4)"):].split())
    assert "line 40 target '=350.00(万)' of '各类社会保障补贴计划发放数' is incomplete: a scale word" in issues
    assert "scale_only_unit" not in output and "garbage_prefix" not in output


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_show_and_explain_fit_80_columns_on_every_sample(path):
    assert_fits(run("show", str(path)))
    assert_fits(run("explain", str(path)))


def test_show_a_file_that_is_no_form(tmp_path, monkeypatch):
    letter = tmp_path / "letter.txt"
    letter.write_text("关于报送绩效目标的函\n请查收。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)   # a file given directly is recorded by the path given
    output = run("show", "letter.txt")
    assert output.startswith("letter.txt · text · no form recognised · failed · 0 indicators\n")
    assert "no known form found" in output
    unreadable = run("show", str(SAMPLES / ".." / "pyproject.toml"))
    assert "no form recognised · failed" in unreadable and "no reader for '.toml'" in unreadable


# ---------------------------------------------------------------- targets
@pytest.mark.parametrize("fields, expected", [
    ({"kind": "quantitative", "op": "eq", "value": 5000.0, "scale": 4, "unit": "元"}, "5000万元"),
    ({"kind": "quantitative", "op": "ge", "value": 95.0, "scale": 0, "unit": "%"}, "≥95%"),
    ({"kind": "quantitative", "op": "le", "value": 3.5, "scale": 0, "unit": "%"}, "≤3.5%"),
    ({"kind": "quantitative", "op": "gt", "value": 1.0, "scale": 4, "unit": "人次"}, ">1万人次"),
    ({"kind": "quantitative", "op": "range", "value": 60.0, "value_max": 70.0, "scale": 0, "unit": "%"},
     "60–70%"),
    # =350.00(万): a scale word and no unit; 剂次: a unit the vocabulary does not know
    ({"kind": "quantitative", "op": "eq", "value": 350.0, "scale": 4, "unit": None, "unit_raw": "万"}, "350万"),
    ({"kind": "quantitative", "op": "ge", "value": 18000.0, "scale": 0, "unit": None, "unit_raw": "剂次"},
     "≥18000剂次"),
    ({"kind": "quantitative", "op": "eq", "value": 100.0, "scale": 0, "unit": None, "unit_raw": None}, "100"),
    ({"kind": "deadline", "op": "le", "deadline": datetime.date(2026, 12, 31)}, "2026-12-31前"),
    ({"kind": "qualitative", "op": "none", "qual": "on_time"}, "on_time"),
    ({"kind": "qualitative", "op": "none", "qual": "other", "text": "持续完善"}, "'持续完善'"),
    ({"kind": "none", "op": "none", "raw": "无"}, "—"),
    ({"kind": "unknown", "op": "none", "raw": "#REF!", "text": "#REF!"}, "'#REF!'"),
    ({"kind": "unknown", "op": "none", "raw": "按照" * 20, "text": "按照" * 20}, "'" + "按照" * 11 + "按…'"),
])
def test_targets_are_written_from_their_typed_fields(fields, expected):
    assert format_target(fields) == expected


# ---------------------------------------------------------------- show, JSON
def test_show_json_is_the_five_tables_as_records():
    output = run("show", "--format", "json", str(SEED_FILE))
    assert output == run("show", "--format", "json", str(SEED_FILE))   # deterministic
    data = json.loads(output)
    assert list(data) == list(TABLE_NAMES)
    assert {name: len(rows) for name, rows in data.items()} == \
        {"documents": 1, "forms": 1, "tasks": 7, "indicators": 83, "issues": 4}
    for name in TABLE_NAMES:
        assert list(data[name][0]) == TABLE_SCHEMAS[name].names
    form = data["forms"][0]
    assert form["budget_total"] == "234962720.00" and form["staff_count"] == 13
    row = next(r for r in data["indicators"] if r["source_ref"] == "line 84")
    assert (row["target_op"], row["target_value"], row["target_unit"]) == ("ge", 95.0, "%")
    assert row["target_confidence"] == 1.0 and row["target_flags"] == ["latex"]
    assert row["actual_raw"] is None and row["level2_raw"] is None
    confidences = {r["target_confidence"] for r in data["indicators"]}
    assert 0.9 in confidences   # a float32 column written as 0.9, not 0.8999999761581421


def test_show_json_writes_dates_as_strings():
    path = SAMPLES / "blind-labels-on-own-lines"
    data = json.loads(run("show", "--format", "json", str(next(p for p in path.iterdir() if p.is_file()))))
    deadlines = [r["target_deadline"] for r in data["indicators"] if r["target_deadline"]]
    assert deadlines and all(datetime.date.fromisoformat(d) for d in deadlines)


# ---------------------------------------------------------------- explain
def test_explain_shows_cells_costs_and_choice():
    output = run("explain", str(SEED_FILE))
    assert_fits(output)
    block = output[output.index("line 82 "):output.index("line 83 ")]
    flat = " ".join(block.split())
    assert flat.startswith("line 82 产出指标 › 时效指标 (displaced)")
    assert "level 2 社会效益指标 · name 集体退休干部、党政退休干部补贴发放及时率 · target 百分百 → 100%" in flat
    # its label cannot apply above the 经济效益指标 entry: it moved to line 84, so no label cost
    assert "✓ 时效指标 +0.00 row 0.00" in flat
    moved = " ".join(output[output.index("line 84 "):output.index("line 85 ")].split())
    assert "level 2 (moved here) 社会效益指标" in moved
    entry = " ".join(output[output.index("line 83 "):output.index("line 84 ")].split())
    assert "the row states its category" in entry
    for ref in range(37, 116):
        if ref not in (41, 69, 94):   # lines of no indicator (a wrapped name, a header)
            assert f"\nline {ref} " in output, ref


def test_show_explain_is_explain():
    assert run("show", "--explain", str(SEED_FILE)) == run("explain", str(SEED_FILE))


def test_explain_json_has_every_row_with_its_candidates():
    data = json.loads(run("explain", "--format", "json", str(SEED_FILE)))
    assert data["status"] == "ok" and data["ordered"] and len(data["rows"]) == 83
    row = next(r for r in data["rows"] if r["source_ref"] == "line 82")
    assert row["cells"][0] == {"role": "level 2", "text": "社会效益指标"}
    chosen = row["candidates"][0]
    assert (chosen["level2"], chosen["extra"]) == ("时效指标", 0.0) and "label" not in chosen["parts"]
    moved = next(r for r in data["rows"] if r["source_ref"] == "line 84")
    assert {"role": "level 2 (moved here)", "text": "社会效益指标"} in moved["cells"]


def test_explain_a_file_that_is_no_form(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("关于报送绩效目标的函\n请查收。\n", encoding="utf-8")
    for path in (letter, SAMPLES / ".." / "pyproject.toml"):
        output = run("explain", str(path))
        assert "· failed · 0 indicator rows" in output and "no indicator rows to explain" in output


# ---------------------------------------------------------------- hostile text
HOSTILE_NAME = "[/bold]服装验收\x1b[31m合格率\x1b]8;;http://evil.example/\x1b\\"
HOSTILE_TARGET = "[red]=100.00(%)\x9b2J"
HOSTILE_UNIT = "上海市[bold]闵行区\x1b[2J虹桥镇社区事务受理服务中心\u202e"
# cell cleaning drops control characters and bidi overrides (schemas/text.yaml); raw keeps them
CLEAN_NAME = "[/bold]服装验收[31m合格率]8;;http://evil.example/\\"
CLEAN_UNIT = "上海市[bold]闵行区[2J虹桥镇社区事务受理服务中心"


@pytest.fixture(scope="module")
def hostile_file(tmp_path_factory):
    """The seed with markup, ANSI, OSC 8, C1 CSI and a bidi override in its cells."""
    text = SEED_FILE.read_text(encoding="utf-8")
    text = text.replace("\t服装验收合格率\t=100.00(%)", f"\t{HOSTILE_NAME}\t{HOSTILE_TARGET}")
    text = text.replace("上海市闵行区虹桥镇社区事务受理服务中心", HOSTILE_UNIT, 1)
    path = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", [["show"], ["explain"], ["show", "--format", "json"],
                                     ["explain", "--format", "json"]])
def test_document_text_cannot_reach_the_terminal_as_markup_or_escapes(hostile_file, command):
    output = run(*command, str(hostile_file))
    assert not set(output) & {"\x1b", "\x9b", "\u202e"}
    if "json" in command:
        return
    assert_fits(output)
    assert CLEAN_NAME in output
    if command == ["show"]:
        assert CLEAN_UNIT in output
    if command == ["explain"]:   # the raw target, with its C1 CSI, printed escaped
        assert "[red]=100.00(%)\\x9b2J" in output


def test_json_keeps_hostile_text_as_data(hostile_file):
    data = json.loads(run("show", "--format", "json", str(hostile_file)))
    row = next(r for r in data["indicators"] if r["source_ref"] == "line 57")
    assert (row["level3"], row["target_raw"]) == (CLEAN_NAME, HOSTILE_TARGET)
    assert data["forms"][0]["unit_name"] == CLEAN_UNIT


def test_safe_text_escapes_controls_but_not_chinese_spaces():
    assert safe_text("a\x00b\x07c\x7fd\x85e") == "a\\x00b\\x07c\\x7fd\\x85e"
    assert safe_text("完成\u3000率 100%") == "完成\u3000率 100%"
    assert safe_text(None) == "" and safe_text(float("nan")) == ""


def test_extract_summary_escapes_file_names(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "letter\x1b[31m.txt").write_text("关于报送绩效目标的函\n", encoding="utf-8")
    output = run("extract", str(folder), "--out", str(tmp_path / "out"), "--fail-on", "never", "--verbose")
    assert "failed: letter\\x1b[31m.txt: no known form found" in output and "\x1b" not in output
    assert "formex: failed failed: letter\\x1b[31m.txt" in output


def test_explain_says_when_the_order_fallback_placed_the_rows(tmp_path):
    head = SEED_FILE.read_text(encoding="utf-8").split("\n")[:29]   # up to the 绩效指标 header
    path = tmp_path / "reversed.txt"
    path.write_text("\n".join([*head, "产出指标\t质量指标\t\t", "产出指标\t数量指标\t\t"]), encoding="utf-8")
    output = run("explain", str(path))
    assert "The labels contradict the canonical order" in " ".join(output.split())
    assert "line 30  产出指标 › 质量指标" in output and "line 31  产出指标 › 数量指标" in output
    data = json.loads(run("explain", "--format", "json", str(path)))
    assert not data["ordered"] and [r["candidates"][0]["extra"] for r in data["rows"]] == [None, None]


def test_show_tables_prints_each_document_of_a_batch():
    import io

    from rich.console import Console

    from formex.api import extract_tables
    from formex.show import show_tables

    tables = extract_tables(SEED_FILE, SAMPLES / "labels-mid-block")
    console = Console(file=io.StringIO(), width=80, color_system=None)
    show_tables(tables, console)
    output = console.file.getvalue()
    assert_fits(output)
    assert "indicators (83)" in output and "indicators (34)" in output
    rows = {line.split()[0]: line.split()[1:] for line in output.splitlines() if "line " in line}
    assert rows["提高优抚补助对象收入水平"] == ["≥95%", "line", "84"]     # the seed
    assert rows["社区事务受理业务办件量"] == ["≥120000件", "line", "25"]  # the other document


def test_show_prints_the_policy_note_of_a_block_without_indicators():
    output = run("show", str(SEED_FILE))
    lines = [line.rstrip() for line in output.splitlines()]
    at = lines.index("  预算编审管理  —")
    assert lines[at + 1].strip() == "note: 根据沪财绩【2022】13号文的规定要求设置三级指标和指标值"
    assert sum("设置三级指标和指标值" in line for line in lines) == 1
