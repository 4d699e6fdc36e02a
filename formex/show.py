"""`formex show`: one document's extraction for a person (80 columns) or as JSON.

The text view is the form as a reader would check it: the header fields and budget,
the tasks, the indicator tree (level 1 > level 2 > `name  target`, the target written
from its typed fields), and the issues as sentences. Every string from the document is
printed through `formex.terminal.safe_text` as rich `Text`, never as markup.
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from formex.schemas.tables import TABLE_NAMES, TYPED_VALUE_FIELDS
from formex.terminal import format_amount, format_target, is_missing, safe_json, safe_text

HEADER_FIELDS = ("unit_name", "project_name", "department", "implementing_unit", "project_lead",
                 "implementation_period", "funding_method", "staff_count", "internal_departments",
                 "execution_rate", "total_score", "self_grade")
BUDGET_FIELDS = ("budget_total", "budget_fiscal", "budget_other", "budget_basic", "budget_project",
                 "budget_executed")
GOAL_FIELDS = ("mid_term_goal", "annual_goal", "annual_goal_actual")
DOUBTFUL = frozenset({"partial", "ambiguous", "failed"})
SOURCE_NOTES = {"inferred": "no label on the form: inferred",
                "displaced": "a row carries another block's label"}
NAME_WIDTH = 40   # 20 Chinese characters: most indicator names; longer ones wrap


def show_tables(tables: dict[str, pd.DataFrame], console: Console) -> None:
    """Print every document of `tables` (as `formex.extract_tables` gives them)."""
    for i, document in enumerate(tables["documents"].itertuples(index=False)):
        if i:
            console.print()
        for part in document_view(tables, document.doc_id):
            console.print(part)


def document_view(tables: dict[str, pd.DataFrame], doc_id: str) -> Iterator[RenderableType]:
    """The text view of one document, part by part."""
    rows = {name: frame[frame["doc_id"] == doc_id].reset_index(drop=True) for name, frame in tables.items()}
    document = rows["documents"].iloc[0]
    forms = rows["forms"]
    form = forms.iloc[0] if len(forms) else None
    yield heading(document, form)
    if form is not None:
        yield form_view(form)
    if len(rows["tasks"]):
        yield section_title("tasks", len(rows["tasks"]))
        yield tasks_view(rows["tasks"])
    if len(rows["indicators"]):
        yield section_title("indicators", len(rows["indicators"]))
        yield from indicator_tree(rows["indicators"])
    if len(rows["issues"]):
        yield section_title("issues", len(rows["issues"]))
        yield issues_view(rows["issues"])


def heading(document: pd.Series, form: pd.Series | None) -> Text:
    title = Text(safe_text(form["title"]) if form is not None else "", style="bold")
    if not is_missing(document["year"]):
        title.append(f" {int(document['year'])}", style="bold")
    facts = [safe_text(document["source_path"]), safe_text(document["source_format"]),
             safe_text(document["form_type"]) or "no form recognised", safe_text(document["status"])]
    if not is_missing(document["n_indicators"]):
        facts.append(f"{int(document['n_indicators'])} indicators")
    line = Text(" · ".join(fact for fact in facts if fact))
    if not is_missing(document["error"]):
        line.append("\n" + safe_text(document["error"]), style="red")
    return Text("\n").join([title, line]) if title.plain else line


def section_title(name: str, count: int) -> Text:
    return Text(f"\n{name} ({count})", style="bold")


def form_view(form: pd.Series) -> Table:
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for name in HEADER_FIELDS:
        if not is_missing(form[name]):
            grid.add_row(Text(name), Text(safe_text(form[name])))
    amounts = {name: format_amount(form[name]) for name in BUDGET_FIELDS if not is_missing(form[name])}
    width = max((len(amount) for amount in amounts.values()), default=0)
    for name, amount in amounts.items():
        grid.add_row(Text(name), Text(amount.rjust(width)))
    duties = form["responsibilities"]
    if duties is not None and len(duties):
        grid.add_row(Text("responsibilities"), numbered([safe_text(duty) for duty in duties]))
    for name in GOAL_FIELDS:
        if not is_missing(form[name]):
            grid.add_row(Text(name), Text(safe_text(form[name], lines=True)))
    return grid


def numbered(items: list[str]) -> Table:
    """1. 2. … with each item's lines indented under its first."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i, item in enumerate(items, start=1):
        grid.add_row(Text(f"{i}."), Text(item))
    return grid


def tasks_view(tasks: pd.DataFrame) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for task in tasks.itertuples(index=False):
        body = Text(safe_text(task.name) or "(no name)", style="bold")
        if not is_missing(task.amount):
            body.append("  " + format_amount(task.amount))
        if not is_missing(task.content):
            body.append("\n" + safe_text(task.content, lines=True))
        if not is_missing(task.expected_outcome):
            body.append("\nexpected: " + safe_text(task.expected_outcome, lines=True))
        grid.add_row(Text(f"{task.seq}."), body)
    return grid


def target_fields(row: pd.Series, prefix: str = "target") -> dict[str, Any]:
    return {name: row[f"{prefix}_{name}"] for name, _ in TYPED_VALUE_FIELDS}


