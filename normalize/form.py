"""One document through the normalize stage: detect the form, split it into sections,
read each section, validate, and decide the document's status.

`normalize_document` is the list the README's "How it works" follows:
`detect_family` (which runs `rows_to_sections` per family) → `fields_to_values` → `rows_to_tasks` →
`rows_to_budget` → `rows_to_indicators` → `check_form`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from formex.normalize.detect import CLOSE_SHARE, Detection, detect_family
from formex.normalize.budget_grid import GridValues, grid_rows_to_values, split_grid_rows
from formex.normalize.budget import Budget, check_budget, rows_to_budget, unit_power
from formex.normalize.header import fields_to_values
from formex.normalize.indicators import Indicator, rows_to_indicators
from formex.normalize.indicators.wraps import DocumentWords, DocumentWrapping
from formex.normalize.sections import Sections, vocabularies_of
from formex.normalize.indicators.sequence import strip_sequence_column
from formex.normalize.scores import check_scores, split_total_rows, total_rows_to_totals
from formex.normalize.tasks import Task, rows_to_tasks
from formex.schemas.document import Document, Issue
from formex.schemas.forms import FormSchema, load_all_form_schemas

@dataclass
class FormResult:
    """Everything the normalize stage made of one document."""

    form_type: str | None
    status: str                                  # ok, partial, failed
    error: str | None = None
    year: int | None = None
    header: dict[str, object] = field(default_factory=dict)
    budget: Budget = field(default_factory=Budget)
    tasks: list[Task] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    sections: Sections | None = None
    confidence: float | None = None              # of the family detection (see normalize.detect)


INDICATOR_TABLES = (("indicators", "annual"), ("indicators_mid_term", "mid_term"))   # section, period


def section_power(sections: Sections, schema: FormSchema) -> int:
    """The unit the budget section's title states (`项目预算执行情况（万元）`: 4), else 元."""
    found = sections.section_matches.get("budget")
    power = unit_power(found[0].filled[0].text, schema.unit_words) if found else None
    return power or 0


def merge_grid(result: FormResult, grid: GridValues) -> None:
    """The budget grid's amounts and figures, where the form's other rows gave none."""
    for name, amount in grid.amounts.items():
        result.budget.amounts.setdefault(name, amount)
    for name, value in grid.numbers.items():
        if result.header.get(name) is None:
            result.header[name] = value
    if grid.scale is not None:
        result.budget.scale = max(result.budget.scale or 0, grid.scale)


def close_family_issues(detection: Detection) -> list[Issue]:
    """A warning when another family showed nearly as many of its labels: the reader
    should check the family chosen."""
    runner_up = detection.runner_up
    if runner_up is None or detection.confidence > 1 / (1 + CLOSE_SHARE):
        return []
    return [Issue("warning", "family_close",
                  f"read as {detection.schema.form_type} (confidence {detection.confidence:.2f}); "
                  f"{runner_up.schema.form_type} matched nearly as well", field="form_type")]


def check_form(schema: FormSchema, sections: Sections, header: dict, result: FormResult) -> list[Issue]:
    """Missing required fields and sections are errors (the document becomes partial)."""
    issues = []
    for spec in schema.fields:
        if spec.required and not header.get(spec.name):
            issues.append(Issue("error", "field_missing", f"required field {spec.labels[0]} not found",
                                field=spec.name))
    for spec in schema.sections:
        if spec.required and spec.name not in sections.parts:
            issues.append(Issue("error", "section_missing", f"section {spec.labels[0]} not found",
                                field=spec.name))
    if "indicators" in sections.parts and not result.indicators:
        issues.append(Issue("error", "indicators_empty", "the 绩效指标 section has no indicator rows",
                            field="indicators"))
    if sections.year is None:
        issues.append(Issue("warning", "year_missing", "no year found near the title", field="year"))
    return issues


