"""The Parquet dataset's layout, and reading it back.

One folder per table, hive-partitioned by year (`indicators/year=2026/part-….parquet`).
The `year` column lives in the partition path only, so pandas, pyarrow, DuckDB and Spark
all read a table folder without a clash between a file column and a partition key. A
document without a year goes to `year=__HIVE_DEFAULT_PARTITION__/`, the Hive convention
for a null partition value: pyarrow datasets, DuckDB and Spark read it as a null integer.

Rows are written in batches by `formex.committer`, and the manifest
(`_formex/manifest.json`, `formex.manifest`) lists the committed files. Readers here read
only those, so a run in progress, or one that was killed, is never half-visible. A folder
written by formex 0.2 (one file per document, no manifest) is still read by its files.
"""
from __future__ import annotations

from pathlib import Path

from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

from formex.manifest import Manifest, load_manifest

from formex.schemas.tables import PARTITION_COLUMN, TABLE_NAMES, TABLE_SCHEMAS, file_schema

UNKNOWN_YEAR = "__HIVE_DEFAULT_PARTITION__"
LEGACY_UNKNOWN_YEARS = frozenset({"__unknown__"})   # schema 1.0 wrote this; still read as null

if TYPE_CHECKING:   # pandas is imported where frames are made: worker processes never need it
    import pandas as pd


def nullable_integers() -> dict:
    """Arrow integer types -> pandas' nullable integers, so a null does not turn a column float64."""
    import pandas as pd

    return {pa.int8(): pd.Int8Dtype(), pa.int16(): pd.Int16Dtype(),
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


def committed_files(out: Path | str, table: str) -> list[Path]:
    """The files of `table` that the dataset's last commit lists (for DuckDB, Spark,
    pyarrow); in a folder written by formex 0.2, every file of the table."""
    return table_files(out, load_manifest(out))[table]


def table_files(out: Path | str, manifest: Manifest | None) -> dict[str, list[Path]]:
    if manifest is None:
        return {t: sorted((Path(out) / t).glob("year=*/*.parquet")) for t in TABLE_NAMES}
    return {t: [Path(out) / path for path in manifest.table_files(t)] for t in TABLE_NAMES}


def read_table(out: Path | str, table: str) -> pd.DataFrame:
    """One table of a dataset as a DataFrame, in key order. `year` comes from the files."""
    return read_dataset(out, (table,))[table]


def read_dataset(out: Path | str, tables: tuple[str, ...] = TABLE_NAMES,
                 attempts: int = 5) -> dict[str, pd.DataFrame]:
    """The tables of one commit as DataFrames. A commit that lands while the files are
    read (and deletes one this read was about to open) makes it read the new commit."""
    return {t: arrow_to_frame(arrow, t) for t, arrow in read_arrow_tables(out, tables, attempts).items()}


def read_arrow_tables(out: Path | str, tables: tuple[str, ...] = TABLE_NAMES,
                      attempts: int = 5) -> dict[str, pa.Table]:
    for attempt in range(attempts):
        files = table_files(out, load_manifest(out))
        try:
            return {t: files_to_arrow(Path(out) / t, files[t], t) for t in tables}
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def files_to_arrow(folder: Path, files: list[Path], table: str) -> pa.Table:
    """Rows of some files of a table in the contract's schema, `year` from the partition."""
    import pyarrow.dataset as ds   # it imports pandas: not in worker processes, which never read

    schema = TABLE_SCHEMAS[table]
    if not files:
        return schema.empty_table()
    partitioning = ds.partitioning(pa.schema([(PARTITION_COLUMN, pa.string())]), flavor="hive")
    scan_schema = file_schema(table).append(pa.field(PARTITION_COLUMN, pa.string()))
    arrow = ds.dataset([str(p) for p in files], schema=scan_schema, format="parquet",
                       partitioning=partitioning, partition_base_dir=str(folder)).to_table()
    text = arrow.column(PARTITION_COLUMN)
    unknown = pc.is_in(text, pa.array([UNKNOWN_YEAR, *LEGACY_UNKNOWN_YEARS]))
    years = pc.if_else(unknown, pa.scalar(None, pa.string()), text).cast(pa.int16())
    arrow = arrow.set_column(arrow.schema.get_field_index(PARTITION_COLUMN), PARTITION_COLUMN, years)
    return arrow.select(schema.names).cast(schema)


def arrow_to_frame(arrow: pa.Table, table: str) -> pd.DataFrame:
    """A table's rows as a DataFrame in key order; integer columns stay integers
    (pandas' nullable Int16/Int32) even where they hold nulls."""
    frame = arrow.to_pandas(types_mapper=nullable_integers().get)
    return frame.sort_values(SORT_KEYS[table], kind="stable").reset_index(drop=True)
