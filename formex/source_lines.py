"""The source text of a dataset's rows, from the documents saved as read
(`extract --keep-documents`, `OUT/_documents/<doc_id>.jsonl.gz`): each row of the
document as its cells' text, with the page and bounding box the reader knew.

Page images are not kept, so a PDF's or scan's row is shown as its cells' text and
boxes, never as a crop of the page.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from formex.committer import DOCUMENTS_FOLDER
from formex.schemas.document import BBox, Document
from formex.schemas.document_file import DOCUMENT_FILE_SUFFIX, read_document_file
from formex.schemas.errors import DocumentFileError


@dataclass(frozen=True)
class SourceCell:
    text: str
    page: int | None
    bbox: BBox | None
    rowspan: int = 1        # a merged cell's box covers the rows below too


@dataclass(frozen=True)
class SourceLine:
    source_ref: str
    page: int | None
    cells: tuple[SourceCell, ...]

    @property
    def text(self) -> str:
        return " | ".join(cell.text for cell in self.cells if cell.text)


@dataclass(frozen=True)
class SourceText:
    source_format: str
    lines: tuple[SourceLine, ...]
    by_ref: dict[str, SourceLine]      # a row's source_ref, and each of its cells', -> the row

    def line(self, source_ref: str | None) -> SourceLine | None:
        return self.by_ref.get(source_ref or "")

    def only(self, refs: set[str | None]) -> SourceText:
        """The lines of these references only (what an index quotes of a document)."""
        return SourceText(self.source_format, (), {r: self.by_ref[r] for r in refs if r in self.by_ref})


def document_to_source_text(document: Document) -> SourceText:
    lines, by_ref = [], {}
    for row in document.rows:
        line = SourceLine(row.source_ref, row.page,
                          tuple(SourceCell(c.text, c.page, c.bbox, c.rowspan) for c in row.cells))
        lines.append(line)
        by_ref.setdefault(row.source_ref, line)
        for cell in row.cells:
            if cell.source_ref:
                by_ref.setdefault(cell.source_ref, line)
    return SourceText(document.source_format, tuple(lines), by_ref)


def read_source_text(out: Path, doc_id: str) -> SourceText | None:
    """The saved document's text, or None when it was not saved (or cannot be read)."""
    path = Path(out) / DOCUMENTS_FOLDER / f"{doc_id}{DOCUMENT_FILE_SUFFIX}"
    if not path.is_file():
        return None
    try:
        return document_to_source_text(read_document_file(path))
    except (DocumentFileError, OSError):
        return None
