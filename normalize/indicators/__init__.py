"""绩效指标 rows to `indicators` records: placed in the hierarchy, targets typed."""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace

from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.damaged_tails import (
    cut_damaged_label_tails, cut_suffixed_heads, header_damage, printed_damage)
from formex.normalize.indicators.fused_order import (
    cut_group_word_heads, cut_heads_wrapped_below, cut_heads_wrapped_between, cut_heads_wrapped_into_next_name,
    cut_heads_over_next_level_piece, cut_heads_restated_beside, cut_inferred_heads, cut_spaced_heads)
from formex.normalize.indicators.hierarchy import (
    Placement, fit_costs_and_rivals, only_own_blocks_moved, place_rows, split_at_boundaries, split_issues)
from formex.normalize.indicators.rows import IndicatorRow, rows_to_indicator_rows
from formex.normalize.indicators.wrapped_chains import cut_heads_in_wrapped_labels
from formex.normalize.indicators.wraps import DocumentWrapping
from formex.normalize.amounts import parse_amount
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


PERIODS = ("annual", "mid_term")   # indicators.period: a 年度 or a 中期 target


@dataclass
class Indicator:
    row: IndicatorRow
    placement: Placement
    target: Target
    period: str = "annual"
    actual: Target | None = None      # self-evaluations: the 实际完成值, typed like a target
    weight: float | None = None
    score: float | None = None
    # the rows its table placed, label lines absorbed into blocks too (`place_rows`'s
    # input): what `formex explain` decides over
    table: tuple[IndicatorRow, ...] = field(default=(), repr=False, compare=False)

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


def actual_of(item: IndicatorRow, year: int | None) -> Target | None:
    """The actual value, typed by the target parser with the row's unit column; its
    指标性质 is not applied: an actual value is what happened, not a bound."""
    if item.actual is None:
        return None
    joined = parse_target(join_split_target(None, item.actual.raw, item.unit or ""), year=year)
    actual = replace(joined, raw=item.actual.raw)
    return apply_target_context(actual, indicator_name=item.name, unit_column=item.unit, year=year)


