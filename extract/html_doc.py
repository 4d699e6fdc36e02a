"""Read HTML (an OCR engine's page output, or a form saved as a web page) into a Document.

lxml's HTML parser reads the markup, so broken or unclosed tags are repaired the way
a browser would, never matched by a regular expression. Tables keep their cells'
`rowspan` / `colspan` (placed by `formex.extract.grid`); headings, paragraphs and list
items outside tables are rows of one cell, in document order; a table inside a cell
gives its rows after the row that holds it. A page marker (`<!-- page 2 -->`,
`<!-- PageBreak -->`, an element styled `page-break-before/after`) starts a new page.
Every cell's `raw` is its text as shown (`<br>` and block elements as line breaks,
entities decoded); `text` is that, cleaned.
"""
from __future__ import annotations

import re

import lxml.etree
import lxml.html

from formex.extract.encoding import decode_bytes, decoding_issues
from formex.extract.errors import ExtractError
from formex.extract.grid import SourceCell, SourceRow, clamp_span, grid_rows, text_row
from formex.schemas.document import Document, Row

BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                        "tr", "caption", "blockquote", "pre", "section", "article", "header",
                        "footer", "main", "dl", "dt", "dd", "figure", "figcaption", "center",
                        "form", "fieldset", "address", "nav", "aside"})
SKIP_TAGS = frozenset({"script", "style", "head", "title", "noscript", "template", "math", "svg"})
TEXT_BLOCKS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "pre",
                         "blockquote", "dt", "dd", "figcaption", "address"})
PAGE_COMMENT = re.compile(r"^\s*(?:page[\s_-]*(?:break|\d+)|pagebreak|page\s*$|第\s*\d+\s*页)", re.I)
PAGE_BEFORE = re.compile(r"(?:page-break-before\s*:\s*always|break-before\s*:\s*page)", re.I)
PAGE_AFTER = re.compile(r"(?:page-break-after\s*:\s*always|break-after\s*:\s*page)", re.I)
SPACE_RUN = re.compile(r"[ \t\r\n\f]+")
MAX_HTML_BYTES = 50 * 1024 * 1024


class HtmlUnreadable(ExtractError):
    pass


def page_breaks(node) -> tuple[bool, bool]:
    """(a page starts before the node, a page starts after it)."""
    if node.tag is lxml.etree.Comment:
        return bool(PAGE_COMMENT.match(node.text or "")), False
    if not isinstance(node.tag, str):
        return False, False
    style = node.get("style") or ""
    return bool(PAGE_BEFORE.search(style)), bool(PAGE_AFTER.search(style))


def shown_text(element, *, skip_tables: bool = True) -> str:
    """The text a browser shows: whitespace runs are one space, `<br>` and block
    elements break lines; nested tables are left out (they become rows of their own)."""
    parts: list[str] = []

    def walk(node) -> None:
        if node.text:
            parts.append(SPACE_RUN.sub(" ", node.text))
        for child in node:
            tag = child.tag if isinstance(child.tag, str) else None
            if tag == "br":
                parts.append("\n")
            elif tag is None or tag in SKIP_TAGS or (tag == "table" and skip_tables):
                pass
            elif tag in BLOCK_TAGS or tag in ("td", "th"):
                parts.append("\n")
                walk(child)
                parts.append("\n")
            else:
                walk(child)
            if child.tail:
                parts.append(SPACE_RUN.sub(" ", child.tail))

    walk(element)
    lines = (line.strip(" ") for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def table_rows(table, ref_prefix: str, page: int) -> list[SourceRow]:
    """The rows of one `<table>` (in thead, tbody, tfoot or directly), nested tables kept
    with the row whose cell holds them."""
    rows = []
    for tr in table.iter("tr"):
        if next(tr.iterancestors("table")) is not table:
            continue  # a row of a nested table
        r = len(rows) + 1
        cells, nested = [], []
        for c, td in enumerate((x for x in tr if isinstance(x.tag, str) and x.tag in ("td", "th")), 1):
            cells.append(SourceCell(shown_text(td), clamp_span(td.get("rowspan", 1)),
                                    clamp_span(td.get("colspan", 1)), f"{ref_prefix} row {r} col {c}"))
            for inner in td.iter("table"):
                if next(inner.iterancestors("table")) is table:
                    nested += table_rows(inner, f"{ref_prefix} row {r} col {c} table", page)
        rows.append(SourceRow(cells, f"{ref_prefix} row {r}", page, nested=nested))
    return rows


def html_rows(root, *, first_index: int = 1, page: int = 1, table_ref=None,
              line_offset: int = 0, issues: list | None = None) -> tuple[list[Row], int]:
    """Rows of an HTML tree in document order, and the page reached.

    `table_ref(n, element)` names the n-th table for source refs (`table 2` by default)."""
    rows: list[Row] = []
    tables = 0

    def line_of(node) -> str:
        return f"line {(node.sourceline or 1) + line_offset}"

    def emit_text(raw: str, node) -> None:
        if raw.strip():
            rows.append(text_row(raw, first_index + len(rows), page, line_of(node)))

    def walk(node) -> None:
        nonlocal page
        before, after = page_breaks(node)
        if before and rows:
            page += 1
        walk_content(node)
        if after and rows:
            page += 1

    def walk_content(node) -> None:
        nonlocal tables
        tag = node.tag if isinstance(node.tag, str) else None
        if tag is None or tag in SKIP_TAGS:
            return
        if tag == "table":
            tables += 1
            prefix = table_ref(tables, node) if table_ref else f"table {tables}"
            rows.extend(grid_rows(table_rows(node, prefix, page), first_index + len(rows), issues))
            return
        has_blocks = any(isinstance(c.tag, str) and (c.tag in BLOCK_TAGS or c.tag == "table")
                         for c in node)
        if tag in TEXT_BLOCKS and not any(isinstance(c.tag, str) and c.tag == "table" for c in node.iter()):
            emit_text(shown_text(node), node)
            return
        if not has_blocks and tag not in ("html", "body"):
            emit_text(shown_text(node), node)
            return
        if node.text and node.text.strip():
            emit_text(SPACE_RUN.sub(" ", node.text).strip(), node)
        for child in node:
            walk(child)
            if child.tail and child.tail.strip():
                emit_text(SPACE_RUN.sub(" ", child.tail).strip(), node)

    walk(root)
    return rows, page


def refuse_oversized(data: bytes, source_path: str, kind: str) -> None:
    """Raise HtmlUnreadable for a markup file larger than one form can be."""
    if len(data) > MAX_HTML_BYTES:
        raise HtmlUnreadable(f"{source_path}: {len(data) / 2**20:.0f} MiB of {kind} is over the "
                             f"limit of {MAX_HTML_BYTES // 2**20} MiB for one form")


def parse_html(text: str):
    """An lxml tree for an HTML document or fragment; None when there is nothing in it."""
    if not text.strip():
        return None
    try:
        return lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError):
        return None


def read_html(data: bytes, *, doc_id: str, source_path: str, source_format: str = "html") -> Document:
    refuse_oversized(data, source_path, "HTML")
    decoded = decode_bytes(data)
    issues = decoding_issues(decoded)
    root = parse_html(decoded.text)
    rows = html_rows(root, issues=issues)[0] if root is not None else []
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format,
                    rows=rows, spans_known=True, raw_text=decoded.text,
                    encoding=decoded.encoding, issues=issues)
