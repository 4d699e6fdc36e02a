"""Place table cells that state their spans (HTML `rowspan`/`colspan`, Word
`gridSpan`/`vMerge`, spreadsheet merged ranges) on a grid, and turn a grid into rows.

Every span-aware reader builds `SourceRow`s in reading order and lets `place_cells` give
each cell its column: a cell takes the first column of its row that no cell above still
covers, as browsers do. Only the anchor (top-left) cell of a span becomes a `Cell`; the
positions it covers stay empty, and `Cell.rowspan` / `Cell.colspan` say how far it
reaches, so the normalizer can fill merged labels down.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from formex.extract.cleaning import clean_cell
from formex.schemas.document import Cell, Issue, Row

MAX_SPAN = 1000    # HTML caps colspan at 1000 and rowspan at 65534; a form needs far less
MAX_COLUMNS = 256  # wider rows are cut with an issue by the reader (a form has < 20 columns)


@dataclass
class SourceCell:
    raw: str
    rowspan: int = 1
    colspan: int = 1
    ref: str = ""


@dataclass
class SourceRow:
    cells: list[SourceCell]
    ref: str = ""
    page: int = 1
    start_col: int = 0          # Word's gridBefore: the row starts right of column 0
    nested: list["SourceRow"] = field(default_factory=list)  # tables inside its cells


def clamp_span(value: object, limit: int = MAX_SPAN) -> int:
    """A span attribute as a sane integer: missing, 0, negative or junk is 1.

    >>> clamp_span("3"), clamp_span("0"), clamp_span("x"), clamp_span("99999"), clamp_span(" 2 ")
    (3, 1, 1, 1000, 2)
    """
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), limit)


def place_cells(rows: list[SourceRow], cut: list[SourceCell] | None = None
                ) -> list[list[tuple[int, SourceCell, int, int]]]:
    """For each row, (column, cell, rowspan, colspan) of the cells it anchors.

    Rowspans are cut at the end of the table and colspans at `MAX_COLUMNS`; cells that
    would start at or past `MAX_COLUMNS` are left out and added to `cut`.

    >>> rows = [SourceRow([SourceCell("a", rowspan=2), SourceCell("b")]), SourceRow([SourceCell("c")])]
    >>> [[(col, c.raw, rs, cs) for col, c, rs, cs in row] for row in place_cells(rows)]
    [[(0, 'a', 2, 1), (1, 'b', 1, 1)], [(1, 'c', 1, 1)]]
    """
    covered: dict[int, int] = {}   # column -> rows still covered below the current one
    out = []
    for r, row in enumerate(rows):
        placed = []
        col = row.start_col
        for cell in row.cells:
            while covered.get(col, 0) > 0:
                col += 1
            if col >= MAX_COLUMNS:
                if cut is not None:
                    cut.append(cell)
                continue
            rowspan = min(cell.rowspan, len(rows) - r)
            colspan = min(cell.colspan, MAX_COLUMNS - col)
            placed.append((col, cell, rowspan, colspan))
            for c in range(col, col + colspan):
                covered[c] = max(covered.get(c, 0), rowspan)
            col += colspan
        for c in list(covered):
            covered[c] -= 1
            if covered[c] <= 0:
                del covered[c]
        out.append(placed)
    return out


def grid_rows(rows: list[SourceRow], first_index: int, issues: list[Issue] | None = None) -> list[Row]:
    """Document rows from one table's source rows; the rows of tables nested in its cells
    follow the whole table (placed after the row holding them, they would sit inside the
    outer table's row spans and take its merged labels). Cells without text are left out
    (an empty merged cell carries nothing); cells past `MAX_COLUMNS` are cut with a
    `content_cut` warning added to `issues`."""
    out: list[Row] = []
    cut: list[SourceCell] = []
    for source, placed in zip(rows, place_cells(rows, cut)):
        cells = tuple(Cell(text=text, raw=cell.raw, col=col, rowspan=rowspan, colspan=colspan,
                           source_ref=cell.ref or source.ref)
                      for col, cell, rowspan, colspan in placed
                      for text in [clean_cell(cell.raw)] if text)
        out.append(Row(first_index + len(out), cells, source.page, source.ref))
    if issues is not None:
        cut_issue(cut, issues)
    for source in rows:
        if source.nested:
            out += grid_rows(source.nested, first_index + len(out), issues)
    return out


def cut_issue(cut: list[SourceCell], issues: list[Issue], ref: str = "") -> None:
    """One `content_cut` warning for the cells of a table left out past `MAX_COLUMNS`,
    with their text (the first 20 cells, 500 characters)."""
    lost = [c for c in cut if clean_cell(c.raw)]
    if not lost:
        return
    texts = "; ".join(f"{c.ref or '?'}: {clean_cell(c.raw)!r}" for c in lost[:20])
    more = f" and {len(lost) - 20} more" if len(lost) > 20 else ""
    issues.append(Issue("warning", "content_cut",
                        f"{len(lost)} cell(s) lie past column {MAX_COLUMNS} (after a very wide "
                        f"merged cell or row) and were not placed: {texts[:500]}{more}",
                        field="document", source_ref=ref or lost[0].ref))


def text_row(raw: str, index: int, page: int, ref: str) -> Row:
    """A paragraph or heading outside any table: one cell in column 0."""
    return Row(index, (Cell(text=clean_cell(raw), raw=raw, col=0, source_ref=ref),), page, ref)
