"""A normalized document as the contract's table rows (plain dicts keyed by column)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

import formex
from formex.normalize.form import FormResult
from formex.normalize.targets import Target
from formex.schemas.document import Document, Issue
from formex.schemas.tables import FORMS, SCHEMA_VERSION, TABLE_NAMES, TYPED_VALUE_FIELDS

EXTRACTOR_VERSION = formex.__version__


@dataclass
class Records:
    """Rows for every table, for one document."""

    doc_id: str
    year: int | None
    tables: dict[str, list[dict]] = field(default_factory=lambda: {t: [] for t in TABLE_NAMES})
    arrow: dict = field(default_factory=dict)   # the same rows as Arrow tables, once built
    document: Document | None = None            # as read, until the runner has saved it
    parts: list[Records] = field(default_factory=list)   # a workbook of one form per sheet: each form's

    @property
    def status(self) -> str:
        """The document's status; `split` for a workbook whose forms are its `parts`."""
        return "split" if self.parts else self.tables["documents"][0]["status"]


def blank_to_none(value):
    return None if value == "" else value


def typed_columns(prefix: str, target: Target | None) -> dict:
    columns, values, flags = typed_column_getter(prefix)
    if target is None:
        return dict.fromkeys(columns)
    row = dict(zip(columns, values(target)))
    row[flags] = list(target.flags)
    return row


@lru_cache(maxsize=4)
def typed_column_names(prefix: str) -> tuple[tuple[str, str], ...]:
    """(column, Target attribute) pairs: named once, not once per indicator."""
    return tuple((f"{prefix}_{name}", name) for name, _ in TYPED_VALUE_FIELDS)


@lru_cache(maxsize=4)
def typed_column_getter(prefix: str) -> tuple[tuple[str, ...], attrgetter, str]:
    """(columns, a getter of the Target's values in their order, the flags column)."""
    pairs = typed_column_names(prefix)
    return tuple(c for c, _ in pairs), attrgetter(*(n for _, n in pairs)), f"{prefix}_flags"


def issue_rows(doc_id: str, year: int | None, issues: list[Issue]) -> list[dict]:
    return [{"doc_id": doc_id, "year": year, "seq": seq, "severity": i.severity, "code": i.code,
             "field": i.field, "message": i.message, "source_ref": i.source_ref}
            for seq, i in enumerate(issues, start=1)]


def failed_records(doc_id: str, source_path: str, source_format: str | None, error: str,
                   issues: list[Issue] = ()) -> Records:
    records = Records(doc_id, None)
    records.tables["documents"].append(document_row(doc_id, None, source_path, source_format,
                                                    None, "failed", error, 0))
    records.tables["issues"] = issue_rows(doc_id, None, [*issues, Issue("error", "document_failed", error)])
    return records


def document_row(doc_id, year, source_path, source_format, form_type, status, error, n_indicators) -> dict:
    return {"doc_id": doc_id, "year": year, "source_path": source_path, "source_format": source_format,
            "form_type": form_type, "status": status, "error": error, "n_indicators": n_indicators,
            "extractor_version": EXTRACTOR_VERSION, "schema_version": SCHEMA_VERSION}


def form_row(doc_id: str, year: int | None, result: FormResult) -> dict:
    """The `forms` row: every header field of the family under its column name (a family's
    fields are named for `forms` columns), the budget's amounts and counts, and the scale
    the amounts were written in; the columns a family has no field for stay null."""
    values = {**result.header, **result.budget.amounts, **result.budget.counts}
    row = {name: values.get(name) for name in FORMS.names}
    row.update(doc_id=doc_id, year=year, form_type=result.form_type, budget_scale=result.budget.scale)
    return row


def result_to_records(doc_id: str, source_path: str, source_format: str, result: FormResult) -> Records:
    if result.status == "failed":
        return failed_records(doc_id, source_path, source_format, result.error or "failed", result.issues)
    year = result.year
    records = Records(doc_id, year)
    tables = records.tables
    tables["documents"].append(document_row(doc_id, year, source_path, source_format, result.form_type,
                                            result.status, None, len(result.indicators)))
    header, budget = result.header, result.budget
    tables["forms"].append(form_row(doc_id, year, result))
    tables["tasks"] = [{"doc_id": doc_id, "year": year, "seq": seq, "name": blank_to_none(t.name),
                        "content": blank_to_none(t.content), "amount": t.amount,
                        "expected_outcome": blank_to_none(t.expected_outcome), "source_ref": t.source_ref}
                       for seq, t in enumerate(result.tasks, start=1)]
    for seq, indicator in enumerate(result.indicators, start=1):
        placement = indicator.placement
        tables["indicators"].append({
            "doc_id": doc_id, "year": year, "seq": seq,
            "level1": placement.level2.level1, "level2": placement.level2.label,
            "level1_raw": placement.level1_raw, "level2_raw": placement.level2_raw,
            "level2_source": placement.source, "level3": blank_to_none(indicator.row.name),
            "note": blank_to_none(indicator.row.note), "period": indicator.period,
            **typed_columns("target", indicator.target),
            **typed_columns("actual", indicator.actual),
            "weight": indicator.weight, "score": indicator.score,
            "deviation": blank_to_none(indicator.row.deviation),
            "source_ref": indicator.source_ref,
        })
    tables["issues"] = issue_rows(doc_id, year, result.issues)
    return records
