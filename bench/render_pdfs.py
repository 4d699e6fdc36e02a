"""Render each OCR-text sample as the form a unit would export from Word: a text PDF.

Usage: python bench/render_pdfs.py [SAMPLES] [OUT]   (defaults: samples, samples/rendered)

The form is the one bench/render_fixtures.py builds (title, header fields, tasks,
budget, the indicator table with its level labels as merged cells over their blocks),
laid out on A4 pages by a small table layout of its own and drawn with reportlab's
canvas, the CJK font (WenQuanYi Micro Hei, Debian fonts-wqy-microhei) embedded:

- ruled tables; a row never splits, a table that reaches the page end goes on on the
  next page with its header row repeated (tables that have one), and a merged cell
  that reaches over the page end is cut there: its text is drawn in the first part
  tall enough to hold it (as Word does), the part on the next page is an empty box;
- a running page header and a `第 N 页 共 M 页` footer on every page;
- wrapped lines keep the space they wrapped at (drawn at the line end, as Word's text
  layer does), so the text reads back exactly.

Each rendering is a sample folder `<sample>-pdf/` with the PDF and `expected/`: the text
sample's golden with the route columns (source_ref `page P row R`, level1_raw,
level2_raw, level2_source) set from this layout, as render_fixtures.py does. Rows are
counted per page from the top: every line of text outside tables and every table row,
a repeated header row included, page header and footer not.

Variants by the sample's position: merged labels vertically centred or at the top;
cell borders drawn as one rectangle per cell or as the table's rule lines.

Output is deterministic (reportlab's `invariant` mode), so re-running leaves git clean.
Needs reportlab and the font at render time only: the PDFs are committed.
"""
from __future__ import annotations

import io
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_fixtures import ANY_TAG, Block, build_form, span_starts, text_samples, write_golden  # noqa: E402

FONT_PATH = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
FONT = "WQY"
PAGE_W, PAGE_H = 595.0, 842.0                 # A4 in points
MARGIN_X, BODY_TOP, BODY_BOTTOM = 50.0, 62.0, 780.0
COL_WIDTHS = (78.0, 92.0, 225.0, 100.0)      # sums to PAGE_W - 2 * MARGIN_X
SIZE, LEADING, PAD = 9.0, 12.0, 3.5
HEAD_SIZE, TITLE_SIZE = 11.0, 16.0
RUNNING_HEADER = "预算绩效目标管理系统  打印件"
GAP = 8.0


def font_ready() -> bool:
    return FONT_PATH.exists()


def register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))


def width_of(text: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, FONT, size)


