from __future__ import annotations

from typer.testing import CliRunner

from formex.cli import app
from tests.conftest import SEED, SEED_FILE


def test_show_prints_tables_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["show", str(SEED_FILE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "上海市闵行区虹桥镇社区事务受理服务中心" in result.output
    assert "indicators (83)" in result.output and "tasks (7)" in result.output
    assert list(tmp_path.iterdir()) == []


def test_eval_reports_f1_per_table_and_column(seed_dataset):
    result = CliRunner().invoke(app, ["eval", str(seed_dataset), "--gold", str(SEED)],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "per table" in result.output and "per column" in result.output
    indicator_line = next(line for line in result.output.splitlines()
                          if line.strip("│ ").startswith("indicators"))
    assert "1.0000" in indicator_line


def test_eval_counts_a_wrong_value(seed_dataset, tmp_path):
    import shutil

    gold = tmp_path / "gold"
    shutil.copytree(SEED, gold)
    csv_file = gold / "expected" / "indicators.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace("服装验收合格率", "服装验收合格"),
                        encoding="utf-8")
    from formex.evaluate import evaluate

    report = evaluate(seed_dataset, gold)
    counts = report.columns[("indicators", "level3")]
    assert (counts.tp, counts.fp, counts.fn) == (73, 1, 1)  # 74 names (the policy note is a note), one changed
    assert report.columns[("indicators", "level2")].f1 == 1.0


def test_eval_refuses_a_golden_column_the_table_does_not_have(seed_dataset, tmp_path):
    import shutil

    import pytest

    from formex.evaluate import evaluate

    gold = tmp_path / "gold"
    shutil.copytree(SEED, gold)
    csv_file = gold / "expected" / "indicators.csv"
    csv_file.write_text(csv_file.read_text(encoding="utf-8").replace(",level2,", ",levl2,", 1),
                        encoding="utf-8")
    with pytest.raises(ValueError, match="levl2"):
        evaluate(seed_dataset, gold)


def test_eval_pairs_rows_only_within_one_period():
    # a 年度 table and a 中期 table naming the same indicators: one name misread in the
    # 年度 table must cost that row alone, not pair the tables' rows across periods
    from formex.evaluate import align_rows

    names = ["培训人数", "验收合格率", "群众满意度"]
    gold = [{"period": period, "level3": name} for period in ("annual", "mid_term") for name in names]
    pred = [dict(row) for row in gold]
    pred[0] = {"period": "annual", "level3": "豪培训人数"}
    pairs = align_rows(gold, pred, "level3", "period")
    assert all(g is not None and p is not None and g["period"] == p["period"] for g, p in pairs)
    assert sum(g["level3"] != p["level3"] for g, p in pairs) == 1
    # a row read into the wrong period is missing from one table and extra in the other
    pred = [dict(row) for row in gold]
    pred[2] = {"period": "mid_term", "level3": "群众满意度"}
    pairs = align_rows(gold, pred, "level3", "period")
    assert not any(g is not None and p is not None and g["period"] != p["period"] for g, p in pairs)
