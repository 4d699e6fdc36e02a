"""年度重点任务 rows: one task per row, wrapped content joined, across page breaks."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from formex.normalize.labels import Vocabulary, label_key
from formex.normalize.amounts import amount_fits, amount_unit_power, named_unit_power, parse_amount, scale_amount
from formex.schemas.document import Issue, Row
from formex.schemas.forms import SectionSpec

NAME_MAX = 20  # a task name longer than this is content that wrapped onto its own line
OTHER_SUB = "other"  # a sub-column of a column (其中：财政资金): not the column's value
SENTENCE_END = "。；;，,、"  # a lone cell ending like this is content that wrapped, not a name


@dataclass
class Task:
    name: str | None
    content: str | None
    amount: object = None
    expected_outcome: str | None = None
    source_ref: str = ""


def find_task_header(rows: list[Row], columns: Vocabulary, subheadings: tuple[str, ...] = ()
                     ) -> tuple[int, dict[int, str], int]:
    """(index of the header's last row or -1, column position -> column name, amount
    scale). A header printed on two rows (`拟投入的资金` over `（万元）`, `预算金额` over
    `合计 | 其中：财政资金`) is read as column paths: the lower row's cells continue the
    columns above them (aligned from the right when OCR dropped leading empty cells),
    and the first sub-column of a column is the column."""
    for i, row in enumerate(rows[:3]):
        positions = {}
        scale = 0
        for cell in row.filled:
            hit = columns.match(cell.text) if len(label_key(cell.text)) <= 12 else None
            if hit:
                positions[cell.col] = hit.name
                if hit.name == "amount":
                    scale = named_unit_power(cell.text) or 0
        if len(positions) >= 2:
            last = i
            while last + 1 < len(rows) and is_header_continuation(rows[last + 1], columns, subheadings):
                last += 1
                paths = continuation_paths(row, rows[last])
                for text in paths.values():   # the only amounts are the amount column's
                    power = named_unit_power(text)
                    scale = power if power is not None and "amount" in positions.values() else scale
                for col in sorted(paths):
                    if col not in positions and col - 1 in positions and positions[col - 1] == "amount":
                        positions[col] = OTHER_SUB   # a second sub-column (其中：财政资金)
            return last, positions, scale
    return -1, {}, 0


def is_header_continuation(row: Row, columns: Vocabulary, subheadings: tuple[str, ...]) -> bool:
    """A row under the header that only continues it: short cells, each a bracketed
    note or unit (`（万元）`), a column name, or a sub-heading (合计, 其中…)."""
    filled = row.filled
    if not filled:
        return False
    for cell in filled:
        key = label_key(cell.text)
        text = cell.text.strip()
        bracketed = text[:1] in "(（" and text[-1:] in ")）"
        if len(text) > 10 or not (bracketed or named_unit_power(text) is not None or not key
                                  or columns.match(text) is not None
                                  or (subheadings and text.startswith(subheadings))):
            return False
    return True


def continuation_paths(header: Row, below: Row) -> dict[int, str]:
    """The lower header row's texts by column: in place when it keeps its leading cells,
    else aligned to the header from the right."""
    width = max(c.col for c in header.filled) + 1
    cells = [c for c in below.cells]
    while len(cells) > width and not cells[-1].text:
        cells.pop()
    offset = 0 if len(cells) >= width else width - len(cells)
    if len(below.filled) == 1 and len(cells) <= 2:
        offset = width - len(cells)   # a lone note under the header: under its last columns
    return {j + offset: c.text for j, c in enumerate(cells) if c.text}


def row_to_values(row: Row, positions: dict[int, str]) -> dict[str, str]:
    """Cell texts by column name: by header position when the row lines up with the
    header, else name then content in order."""
    filled = row.filled
    if positions and all(c.col in positions for c in filled):
        return {positions[c.col]: c.text for c in filled}
    order = ["name", "content", "amount", "expected_outcome"]
    return dict(zip(order, (c.text for c in filled)))


def rows_to_tasks(rows: list[Row], columns: Vocabulary, *, spans_known: bool = False,
                  spec: SectionSpec | None = None) -> tuple[list[Task], list[Issue]]:
    """Tasks, one a row; a totals row (合计) is checked against them, not stored; a slot
    row the form leaves to fill (`其他需完成的任务（可选填）`) is no task when left empty."""
    spec = spec or SectionSpec("tasks", ())
    header, positions, scale = find_task_header(rows, columns, spec.subheadings)
    totals: list[tuple[Decimal, Row]] = []
    tasks: list[Task] = []
    issues: list[Issue] = []
    for row in rows[header + 1:]:
        filled = row.filled
        if spans_known and positions and any(c.col < min(positions) for c in filled):
            # a label left of the task columns (`其他需完成的任务（可选填）` in the section-title
            # column) titles rows of its own; it is no task
            issues += [Issue("info", "cell_unplaced", f"{c.text!r} left of the task columns is a "
                             "label, not a task; kept only here", field="tasks", source_ref=c.source_ref)
                       for c in filled if c.col < min(positions)]
            row = Row(row.index, tuple(c for c in row.cells if c.col >= min(positions)), row.page,
                      row.source_ref)
            filled = row.filled
        if not filled:
            continue
        values = row_to_values(row, positions)
        name = (values.get("name") or "").strip()
        if spec.totals and label_key(name) in {label_key(t) for t in spec.totals}:
            amount = parse_amount(next((c.text for c in reversed(filled[1:]) if parse_amount(c.text) is not None), None))
            if amount is not None:
                stated = amount_unit_power(values.get("amount") or "")
                totals.append((scale_amount(amount, scale if stated is None else stated), row))
            continue
        if spec.optional_rows and any(w in name for w in spec.optional_rows) and not values.get("content"):
            issues.append(Issue("info", "cell_unplaced", f"{name!r} is a slot the form leaves to fill, "
                                "empty here: no task", field="tasks", source_ref=row.source_ref))
            continue
        if len(filled) == 1 and tasks and (len(filled[0].text) > NAME_MAX
                                           or filled[0].text[-1] in SENTENCE_END):
            tasks[-1].content = "".join(filter(None, [tasks[-1].content, filled[0].text]))
            issues.append(Issue("info", "cell_joined", "task content continued on its own line; joined",
                                field="content", source_ref=row.source_ref))
            continue
        amount = parse_amount(values.get("amount"))
        if amount is not None:
            stated = amount_unit_power(values.get("amount") or "")
            amount = scale_amount(amount, scale if stated is None else stated)
        if values.get("amount") and amount is None:
            issues.append(Issue("error", "amount_unparsed",
                                f"task amount {values['amount']!r} is not a number",
                                field="amount", source_ref=row.source_ref))
        elif not amount_fits(amount):
            issues.append(Issue("error", "amount_unparsed", f"task amount {values['amount']!r} is too large "
                                "for an amount", field="amount", source_ref=row.source_ref))
            amount = None
        task = Task(values.get("name"), values.get("content"), amount,
                    values.get("expected_outcome"), row.source_ref)
        if not task.content:
            issues.append(Issue("warning", "task_content_missing",
                                f"task {task.name!r} has no content", field="content",
                                source_ref=row.source_ref))
        tasks.append(task)
    issues += [total_issue(total, row, tasks) for total, row in totals]
    return tasks, issues


def total_issue(total: Decimal, row: Row, tasks: list[Task]) -> Issue:
    """A totals row against the tasks' amounts: info when they add up, else a warning."""
    summed = sum((t.amount for t in tasks if t.amount is not None), Decimal("0.00"))
    if summed == total:
        return Issue("info", "task_total", f"the tasks' total {total:,.2f} adds up; not a task",
                     field="amount", source_ref=row.source_ref)
    return Issue("warning", "task_total", f"the tasks' total row says {total:,.2f} but their amounts "
                 f"add up to {summed:,.2f}", field="amount", source_ref=row.source_ref)
