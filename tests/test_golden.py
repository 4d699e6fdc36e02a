"""Every sample under samples/ is extracted through the CLI and compared, table by table
and column by column, with the expected files written by hand from its document."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from formex.cli import app
from formex.evaluate import evaluate, find_gold_samples
from tests.conftest import SAMPLES, SEED

SAMPLE_DIRS = find_gold_samples(SAMPLES)


def mismatch_lines(report) -> str:
    return "\n".join(f"{m.table} row {m.row} {m.column}: expected {m.expected!r}, got {m.got!r}"
                     for m in report.mismatches[:40])


@pytest.mark.parametrize("sample", SAMPLE_DIRS, ids=[p.name for p in SAMPLE_DIRS])
def test_sample_matches_golden(sample, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(sample), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = evaluate(out, sample)
    assert report.tables, "the sample has no expected files"
    assert not report.mismatches, mismatch_lines(report)


def test_seed_golden_covers_every_table():
    names = {p.stem for p in (SEED / "expected").iterdir()}
    assert names == {"documents", "forms", "tasks", "indicators", "issues"}


def test_seed_counts(seed_dataset):
    from formex import read

    tables = read(seed_dataset)
    form = tables["forms"].iloc[0]
    assert form["year"] == 2026 and len(form["responsibilities"]) == 10
    assert len(tables["tasks"]) == 7 and len(tables["indicators"]) == 83
    counts = tables["indicators"]["level2"].value_counts().to_dict()
    assert counts["数量指标"] == 15 and counts["质量指标"] == 15 and counts["时效指标"] == 14
    assert counts["社会效益指标"] == 22 and counts["可持续影响指标"] == 4
    assert counts["服务对象满意度指标"] == 4
    assert (tables["indicators"]["level1"] == "投入管理指标").sum() == 7
    assert tables["indicators"]["target_raw"].notna().sum() == 76
