"""Pick a reader by file type and turn a file's bytes into a Document.

Readers are a table keyed by suffix. `read_document` trusts a file's bytes over its
name: a PDF, an image, an xlsx or docx package is read as what its first bytes say
(`formex.extract.sniff`), whatever its suffix; other files by their suffix, and a file
without one as HTML when it starts like HTML, else as OCR text. A format without a
reader raises UnsupportedFormat, which the batch runner turns into a `failed` row.

`source_format_of(path)` is the suffix's guess (for choosing files in folders before
reading them); `format_of(data, path)` is the format `read_document` will use.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from formex.extract.docx_doc import read_docx
from formex.extract.errors import UnsupportedFormat
from formex.extract.html_doc import read_html
from formex.extract.markdown_doc import read_markdown
from formex.extract.image_doc import read_image
from formex.extract.ocr_text import read_ocr_text
from formex.extract.pdf_doc import read_pdf
from formex.extract.sniff import sniff_format
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
    ".pdf": ("pdf", read_pdf),
    ".png": ("image", read_image),
    ".jpg": ("image", read_image),
    ".jpeg": ("image", read_image),
    ".tif": ("image", read_image),
    ".tiff": ("image", read_image),
}

# source format -> reader, for a format found from the bytes
FORMAT_READERS: dict[str, Reader] = {"pdf": read_pdf, "image": read_image, "xlsx": read_xlsx,
                                     "docx": read_docx, "html": read_html, "text": read_ocr_text}
SNIFF_WINS = frozenset({"pdf", "image", "xlsx", "docx"})   # bytes that say these beat the suffix
MAX_SNIFFED_ZIP = 50 * 1024 * 1024   # a suffix-less zip is looked into up to this size


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_format_of(path: str | Path, *, look: bool = False) -> str | None:
    """The format a file's suffix promises (None for an unknown suffix); its bytes may
    say otherwise (`format_of`). With `look`, a file whose name has no suffix a reader
    knows is recognised by its first bytes when they say PDF, image, xlsx, docx or HTML
    (so a scan saved without an extension is not skipped in a folder); plain text
    without a suffix stays unrecognised (README, LICENSE …)."""
    suffix = Path(path).suffix.lower()
    if suffix in READERS:
        return READERS[suffix][0]
    if not look:
        return None
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
            if head.startswith(b"PK\x03\x04"):
                head += handle.read(MAX_SNIFFED_ZIP)
    except OSError:
        return None
    found = sniff_format(head)
    return found if found in FORMAT_READERS else None


def format_or_none(data: bytes, source_path: str) -> str | None:
    """The format `read_document` reads these bytes as, or the suffix's guess when no
    reader takes them: for a `failed` row's source_format. Never raises."""
    try:
        return format_of(data, source_path)
    except UnsupportedFormat:
        return source_format_of(source_path)


def choose_reader(data: bytes, source_path: str) -> tuple[str, Reader]:
    """(source format, reader) for a file's bytes and name; raises UnsupportedFormat."""
    suffix = Path(source_path).suffix.lower()
    sniffed = sniff_format(data)
    if sniffed in SNIFF_WINS:
        if suffix in READERS and READERS[suffix][0] == sniffed:
            return READERS[suffix]
        return sniffed, FORMAT_READERS[sniffed]
    if sniffed == "legacy_office":
        if suffix == ".xls":
            return READERS[suffix]
        raise UnsupportedFormat(source_path, suffix, sorted(READERS),
                                what="a legacy Office 97-2003 binary file (.doc/.xls); save it as .docx or .xlsx")
    if suffix in READERS:
        return READERS[suffix]
    if suffix and not looks_like_suffix_less(source_path):
        raise UnsupportedFormat(source_path, suffix, sorted(READERS))
    source_format = "html" if sniffed == "html" else "text"
    return source_format, FORMAT_READERS[source_format]


def looks_like_suffix_less(source_path: str) -> bool:
    """A name whose "suffix" is part of the name (`report.2024`, `form.v2`), not a type.

    >>> looks_like_suffix_less("scan.2024"), looks_like_suffix_less("notes.json")
    (True, False)
    """
    suffix = Path(source_path).suffix[1:]
    return suffix.isdigit() or not suffix.isalpha() or len(suffix) > 5


def format_of(data: bytes, source_path: str) -> str:
    """The source format `read_document` reads a file as; raises UnsupportedFormat."""
    return choose_reader(data, source_path)[0]


def read_document(data: bytes, source_path: str, *, limits=None) -> Document:
    """Read one file's bytes by what they are (see the module's rule); `source_path` is
    kept for provenance. `limits` (a dict or ReadLimits) bounds the PDF and image readers."""
    source_format, reader = choose_reader(data, source_path)
    extra = {"limits": limits} if limits is not None and source_format in ("pdf", "image") else {}
    return reader(data, doc_id=doc_id_of(data), source_path=source_path, source_format=source_format, **extra)
