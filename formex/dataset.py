"""Write and read the Parquet dataset: one folder per table, hive-partitioned by year.

The `year` column lives in the partition path only (`year=2026/`, `year=__unknown__/`),
so pandas, pyarrow, DuckDB and Spark all read a table folder whole without a clash
between a file column and a partition key. Each document's rows go to one file per
table, named by its doc_id, so re-running over
an output folder replaces a document's rows instead of adding them twice. Files are
written under a temporary name and renamed into place, so a crash never leaves half a
file where a reader would find it.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.tables import PARTITION_COLUMN, TABLE_NAMES, TABLE_SCHEMAS, file_schema

UNKNOWN_YEAR = "__unknown__"
SORT_KEYS = {"documents": ["doc_id"], "forms": ["doc_id"], "tasks": ["doc_id", "seq"],
             "indicators": ["doc_id", "seq"], "issues": ["doc_id", "seq"]}


def partition_name(year: int | None) -> str:
    return f"year={UNKNOWN_YEAR if year is None else year}"


def remove_document(out: Path, table: str, doc_id: str) -> None:
    for old in (out / table).glob(f"year=*/{doc_id}.parquet"):
        old.unlink()


def write_document(out: Path, doc_id: str, year: int | None, tables: dict[str, list[dict]]) -> None:
    """Replace one document's rows in every table of the dataset at `out`."""
    for table in TABLE_NAMES:
        remove_document(out, table, doc_id)
        rows = tables.get(table) or []
        if not rows:
            continue
        folder = out / table / partition_name(year)
        folder.mkdir(parents=True, exist_ok=True)
        arrow = pa.Table.from_pylist(rows, schema=file_schema(table))
        tmp = folder / f".{doc_id}.parquet.tmp"
        pq.write_table(arrow, tmp)
        os.replace(tmp, folder / f"{doc_id}.parquet")


def read_table(out: Path | str, table: str) -> pd.DataFrame:
    """One table of a dataset as a DataFrame, in key order. `year` comes from the files."""
    folder = Path(out) / table
    schema = TABLE_SCHEMAS[table]
    if not folder.is_dir() or not any(folder.glob("year=*/*.parquet")):
        return schema.empty_table().to_pandas()
    partitioning = ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.string())]), flavor="hive")
    files = sorted(str(p) for p in folder.glob("year=*/*.parquet"))
    scan_schema = file_schema(table).append(pa.field(PARTITION_COLUMN, pa.string()))
    arrow = ds.dataset(files, schema=scan_schema, format="parquet", partitioning=partitioning,
                       partition_base_dir=str(folder)).to_table()
    years = [int(y) if y not in (None, UNKNOWN_YEAR) else None
             for y in arrow.column(PARTITION_COLUMN).to_pylist()]
    arrow = arrow.set_column(arrow.schema.get_field_index(PARTITION_COLUMN), PARTITION_COLUMN,
                             pa.array(years, pa.int16()))
    frame = arrow.select(schema.names).cast(schema).to_pandas()
    return frame.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)


def read_dataset(out: Path | str) -> dict[str, pd.DataFrame]:
    return {table: read_table(out, table) for table in TABLE_NAMES}
