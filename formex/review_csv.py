"""`formex review export` and `formex review apply`: the rows needing review as a CSV a
person edits, and the edits recorded as corrections (`formex.overrides`).

The CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the Chinese) has one
line per row needing review. Its key columns say which row, by source and provenance,
never by position: `source_path`, `table`, `row` (the row's `source_ref`, `#2` … for a
second row from the same place; empty for the forms row). `reasons`, `why` and
`source_text` are for reading. The editable columns hold the row's values as exported:

- an indicator: `level1`, `level2`, `level3`, `target_text` (typed again by the target
  parser when changed), `target_kind`, `target_op`, `target_value`, `target_value_max`,
  `target_unit`, `target_qual`, `target_deadline`;
- a task or the forms row: `field` names the column concerned, `value` holds it;
- `decision`: `ok` records the row as confirmed as read, with or without changes.

`apply` compares each line with the dataset now: only changed columns are recorded
(an emptied cell sets the column to null). A line whose row the dataset no longer holds
is recorded all the same and reported, here and by an `override_unmatched` issue.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from formex.column_values import parse_column_text, value_to_text
from formex.committer import DOCUMENTS_FOLDER
from formex.override_rows import level1_of_level2, row_anchor, row_keys
from formex.overrides import (FORMS_ROW, Override, load_overrides, merge_overrides, overrides_path,
                              save_overrides)
from formex.review_items import UNPLACED_TABLE, ReviewItem, read_review_tables, tables_to_review_items
from formex.schemas.document_file import DOCUMENT_FILE_SUFFIX
from formex.schemas.review_rules import load_review_rules
from formex.source_lines import SourceText, read_source_text

KEY_COLUMNS = ("source_path", "table", "row")
READ_COLUMNS = ("reasons", "why", "source_text")
CONFIRMED = "ok"


class ReviewError(Exception):
    """The CSV cannot be applied as given (nothing is recorded)."""


def csv_columns() -> tuple[str, ...]:
    editable = load_review_rules().editable["indicators"]
    return (*KEY_COLUMNS, *READ_COLUMNS, "decision", *editable, "field", "value")


def item_to_csv_rows(item: ReviewItem, source: SourceText | None) -> list[dict]:
    """A review item as CSV lines: one for an indicator, one per field of a task or form."""
    rules = load_review_rules()
    line = source.line(item.source_ref) if source else None
    base = {"source_path": item.source_path, "table": item.table, "row": item.row,
            "reasons": " ".join(item.reasons),
            "why": " / ".join([rules.reasons[r] for r in item.reasons] + item.messages),
            "source_text": line.text if line else "", "decision": ""}
    if item.table == "indicators":
        return [base | {c: value_to_text(item.values.get(c)) for c in rules.editable["indicators"]}]
    return [base | {"field": column, "value": value_to_text(item.values.get(column))}
            for column in item.fields or [""]]


def export_review_csv(out: Path, to: Path) -> int:
    """Write the CSV of everything needing review that a correction can fix; the number
    of lines written."""
    tables = read_review_tables(out)
    items = [i for i in tables_to_review_items(tables) if i.table != UNPLACED_TABLE]
    sources: dict[str, SourceText | None] = {}
    rows = []
    for item in items:
        if item.doc_id not in sources:
            sources[item.doc_id] = read_source_text(out, item.doc_id)
        rows += item_to_csv_rows(item, sources[item.doc_id])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=csv_columns(), restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    to.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return len(rows)


@dataclass
class ApplyReport:
    recorded: list[Override] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)       # recorded, but no such row now
    sources: list[str] = field(default_factory=list)         # sources whose rows must be redone
    reloadable: list[Path] = field(default_factory=list)     # their saved documents, where kept
    waiting: list[str] = field(default_factory=list)         # no saved document: the next extract


def read_csv_lines(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in (*KEY_COLUMNS, "decision") if c not in (reader.fieldnames or [])]
            if missing:
                raise ReviewError(f"{path} lacks the columns {', '.join(missing)}; export it with "
                                  "`formex review export`")
            return list(reader)
    except UnicodeDecodeError:   # a spreadsheet program saved it in the system's code page
        raise ReviewError(f"{path} is not UTF-8 text; save it as \"CSV UTF-8\"") from None
    except csv.Error as error:
        raise ReviewError(f"{path} is not a CSV file: {error}") from None


def csv_to_overrides(path: Path, out: Path) -> ApplyReport:
    """The CSV's edits as corrections, checked against the dataset; raises ReviewError
    listing every line that cannot be recorded (nothing is then recorded)."""
    rules = load_review_rules()
    tables = read_review_tables(out)
    documents = {d["source_path"]: d for d in tables["documents"]}
    rows_of: dict[tuple[str, str], list[dict]] = {}
    for table in ("forms", "tasks", "indicators"):
        for row in tables[table]:
            rows_of.setdefault((row["doc_id"], table), []).append(row)
    existing = {o.key: o for o in load_overrides(overrides_path(out))}
    report, errors = ApplyReport(), []
    grouped: dict[tuple[str, str, str], dict] = {}
    for number, line in enumerate(read_csv_lines(path), start=2):
        where = f"line {number}"
        source, table, key = (line.get(c) or "" for c in KEY_COLUMNS)
        document = documents.get(source)
        if document is None:
            errors.append(f"{where}: the dataset holds no source {source!r}")
            continue
        if table not in rules.editable:
            errors.append(f"{where}: table {table!r} cannot be corrected ({', '.join(rules.editable)} can)")
            continue
        rows = rows_of.get((document["doc_id"], table), [])
        keys = [FORMS_ROW] * len(rows) if table == "forms" else row_keys(rows)
        current = next((r for r, k in zip(rows, keys) if k == key), None)
        try:
            values = line_to_values(line, table, current, document.get("form_type"))
        except ValueError as error:
            errors.append(f"{where}: {error}")
            continue
        confirmed = (line.get("decision") or "").strip().lower() == CONFIRMED
        if not values and not confirmed:
            continue
        entry = grouped.setdefault((source, table, key), {"values": {}, "row": current, "doc": document})
        entry["values"].update(values)
        if current is None:
            report.unmatched.append(f"{where}: {source} {table} {key or ''} (no such row now)")
    if errors:
        raise ReviewError(f"{path}: nothing recorded; fix these lines:\n  " + "\n  ".join(errors))
    # rows a correction was applied to in the dataset: (doc_id, source_ref)
    corrected = {(i["doc_id"], i["source_ref"]) for i in tables["issues"] if i["code"] == "override_applied"}
    for (source, table, key), entry in grouped.items():
        before = existing.get((source, table, key))
        row = entry["row"]
        anchor = row_anchor(table, row) if row else ()
        if before is not None and (not row or (entry["doc"]["doc_id"], row.get("source_ref")) in corrected):
            # the row as read is the first anchor: the row's values now may be corrected ones.
            # A correction that found no row (the source edited since) takes the row as it reads now
            anchor = before.anchor
        report.recorded.append(Override(source, table, key, anchor, entry["doc"]["doc_id"],
                                        tuple(entry["values"].items()), path.name))
    for source in sorted({o.source_path for o in report.recorded}):
        saved = Path(out) / DOCUMENTS_FOLDER / f"{documents[source]['doc_id']}{DOCUMENT_FILE_SUFFIX}"
        report.sources.append(source)
        if saved.is_file():
            report.reloadable.append(saved)
        else:
            report.waiting.append(source)
    return report


def line_to_values(line: dict, table: str, current: dict | None, form_type: str | None) -> dict:
    """The columns a CSV line changes, as JSON values; raises ValueError for a value its
    column cannot hold or a level the vocabulary does not know."""
    rules = load_review_rules()
    if table == "indicators":
        given = {c: line[c] for c in rules.editable["indicators"] if c in line and line[c] is not None}
    else:
        column = (line.get("field") or "").strip()
        if not column:
            return {}
        if column not in rules.editable[table]:
            raise ValueError(f"{table}.{column} cannot be corrected ({', '.join(rules.editable[table])} can)")
        given = {column: line.get("value") or ""}
    values = {}
    for column, text in given.items():
        value = parse_column_text(table, column, text)
        was = parse_column_text(table, column, value_to_text(current.get(column))) if current else None
        if current is None or value != was:
            values[column] = value
    if current is None:   # no row to compare with: only what the line says
        values = {c: v for c, v in values.items() if v is not None}
    levels = level1_of_level2()
    if values.get("level2") is not None and values["level2"] not in levels:
        raise ValueError(f"level2 {values['level2']!r} is no category of the form schemas "
                         f"({', '.join(sorted(levels))})")
    if values.get("level1") is not None and values["level1"] not in set(levels.values()):
        raise ValueError(f"level1 {values['level1']!r} is no category of the form schemas "
                         f"({', '.join(sorted(set(levels.values())))})")
    return values


def apply_review_csv(path: Path, out: Path) -> ApplyReport:
    """Record the CSV's corrections in the overrides file, then redo the rows of the
    sources concerned whose documents were saved (`renormalize`); the others are redone
    by the next `formex extract` over the inputs, even with their bytes unchanged."""
    from formex.runner import run_renormalize

    report = csv_to_overrides(path, out)
    if not report.recorded:
        return report
    file = overrides_path(out)
    save_overrides(file, merge_overrides(load_overrides(file), report.recorded))
    if report.reloadable:
        run_renormalize(report.reloadable, out)
    return report
