"""Read the Markdown an OCR engine writes (MinerU, PaddleOCR PP-Structure, docling,
Marker) into a Document.

markdown-it-py (CommonMark with GFM tables) splits the file into blocks: a heading or
paragraph is a row of one cell; a pipe table is a grid whose positions are exact (it
cannot state spans, so an engine writes a merged cell's text again on every row or
leaves the rows below it blank; the normalizer reads both as a merged label); an HTML
`<table>` block is read by the HTML reader with its rowspan/colspan. LaTeX and `<br>`
stay in `raw` and are resolved by `clean_cell`. Page markers start a new page:
`<!-- page 2 -->` and other page comments, Marker's `{2}------`, an element styled
`page-break-before/after`. `source_ref` is the line in the file.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from formex.extract.cleaning import clean_cell
from formex.extract.encoding import decode_bytes, decoding_issues
from formex.extract.grid import SourceCell, SourceRow, grid_rows
from formex.extract.html_doc import PAGE_COMMENT, html_rows, parse_html, refuse_oversized
from formex.schemas.document import Cell, Document, Row

MARKER_PAGE = re.compile(r"^\s*\{\d+\}-{3,}\s*$")  # Marker's paginated output
EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
TABLE_END = re.compile(r"</table\s*>", re.I)


def comment_text(block: str) -> str | None:
    """The text of an HTML block that is one comment, else None (plain string tests: a
    lazy regex rescans an unclosed `<!--` from every later one).

    >>> comment_text(" <!-- page 2 -->\\n"), comment_text("<!-- a --> <p>"), comment_text("<!-->")
    (' page 2 ', None, None)
    """
    block = block.strip()
    if block.startswith("<!--") and block.endswith("-->") and len(block) >= 7:
        return block[4:-3]
    return None


def markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": True}).enable("table")


def plain(raw: str) -> str:
    r"""A paragraph's or cell's text without Markdown emphasis; soft breaks are spaces.

    >>> plain("**预算情况**"), plain("单位名称：某\n中心")
    ('预算情况', '单位名称：某中心')
    """
    return clean_cell(EMPHASIS.sub(r"\2", raw).replace("\n", " "))


PIPE = re.compile(r"(?<!\\)\|")


def pipe_cells(line: str) -> list[str]:
    r"""A pipe-table row's cells as written (GFM: an outer pipe is optional, `\|` is a pipe).

    >>> pipe_cells("| 1 | 2 \\| 3 | 4 |"), pipe_cells("a | b")
    (['1', '2 \\| 3', '4'], ['a', 'b'])
    """
    text = line.strip()
    text = text[1:] if text.startswith("|") else text
    text = text[:-1] if text.endswith("|") and not text.endswith("\\|") else text
    return [part.strip() for part in PIPE.split(text)]


def pipe_table(tokens, start: int, page: int, lines: list[str] | None = None
               ) -> tuple[list[SourceRow], int]:
    """The rows of a GFM table starting at tokens[start] (table_open), and the index after it.

    GFM drops the cells of a row past the header's count; they are read back from the
    source line and kept as further cells."""
    rows: list[SourceRow] = []
    cells: list[SourceCell] = []
    line = 0
    i = start
    while tokens[i].type != "table_close":
        token = tokens[i]
        if token.type == "tr_open":
            cells, line = [], token.map[0] + 1 if token.map else 0
        elif token.type == "inline":
            cells.append(SourceCell(token.content, ref=f"line {line} col {len(cells) + 1}"))
        elif token.type == "tr_close":
            if lines and 0 < line <= len(lines):
                written = pipe_cells(lines[line - 1])
                for extra in written[len(cells):]:
                    cells.append(SourceCell(extra.replace("\\|", "|"),
                                            ref=f"line {line} col {len(cells) + 1}"))
            rows.append(SourceRow(cells, f"line {line}", page))
        i += 1
    return rows, i + 1


def html_block_rows(source_lines: list[str], first_line: int, page: int, first_index: int,
                    issues: list | None = None) -> tuple[list[Row], int, int]:
    """Rows of an HTML block starting at `first_line` (0-based); a `<table>` runs on to
    its closing tag even across blank lines. Returns rows, page and the next line."""
    end = first_line + 1
    text = source_lines[first_line]
    if "<table" in text.lower() and not TABLE_END.search(text):
        while end < len(source_lines) and not TABLE_END.search(text):
            text += "\n" + source_lines[end]
            end += 1
    root = parse_html(text)
    if root is None:
        return [], page, end
    rows, page = html_rows(root, first_index=first_index, page=page, line_offset=first_line,
                           table_ref=lambda n, el: f"line {first_line + (el.sourceline or 1)}",
                           issues=issues)
    return rows, page, end


def markdown_rows(text: str, issues: list | None = None) -> list[Row]:
    lines = text.split("\n")
    tokens = markdown_parser().parse(text)
    rows: list[Row] = []
    page = 1
    consumed = 0  # source lines already read by an HTML block that ran past its token
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.map and token.map[0] < consumed:
            i += 1
            continue
        if token.type == "table_open":
            source, i = pipe_table(tokens, i, page, lines)
            rows += grid_rows(source, len(rows) + 1, issues)
            continue
        if token.type == "html_block" and (comment := comment_text(token.content)) is not None:
            page += bool(PAGE_COMMENT.match(comment) and rows)
        elif token.type == "html_block":
            for offset in range(token.map[0], token.map[1]):
                if offset < consumed or not lines[offset].strip():
                    continue
                block, page, consumed = html_block_rows(lines, offset, page, len(rows) + 1, issues)
                rows += block
                if consumed >= token.map[1]:
                    break
            consumed = max(consumed, token.map[1])
        elif token.type == "inline" and token.content.strip():
            if MARKER_PAGE.match(token.content):
                page += bool(rows)
            else:
                ref = f"line {token.map[0] + 1}"
                cell = Cell(plain(token.content), token.content, 0, source_ref=ref)
                rows.append(Row(len(rows) + 1, (cell,), page, ref))
        i += 1
    return [row for row in rows if not row.is_blank()]


def read_markdown(data: bytes, *, doc_id: str, source_path: str,
                  source_format: str = "markdown") -> Document:
    refuse_oversized(data, source_path, "Markdown")
    decoded = decode_bytes(data)
    issues = decoding_issues(decoded)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format,
                    rows=markdown_rows(text, issues), spans_known=True, raw_text=decoded.text,
                    encoding=decoded.encoding, issues=issues)
