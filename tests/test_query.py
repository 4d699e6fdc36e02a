"""`formex query`: DuckDB views over the committed files, typed as the contract says."""
from __future__ import annotations

import shutil

import pyarrow.parquet as pq
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.manifest import load_manifest
from formex.query import connect
from tests.conftest import write_forms
from tests.test_batch import extract


def dataset(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 3, years=(2025, 2026))
    (inputs / "broken.txt").write_bytes(b"\x00 not a form")
    out = tmp_path / "out"
    extract(inputs, out)
    return out


def test_views_see_committed_files_only_with_the_contract_columns(tmp_path):
    out = dataset(tmp_path)
    committed = load_manifest(out).table_files("indicators")[0]
    shutil.copy(out / committed, out / "indicators" / "year=2026" / "part-999999-0001.parquet")  # a stray file
    con = connect(out)
    assert con.execute("select count(*) from indicators").fetchone()[0] == 3 * 83
    year_type, unknown = con.execute("select typeof(year), count(*) filter (where year is null) from documents "
                                     "group by 1").fetchone()
    assert (year_type, unknown) == ("SMALLINT", 1)
    assert con.sql("select * from documents").columns == list(read(out)["documents"].columns)
    assert con.execute("select count(*) from tasks where doc_id in (select doc_id from documents "
                       "where status = 'failed')").fetchone()[0] == 0


def test_query_prints_a_table_or_writes_csv_and_parquet(tmp_path):
    out = dataset(tmp_path)
    shown = CliRunner().invoke(app, ["query", str(out), "select status, count(*) as n from documents group by 1 "
                                                        "order by 1"])
    assert shown.exit_code == 0, shown.output
    assert "failed" in shown.output and "ok" in shown.output
    for suffix in ("csv", "parquet"):
        target = tmp_path / f"levels.{suffix}"
        result = CliRunner().invoke(app, ["query", str(out), "select level2, count(*) as n from indicators "
                                                             "group by 1", "--to", str(target)])
        assert result.exit_code == 0, result.output
    assert pq.read_table(tmp_path / "levels.parquet").column("n").to_pylist() != []
    assert (tmp_path / "levels.csv").read_text(encoding="utf-8").startswith("level2,n\n")


def test_bad_sql_and_bad_output_files_are_usage_errors(tmp_path):
    out = dataset(tmp_path)
    bad = CliRunner().invoke(app, ["query", str(out), "select * from nowhere"])
    assert bad.exit_code == 2 and "nowhere" in bad.stderr
    wrong = CliRunner().invoke(app, ["query", str(out), "select 1", "--to", str(tmp_path / "x.xlsx")])
    assert wrong.exit_code == 2 and ".csv or .parquet" in wrong.stderr


def test_an_empty_table_is_an_empty_view(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "broken.txt").write_bytes(b"\x00 not a form")
    extract(inputs, tmp_path / "out")
    con = connect(tmp_path / "out")
    assert con.execute("select count(*) from indicators").fetchone()[0] == 0
    assert "target_value" in con.sql("select * from indicators").columns
