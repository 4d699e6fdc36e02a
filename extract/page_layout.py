"""Pages laid out in boxes (a text PDF's characters, a scan's OCR text boxes) to rows.

Both page routes, pdfplumber on a text layer and OCR on an image, give the same thing
for each page: text pieces with their boxes, and the ruled tables found on it as grid
cells (`formex.extract.table_grid`). This module turns those into Document rows:

1. `glyphs_to_lines`: pieces of text to lines (by vertical position), left to right;
   a line outside tables splits where a wide gap separates two fields.
2. `lines_to_text`: a cell's lines to its text. A line that reaches the cell's right
   edge wrapped and joins the next one directly; a shorter one ended a paragraph and
   gives a line break.
3. `find_running_lines`: page headers and footers (the same line, digits aside, at the
   top or bottom of several pages, or a page number) are dropped.
4. `join_tables`: a table that ends its page and one that starts the next page with the
   same columns are one table: a repeated header row is dropped, and a merged cell cut
   by the page end is joined with its part on the next page (its rowspan grows by that
   part's), so spans stay exact over page breaks.
5. `pages_to_rows`: each page's text rows and table rows in reading order (top to
   bottom), numbered per page: `source_ref` is `page 3 row 12`, a cell's `page 3 row 12
   col 2`. Rows are counted as a person counts them on the page: every line of text and
   every table row, a repeated header included, page header and footer not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from formex.extract.cleaning import clean_cell
from formex.schemas.document import BBox, Cell, Issue, Row

Glyph = tuple[str, float, float, float, float]   # text, x0, top, x1, bottom

RUNNING_BAND = 0.09        # share of the page height at its top and bottom searched for headers/footers
PAGE_NUMBER = re.compile(r"^\s*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|[-—–]\s*\d+\s*[-—–]|"
                         r"page\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*/\s*\d+)\s*$", re.I)
DIGITS = re.compile(r"\d+")
EDGE_TOLERANCE = 0.012     # column edges of a continued table match within this share of its width
PLACE_TOLERANCE = 0.05     # ... and the table lies at the same place across the page, within this share
REPEAT_SIMILARITY = 85     # rapidfuzz ratio of a repeated header row to the table's first row


@dataclass(frozen=True)
class TextLine:
    """One line (or one field of a line) of text on a page."""
    text: str
    bbox: BBox

    @property
    def height(self) -> float:
        return self.bbox[3] - self.bbox[1]


@dataclass
class TableCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    raw: str
    bbox: BBox
    extra_rows: int = 0                        # rows of its parts on later pages
    merged_into: "TableCell | None" = None     # the part of a cut merged cell on a later page


@dataclass
class PageTable:
    bbox: BBox
    cells: list[TableCell]
    col_edges: list[float]
    row_edges: list[float]
    skip_rows: set[int] = field(default_factory=set)   # repeated header rows
    first_row: dict[int, str] | None = None            # the texts of the first row of the table it continues

    @property
    def n_rows(self) -> int:
        return len(self.row_edges) - 1


@dataclass
class PageContent:
    """What one page gave: lines of text outside tables (each a list of fields), tables."""
    number: int
    width: float
    height: float
    lines: list[list[TextLine]]
    tables: list[PageTable]
    route: str = "text"                       # text (a text layer) or ocr


def glyphs_to_lines(glyphs: list[Glyph], space_gap: float = 0.35,
                    split_gap: float | None = None) -> list[list[TextLine]]:
    """Lines of text, top to bottom, each a list of fields left to right.

    A glyph joins a line when its vertical middle lies within the line's height. Inside a
    line a gap wider than `space_gap` x the line height is a space, and one wider than
    `split_gap` x the height (when given) starts a new field. A glyph drawn twice at the
    same place (fake bold) counts once.

    >>> [[f.text for f in line] for line in glyphs_to_lines(
    ...     [("b", 5, 0, 10, 10), ("a", 0, 0, 5, 10), ("c", 0, 20, 5, 30), ("d", 50, 20, 55, 30)],
    ...     split_gap=2)]
    [['ab'], ['c', 'd']]
    """
    lines: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: ((g[2] + g[4]) / 2, g[1])):
        middle = (glyph[2] + glyph[4]) / 2
        if lines:
            top = min(g[2] for g in lines[-1][-3:])
            bottom = max(g[4] for g in lines[-1][-3:])
            if top <= middle <= bottom:
                lines[-1].append(glyph)
                continue
        lines.append([glyph])
    return [line_fields(sorted(line, key=lambda g: g[1]), space_gap, split_gap) for line in lines]


def line_fields(glyphs: list[Glyph], space_gap: float, split_gap: float | None) -> list[TextLine]:
    height = max(g[4] - g[2] for g in glyphs) or 1.0
    fields: list[list[Glyph]] = [[glyphs[0]]]
    parts: list[list[str]] = [[glyphs[0][0]]]
    for prev, glyph in zip(glyphs, glyphs[1:]):
        gap = glyph[1] - prev[3]
        if glyph[0] == prev[0] and abs(glyph[1] - prev[1]) < 0.2 * height:
            continue  # drawn twice
        if split_gap is not None and gap > split_gap * height:
            fields.append([glyph])
            parts.append([glyph[0]])
            continue
        if gap > space_gap * height and not prev[0].endswith(" ") and not glyph[0].startswith(" "):
            parts[-1].append(" ")
        fields[-1].append(glyph)
        parts[-1].append(glyph[0])
    out = []
    for field_glyphs, texts in zip(fields, parts):
        text = "".join(texts).strip()
        if text:
            out.append(TextLine(text if not texts[-1].endswith(" ") else text + " ",
                                (min(g[1] for g in field_glyphs), min(g[2] for g in field_glyphs),
                                 max(g[3] for g in field_glyphs), max(g[4] for g in field_glyphs))))
    return out


def lines_to_text(lines: list[TextLine], left: float, right: float, slack: float = 1.2) -> str:
    """A cell's text: a line that reaches the right edge (as far from it as the text
    starts from the left edge, within `slack` x the line height) wrapped and joins the
    next directly; a shorter one ends a paragraph.

    >>> full, short = TextLine("一二三", (2, 0, 28, 10)), TextLine("四", (2, 12, 12, 22))
    >>> lines_to_text([full, short], 0, 30), lines_to_text([short, full], 0, 30)
    ('一二三四', '四\\n一二三')
    """
    out = ""
    for k, line in enumerate(lines):
        if k:
            prev = lines[k - 1]
            inner_right = right - max(prev.bbox[0] - left, 0)
            wrapped = prev.bbox[2] >= inner_right - slack * max(prev.height, 1.0)
            out += "" if wrapped else "\n"
        out += line.text if k + 1 < len(lines) else line.text.rstrip(" ")
    return out.strip()


def line_key(text: str) -> str:
    return DIGITS.sub("#", re.sub(r"\s+", "", text))


def find_running_lines(pages: list[PageContent]) -> set[tuple[int, int]]:
    """(page number, line index) of page headers and footers: lines in the top or bottom
    band of the page that recur (digits aside, an OCR slip allowed) on at least two
    pages, or are a page number."""
    groups: list[tuple[str, list[tuple[int, int]]]] = []   # (a line's key, where lines like it are)
    found: set[tuple[int, int]] = set()
    for page in pages:
        for k, line in enumerate(page.lines):
            top, bottom = line[0].bbox[1], line[0].bbox[3]
            if top > page.height * RUNNING_BAND and bottom < page.height * (1 - RUNNING_BAND):
                continue
            text = " ".join(f.text for f in line)
            if PAGE_NUMBER.match(text):
                found.add((page.number, k))
            key = line_key(text)
            group = next((places for first, places in groups
                          if first == key or fuzz.ratio(first, key) >= REPEAT_SIMILARITY), None)
            if group is None:
                groups.append((key, [(page.number, k)]))
            else:
                group.append((page.number, k))
    for _, places in groups:
        if len({p for p, _ in places}) >= 2:
            found.update(places)
    return found


def map_edges(edges: list[float], onto: list[float], tolerance: float) -> list[int] | None:
    """Index in `onto` of each edge, edges taken relative to their table's width (so a
    scanned page shifted or scaled against the one before still matches), or None when
    one has no match within `tolerance` (a share of the width).

    >>> map_edges([110, 150, 230], [50, 90, 130, 170], 0.02)     # the same columns, shifted and wider
    [0, 1, 3]
    >>> map_edges([110, 160, 230], [50, 90, 130, 170], 0.02) is None
    True
    """
    def relative(values: list[float]) -> list[float]:
        width = (values[-1] - values[0]) or 1.0
        return [(v - values[0]) / width for v in values]

    out = []
    targets = relative(onto)
    for edge in relative(edges):
        k = min(range(len(targets)), key=lambda i: abs(targets[i] - edge))
        if abs(targets[k] - edge) > tolerance:
            return None
        out.append(k)
    return out


def root_of(cell: TableCell) -> TableCell:
    while cell.merged_into is not None:
        cell = cell.merged_into
    return cell


def continue_table(before: PageTable, after: PageTable, issues: list[Issue], page: int) -> bool:
    """Join `after` (first on its page) to `before` (last on the previous page) when
    their columns match; returns whether they were joined."""
    mapping = map_edges(after.col_edges, before.col_edges, EDGE_TOLERANCE)
    if mapping is None or mapping[0] != 0 or mapping[-1] != len(before.col_edges) - 1:
        return False
    for cell in after.cells:
        last = mapping[cell.col + cell.colspan]
        cell.col = mapping[cell.col]
        cell.colspan = last - cell.col
    after.col_edges = before.col_edges
    first_texts = after.first_row = before.first_row or row_texts(before, 0)
    start = 0
    if after.n_rows > 1 and same_row(row_texts(after, 0), first_texts):
        after.skip_rows.add(0)
        start = 1
        issues.append(Issue("info", "header_repeated", "repeated table header row after a page "
                            "break dropped", field="document", source_ref=f"page {page} row 1"))
    ends = {(c.col, c.colspan): c for c in before.cells if c.row + c.rowspan == before.n_rows}
    for cell in after.cells:
        if cell.row != start:
            continue
        upper = ends.get((cell.col, cell.colspan))
        if upper is None or (upper.rowspan == 1 and cell.rowspan == 1):
            continue
        if upper.raw.strip() and cell.raw.strip():
            continue
        root = root_of(upper)
        root.extra_rows += cell.rowspan
        if cell.raw.strip():
            root.raw = cell.raw
        cell.merged_into = root
    return True


def row_texts(table: PageTable, row: int) -> dict[int, str]:
    return {c.col: clean_cell(c.raw) for c in table.cells if c.row == row}


def same_row(texts: dict[int, str], first: dict[int, str]) -> bool:
    """A row repeats the table's first row: the same cells, their text equal but for
    an OCR slip here and there.

    >>> same_row({0: "一级目标", 1: "三级日标"}, {0: "一级目标", 1: "三级目标"})
    True
    """
    if texts.keys() != first.keys() or not any(first.values()):
        return False
    joined, wanted = "|".join(texts[k] for k in sorted(texts)), "|".join(first[k] for k in sorted(first))
    return joined == wanted or fuzz.ratio(joined, wanted) >= REPEAT_SIMILARITY


def join_tables(pages: list[PageContent], running: set[tuple[int, int]], issues: list[Issue]) -> None:
    """Join each page's first table to the previous page's last table when nothing but
    page headers and footers lies between them and their columns match."""
    for before_page, page in zip(pages, pages[1:]):
        if not before_page.tables or not page.tables:
            continue
        before = max(before_page.tables, key=lambda t: t.bbox[3])
        after = min(page.tables, key=lambda t: t.bbox[1])
        text_below = any(line[0].bbox[1] > before.bbox[3] for k, line in enumerate(before_page.lines)
                         if (before_page.number, k) not in running)
        text_above = any(line[0].bbox[3] < after.bbox[1] for k, line in enumerate(page.lines)
                         if (page.number, k) not in running)
        if text_below or text_above:
            continue
        if not same_place(before, before_page, after, page):
            continue
        continue_table(before, after, issues, page.number)


def same_place(before: PageTable, before_page: PageContent, after: PageTable, page: PageContent) -> bool:
    """The two tables span the same share of their pages' width (a text page and a
    scanned one have different units)."""
    def span(table: PageTable, on: PageContent) -> tuple[float, float]:
        return table.bbox[0] / on.width, table.bbox[2] / on.width
    (a0, a1), (b0, b1) = span(before, before_page), span(after, page)
    return abs(a0 - b0) < PLACE_TOLERANCE and abs(a1 - b1) < PLACE_TOLERANCE


def paragraphs(page: PageContent, running: set[tuple[int, int]]) -> list[list[TextLine]]:
    """The page's text rows: a line of several fields is a row; single lines join into a
    paragraph while each reaches the right edge of the page's text."""
    kept = [line for k, line in enumerate(page.lines) if (page.number, k) not in running]
    right = max([f.bbox[2] for line in kept for f in line] + [t.bbox[2] for t in page.tables], default=0)
    out: list[list[TextLine]] = []
    for line in kept:
        if len(line) == 1 and out and len(out[-1]) == 1:
            prev = out[-1][0]
            height = max(prev.height, 1.0)
            wrapped = prev.bbox[2] >= right - 1.5 * height
            close = line[0].bbox[1] - prev.bbox[3] < 0.9 * height
            if wrapped and close and abs(line[0].bbox[0] - prev.bbox[0]) < 1.5 * height:
                out[-1] = [TextLine(prev.text + line[0].text,
                                    (min(prev.bbox[0], line[0].bbox[0]), prev.bbox[1],
                                     max(prev.bbox[2], line[0].bbox[2]), line[0].bbox[3]))]
                continue
        out.append(list(line))
    return out


