"""绩效指标 rows to `indicators` records: placed in the hierarchy, targets typed."""
from __future__ import annotations

from dataclasses import dataclass, replace

from formex.normalize.indicators.hierarchy import Placement, place_rows
from formex.normalize.indicators.rows import IndicatorRow, rows_to_indicator_rows
from formex.normalize.targets import Target, apply_target_context, join_split_target, parse_target
from formex.normalize.targets.model import describe_flags
from formex.schemas.document import Issue, Row
from formex.schemas.forms import FormSchema

TARGET_ISSUES = {  # target_status -> (severity, code)
    "ambiguous": ("warning", "target_ambiguous"),
    "failed": ("warning", "target_unparsed"),
    "partial": ("info", "target_partial"),
}
TARGET_VERDICTS = {"ambiguous": "is ambiguous", "failed": "could not be read", "partial": "is incomplete"}
assert TARGET_VERDICTS.keys() == TARGET_ISSUES.keys()


@dataclass
class Indicator:
    row: IndicatorRow
    placement: Placement
    target: Target

    @property
    def source_ref(self) -> str:
        return self.row.row.source_ref


def target_of(item: IndicatorRow, year: int | None) -> Target:
    """The typed target; operator and unit columns written apart are joined first, and
    target_raw is those cells joined with single spaces in column order (`≥ 1 人/年`,
    ruling L6)."""
    raw = item.target.raw if item.target is not None else None
    if item.operator and raw is not None:
        joined = parse_target(join_split_target(item.operator, raw, item.unit or ""), year=year)
        written = " ".join(part.strip() for part in (item.operator, raw, item.unit or "") if part.strip())
        target = replace(joined, raw=written, flags=tuple(sorted({*joined.flags, "columns_joined"})))
    else:
        target = parse_target(raw, year=year)
    return apply_target_context(target, indicator_name=item.name, unit_column=item.unit, year=year)


def target_issues(indicator: Indicator) -> list[Issue]:
    target = indicator.target
    if target.status not in TARGET_ISSUES:
        return []
    severity, code = TARGET_ISSUES[target.status]
    verdict = TARGET_VERDICTS[target.status]
    reasons = describe_flags(target.flags)
    return [Issue(severity, code,
                  f"target {target.raw!r} of {indicator.row.name or indicator.placement.level2.label!r} "
                  f"{verdict}" + (f": {reasons}" if reasons else ""),
                  field="target", source_ref=indicator.source_ref)]


def rows_to_indicators(rows: list[Row], schema: FormSchema, *, spans_known: bool,
                       year: int | None) -> tuple[list[Indicator], list[Issue]]:
    items, issues = rows_to_indicator_rows(rows, schema, spans_known)
    placements, placement_issues = place_rows(items, schema.level2_order)
    issues.extend(placement_issues)
    indicators = []
    for item, placement in zip(items, placements):
        if placement is None:   # a merged label on a line of its own, absorbed by its block
            continue
        indicator = Indicator(item, placement, target_of(item, year))
        if indicator.target.kind == "none" and indicator.target.basis and item.target is not None:
            # a basis word alone in the target cell (计划标准): no target; the word is a note (L7)
            item.note = "\n".join(filter(None, [item.note, item.target.text]))
        issues.extend(target_issues(indicator))
        indicators.append(indicator)
    # the named rows, or where none has a name (level labels only) every row: a table
    # that lists categories without one target has no targets either
    named = [item for item in items if item.name] or items
    if named and not any(item.target is not None for item in named):
        issues.append(Issue("error", "targets_missing",
                            f"none of the {len(named)} indicators has a target: the target column "
                            "was not found or not read", field="target",
                            source_ref=named[0].row.source_ref))
    return indicators, issues
