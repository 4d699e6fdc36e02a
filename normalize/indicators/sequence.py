"""The 序号 column of an indicator table: row numbers, not part of any indicator.

A table may number its rows in a first column (`序号 | 一级指标 | … | 指标值`). Left in,
its cells are read as names or labels, and the small integers under it can be taken as
a target, a 分值 or a 得分 column by content. The column is taken out of the table's rows
before their columns are read:

- by its header: a header cell that matches the `sequence` aliases of the family's
  `indicators.columns` (序号, 编号 … data in the family YAML);
- by content, header or not: the rows' first cells are bare integers that count up
  one by one (1, 2, 3 …; at least `SEQUENCE_MIN` of them, `SEQUENCE_MIN_SHARE` of the
  steps +1: numbering.py), as when the header's 序号 cell was lost or never printed;
  a short table's rows numbered 1, 2 … from one count too when each of them is one cell
  wider than its header, or when the header's first column is a level column (a level
  label is never a bare integer: the header's 序号 cell was read as 一级指标's);
- by the document: where an earlier table had the column, a table whose every line
  opening with a cell opens with a row number, counting 1, 2 … (a 中期 table of two rows,
  too short to show the column by itself).

Each row loses its first cell when that cell is a row number, the sequence header, or an
empty cell in the column's place (a wrapped line's unnumbered first cell); the cells
right of it move one column left, so the rest of the pipeline sees the table without it.
In OCR text each line remembers whether it printed a row number (`Row.numbered`): a line
without one continues the row above (wraps.py).
"""
from __future__ import annotations

from dataclasses import replace

from formex.normalize.indicators.cells import level_vocabulary
from formex.normalize.indicators.columns import find_header
from formex.normalize.indicators.numbering import is_sequence, row_number as sequence_number
from formex.schemas.document import Issue, Row
from formex.schemas.forms import FormSchema

SEQUENCE_ROLE = "sequence"
SHORT_SEQUENCE_MIN = 2    # numbered rows 1, 2 … in rows one cell wider than their header
LEVEL_ROLES = ("level1", "level2")


def first_cell(row: Row):
    return row.cells[0] if row.cells else None


def strip_sequence_column(rows: list[Row], schema: FormSchema, spans_known: bool = False,
                          numbered_before: bool = False) -> tuple[list[Row], list[Issue]]:
    """The table's rows without its 序号 column, and an info issue saying it was there
    (and how it was found); the rows unchanged when the table has none. Where spans are
    known the column is the grid column; in OCR text it is each row's first cell.
    `numbered_before`: an earlier table of the document had the column (`numbered_again`)."""
    if not rows:
        return rows, []
    vocab = level_vocabulary(schema)
    header, roles = find_header(rows, vocab)
    seq_col = next((col for col, role in roles.items() if role == SEQUENCE_ROLE), None)
    by_header = seq_col is not None and seq_col == min(roles)
    body = rows[header + 1:]
    firsts = [first_cell(r) for r in body if first_cell(r) is not None]
    numbers = [n for n in (sequence_number(c.text) for c in firsts) if n is not None]
    width = max(roles) + 1 if roles else 0
    numbered = [r for r in body if first_cell(r) is not None and sequence_number(first_cell(r).text) is not None]
    # a short table (a 中期 table of two rows) counts too when each numbered row is one
    # cell wider than its header: the header lacks the column its rows have
    wider = bool(width) and not spans_known and all(len(r.cells) > width for r in numbered)
    # or when the numbers stand under a level column, where no label is a bare integer
    under_level = bool(roles) and not spans_known and roles[min(roles)] in LEVEL_ROLES \
        and all(len(r.filled) >= 3 for r in numbered)
    counted = numbers == list(range(1, len(numbers) + 1))
    by_content = is_sequence(numbers) or ((wider or under_level) and len(numbers) >= SHORT_SEQUENCE_MIN
                                          and counted) \
        or (numbered_before and not spans_known and counted and numbered_again(body, numbers))
    if not (by_header or by_content):
        return rows, []
    if spans_known and not by_header:
        seq_col = next(c.col for c in firsts if sequence_number(c.text) is not None)
    aliases = {a for name, names in schema.indicator_columns if name == SEQUENCE_ROLE for a in names}
    out = list(rows[:header]) if header >= 0 else []
    if header >= 0:
        out.append(drop_cell(rows[header], seq_col, spans_known) if by_header else rows[header])
    last = None
    for row in body:
        cell = first_cell(row)
        text = cell.text.strip() if cell is not None else ""
        number = sequence_number(text)
        if number is not None and not spans_known and len(row.cells) < 2 and last is not None \
                and number != last + 1:
            number = None   # a lone number out of turn (a wrapped target's `100`): not a row number
        if number is not None:
            last = number
        if cell is None:
            drop = False
        elif spans_known:
            drop = cell.col == seq_col and (not text or number is not None or text in aliases)
        elif number is not None or (by_header and text in aliases):
            drop = True   # a row number, or the header restated on a new page
        else:
            # an unnumbered line (a wrapped name) keeps the column's place empty when the
            # row is as wide as the header with the column (wider, where the header lacks it)
            drop = not text and bool(width) and len(row.cells) > width - by_header
        row = drop_cell(row, seq_col, spans_known) if drop else row
        out.append(row if spans_known else replace(row, numbered=number is not None))
    how = "its header" if by_header else "its cells (1, 2, 3 …)"
    return out, [Issue("info", "sequence_column",
                       f"a 序号 column (found by {how}) was set aside: row numbers are not indicators",
                       field="indicators", source_ref=rows[max(header, 0)].source_ref)]


def numbered_again(body: list[Row], numbers: list[int]) -> bool:
    """Where an earlier table of the document numbered its rows, whether this one does
    too: every line whose first cell is filled and which prints more past it opens with a
    row number, 1, 2 … (a 中期 table of two rows whose targets are empty, too few and too
    narrow to show the column itself: `1 | | 数量指标 累计完成…`; a wrapped label's piece
    alone on its line, or a wrapped row's line with its first cell empty, says nothing);
    or, where some lines print a cell of their own and no number, two lines or more open
    with 1, 2 … (the others a wrapped row's continuation: `区数量 | ≥ 82 个`).
    One layout prints a document's tables."""
    rows = [r for r in body if len(r.filled) > 1 and first_cell(r).text.strip()]
    if not (numbers and rows):
        return False
    opened = [n for n in (sequence_number(first_cell(r).text) for r in rows) if n is not None]
    if len(opened) == len(rows):
        return True
    # lines without a number between numbered ones continue the row above (its name's
    # rest and target, `区数量 | ≥ 82 个`, or its labels' pieces, `标 | 数量 | ≥ 82 个`):
    # two lines or more opening 1, 2 … and printing more are the document's numbering
    return len(opened) >= SHORT_SEQUENCE_MIN and opened == list(range(1, len(opened) + 1))


def drop_cell(row: Row, col: int | None, spans_known: bool) -> Row:
    """The row without the sequence column's cell (the grid column `col` where spans are
    known, else the first cell), the cells right of it moved one column left."""
    if spans_known:
        gone = next((c for c in row.cells if c.col == col), None)
        if gone is None:
            return row
    else:
        gone = row.cells[0]
    cells = tuple(replace(c, col=c.col - gone.colspan) if c.col > gone.col else c
                  for c in row.cells if c is not gone)
    return Row(row.index, cells, row.page, row.source_ref, row.numbered)
