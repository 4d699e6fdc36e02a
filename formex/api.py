"""The Python API for notebooks: `formex.extract_tables(path)`, `formex.read(out)` and
`formex.renormalize(saved)`.

(`formex.extract` is the readers' package, so the function has its own name.)
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa

from formex.dataset import arrow_to_frame, read_dataset
from formex.records import Records
from formex.runner import run_extract, run_renormalize
from formex.schemas.tables import TABLE_NAMES, TABLE_SCHEMAS


def extract_tables(*paths: str | Path) -> dict[str, pd.DataFrame]:
    """Extract files or folders in memory; the five tables as DataFrames, nothing written."""
    _, kept = run_extract([Path(p) for p in paths], out=None)
    return records_to_frames(kept)


def renormalize(*paths: str | Path) -> dict[str, pd.DataFrame]:
    """Normalize documents saved by `formex extract --keep-documents` again, in memory:
    saved files (`<doc_id>.jsonl.gz`) or folders of them (`OUT/_documents`). The five
    tables as DataFrames, as `extract_tables` gives them; the source files are not read."""
    _, kept = run_renormalize([Path(p) for p in paths], out=None)
    return records_to_frames(kept)


def records_to_frames(kept: list[Records]) -> dict[str, pd.DataFrame]:
    frames = {}
    for table in TABLE_NAMES:
        rows = [row for records in kept for row in records.tables[table]]
        frames[table] = arrow_to_frame(pa.Table.from_pylist(rows, schema=TABLE_SCHEMAS[table]), table)
    return frames


def read(out: str | Path) -> dict[str, pd.DataFrame]:
    """Read a dataset written by `formex extract` back as DataFrames."""
    return read_dataset(out)