def pages_to_rows(pages: list[PageContent], issues: list[Issue]) -> list[Row]:
    """Document rows of all pages in reading order (see the module's steps)."""
    running = find_running_lines(pages)
    join_tables(pages, running, issues)
    rows: list[Row] = []
    for page in pages:
        items: list[tuple[float, int, object]] = []
        for line in paragraphs(page, running):
            items.append((line[0].bbox[1], 0, line))
        for t, table in enumerate(page.tables):
            for r in range(table.n_rows):
                items.append((table.row_edges[r], 1, (table, r)))
        items.sort(key=lambda item: (item[0], item[1]))
        for number, (_, kind, payload) in enumerate(items, 1):
            ref = f"page {page.number} row {number}"
            if kind == 0:
                cells = tuple(Cell(text=clean_cell(f.text), raw=f.text.rstrip(" "), col=c,
                                   source_ref=ref if len(payload) == 1 else f"{ref} col {c + 1}",
                                   page=page.number, bbox=f.bbox)
                              for c, f in enumerate(payload))
                cells = tuple(c for c in cells if c.text)
            else:
                table, r = payload
                if r in table.skip_rows:
                    continue
                cells = tuple(Cell(text=text, raw=cell.raw, col=cell.col,
                                   rowspan=cell.rowspan + cell.extra_rows, colspan=cell.colspan,
                                   source_ref=f"{ref} col {cell.col + 1}", page=page.number, bbox=cell.bbox)
                              for cell in table.cells
                              if cell.row == r and cell.merged_into is None
                              for text in [clean_cell(cell.raw)] if text)
            rows.append(Row(len(rows) + 1, cells, page.number, ref))
    return rows
