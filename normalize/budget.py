"""预算情况: amounts (元, or 万元 converted), head count and department count.

Two layouts occur: a label cell followed by its number on the same row, and a row of
labels whose numbers sit on the next row (年末在职人数 / 内设机构数 in the seed).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from formex.normalize.labels import LabelMatch, Vocabulary, label_key
from formex.normalize.amounts import MAX_AMOUNT, parse_amount, parse_count, scale_amount
from formex.schemas.document import Cell, Issue, Row


MAX_COUNT = 2**31 - 1              # int32 columns


@dataclass
class Budget:
    amounts: dict[str, Decimal] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    refs: dict[str, str] = field(default_factory=dict)
    scale: int | None = None   # power of ten the amounts were written in (4: 万元); None: no amount


def unit_power(text: str, unit_words: tuple[tuple[str, int], ...]) -> int | None:
    """The power of ten a label or note states for the amounts it governs: `(万元)` → 4,
    `(元)` → 0, `金额单位：万元` → 4, none → None.

    >>> unit_power("部门整体预算总额(元)", (("元", 0), ("万元", 4))), unit_power("单位：万元", (("元", 0), ("万元", 4)))
    (0, 4)
    """
    for word, power in sorted(unit_words, key=lambda w: -len(w[0])):
        if f"({word})" in text or f"（{word}）" in text or re.search(rf"单位\s*[:：]\s*{word}", text):
            return power
    return None


def amount_power(text: str, unit_words: tuple[tuple[str, int], ...]) -> int | None:
    """The power of ten an amount cell's own unit states (`23,496.27万元` → 4), or None."""
    for word, power in sorted(unit_words, key=lambda w: -len(w[0])):
        if text.rstrip().endswith(word):
            return power
    return None


def is_number(cell: Cell) -> bool:
    return parse_amount(cell.text) is not None


def is_value(cell: Cell) -> bool:
    """An amount or a count (`13人`)."""
    return is_number(cell) or parse_count(cell.text) is not None


def match_budget_label(cell: Cell, vocab: Vocabulary) -> LabelMatch | None:
    if is_number(cell) or len(label_key(cell.text)) > 24:
        return None
    return vocab.match(cell.text, contains=True)


def rows_to_budget(rows: list[Row], vocab: Vocabulary, counts: frozenset[str],
                   unit_words: tuple[tuple[str, int], ...], power: int = 0) -> tuple[Budget, list[Issue]]:
    """Amounts and counts by label; every number or labelled value that cannot be placed
    leaves an issue with its text. `power` is the unit the section's title states
    (`项目预算执行情况（万元）`), until a row states another."""
    budget, issues = Budget(), []
    pending: list[tuple[LabelMatch, Cell]] = []  # labels waiting for numbers on the next row
    for row in rows:
        filled = row.filled
        stated = next((p for c in filled if (p := unit_power(c.text, unit_words)) is not None), None)
        power = stated if stated is not None else power
        if pending and filled and all(is_value(c) for c in filled):
            for (hit, label), cell in zip(pending, filled):
                store(budget, hit, cell, power, counts, issues, unit_words)
            if len(filled) != len(pending):
                issues.append(Issue("warning", "budget_values_misaligned",
                                    f"{len(pending)} labels but {len(filled)} numbers",
                                    field="budget", source_ref=row.source_ref))
            pending = []
            continue
        issues += [Issue("error", "amount_unparsed", f"no value found for {label.text!r}",
                         field=hit.name, source_ref=label.source_ref) for hit, label in pending]
        pending = []
        if not any(is_value(c) for c in filled) and \
                any(unit_power(c.text, unit_words) is not None for c in filled[1:]):
            continue  # column headers stating the unit (`部门预算支出 | 预算金额（万元）| 收入来源 …`)
        used: set[int] = set()
        labels = [(match_budget_label(c, vocab), c) for c in filled]
        for i, (hit, cell) in enumerate(labels):
            if hit is None:
                continue
            following = filled[i + 1] if i + 1 < len(filled) else None
            if following is not None and labels[i + 1][0] is None:
                used.add(id(following))
                if is_value(following):
                    store(budget, hit, following, power, counts, issues, unit_words)
                elif unit_power(following.text, unit_words) is None:
                    issues.append(Issue("error", "amount_unparsed",
                                        f"{following.text!r} given for {cell.text!r} is not a number",
                                        field=hit.name, source_ref=following.source_ref))
            else:
                pending.append((hit, cell))
        issues += [Issue("error", "row_unplaced",
                         f"budget value {c.text!r} on the row {' | '.join(row.texts)!r} has no "
                         "known label; kept only here", field="budget", source_ref=row.source_ref)
                   for c in filled if is_number(c) and id(c) not in used]
    issues += [Issue("error", "amount_unparsed", f"no value found for {label.text!r}",
                     field=hit.name, source_ref=label.source_ref) for hit, label in pending]
    return budget, issues


def store(budget: Budget, hit: LabelMatch, cell: Cell, power: int,
          counts: frozenset[str], issues: list[Issue], unit_words=()) -> None:
    if hit.name in budget.amounts or hit.name in budget.counts:
        issues.append(Issue("warning", "field_repeated",
                            f"a second value {cell.text!r} for {hit.alias!r} was not used",
                            field=hit.name, source_ref=cell.source_ref))
        return
    if hit.score < 99:  # 99: the label embeds an alias exactly (`1、资金来源: (1) 财政拨款`)
        issues.append(Issue("info", "header_fuzzy_match", f"budget label read as {hit.alias!r} "
                            f"(similarity {hit.score:.0f})", field=hit.name, source_ref=cell.source_ref))
    if hit.name in counts:
        value = parse_count(cell.text)
        if value is None or not 0 <= value <= MAX_COUNT:
            issues.append(Issue("error", "count_unparsed", f"{cell.text!r} is not a whole number",
                                field=hit.name, source_ref=cell.source_ref))
            return
        budget.counts[hit.name] = value
    else:
        stated = amount_power(cell.text, unit_words)
        amount = scale_amount(parse_amount(cell.text), power if stated is None else stated)
        budget.scale = max(budget.scale or 0, power if stated is None else stated)
        if abs(amount) >= MAX_AMOUNT:
            issues.append(Issue("error", "amount_unparsed", f"{cell.text!r} is too large for an amount",
                                field=hit.name, source_ref=cell.source_ref))
            return
        budget.amounts[hit.name] = amount
    budget.refs[hit.name] = cell.source_ref


def check_budget(amounts: dict[str, Decimal]) -> list[Issue]:
    """total = fiscal + other = basic + project, to the fen; each break is a warning."""
    issues = []
    total = amounts.get("budget_total")
    for parts, label in ((("budget_fiscal", "budget_other"), "资金来源"),
                         (("budget_basic", "budget_project"), "资金结构")):
        if total is None or any(p not in amounts for p in parts):
            continue
        summed = sum((amounts[p] for p in parts), Decimal("0.00"))
        if summed != total:
            issues.append(Issue("warning", "budget_sum_mismatch",
                                f"{label} adds up to {summed:,.2f} but the total is {total:,.2f}",
                                field="budget_total"))
    return issues
