"""A budget laid out as a grid: money lines down the side (年度资金总额, 其中：当年财政拨款,
其他资金), kinds of figure across the top (年初预算数, 全年预算数, 全年执行数, 分值, 执行率,
得分), as the national self-evaluation template prints it. The family's YAML names which
cell goes into which forms column (`budget.grid.cells`); a cell the contract has no
column for is left with an info issue, and the 分值 / 得分 of the budget line count
towards the form's total score.

Values are aligned to the header from the right (OCR drops leading cells, not trailing
ones), as indicator rows are.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from formex.normalize.amounts import parse_amount, scale_amount
from formex.normalize.budget import amount_power
from formex.normalize.labels import Vocabulary, label_key
from formex.schemas.document import Cell, Issue, Row
from formex.schemas.forms import BudgetGrid
from formex.schemas.target_lexicon import load_target_lexicon

HEADER_MIN = 2        # column labels a row must show to be the grid's header
POINTS = ("weight", "score")   # grid cells that are points of the total score, not forms columns


@dataclass
class GridValues:
    amounts: dict[str, Decimal] = field(default_factory=dict)   # money forms columns, 元
    numbers: dict[str, float] = field(default_factory=dict)     # other forms columns (执行率)
    points: dict[str, float] = field(default_factory=dict)      # weight / score of the budget line
    scale: int | None = None


def grid_vocabularies(grid: BudgetGrid) -> tuple[Vocabulary, Vocabulary]:
    return Vocabulary(list(grid.rows)), Vocabulary(list(grid.columns))


def find_grid_header(rows: list[Row], columns: Vocabulary) -> int:
    for i, row in enumerate(rows):
        if sum(1 for c in row.filled if len(label_key(c.text)) <= 12 and columns.match(c.text)) >= HEADER_MIN:
            return i
    return -1


def split_grid_rows(rows: list[Row], grid: BudgetGrid | None) -> tuple[list[Row], list[Row]]:
    """(the grid's rows, its header first; the budget section's other rows). The grid
    runs from its header to the first row that is no money line of it."""
    if grid is None:
        return [], rows
    line_names, columns = grid_vocabularies(grid)
    start = find_grid_header(rows, columns)
    if start < 0:
        return [], rows
    end = start + 1
    while end < len(rows) and rows[end].filled and \
            any(line_names.match(c.text, contains=True) for c in rows[end].filled[:1]):
        end += 1
    return rows[start:end], rows[:start] + rows[end:]


def number_of(cell: Cell) -> float | None:
    text = cell.text.strip().rstrip("%％")
    value = parse_amount(text)
    return float(value) if value is not None else None


def grid_rows_to_values(rows: list[Row], grid: BudgetGrid, power: int) -> tuple[GridValues, list[Issue]]:
    """The cells the family maps, read from the grid's rows; `power` is the unit the
    section states (万元: 4)."""
    out, issues = GridValues(), []
    if not rows:
        return out, issues
    line_names, columns = grid_vocabularies(grid)
    header = [columns.match(c.text) if len(label_key(c.text)) <= 12 else None for c in rows[0].filled]
    wanted = {(line, column): into for into, (line, column) in grid.cells}
    for row in rows[1:]:
        label, *values = row.filled
        line = line_names.match(label.text, contains=True)
        offset = len(header) - len(values)
        for j, cell in enumerate(values):
            column = header[j + offset] if 0 <= j + offset < len(header) else None
            into = wanted.get((line.name, column.name)) if line and column else None
            if into is None or cell.text.strip() in load_target_lexicon().placeholders_plain:
                continue   # `—`: nothing stated on this line
            if into in POINTS:
                value = number_of(cell)
                if value is not None:
                    out.points[into] = value
            elif grid.money(into):
                amount = parse_amount(cell.text)
                if amount is None:
                    issues.append(Issue("error", "amount_unparsed", f"{cell.text!r} for {label.text} "
                                        f"({column.alias}) is not an amount", field=into, source_ref=row.source_ref))
                    continue
                stated = amount_power(cell.text, ())
                out.amounts[into] = scale_amount(amount, power if stated is None else stated)
                out.scale = max(out.scale or 0, power)
            else:
                value = number_of(cell)
                if value is None:
                    issues.append(Issue("error", "amount_unparsed", f"{cell.text!r} for {label.text} "
                                        f"({column.alias}) is not a number", field=into, source_ref=row.source_ref))
                else:
                    out.numbers[into] = value
        if line is None or not any(line.name == name for name, _ in wanted):
            issues.append(Issue("info", "cell_unplaced", f"budget line {' | '.join(c.text for c in row.filled)!r} "
                                "has no column in the output; kept only here", field="budget",
                                source_ref=row.source_ref))
    return out, issues
