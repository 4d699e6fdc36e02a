"""Pick a reader by file type and turn a file's bytes into a Document.

Readers are a table keyed by suffix; a format without a reader raises
UnsupportedFormat, which the batch runner turns into a `failed` documents row.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from formex.extract.docx_doc import read_docx
from formex.extract.errors import UnsupportedFormat
from formex.extract.html_doc import read_html
from formex.extract.markdown_doc import read_markdown
from formex.extract.ocr_text import read_ocr_text
from formex.extract.xlsx_doc import read_xlsx, refuse_xls
from formex.schemas.document import Document

Reader = Callable[..., Document]

# suffix -> (source_format, reader)
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text", read_ocr_text),
    ".text": ("text", read_ocr_text),
    ".html": ("html", read_html),
    ".htm": ("html", read_html),
    ".md": ("markdown", read_markdown),
    ".markdown": ("markdown", read_markdown),
    ".xlsx": ("xlsx", read_xlsx),
    ".xlsm": ("xlsx", read_xlsx),
    ".xls": ("xlsx", refuse_xls),
    ".docx": ("docx", read_docx),
}

# Formats the pipeline will read (see README roadmap); listed so a batch recognises them
# and reports "no reader yet" instead of skipping them silently.
KNOWN_SUFFIXES = {".pdf": "pdf", ".png": "image", ".jpg": "image", ".jpeg": "image",
                  ".tif": "image", ".tiff": "image"}


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_format_of(path: str | Path) -> str | None:
    suffix = Path(path).suffix.lower()
    if suffix in READERS:
        return READERS[suffix][0]
    return KNOWN_SUFFIXES.get(suffix)


def read_document(data: bytes, source_path: str) -> Document:
    """Read one file's bytes; `source_path` decides the reader and is kept for provenance."""
    suffix = Path(source_path).suffix.lower()
    if suffix not in READERS:
        raise UnsupportedFormat(source_path, suffix, sorted(READERS))
    source_format, reader = READERS[suffix]
    return reader(data, doc_id=doc_id_of(data), source_path=source_path, source_format=source_format)
