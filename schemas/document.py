"""The document model every reader produces and every normalizer reads.

A document is a grid of rows and cells, whatever the input was: a line of OCR text is a
row whose tab-separated parts are cells; a spreadsheet row is a row whose merged cells
carry their spans. Cells keep the text as read (`raw`) beside the cleaned `text`, and a
`source_ref` that says where they came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

SourceFormat = Literal["text", "markdown", "html", "pdf", "image", "xlsx", "docx"]
SOURCE_FORMATS = frozenset(get_args(SourceFormat))

Severity = Literal["error", "warning", "info"]
SEVERITIES = frozenset(get_args(Severity))


@dataclass(frozen=True)
class Cell:
    text: str
    raw: str
    col: int
    rowspan: int = 1
    colspan: int = 1
    source_ref: str = ""


@dataclass(frozen=True)
class Row:
    index: int
    cells: tuple[Cell, ...]
    page: int
    source_ref: str

    @property
    def texts(self) -> list[str]:
        return [c.text for c in self.cells]

    @property
    def filled(self) -> list[Cell]:
        """Cells that hold any text, in column order."""
        return [c for c in self.cells if c.text]

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
