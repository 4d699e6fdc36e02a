"""Apply a source's corrections (`formex.overrides`) to its freshly extracted rows.

This is the per-document finishing step every engine runs after normalizing (and
`renormalize` after loading a saved document): each correction finds its row by key,
checked against its anchor, or, when the line moved, by its anchor alone; sets the
columns; and leaves an `override_applied` issue naming the columns, the values and the
file. A correction that finds no row leaves an `override_unmatched` issue and stays in
the overrides file. A failed document has no rows to correct: its corrections wait.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pyarrow as pa

from formex.column_values import json_to_value, value_to_text
from formex.dataset import rows_to_arrow
from formex.normalize.targets import parse_target
from formex.overrides import FORMS_ROW, OVERRIDES_NAME, Override
from formex.records import issue_rows, typed_columns
from formex.schemas.document import Issue
from formex.schemas.forms import load_all_form_schemas
from formex.manifest import STATE_DIR

OVERRIDES_SHOWN = f"{STATE_DIR}/{OVERRIDES_NAME}"
REVIEWED = "reviewed"            # level2_source of a row whose level 2 a person set
ANCHORS = {"indicators": ("level3", "target_raw"), "tasks": ("name",), "forms": ()}


def row_keys(rows: list[dict]) -> list[str]:
    """Each row's key: its source_ref, and `#2`, `#3` … for later rows read from the
    same place (a key never depends on the row's position in the table).

    >>> row_keys([{"source_ref": "line 4"}, {"source_ref": "line 5"}, {"source_ref": "line 4"}])
    ['line 4', 'line 5', 'line 4#2']
    """
    seen: Counter = Counter()
    keys = []
    for row in rows:
        ref = row.get("source_ref") or ""
        seen[ref] += 1
        keys.append(ref if seen[ref] == 1 else f"{ref}#{seen[ref]}")
    return keys


def row_anchor(table: str, row: dict) -> tuple[tuple[str, str | None], ...]:
    return tuple((column, row.get(column)) for column in ANCHORS[table])


@lru_cache(maxsize=None)
def level1_of_level2() -> dict[str, str]:
    """Every form schema's level-2 category -> its level 1."""
    return {l2.label: l2.level1 for schema in load_all_form_schemas() for l2 in schema.level2_order}


@dataclass
class Found:
    row: dict
    note: str = ""          # said in the issue when the row was found by its anchor alone


def find_row(override: Override, rows: list[dict], keys: list[str], doc_id: str) -> Found | None:
    """The row a correction applies to: the one with its key whose anchor agrees (or,
    in the version reviewed, whatever it now says), else the one row whose anchor
    agrees wherever it now is."""
    if override.table == "forms":
        return Found(rows[0]) if rows else None
    anchor = override.anchor
    for row, key in zip(rows, keys):
        if key == override.row and (not anchor or row_anchor(override.table, row) == anchor
                                    or override.doc_id == doc_id):
            return Found(row)
    moved = [(row, key) for row, key in zip(rows, keys) if anchor and row_anchor(override.table, row) == anchor]
    if len(moved) == 1:
        return Found(moved[0][0], f" (found at {moved[0][1]}, reviewed at {override.row})")
    return None


def set_values(table: str, row: dict, override: Override, year: int | None) -> list[str]:
    """Set a correction's columns on its row; the changes in words."""
    changes = []
    values = dict(override.values)
    before = dict(row)
    if "target_text" in values:   # typed again; target_raw stays as read
        target = parse_target(values["target_text"], year=year)
        typed = typed_columns("target", target)
        typed.pop("target_raw")
        row.update(typed)
    if "level2" in values and "level1" not in values and values["level2"] in level1_of_level2():
        values["level1"] = level1_of_level2()[values["level2"]]
    for column, value in values.items():
        row[column] = json_to_value(table, column, value)
        changes.append(f"{column} {value_to_text(row[column])!r} (was {value_to_text(before.get(column))!r})")
    if "level2" in values:
        row["level2_source"] = REVIEWED
    return changes


def override_issue(override: Override, changes: list[str], note: str) -> Issue:
    what = "; ".join(changes) if changes else "confirmed as read"
    where = override.row or override.table
    return Issue("info", "override_applied",
                 f"{where}: {what}, by {override.recorded_by or 'a correction'}{note} "
                 f"(recorded in {OVERRIDES_SHOWN})",
                 field=",".join(column for column, _ in override.values) or None,
                 source_ref=override.row.split("#")[0] or None)


def unmatched_issue(override: Override) -> Issue:
    what = ", ".join(f"{c} {value_to_text(v)!r}" for c, v in override.values) or "confirmed as read"
    anchor = ", ".join(f"{c} {v!r}" for c, v in override.anchor if v is not None)
    return Issue("warning", "override_unmatched",
                 f"a correction of {override.table} {override.row or ''} ({what}) by "
                 f"{override.recorded_by or 'a correction'} finds no such row"
                 f"{' (it read ' + anchor + ')' if anchor else ''}; it is kept in {OVERRIDES_SHOWN}",
                 field=",".join(column for column, _ in override.values) or None,
                 source_ref=override.row.split("#")[0] or None)


def apply_overrides(arrow: dict[str, pa.Table], year: int | None,
                    overrides: tuple[Override, ...]) -> dict[str, pa.Table]:
    """One document's tables (Arrow, file schema) with its corrections applied and an
    issue for each; unchanged when there are none or the document failed."""
    if not overrides or "documents" not in arrow:
        return arrow
    document = arrow["documents"].to_pylist()[0]
    if document["status"] == "failed":
        return arrow
    tables = {name: table.to_pylist() for name, table in arrow.items()}
    keys = {name: row_keys(tables.get(name, [])) for name in ("indicators", "tasks")}
    issues: list[Issue] = []
    for override in overrides:
        rows = tables.get(override.table, [])
        found = find_row(override, rows, keys.get(override.table, [FORMS_ROW] * len(rows)), document["doc_id"])
        if found is None:
            issues.append(unmatched_issue(override))
            continue
        changes = set_values(override.table, found.row, override, year)
        issues.append(override_issue(override, changes, found.note))
    first = len(tables.get("issues", []))
    added = issue_rows(document["doc_id"], year, issues)
    for row in added:
        row["seq"] += first
        row.pop("year")
    tables["issues"] = tables.get("issues", []) + added
    return rows_to_arrow(tables)
