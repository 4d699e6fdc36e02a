"""The document model every reader produces and every normalizer reads.

A document is a grid of rows and cells, whatever the input was: a line of OCR text is a
row whose tab-separated parts are cells; a spreadsheet row is a row whose merged cells
carry their spans. Cells keep the text as read (`raw`) beside the cleaned `text`, and a
`source_ref` that says where they came from; readers that know the geometry (text PDFs,
OCR boxes) also give each cell its page and bounding box.

A Document can be saved and loaded again without its source file:
`formex.schemas.document_file`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal, get_args

SourceFormat = Literal["text", "markdown", "html", "pdf", "image", "xlsx", "docx"]
SOURCE_FORMATS = frozenset(get_args(SourceFormat))

Severity = Literal["error", "warning", "info"]
SEVERITIES = frozenset(get_args(Severity))

BBox = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as a reader found it.

    - `text`: cleaned text; `raw`: exactly as read.
    - `col`: 0-based column of the cell's first grid column.
    - `rowspan`, `colspan`: grid rows and columns a merged cell covers (1 = not merged);
      only meaningful when the document's `spans_known` is true.
    - `source_ref`: where the cell came from in words (`line 84`, `page 3 row 12`,
      `Sheet1!D22`).
    - `page`: 1-based page the cell lies on, None when the reader does not know it (OCR
      text guesses pages from blank lines and says so on the Row, not here).
    - `bbox`: `(x0, top, x1, bottom)` of the cell on its page, in the page's own units
      with the origin at the page's top-left corner and y growing downwards: PDF points
      (1/72 inch, pdfplumber's coordinates) for PDFs, pixels of the scanned image for
      images; None when the reader has no geometry (OCR text, xlsx, docx, HTML).

    Frozen and slotted: readers build one per cell of thousands of documents.
    """

    text: str
    raw: str
    col: int
    rowspan: int = 1
    colspan: int = 1
    source_ref: str = ""
    page: int | None = None
    bbox: BBox | None = None


@dataclass(frozen=True)
class Row:
    index: int
    cells: tuple[Cell, ...]
    page: int
    source_ref: str
    # in a table that numbers its rows (a 序号 column set aside): whether this line printed
    # its row number; None where the table has no such column
    numbered: bool | None = None
    # a label on this line was read by a reading that is evidence for its own block only (a
    # wrapped label with a word put in, `fragments.put_in_reading`, 指标 put back or look-alikes
    # besides): `rows.mark_own_block_readings` marks the rows it decides, the guard judges them
    own_block_only: bool = False

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @cached_property
    def filled(self) -> tuple[Cell, ...]:
        """Cells that hold any text, in column order (kept: a row is frozen, and the
        stages ask each row for them hundreds of times per document)."""
        return tuple(c for c in self.cells if c.text)

    def is_blank(self) -> bool:
        return not self.filled


@dataclass(frozen=True)
class Issue:
    """Something a reviewer should look at; becomes a row of the `issues` table."""

    severity: Severity
    code: str
    message: str
    field: str | None = None
    source_ref: str | None = None


@dataclass
class Document:
    doc_id: str
    source_path: str
    source_format: SourceFormat
    rows: list[Row]
    spans_known: bool = False
    raw_text: str | None = None
    encoding: str | None = None
    issues: list[Issue] = field(default_factory=list)
