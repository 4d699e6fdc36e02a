"""The Python API for notebooks: `formex.extract_tables(path)` and `formex.read(out)`.

(`formex.extract` is the readers' package, so the function has its own name.)
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from formex.dataset import arrow_to_frame, read_dataset
from formex.runner import run_extract
from formex.schemas.tables import TABLE_NAMES, TABLE_SCHEMAS


def extract_tables(*paths: str | Path) -> dict[str, pd.DataFrame]:
    """Extract files or folders in memory; the five tables as DataFrames, nothing written."""
    _, kept = run_extract([Path(p) for p in paths], out=None)
    frames = {}
    for table in TABLE_NAMES:
        rows = [row for records in kept for row in records.tables[table]]
        frames[table] = arrow_to_frame(pa.Table.from_pylist(rows, schema=TABLE_SCHEMAS[table]), table)
    return frames


def read(out: str | Path) -> dict[str, pd.DataFrame]:
    """Read a dataset written by `formex extract` back as DataFrames."""
    return read_dataset(out)
