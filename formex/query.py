"""`formex query OUT "SQL"`: DuckDB over a dataset's committed files.

Each table is a view over exactly the files the manifest lists (`formex.dataset.
committed_files`), so a query never sees a run in progress or the leftovers of a killed
one. Views have the contract's columns in its order, `year` included (from the partition
path, null for the unknown year).

>>> con = connect("out")                                           # doctest: +SKIP
>>> con.sql("select level2, count(*) from indicators group by 1").show()  # doctest: +SKIP
"""
from __future__ import annotations

from pathlib import Path

import duckdb

from formex.dataset import table_files
from formex.manifest import load_manifest
from formex.schemas.tables import PARTITION_COLUMN, TABLE_NAMES, TABLE_SCHEMAS

OUTPUT_FORMATS = {".csv": "csv", ".parquet": "parquet"}


class QueryError(Exception):
    """The SQL or the output file was refused (a usage error)."""


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(out: Path | str, connection: duckdb.DuckDBPyConnection | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with one view per table over the dataset's committed files."""
    con = connection or duckdb.connect()
    files = table_files(out, load_manifest(out))
    for table in TABLE_NAMES:
        schema = TABLE_SCHEMAS[table]
        columns = ", ".join(f"TRY_CAST({PARTITION_COLUMN} AS SMALLINT) AS {PARTITION_COLUMN}"
                            if name == PARTITION_COLUMN else f'"{name}"' for name in schema.names)
        if files[table]:
            paths = ", ".join(sql_string(str(path)) for path in files[table])
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT {columns} FROM "
                        f"read_parquet([{paths}], hive_partitioning = true)")
        else:
            con.register(f"__formex_empty_{table}", schema.empty_table())
            con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM __formex_empty_{table}")
    return con


def arrow_to_rich_table(result, max_rows: int):
    """The first `max_rows` rows of a result as a rich table (None shown empty)."""
    from rich.table import Table

    table = Table(show_lines=False)
    for name in result.column_names:
        table.add_column(name, overflow="fold")
    for row in result.slice(0, max_rows).to_pylist():
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    return table


def run_query(out: Path | str, sql: str, to: Path | None = None):
    """The query's result as an Arrow table; with `to`, written to a .csv or .parquet file
    instead (and None returned)."""
    con = connect(out)
    try:
        relation = con.sql(sql)
        if relation is None:
            raise QueryError("the statement returns no rows; formex query runs a SELECT")
        if to is None:   # to_arrow_table: duckdb >= 1.4; fetch_arrow_table before
            return (getattr(relation, "to_arrow_table", None) or relation.fetch_arrow_table)()
        kind = OUTPUT_FORMATS.get(to.suffix.lower())
        if kind is None:
            raise QueryError(f"--to {to}: the file must end in {' or '.join(OUTPUT_FORMATS)}")
        if kind == "csv":
            relation.write_csv(str(to))
        else:
            relation.write_parquet(str(to))
        return None
    except duckdb.Error as error:
        raise QueryError(str(error)) from error
    finally:
        con.close()
