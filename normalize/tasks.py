"""年度重点任务 rows: one task per row, wrapped content joined, across page breaks."""
from __future__ import annotations

from dataclasses import dataclass

from formex.normalize.labels import Vocabulary, label_key
from formex.normalize.amounts import amount_unit_power, named_unit_power, parse_amount, scale_amount
from formex.schemas.document import Issue, Row

NAME_MAX = 20  # a task name longer than this is content that wrapped onto its own line
SENTENCE_END = "。；;，,、"  # a lone cell ending like this is content that wrapped, not a name


@dataclass
class Task:
    name: str | None
    content: str | None
    amount: object = None
    expected_outcome: str | None = None
    source_ref: str = ""


def find_task_header(rows: list[Row], columns: Vocabulary) -> tuple[int, dict[int, str], int]:
    """(index of the header row or -1, column position -> column name, amount scale)."""
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
            return i, positions, scale
    return -1, {}, 0


def row_to_values(row: Row, positions: dict[int, str]) -> dict[str, str]:
    """Cell texts by column name: by header position when the row lines up with the
    header, else name then content in order."""
    filled = row.filled
    if positions and all(c.col in positions for c in filled):
        return {positions[c.col]: c.text for c in filled}
    order = ["name", "content", "amount", "expected_outcome"]
    return dict(zip(order, (c.text for c in filled)))


def rows_to_tasks(rows: list[Row], columns: Vocabulary, *, spans_known: bool = False
                  ) -> tuple[list[Task], list[Issue]]:
    header, positions, scale = find_task_header(rows, columns)
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
        task = Task(values.get("name"), values.get("content"), amount,
                    values.get("expected_outcome"), row.source_ref)
        if not task.content:
            issues.append(Issue("warning", "task_content_missing",
                                f"task {task.name!r} has no content", field="content",
                                source_ref=row.source_ref))
        tasks.append(task)
    return tasks, issues
