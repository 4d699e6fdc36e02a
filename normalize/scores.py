"""The totals of a self-evaluation's indicator table: the 合计 row (its 分值 and 得分
cells), taken out of the table so it is not read as an indicator, and the check that the
indicators' scores and weights add up to what the form states."""
from __future__ import annotations

from formex.normalize.amounts import parse_amount
from formex.normalize.indicators import Indicator
from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.columns import find_header, split_value_columns
from formex.normalize.labels import label_key
from formex.schemas.document import Issue, Row
from formex.schemas.forms import FormSchema

SUM_TOLERANCE = 0.005   # half a fen of a point: scores are written to two decimals at most
TOTALLED = ("weight", "score")


def is_total_row(row: Row, schema: FormSchema) -> bool:
    filled = row.filled
    return bool(filled) and label_key(filled[0].text) in {label_key(t) for t in schema.indicator_totals}


def split_total_rows(rows: list[Row], schema: FormSchema) -> tuple[list[Row], list[Row]]:
    """(the table's rows without its totals rows, the totals rows)."""
    if not schema.indicator_totals:
        return rows, []
    return ([r for r in rows if not is_total_row(r, schema)], [r for r in rows if is_total_row(r, schema)])


def total_rows_to_totals(totals: list[Row], rows: list[Row], schema: FormSchema,
                         spans_known: bool) -> dict[str, float]:
    """The 分值 and 得分 a totals row states, found under the header's columns (by
    position where spans are known, else aligned from the right as indicator rows are)."""
    _, roles = find_header(rows, level_vocabulary(schema))
    out: dict[str, float] = {}
    for row in totals:
        numbers = [c for c in row.filled[1:] if parse_amount(c.text.removesuffix("分")) is not None]
        if spans_known:
            cells = {roles.get(c.col): c for c in row.filled[1:]}
        elif len(numbers) == len(TOTALLED) and set(TOTALLED) <= set(roles.values()):
            cells = dict(zip(TOTALLED, numbers))   # `总分 | 100 | 98`: OCR kept the numbers only
        else:
            cells, _ = split_value_columns(row, roles)
        for role in TOTALLED:
            value = parse_amount(cells[role].text.removesuffix("分")) if role in cells else None
            if value is not None:
                out.setdefault(role, float(value))
    return out


def check_scores(indicators: list[Indicator], totals: dict[str, float], total_score: float | None,
                 budget_points: dict[str, float] | None = None) -> list[Issue]:
    """A warning when the indicators' 得分 (or 分值), with the budget line's where the
    budget has them (预算执行率 is scored there in the national template), do not add up
    to the stated total: the 总分 field or the 合计 row."""
    issues = []
    budget_points = budget_points or {}
    stated = {"weight": totals.get("weight"), "score": totals.get("score", total_score)}
    for column in TOTALLED:
        values = [getattr(i, column) for i in indicators if i.period == "annual" and getattr(i, column) is not None]
        if stated[column] is None or not values:
            continue
        summed = sum(values) + budget_points.get(column, 0.0)
        if abs(summed - stated[column]) > SUM_TOLERANCE:
            word = "得分" if column == "score" else "分值"
            issues.append(Issue("warning", "score_total_mismatch",
                                f"the indicators' {word} add up to {summed:g} but the form states {stated[column]:g}",
                                field=column))
    return issues
