"""The written dataset: Arrow schemas, readers (pandas, pyarrow, DuckDB), idempotence."""
from __future__ import annotations

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.schemas.tables import TABLE_NAMES, TABLE_SCHEMAS, file_schema
from tests.conftest import SEED, SEED_FILE


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


def mixed_dataset(tmp_path):
    """The seed plus a failed document (no year) and a form with no year (partial)."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = SEED_FILE.read_text(encoding="utf-8")
    (inputs / "seed.txt").write_text(text, encoding="utf-8")
    (inputs / "broken.txt").write_bytes(b"\x00\x01 not a form")
    (inputs / "no-year.txt").write_text(text.replace("(2026年度)", "").replace("2026年", ""), encoding="utf-8")
    out = tmp_path / "out"
    assert CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)]).exit_code == 1  # one failed
    return out


def test_integer_columns_stay_integers_with_a_failed_document(tmp_path):
    tables = read(mixed_dataset(tmp_path))
    docs = tables["documents"].set_index("source_path")
    assert docs.loc["broken.txt", "status"] == "failed"
    assert docs["year"].isna().sum() >= 1 and docs.loc["seed.txt", "year"] == 2026
    for table, frame in tables.items():
        for column, dtype in frame.dtypes.items():
            assert str(dtype) != "float64" or pa.types.is_floating(TABLE_SCHEMAS[table].field(column).type), \
                (table, column, dtype)   # only the contract's float columns, never an int made float
    assert str(docs["year"].dtype) == "Int16" and str(docs["n_indicators"].dtype) == "Int32"
    assert str(tables["forms"]["staff_count"].dtype) == "Int32"
    assert str(tables["indicators"]["target_scale"].dtype) == "Int8"


def test_year_is_an_integer_in_every_reader_with_a_failed_document(tmp_path):
    import pandas as pd
    import pyarrow.dataset as ds

    out = mixed_dataset(tmp_path)
    arrow = ds.dataset(out / "documents", partitioning="hive").to_table()
    assert pa.types.is_integer(arrow.schema.field("year").type)
    assert sorted(arrow.column("year").to_pylist(), key=str) == [2026, None, None]
    frame = pd.read_parquet(out / "documents", dtype_backend="numpy_nullable",
                            partitioning=ds.HivePartitioning.discover(infer_dictionary=False))
    assert str(frame["year"].dtype).startswith("Int") and frame["year"].isna().sum() == 2
    glob = str(out / "documents" / "**" / "*.parquet")
    kind, nulls = duckdb.connect().execute(
        f"select typeof(year), count(*) filter (where year is null) from "
        f"read_parquet('{glob}', hive_partitioning=true) group by 1").fetchone()
    assert kind in ("BIGINT", "INTEGER") and nulls == 2


def test_datasets_written_by_schema_1_0_still_read(tmp_path):
    import shutil

    out = mixed_dataset(tmp_path)
    shutil.rmtree(out / "_formex")   # formex 0.2 wrote no manifest: every file is read
    for table_folder in out.iterdir():
        null_part = table_folder / "year=__HIVE_DEFAULT_PARTITION__"
        if null_part.exists():
            null_part.rename(table_folder / "year=__unknown__")
    docs = read(out)["documents"]
    assert str(docs["year"].dtype) == "Int16" and docs["year"].isna().sum() == 2
