"""The Python API for notebooks: `formex.extract_tables(path)`, `formex.read(out)` and
`formex.renormalize(saved)`.

(`formex.extract` is the readers' package, so the function has its own name.)
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from formex.dataset import arrow_to_frame, read_dataset
from formex.isolation import DocBudget
from formex.runner import Result, extract_in_memory, renormalize_in_memory
from formex.schemas.tables import PARTITION_COLUMN, TABLE_NAMES, TABLE_SCHEMAS

if TYPE_CHECKING:   # pandas is imported when frames are made (arrow_to_frame), not with formex
    import pandas as pd


def extract_tables(*paths: str | Path, corrections: str | Path | None = None,
                   doc_timeout: float | None = None, doc_memory: int | None = None) -> dict[str, pd.DataFrame]:
    """Extract files or folders in memory; the five tables as DataFrames, nothing written.
    `corrections`: a dataset folder (`formex extract --out`) whose reviewed corrections
    (`formex review apply`) are applied, each with its `override_applied` issue, to the
    sources it names; the paths must name the sources as that run did (the same input
    folders). `doc_timeout` (seconds) and `doc_memory` (MiB), as `formex extract`'s
    options: with either, each document is read in a worker process within that budget,
    and one over it is a `failed` row naming the limit; without, in this process."""
    budget = None
    if doc_timeout is not None or doc_memory is not None:
        budget = DocBudget(doc_timeout, doc_memory)
    _, kept = extract_in_memory([Path(p) for p in paths],
                                Path(corrections) if corrections is not None else None, budget)
    return results_to_frames(kept)


def renormalize(*paths: str | Path, corrections: str | Path | None = None) -> dict[str, pd.DataFrame]:
    """Normalize documents saved by `formex extract --keep-documents` again, in memory:
    saved files (`<doc_id>.jsonl.gz`) or folders of them (`OUT/_documents`). The five
    tables as DataFrames, as `extract_tables` gives them; the source files are not read.
    `corrections`: as for `extract_tables` (saved documents keep their source's path)."""
    _, kept = renormalize_in_memory([Path(p) for p in paths],
                                    Path(corrections) if corrections is not None else None)
    return results_to_frames(kept)


def results_to_frames(results: list[Result]) -> dict[str, pd.DataFrame]:
    return {table: arrow_to_frame(results_to_arrow(results, table), table) for table in TABLE_NAMES}


def results_to_arrow(results: list[Result], table: str) -> pa.Table:
    """One table's rows of some results, `year` put back (files carry it in their path):
    the rows were converted to Arrow once, by the worker."""
    schema = TABLE_SCHEMAS[table]
    position = schema.get_field_index(PARTITION_COLUMN)
    parts = [result.arrow[table].add_column(position, PARTITION_COLUMN,
                                            pa.array([result.year] * result.arrow[table].num_rows, pa.int16()))
             for result in results if table in result.arrow]
    return pa.concat_tables(parts).cast(schema) if parts else schema.empty_table()


def read(out: str | Path) -> dict[str, pd.DataFrame]:
    """Read a dataset written by `formex extract` back as DataFrames (its last commit)."""
    return read_dataset(out)
