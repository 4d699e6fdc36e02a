"""What in a dataset needs a person's review, row by row (`schemas/review.yaml` says why).

An indicator needs review when its target was read with low confidence or is ambiguous
or unread, or when its level 2 was displaced or inferred; any row (indicator, task, the
forms row's field) when a warning or error issue points at it, whatever its code (a code
`review.yaml` does not list gives `other_issue_reason`). An issue of a listed code that
points at no row (text placed nowhere) is an item too, with nothing to correct. A row a reviewer
already corrected or confirmed (it carries an `override_applied` issue) is done.

>>> tables = {"documents": [{"doc_id": "d", "source_path": "a.txt"}], "forms": [], "tasks": [],
...           "indicators": [{"doc_id": "d", "source_ref": "line 9", "target_confidence": 0.5,
...                           "level2_source": "filled", "target_status": "partial"}],
...           "issues": []}
>>> [(i.source_path, i.table, i.row, i.reasons) for i in tables_to_review_items(tables)]
[('a.txt', 'indicators', 'line 9', ('low_confidence',))]
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from formex.dataset import read_arrow_tables
from formex.override_rows import row_keys
from formex.overrides import FORMS_ROW
from formex.schemas.review_rules import ReviewRules, load_review_rules

SEVERITY_ORDER = ("error", "warning", "info")
UNPLACED_TABLE = "issues"     # an item that no table row holds: nothing to correct


@dataclass
class ReviewItem:
    doc_id: str
    source_path: str
    table: str                  # indicators, tasks, forms, or UNPLACED_TABLE
    row: str                    # the row key (formex.override_rows.row_keys); forms: FORMS_ROW
    source_ref: str | None      # where in the source
    fields: list[str] = field(default_factory=list)     # forms and tasks: the columns concerned
    reasons: tuple[str, ...] = ()
    messages: list[str] = field(default_factory=list)   # the issues' sentences
    severity: str = "warning"
    values: dict = field(default_factory=dict)          # the row as the dataset holds it

    def add(self, reason: str, message: str | None = None, severity: str = "warning") -> None:
        if reason not in self.reasons:
            self.reasons = (*self.reasons, reason)
        if message and message not in self.messages:
            self.messages.append(message)
        if SEVERITY_ORDER.index(severity) < SEVERITY_ORDER.index(self.severity):
            self.severity = severity


def read_review_tables(out: Path) -> dict[str, list[dict]]:
    """The dataset's five tables as lists of plain rows."""
    return {name: table.to_pylist() for name, table in read_arrow_tables(out).items()}


def reviewed_keys(issues: list[dict]) -> set[tuple[str, str | None, str | None]]:
    """(doc_id, source_ref, field) of every correction applied: those rows are done."""
    done = set()
    for issue in issues:
        if issue["code"] == "override_applied":
            for column in (issue["field"] or "").split(",") or [None]:
                done.add((issue["doc_id"], issue["source_ref"], column or None))
    return done


def tables_to_review_items(tables: dict[str, list[dict]], rules: ReviewRules | None = None) -> list[ReviewItem]:
    """Every item needing review, in source order within each document (documents in
    the order of their source paths)."""
    rules = rules or load_review_rules()
    sources = {d["doc_id"]: d["source_path"] for d in tables["documents"]}
    by_doc: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for name in ("forms", "tasks", "indicators", "issues"):
        for row in tables[name]:
            by_doc[row["doc_id"]][name].append(row)
    items = []
    for doc_id in sorted(sources, key=lambda d: (sources[d] or "", d)):
        items += document_review_items(doc_id, sources[doc_id], by_doc[doc_id], rules)
    return items


def document_review_items(doc_id: str, source_path: str, rows: dict[str, list[dict]],
                          rules: ReviewRules) -> list[ReviewItem]:
    done = reviewed_keys(rows["issues"])
    items: dict[tuple[str, str], ReviewItem] = {}
    by_ref: dict[str, tuple[str, str, dict]] = {}
    for table in ("indicators", "tasks"):
        for row, key in zip(rows[table], row_keys(rows[table])):
            by_ref.setdefault(row["source_ref"], (table, key, row))

    def item(table: str, key: str, source_ref: str | None, values: dict) -> ReviewItem:
        found = items.get((table, key))
        if found is None:
            found = items[(table, key)] = ReviewItem(doc_id, source_path, table, key, source_ref, values=values)
        return found

    for row, key in zip(rows["indicators"], row_keys(rows["indicators"])):
        if any(d[:2] == (doc_id, row["source_ref"]) for d in done):
            continue
        confidence = row.get("target_confidence")
        if confidence is not None and confidence < rules.confidence_below:
            item("indicators", key, row["source_ref"], row).add("low_confidence")
        for column, table in (("level2_source", rules.level2_sources), ("target_status", rules.target_statuses)):
            if row.get(column) in table:
                item("indicators", key, row["source_ref"], row).add(table[row[column]])
    forms_row = rows["forms"][0] if rows["forms"] else {}
    for issue in rows["issues"]:
        if issue["severity"] not in rules.issue_severities:
            continue
        column, ref = issue["field"], issue["source_ref"]
        at_field = bool(forms_row) and column in rules.editable["forms"]
        reason = rules.issue_codes.get(issue["code"], rules.other_issue_reason if at_field or ref in by_ref else None)
        if reason is None:
            continue
        if at_field:
            if (doc_id, None, column) in done:
                continue
            found = item("forms", FORMS_ROW, ref, forms_row)
            if column not in found.fields:
                found.fields.append(column)
        elif ref in by_ref:
            table, key, row = by_ref[ref]
            if any(d[:2] == (doc_id, ref) for d in done):
                continue
            found = item(table, key, ref, row)
            if table == "tasks" and column in rules.editable["tasks"] and column not in found.fields:
                found.fields.append(column)
        else:
            found = item(UNPLACED_TABLE, ref or f"issue {issue['seq']}", ref, {})
        found.add(reason, issue["message"], issue["severity"])
    return sorted(items.values(), key=lambda i: (i.table != "forms", line_order(i.source_ref), i.row))


def line_order(source_ref: str | None) -> tuple:
    """`line 9` before `line 10`: numbers in a reference compare as numbers."""
    parts = re.split(r"(\d+)", source_ref or "")
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)