def normalize_document(doc: Document, schemas: tuple[FormSchema, ...] | None = None) -> FormResult:
    schemas = schemas or load_all_form_schemas()
    detection = detect_family(doc, schemas)
    if detection.schema is None:
        return FormResult(None, "failed", error=detection.error, issues=list(doc.issues))
    schema, sections = detection.schema, detection.sections
    result = FormResult(schema.form_type, "ok", year=sections.year, sections=sections,
                        issues=list(doc.issues), confidence=detection.confidence)
    result.issues += close_family_issues(detection)
    if sections.title_match and not sections.title_match.exact:
        result.issues.append(Issue("info", "header_fuzzy_match",
                                   f"title read as {sections.title_match.alias!r}", field="title",
                                   source_ref=sections.title_row.source_ref))
    for name, (row, hit) in sections.section_matches.items():
        if not hit.exact:
            result.issues.append(Issue("info", "header_fuzzy_match",
                                       f"section title {row.filled[0].text!r} read as {hit.alias!r}",
                                       field=name, source_ref=row.source_ref))
    for row in sections.furniture:
        result.issues.append(Issue("info", "page_furniture",
                                   f"page number, page header or stamp kept only here: "
                                   f"{' | '.join(row.texts)!r}", source_ref=row.source_ref))
    for row in sections.not_values:
        result.issues.append(Issue("info", "cell_unplaced",
                                   f"{row.texts[-1]!r} where {row.filled[0].text!r} has its value is a "
                                   "unit note or a label, not a value; kept only here",
                                   source_ref=row.source_ref))
    for row in sorted(sections.trailer, key=lambda r: r.index):   # in the order they print
        result.issues.append(Issue("info", "trailer_row",
                                   f"signature or footer row kept only here: {' | '.join(row.texts)!r}",
                                   source_ref=row.source_ref))
    for row in sections.unplaced:
        result.issues.append(Issue("error", "row_unplaced",
                                   f"row not recognised and kept only here: {' | '.join(row.texts)!r}",
                                   source_ref=row.source_ref))
    result.header, issues = fields_to_values(sections.fields, schema.unit_words)
    result.header["title"] = sections.title
    result.issues += issues
    parts = sections.parts
    result.tasks, issues = rows_to_tasks(parts.get("tasks", []), vocabularies_of(schema).task_columns,
                                         spans_known=doc.spans_known, spec=schema.section("tasks"))
    result.issues += issues
    counts = frozenset(name for name, _ in schema.budget_counts)
    grid_rows, budget_rows = split_grid_rows(parts.get("budget", []), schema.budget_grid)
    power = section_power(sections, schema)
    result.budget, issues = rows_to_budget(budget_rows, vocabularies_of(schema).budget,
                                           counts, schema.unit_words, power)
    result.issues += issues
    grid = GridValues()
    if grid_rows:
        grid, issues = grid_rows_to_values(grid_rows, schema.budget_grid, power)
        result.issues += issues
        merge_grid(result, grid)
    result.issues += check_budget(result.budget.amounts)
    totals: dict[str, float] = {}
    # the name column's wrap width, from one table to the next, and the words the document prints
    wrapping = DocumentWrapping(words=DocumentWords(
        [cell.text for row in doc.rows for cell in row.filled]))
    numbered = False   # a table of the document had a 序号 column
    for name, period in INDICATOR_TABLES:
        if name != "indicators" and name not in parts:
            continue   # the 绩效指标 table is always read (its absence is reported there)
        rows, issues = strip_sequence_column(parts.get(name, []), schema, doc.spans_known, numbered)
        numbered = numbered or bool(issues)   # the document's next table is read in its layout
        result.issues += issues
        rows, total_rows = split_total_rows(rows, schema)
        indicators, issues = rows_to_indicators(rows, schema, spans_known=doc.spans_known,
                                                year=sections.year, period=period,
                                                document_wrapping=wrapping)
        for key, value in total_rows_to_totals(total_rows, rows, schema, doc.spans_known).items():
            totals.setdefault(key, value)
        result.indicators += indicators
        result.issues += issues
    if result.header.get("total_score") is None and "score" in totals:
        result.header["total_score"] = totals["score"]     # the 合计 row states it
    result.issues += check_scores(result.indicators, totals, result.header.get("total_score"), grid.points)
    result.issues += check_form(schema, sections, result.header, result)
    if any(issue.severity == "error" for issue in result.issues):
        result.status = "partial"
    return result
