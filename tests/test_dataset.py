"""The written dataset: Arrow schemas, readers (pandas, pyarrow, DuckDB), idempotence."""
from __future__ import annotations

import duckdb
import pyarrow.parquet as pq
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.schemas.tables import TABLE_NAMES, file_schema
from tests.conftest import SEED


def test_every_file_matches_its_arrow_schema(seed_dataset):
    files = list(seed_dataset.rglob("*.parquet"))
    assert {f.parts[-3] for f in files} == set(TABLE_NAMES)
    for file in files:
        table = file.parts[-3]
        assert file.parent.name == "year=2026"
        assert pq.read_schema(file).remove_metadata().equals(file_schema(table)), file


def test_duckdb_reads_every_table_whole(seed_dataset):
    expected = {"documents": 1, "forms": 1, "tasks": 7, "indicators": 83}
    for table in TABLE_NAMES:
        glob = str(seed_dataset / table / "**" / "*.parquet")
        n, years = duckdb.connect().execute(f"select count(*), count(distinct year) from "
                              f"read_parquet('{glob}', hive_partitioning=true)").fetchone()
        assert years == 1
        if table in expected:
            assert n == expected[table]


def test_pandas_reads_the_dataset_folder(seed_dataset):
    import pandas as pd

    frame = pd.read_parquet(seed_dataset / "forms")
    assert frame.loc[0, "unit_name"] == "上海市闵行区虹桥镇社区事务受理服务中心"
    assert int(frame.loc[0, "year"]) == 2026


def test_rerun_adds_nothing_twice(tmp_path):
    out = tmp_path / "out"
    for _ in range(2):
        assert CliRunner().invoke(app, ["extract", str(SEED), "--out", str(out)]).exit_code == 0
    tables = read(out)
    assert len(tables["documents"]) == 1 and len(tables["indicators"]) == 83


def test_same_input_same_rows_across_processes(tmp_path):
    """Two processes with different hash seeds write identical tables."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}"
        subprocess.run([sys.executable, "-c", "from formex.cli import main; main()", "extract",
                        str(SEED), "--out", str(out)], check=True, capture_output=True,
                       env={**os.environ, "PYTHONHASHSEED": seed})
        outs.append(read(out))
    assert len(outs[0]["indicators"]) == 83
    for table in TABLE_NAMES:
        assert outs[0][table].equals(outs[1][table]), table
