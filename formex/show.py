"""`formex show`: one document's extraction as terminal tables (rich), nothing written."""
from __future__ import annotations

import pandas as pd
from rich.console import Console
from rich.table import Table

INDICATOR_COLUMNS = ["seq", "level1", "level2", "level2_source", "level3", "target_raw",
                     "target_kind", "target_op", "target_value", "target_unit", "target_status",
                     "source_ref"]


def cell_text(value) -> str:
    if value is None or (not isinstance(value, (list, tuple)) and not hasattr(value, "__len__")
                         and pd.isna(value)):
        return ""
    return str(value)


def frame_to_table(frame: pd.DataFrame, title: str, columns: list[str] | None = None) -> Table:
    columns = [c for c in (columns or list(frame.columns)) if c in frame.columns]
    table = Table(title=f"{title} ({len(frame)})", show_lines=False, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in frame[columns].itertuples(index=False):
        table.add_row(*(cell_text(value) for value in row))
    return table


def form_to_table(form: pd.Series) -> Table:
    table = Table(title="form", show_header=False, title_justify="left")
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    for name, value in form.items():
        if name == "doc_id":
            continue
        if name == "responsibilities" and value is not None:
            value = "\n".join(f"{i}. {item}" for i, item in enumerate(value, start=1))
        table.add_row(name, cell_text(value))
    return table


def show_tables(tables: dict[str, pd.DataFrame], console: Console) -> None:
    docs = tables["documents"]
    console.print(frame_to_table(docs, "document", ["source_path", "source_format", "form_type",
                                                    "status", "error", "n_indicators"]))
    if len(tables["forms"]):
        console.print(form_to_table(tables["forms"].iloc[0]))
    console.print(frame_to_table(tables["tasks"], "tasks", ["seq", "name", "content", "source_ref"]))
    console.print(frame_to_table(tables["indicators"], "indicators", INDICATOR_COLUMNS))
    console.print(frame_to_table(tables["issues"], "issues",
                                 ["seq", "severity", "code", "field", "message", "source_ref"]))
