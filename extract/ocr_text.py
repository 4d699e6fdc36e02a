"""Read OCR'd text (one table row a line, cells separated by tabs) into a Document.

Structure that OCR text carries is kept: a tab separates cells, a blank line is a page
break, and the line number becomes each cell's `source_ref`.
"""
from __future__ import annotations

from functools import lru_cache

from formex.extract.cleaning import clean_cell, normalize_newlines
from formex.extract.encoding import decode_bytes, decoding_issues
from formex.schemas.document import Cell, Document, Row


def iter_text_rows(text: str):
    """Yield one Row per non-blank line; blank lines after content advance the page,
    a line of empty cells (tabs only) does not.

    >>> [(r.page, r.texts) for r in iter_text_rows("a\\tb\\n\\nc")]
    [(1, ['a', 'b']), (2, ['c'])]
    >>> [(r.page, r.texts) for r in iter_text_rows("a\\tb\\n\\t\\t\\nc")]
    [(1, ['a', 'b']), (1, ['c'])]
    """
    page, seen_content, gap = 1, False, False
    for number, line in enumerate(normalize_newlines(text).split("\n"), start=1):
        if not line.strip():
            # a line of nothing is a page break; a line of tabs is a table row whose cells
            # are all empty (an engine that keeps a row's cells), not a break
            gap = gap or (seen_content and "\t" not in line)
            continue
        if gap:
            page, gap = page + 1, False
        seen_content = True
        ref = f"line {number}"
        cells = tuple(Cell(text=clean_cell_cached(part), raw=part, col=i, source_ref=ref)
                      for i, part in enumerate(line.split("\t")))
        yield Row(index=number, cells=cells, page=page, source_ref=ref)


clean_cell_cached = lru_cache(maxsize=20_000)(clean_cell)   # cells repeat across a batch


def read_ocr_text(data: bytes, *, doc_id: str, source_path: str, source_format: str = "text") -> Document:
    decoded = decode_bytes(data)
    issues = decoding_issues(decoded)
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format,
                    rows=list(iter_text_rows(decoded.text)), spans_known=False,
                    raw_text=decoded.text, encoding=decoded.encoding, issues=issues)
