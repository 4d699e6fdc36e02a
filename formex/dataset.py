"""Write and read the Parquet dataset: one folder per table, hive-partitioned by year.

The `year` column lives in the partition path only (`year=2026/`), so pandas, pyarrow,
DuckDB and Spark all read a table folder whole without a clash between a file column and
a partition key. A document without a year goes to `year=__HIVE_DEFAULT_PARTITION__/`,
the Hive convention for a null partition value: pyarrow datasets, DuckDB and Spark read it
as a null integer, so `year` stays an integer column whatever the dataset holds. Each document's rows go to one file per
table, named by its doc_id, so re-running over an output folder replaces a document's
rows instead of adding them twice.

Replacing a document is ordered so that a crash at any point leaves either its old rows
or its new rows in each table, never a table without them: every new file is first
written under a temporary name, then renamed into place (the `documents` file last, as
the commit mark), and only then are the document's stale files in other partitions
removed.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from formex.schemas.tables import PARTITION_COLUMN, TABLE_NAMES, TABLE_SCHEMAS, file_schema

UNKNOWN_YEAR = "__HIVE_DEFAULT_PARTITION__"
LEGACY_UNKNOWN_YEARS = frozenset({"__unknown__"})   # schema 1.0 wrote this; still read as null

# Arrow integer types -> pandas' nullable integers, so a null does not turn a column float64.
NULLABLE_INTEGERS = {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(),
                     pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
SORT_KEYS = {"documents": ["doc_id"], "forms": ["doc_id"], "tasks": ["doc_id", "seq"],
             "indicators": ["doc_id", "seq"], "issues": ["doc_id", "seq"]}


def partition_name(year: int | None) -> str:
    return f"year={UNKNOWN_YEAR if year is None else year}"


def rows_to_arrow(tables: dict[str, list[dict]]) -> dict[str, pa.Table]:
    """Each table's rows as Arrow, in the file schema. Raises when a value does not fit
    its column (the runner turns that into a failed document)."""
    return {table: pa.Table.from_pylist(tables[table], schema=file_schema(table))
            for table in TABLE_NAMES if tables.get(table)}


def write_document(out: Path, doc_id: str, year: int | None, arrow: dict[str, pa.Table],
                   replaces: tuple[str, ...] = ()) -> None:
    """Replace one document's rows in every table of the dataset at `out`, and drop the
    rows of the documents it `replaces` (a failed read of the same path)."""
    partition = partition_name(year)
    placed: list[tuple[Path, Path]] = []
    for table in sorted(arrow, key=lambda t: t == "documents"):  # documents last
        folder = out / table / partition
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{doc_id}.parquet.tmp"
        pq.write_table(arrow[table], tmp)
        placed.append((tmp, folder / f"{doc_id}.parquet"))
    for tmp, final in placed:
        os.replace(tmp, final)
    keep = {final for _, final in placed}
    for table in TABLE_NAMES:
        for old_id in (doc_id, *replaces):
            for old in (out / table).glob(f"year=*/{old_id}.parquet"):
                if old not in keep:
                    old.unlink()


def read_table(out: Path | str, table: str) -> pd.DataFrame:
    """One table of a dataset as a DataFrame, in key order. `year` comes from the files."""
    folder = Path(out) / table
    schema = TABLE_SCHEMAS[table]
    if not folder.is_dir() or not any(folder.glob("year=*/*.parquet")):
        return arrow_to_frame(schema.empty_table(), table)
    partitioning = ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.string())]), flavor="hive")
    files = sorted(str(p) for p in folder.glob("year=*/*.parquet"))
    scan_schema = file_schema(table).append(pa.field(PARTITION_COLUMN, pa.string()))
    arrow = ds.dataset(files, schema=scan_schema, format="parquet", partitioning=partitioning,
                       partition_base_dir=str(folder)).to_table()
    years = [None if y is None or y == UNKNOWN_YEAR or y in LEGACY_UNKNOWN_YEARS else int(y)
             for y in arrow.column(PARTITION_COLUMN).to_pylist()]
    arrow = arrow.set_column(arrow.schema.get_field_index(PARTITION_COLUMN), PARTITION_COLUMN,
                             pa.array(years, pa.int16()))
    return arrow_to_frame(arrow.select(schema.names).cast(schema), table)


def arrow_to_frame(arrow: pa.Table, table: str) -> pd.DataFrame:
    """A table's rows as a DataFrame in key order; integer columns stay integers
    (pandas' nullable Int16/Int32) even where they hold nulls."""
    frame = arrow.to_pandas(types_mapper=NULLABLE_INTEGERS.get)
    return frame.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)


def read_dataset(out: Path | str) -> dict[str, pd.DataFrame]:
    return {table: read_table(out, table) for table in TABLE_NAMES}