def target_text(row: pd.Series) -> Text:
    """The target (中期 marked), and for a self-evaluation the actual value and the
    score out of the weight: `≥95%  → 100%  5/5`."""
    fields = target_fields(row)
    text = Text(("中期 " if row.get("period") == "mid_term" else "") + format_target(fields))
    if fields["status"] in DOUBTFUL:
        text.append(" ?", style="yellow")
    if not is_missing(row.get("actual_raw")):
        text.append("  → " + format_target(target_fields(row, "actual")))
    if not is_missing(row.get("weight")) or not is_missing(row.get("score")):
        score = "" if is_missing(row.get("score")) else f"{row['score']:g}"
        weight = "" if is_missing(row.get("weight")) else f"{row['weight']:g}"
        text.append(f"  {score}/{weight}", style="dim")
    return text


def indicator_tree(indicators: pd.DataFrame) -> Iterator[RenderableType]:
    """Level 1, level 2 (with how it was found, when not from its own label), then the
    indicators of each block with their targets and source lines, in columns aligned
    across blocks (names wrap first when the terminal is narrow)."""
    targets = [target_text(row) for _, row in indicators.iterrows()]
    names = [name_text(row) for _, row in indicators.iterrows()]
    refs = [Text(safe_text(ref), style="dim") for ref in indicators["source_ref"]]
    widths = [max((t.cell_len for t in column), default=1) for column in (names, targets, refs)]
    widths[0] = min(widths[0], NAME_WIDTH)
    level1 = None
    for (l1, l2), block in iter_blocks(indicators):
        if l1 != level1:
            yield Text(safe_text(l1), style="bold")
            level1 = l1
        title = Text("  " + safe_text(l2), style="bold")
        notes = sorted({SOURCE_NOTES[s] for s in block["level2_source"] if s in SOURCE_NOTES})
        if notes:
            title.append(f"  ({'; '.join(notes)})", style="dim")
        if block["level3"].isna().all():   # a level-2 entry without indicators (经济效益指标 无)
            title.append("  ")
            title.append_text(Text(" ").join(targets[i] for i in block.index))
            yield title
            for note in note_lines(block):
                yield Padding(note, (0, 0, 0, 4))
            continue
        yield title
        grid = Table.grid(padding=(0, 1))
        grid.add_column(overflow="fold", width=widths[0])
        grid.add_column(no_wrap=True, width=widths[1])
        grid.add_column(no_wrap=True, width=widths[2])
        for i in block.index:
            grid.add_row(names[i], targets[i], refs[i])
        yield Padding(grid, (0, 0, 0, 4))
    if any(text.plain.endswith(" ?") for text in targets):
        yield Text("? a doubtful target: see the issues", style="dim")


def name_text(row: pd.Series) -> Text:
    """The indicator's name; a row that holds only a note (备注, a policy note across a
    block) shows the note instead."""
    if not is_missing(row["level3"]):
        return Text(safe_text(row["level3"]))
    if not is_missing(row.get("note")):
        return Text("note: " + safe_text(row["note"]), style="italic")
    return Text("(no name)")


def note_lines(block: pd.DataFrame) -> list[Text]:
    """The notes of a block without indicators, once each, in table order."""
    notes = [note for note in block.get("note", []) if not is_missing(note)]
    return [Text("note: " + safe_text(note), style="italic") for note in dict.fromkeys(notes)]


def iter_blocks(indicators: pd.DataFrame) -> Iterator[tuple[tuple[str, str], pd.DataFrame]]:
    """Consecutive rows of the same level 1 and level 2, in table order."""
    keys = list(zip(indicators["level1"], indicators["level2"]))
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            yield keys[start], indicators.iloc[start:i]
            start = i


def issues_view(issues: pd.DataFrame) -> Table:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    styles = {"error": "red", "warning": "yellow"}
    for issue in issues.itertuples(index=False):
        severity = safe_text(issue.severity)
        grid.add_row(Text(severity, style=styles.get(severity, "")), Text(safe_text(issue.source_ref)),
                     Text(safe_text(issue.message)))
    return grid


# ---------------------------------------------------------------- JSON


def tables_to_json(tables: dict[str, pd.DataFrame]) -> str:
    """The five tables as one JSON object of record lists, columns in contract order;
    decimals and dates as strings, missing values as null. Characters a terminal could
    act on are written as `\\u` escapes (the same JSON value)."""
    return safe_json({name: frame_records(tables[name]) for name in TABLE_NAMES})


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    float32 = {c for c in frame.columns if frame[c].dtype == np.float32}
    return [{column: json_value(value, column in float32) for column, value in zip(frame.columns, row)}
            for row in frame.itertuples(index=False)]


def json_value(value: Any, float32: bool = False) -> Any:
    if isinstance(value, (list, tuple, np.ndarray)):
        return [json_value(v) for v in value]
    if is_missing(value):
        return None
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, np.generic):
        value = value.item()
    if float32 and isinstance(value, float):
        return float(str(np.float32(value)))   # 0.85, not 0.8500000238418579
    return value