def shown(text: str) -> list[str]:
    """A cell's text as printed: markup an OCR engine wrote becomes line breaks."""
    text = ANY_TAG.sub("\n", text) if ANY_TAG.search(text) else text
    return [line for line in (part.strip() for part in text.split("\n")) if line]


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` points, broken between any two characters (CJK style);
    a space at a break stays at the end of its line."""
    lines: list[str] = []
    for paragraph in shown(text):
        line = ""
        for ch in paragraph:
            if line and ch != " " and width_of(line.rstrip(" ") + ch, size) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


@dataclass
class Placed:
    """One cell laid out: its grid position, its text lines."""
    row: int
    col: int
    rowspan: int
    colspan: int
    lines: list[str]

    @property
    def text_height(self) -> float:
        return len(self.lines) * LEADING + 2 * PAD


@dataclass
class Page:
    items: list = field(default_factory=list)   # ("text", top, x, size, line) / ("cell", ...)
    rows: list = field(default_factory=list)    # row keys counted on this page, in order


def cell_x(col: int, colspan: int) -> tuple[float, float]:
    x0 = MARGIN_X + sum(COL_WIDTHS[:col])
    return x0, x0 + sum(COL_WIDTHS[col:col + colspan])


def layout_table(block: Block) -> tuple[list[Placed], list[float]]:
    cells = [Placed(r, c.col, max(c.rowspan, 1), c.colspan,
                    wrap(c.text, cell_x(c.col, c.colspan)[1] - cell_x(c.col, c.colspan)[0] - 2 * PAD, SIZE))
             for r, row in enumerate(block.rows) for c in row.cells]
    heights = [LEADING + 2 * PAD] * len(block.rows)
    for cell in cells:
        if cell.rowspan == 1:
            heights[cell.row] = max(heights[cell.row], cell.text_height)
    for cell in cells:
        if cell.rowspan > 1:
            short = cell.text_height - sum(heights[cell.row:cell.row + cell.rowspan])
            if short > 0:
                heights[cell.row + cell.rowspan - 1] += short
    return cells, heights


def text_piece(cell: Placed, pieces: list):
    """A merged cell cut at a page end prints its text in the first part tall enough."""
    return next((p for p in pieces if p[2] - p[1] >= cell.text_height - 0.01), pieces[0])


class Layout:
    """Stacks blocks down A4 pages; `pages[i].rows` counts the rows a reader sees."""

    def __init__(self, valign: str, rules: str):
        self.valign, self.rules = valign, rules
        self.pages: list[Page] = [Page()]
        self.y = BODY_TOP
        self.cut_spans = 0                     # merged cells cut by a page end

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = BODY_TOP

    def heading(self, text: str, first: bool) -> None:
        size = TITLE_SIZE if first else HEAD_SIZE
        lines = wrap(text, PAGE_W - 2 * MARGIN_X, size)
        if self.y + len(lines) * size * 1.4 > BODY_BOTTOM:
            self.new_page()
        self.pages[-1].rows.append(None)   # a heading is one row, however many lines
        for line in lines:
            x = (PAGE_W - width_of(line, size)) / 2 if first else MARGIN_X
            self.pages[-1].items.append(("text", self.y, x, size, line))
            self.y += size * 1.4
        self.y += GAP / 2

    def table(self, block: Block) -> None:
        cells, heights = layout_table(block)
        header = 0 if block.rows and block.rows[0].header else None
        # each page's rows: (row index, top, is a repeated header)
        parts: list[list[tuple[int, float, bool]]] = [[]]
        for r, height in enumerate(heights):
            if self.y + height > BODY_BOTTOM and parts[-1]:
                self.new_page()
                parts.append([])
                if header is not None:
                    parts[-1].append((header, self.y, True))
                    self.y += heights[header]
            parts[-1].append((r, self.y, False))
            self.y += height
        first_page = len(self.pages) - len(parts)
        for k, part in enumerate(parts):
            self.pages[first_page + k].rows += [None if repeated else block.rows[r].key
                                                for r, _, repeated in part]
        for cell in cells:
            pieces = []   # (page, top, bottom) of each part of the cell
            for k, part in enumerate(parts):
                here = [(top, top + heights[r]) for r, top, repeated in part
                        if (cell.row <= r < cell.row + cell.rowspan) and (not repeated or r == cell.row)]
                if here:
                    pieces.append((self.pages[first_page + k], here[0][0], here[-1][1]))
            x0, x1 = cell_x(cell.col, cell.colspan)
            self.cut_spans += cell.rowspan > 1 and len(pieces) > 1
            for page, top, bottom in pieces:
                page.items.append(("box", x0, top, x1, bottom))
            repeats = [p for p in pieces[1:] if cell.row == header]
            for page, top, bottom in [text_piece(cell, [p for p in pieces if p not in repeats])] + repeats:
                self.place_text(page, cell, x0, top, bottom)
        self.y += GAP

    def place_text(self, page: Page, cell: Placed, x0: float, top: float, bottom: float) -> None:
        height = len(cell.lines) * LEADING
        y = top + PAD if self.valign == "top" or cell.rowspan == 1 else top + (bottom - top - height) / 2
        for line in cell.lines:
            page.items.append(("text", y, x0 + PAD, SIZE, line))
            y += LEADING


def render_pdf(blocks: list[Block], position: int) -> tuple[bytes, dict, Layout]:
    """The PDF's bytes, {row key: `page P row R`} and the layout."""
    from reportlab.pdfgen import canvas

    register_font()
    layout = Layout(valign=("middle", "top")[position % 2], rules=("boxes", "lines")[position // 2 % 2])
    for k, block in enumerate(blocks):
        if block.kind == "heading":
            layout.heading(block.text, first=k == 0)
        elif block.kind == "table":
            layout.table(block)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1)
    pdf.setTitle("绩效目标申报表")
    pdf.setAuthor("formex render_pdfs")
    total = len(layout.pages)
    refs = {}
    for number, page in enumerate(layout.pages, 1):
        pdf.setLineWidth(0.6)
        for item in page.items:
            if item[0] == "box":
                _, x0, top, x1, bottom = item
                if layout.rules == "boxes":
                    pdf.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
                else:
                    for line in ((x0, top, x1, top), (x0, bottom, x1, bottom),
                                 (x0, top, x0, bottom), (x1, top, x1, bottom)):
                        pdf.line(line[0], PAGE_H - line[1], line[2], PAGE_H - line[3])
        for item in page.items:
            if item[0] == "text":
                _, top, x, size, line = item
                pdf.setFont(FONT, size)
                pdf.drawString(x, PAGE_H - top - size * 0.88, line)
        pdf.setFont(FONT, 8)
        pdf.drawString(MARGIN_X, PAGE_H - 36, RUNNING_HEADER)
        footer = f"第 {number} 页 共 {total} 页"
        pdf.drawString((PAGE_W - width_of(footer, 8)) / 2, PAGE_H - 812, footer)
        for r, key in enumerate(page.rows, 1):
            if key:
                refs[key] = f"page {number} row {r}"
        pdf.showPage()
    pdf.save()
    return buffer.getvalue(), refs, layout


def render_sample(sample: Path, out: Path, position: int) -> Path:
    blocks, golds = build_form(sample, split_pages=False)
    data, refs, layout = render_pdf(blocks, position)
    print(f"{sample.name}: {len(layout.pages)} pages, {layout.cut_spans} merged cells cut by a page end")
    folder = out / f"{sample.name}-pdf"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / f"{sample.name}.pdf").write_bytes(data)
    write_golden(folder, golds, "pdf", refs, span_starts(blocks))
    return folder


def main(argv: list[str]) -> int:
    if not font_ready():
        print(f"needs {FONT_PATH}: apt-get install fonts-wqy-microhei", file=sys.stderr)
        return 1
    samples = Path(argv[1]) if len(argv) > 1 else Path("samples")
    out = Path(argv[2]) if len(argv) > 2 else samples / "rendered"
    for position, sample in enumerate(text_samples(samples)):
        render_sample(sample, out, position)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
