"""One page of a text PDF to a PageContent, with pdfplumber.

1. `page.find_tables()` finds the ruled tables from the drawn lines and boxes; each
   table's cell boxes (a merged cell is one box) give the grid and its spans
   (`formex.extract.table_grid.boxes_to_grid`).
2. `chars_to_cells`: every character goes to the cell whose grid position holds its
   middle, or, outside the tables, to the page's text.
3. Each cell's characters become lines (`glyphs_to_lines`) and its text
   (`lines_to_text`); the page's other characters become lines of fields.

pdfplumber's own `extract_tables` gives a merged cell's text in its top row and `None`
below; the boxes say exactly how far it reaches, so the spans come from them.
"""
from __future__ import annotations

from bisect import bisect_right

from formex.extract.page_layout import Glyph, PageContent, PageTable, TableCell, glyphs_to_lines, lines_to_text
from formex.extract.table_grid import boxes_to_grid

SPLIT_GAP = 2.5          # a gap this many line heights wide separates two fields of a line


def char_glyph(char: dict) -> Glyph:
    return (char["text"], char["x0"], char["top"], char["x1"], char["bottom"])


def table_of(found, tolerance: float = 1.0) -> tuple[PageTable, dict[tuple[int, int], int]]:
    """A pdfplumber table as a PageTable and its grid positions -> cell index."""
    grid, xs, ys = boxes_to_grid([tuple(c) for c in found.cells], tolerance)
    cells = [TableCell(g.row, g.col, g.rowspan, g.colspan, "", g.bbox) for g in grid]
    owner = {}
    for k, cell in enumerate(cells):
        for r in range(cell.row, cell.row + cell.rowspan):
            for c in range(cell.col, cell.col + cell.colspan):
                owner.setdefault((r, c), k)
    return PageTable(tuple(found.bbox), cells, xs, ys), owner


def chars_to_cells(chars: list[dict], tables: list[tuple[PageTable, dict]]
                   ) -> tuple[list[list[list[Glyph]]], list[Glyph]]:
    """Glyphs of each cell of each table, and the glyphs outside every table."""
    per_table = [[[] for _ in table.cells] for table, _ in tables]
    outside: list[Glyph] = []
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        for t, (table, owner) in enumerate(tables):
            x0, top, x1, bottom = table.bbox
            if not (x0 <= x <= x1 and top <= y <= bottom):
                continue
            r = bisect_right(table.row_edges, y) - 1
            c = bisect_right(table.col_edges, x) - 1
            k = owner.get((r, c))
            if k is not None:
                per_table[t][k].append(char_glyph(char))
                break
        else:
            outside.append(char_glyph(char))
    return per_table, outside


def find_page_content(page, number: int, find_tables: bool = True) -> PageContent:
    """The tables and text of one pdfplumber page (its text only, without `find_tables`)."""
    tables = [table_of(found) for found in page.find_tables() if found.cells] if find_tables else []
    per_table, outside = chars_to_cells(page.chars, tables)
    for (table, _), glyph_lists in zip(tables, per_table):
        for cell, glyphs in zip(table.cells, glyph_lists):
            if glyphs:
                lines = [line[0] for line in glyphs_to_lines(glyphs) if line]
                cell.raw = lines_to_text(lines, cell.bbox[0], cell.bbox[2])
    return PageContent(number, float(page.width), float(page.height),
                       glyphs_to_lines(outside, split_gap=SPLIT_GAP), [t for t, _ in tables])
