"""Read a Word form (.docx) into a Document, with python-docx.

The body is read in order: a paragraph is a row of one cell (title, `单位名称：…` lines,
notes), a table gives one row per `w:tr`. Table cells sit on Word's column grid: a
row starts after `w:gridBefore` columns, a cell covers `w:gridSpan` columns, and a
cell marked `w:vMerge` (continue) belongs to the merged cell above it, whose rowspan it
extends. A table inside a cell gives its rows after the whole table that holds it.
Content controls (`w:sdt`) and custom XML (`w:customXml`) are read through, around
blocks, rows and cells. Rows past `MAX_ROWS` and cells past `MAX_COLUMNS` grid columns
are cut with a `content_cut` warning. A page break (`w:br w:type="page"`, or
`pageBreakBefore`) starts a new page. `source_ref` is `table 2 row 5` (a cell adds
`col 3`, its grid column) or `paragraph 7`.
"""
from __future__ import annotations

import io
import warnings

from formex.extract.cleaning import clean_cell
from formex.extract.grid import MAX_COLUMNS, SourceCell, clamp_span, cut_issue
from formex.extract.office_zip import OfficeFileRejected, open_package
from formex.schemas.document import Cell, Document, Issue, Row

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_ROWS = 20_000


def w_val(element, path: str) -> str | None:
    found = element.find(path)
    return None if found is None else found.get(f"{W}val", "")


def paragraph_text(p) -> str:
    """A paragraph's text as Word shows it: runs' `w:t`, tabs, line breaks (a page break
    is no text). Deleted text (`w:delText`) and field codes (`w:instrText`) are not `w:t`."""
    parts = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"):
        if node.tag == f"{W}t":
            parts.append(node.text or "")
        elif node.tag == f"{W}tab":
            if node.getparent().tag == f"{W}r":   # a tab stop in pPr/tabs is no character
                parts.append("\t")
        elif node.get(f"{W}type") != "page":
            parts.append("\n")
    return "".join(parts)


def page_break_in(p) -> tuple[bool, bool]:
    """(a page starts before the paragraph, a page break inside or after it)."""
    before = p.find(f"{W}pPr/{W}pageBreakBefore") is not None
    inside = any(br.get(f"{W}type") == "page" for br in p.iter(f"{W}br"))
    return before, inside


def blocks(container):
    """Paragraphs and tables of a body or cell in order, through content controls."""
    for child in container:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from blocks(content)


def table_parts(container, tag: str):
    """The `w:tr` of a table (or `w:tc` of a row) in order, through content controls
    (`w:sdt/w:sdtContent`) and custom XML (`w:customXml`) wrapped around them."""
    for child in container:
        if child.tag == tag:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from table_parts(content, tag)
        elif child.tag == f"{W}customXml":
            yield from table_parts(child, tag)


def cell_text(tc) -> tuple[str, list]:
    """A cell's text (its paragraphs, one line each) and the tables nested in it."""
    lines, nested = [], []
    for block in blocks(tc):
        if block.tag == f"{W}p":
            lines.append(paragraph_text(block))
        else:
            nested.append(block)
    return "\n".join(lines).strip("\n"), nested


def table_rows(tbl, prefix: str, page: int, first_index: int, issues: list[Issue]) -> list[Row]:
    """Rows of one table with spans; the rows of tables nested in its cells follow the
    whole table (so they do not fall inside its merged cells). Rows past `MAX_ROWS` and
    cells past `MAX_COLUMNS` are cut with a `content_cut` warning."""
    anchors: dict[int, dict] = {}      # grid column -> the cell a vMerge continues there
    grid: list[list[dict]] = []
    inner_rows: list[Row] = []
    cut_cells: list[SourceCell] = []
    rows_cut = 0
    for r, tr in enumerate(table_parts(tbl, f"{W}tr"), 1):
        if r > MAX_ROWS:
            rows_cut += 1
            continue
        before = w_val(tr, f"{W}trPr/{W}gridBefore")
        col = clamp_span(before, MAX_COLUMNS) if before not in (None, "", "0") else 0
        cells: list[dict] = []
        for c, tc in enumerate(table_parts(tr, f"{W}tc"), 1):
            if col >= MAX_COLUMNS:
                cut_cells.append(SourceCell(cell_text(tc)[0], ref=f"{prefix} row {r} cell {c}"))
                continue
            span = clamp_span(w_val(tc, f"{W}tcPr/{W}gridSpan") or 1, MAX_COLUMNS - col)
            merge = w_val(tc, f"{W}tcPr/{W}vMerge")
            raw, nested = cell_text(tc)
            ref = f"{prefix} row {r} col {col + 1}"
            if merge is not None and merge != "restart" and col in anchors:
                anchors[col]["rowspan"] += 1      # the lower part of a vertical merge
            else:
                cell = {"raw": raw, "col": col, "colspan": span, "rowspan": 1, "ref": ref}
                cells.append(cell)
                for c in range(col, col + span):
                    anchors.pop(c, None)
                anchors[col] = cell
            for k, inner in enumerate(nested, 1):
                inner_rows += table_rows(inner, f"{ref} table {k}", page, 0, issues)
            col += span
        grid.append(cells)
    if rows_cut:
        issues.append(Issue("warning", "content_cut",
                            f"{prefix} has {MAX_ROWS + rows_cut} rows; the {rows_cut} past row "
                            f"{MAX_ROWS} were not read", field="document",
                            source_ref=f"{prefix} row {MAX_ROWS + 1}"))
    cut_issue(cut_cells, issues)
    out: list[Row] = []
    for r, cells in enumerate(grid, 1):
        row_cells = tuple(Cell(text=text, raw=c["raw"], col=c["col"], rowspan=c["rowspan"],
                               colspan=c["colspan"], source_ref=c["ref"])
                          for c in cells for text in [clean_cell(c["raw"])] if text)
        out.append(Row(first_index + len(out), row_cells, page, f"{prefix} row {r}"))
    for inner in inner_rows:
        out.append(Row(first_index + len(out), inner.cells, page, inner.source_ref))
    return out


def body_rows(body, issues: list[Issue]) -> list[Row]:
    rows: list[Row] = []
    page, paragraphs, tables = 1, 0, 0
    for block in blocks(body):
        if block.tag == f"{W}p":
            paragraphs += 1
            before, inside = page_break_in(block)
            if before and rows:
                page += 1
            raw = paragraph_text(block)
            text = clean_cell(raw)
            if text:
                ref = f"paragraph {paragraphs}"
                rows.append(Row(len(rows) + 1, (Cell(text=text, raw=raw, col=0, source_ref=ref),),
                                page, ref))
            if inside and rows:
                page += 1
        else:
            tables += 1
            rows += table_rows(block, f"table {tables}", page, len(rows) + 1, issues)
    return rows


def read_docx(data: bytes, *, doc_id: str, source_path: str, source_format: str = "docx") -> Document:
    import docx

    package = open_package(data, source_path, "docx")
    if "word/document.xml" not in package.names:
        raise OfficeFileRejected(f"{source_path}: not a valid docx file: it has no document part "
                                 "(is it a spreadsheet or another zip?)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = docx.Document(io.BytesIO(data))
        issues = list(package.issues)
        rows = body_rows(document.element.body, issues)
    except OfficeFileRejected:
        raise
    except Exception as error:  # python-docx and lxml raise many types on broken parts
        raise OfficeFileRejected(f"{source_path}: not a readable docx file: "
                                 f"{type(error).__name__}: {error}") from None
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format,
                    rows=rows, spans_known=True, issues=issues)