def mid_term_of(item: IndicatorRow, year: int | None) -> Target:
    """The 中期 target of a row that has both, read as the 年度 one is."""
    return target_of(replace(item, target=item.target_mid), year)


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
                       year: int | None, period: str = "annual",
                       document_wrapping: DocumentWrapping | None = None
                       ) -> tuple[list[Indicator], list[Issue]]:
    """Indicators of one table; `period` is the table's (a 中期目标 table's rows are
    `mid_term`); a row with a 中期 target column besides gives a second, mid-term row.
    `document_wrapping` is shared by a document's tables (the name column's wrap width)."""
    apart = copy.copy(document_wrapping)
    items, issues, placements, model = placed_table(rows, schema, spans_known, document_wrapping)
    if any(item.by_order for item in items):
        # a damaged bare word read by the order alone is evidence for its own block only: read
        # without it, the table decides the placement's model and every other block's edges
        without = placed_table(rows, schema, spans_known, apart, by_order=False)
        if not only_own_blocks_moved(items, placements, without[0], without[2], model == without[3]):
            items, issues, placements, _ = without
    table = tuple(items)
    # a label fused into a name of a block stating none, read by the category placed: after placing
    printed = tuple(document_wrapping.words.texts) if document_wrapping and document_wrapping.words else ()
    # the OCR damage the table's header and labels show (one character of a 指标 at a time),
    # attesting a 指标 damaged whole
    damage = header_damage(rows, items, schema) | printed_damage(items, level_vocabulary(schema), one_lost=True)
    issues.extend(cut_inferred_heads(items, placements, level_vocabulary(schema), printed, damage))
    # a label's first line fused into a name's head, its rest on the line(s) below: read by the category placed
    issues.extend(cut_heads_wrapped_below(items, placements, rows, level_vocabulary(schema)))
    # ... its lines fused into the heads of the names on consecutive lines
    issues.extend(cut_heads_wrapped_into_next_name(items, placements, level_vocabulary(schema)))
    # ... a middle line fused into a name's head, the lines above and below it short cells of their own
    issues.extend(cut_heads_wrapped_between(items, placements, rows, level_vocabulary(schema)))
    # ... any of its lines fused into a name's head, the others above and below, cells or names' heads
    issues.extend(cut_heads_in_wrapped_labels(items, placements, rows, level_vocabulary(schema)))
    # ... its first line the group's word (产出), the category's word on the next line: a group-worded label
    issues.extend(cut_group_word_heads(items, placements, rows, level_vocabulary(schema)))
    # text of the level column before a space at a name's head, read as no label: cut off, said
    issues.extend(cut_spaced_heads(items, placements, level_vocabulary(schema), rows))
    # a category's word written whole at the head of a name on the row printing its group's label,
    # in a block stating none: its lost label, where no reading above took a longer head
    issues.extend(cut_inferred_heads(items, placements, level_vocabulary(schema), printed, damage, group_lines=True,
                                     rows=rows))
    # a label's line restated on the row beside one it was cut off, the same text at its name's head
    issues.extend(cut_heads_restated_beside(items, placements, level_vocabulary(schema)))
    # ... its first line at a name's head, its next line the next row's unread level cell
    issues.extend(cut_heads_over_next_level_piece(items, placements, level_vocabulary(schema)))
    # a cut label's damaged 指标 left at the name's head: printed so in the table's level cells
    issues.extend(cut_damaged_label_tails(items, rows, schema))
    # a head ending in 指标 left at a name's head: the placed category's label damaged past reading
    issues.extend(cut_suffixed_heads(items, placements, level_vocabulary(schema)))
    indicators = []
    for item, placement in zip(items, placements):
        if placement is None:   # a merged label on a line of its own, absorbed by its block
            continue
        indicator = Indicator(item, placement, target_of(item, year), period, actual_of(item, year),
                              *(read_number(text, name, item, issues) for text, name in
                                ((item.weight, "weight"), (item.score, "score"))), table=table)
        if indicator.target.kind == "none" and indicator.target.basis and item.target is not None:
            # a basis word alone in the target cell (计划标准): no target; the word is a note (L7)
            item.note = "\n".join(filter(None, [item.note, item.target.text]))
        issues.extend(target_issues(indicator))
        indicators.append(indicator)
        if item.target_mid is not None:
            mid = Indicator(item, placement, mid_term_of(item, year), "mid_term", table=table)
            issues.extend(target_issues(mid))
            indicators.append(mid)
    # the named rows, or where none has a name (level labels only) every row: a table
    # that lists categories without one target has no targets either
    named = [item for item in items if item.name] or items
    if named and not any(item.target is not None for item in named):
        issues.append(Issue("error", "targets_missing",
                            f"none of the {len(named)} indicators has a target: the target column "
                            "was not found or not read", field="target",
                            source_ref=named[0].row.source_ref))
    return indicators, issues


def placed_table(rows: list[Row], schema: FormSchema, spans_known: bool,
                 document_wrapping: DocumentWrapping | None, by_order: bool = True):
    """The table's indicator rows (`rows_to_indicator_rows`), their issues and placements,
    and the placement model fitted."""
    items, issues = rows_to_indicator_rows(rows, schema, spans_known, document_wrapping, by_order)
    # lines joined as a wrap that the placed rows read as two indicators: apart again
    split, found = split_at_boundaries(items, schema.level2_order)
    issues = split_issues(issues, split)
    found = found or fit_costs_and_rivals(items, schema.level2_order)
    placements, placement_issues = place_rows(items, schema.level2_order, found)
    return items, issues + placement_issues, placements, found[0].model


def read_number(text: str | None, column: str, item: IndicatorRow, issues: list[Issue]) -> float | None:
    """A 分值 or 得分 cell as a number; a cell that is not one leaves a warning."""
    if text is None or not text.strip():
        return None
    value = parse_amount(text.strip().removesuffix("分"))
    if value is None:
        issues.append(Issue("warning", "score_unparsed", f"{column} {text!r} of {item.name!r} is not a number",
                            field=column, source_ref=item.row.source_ref))
        return None
    return float(value)
