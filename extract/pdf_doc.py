"""Read a PDF form into a Document, page by page: pages with a text layer through
pdfplumber (`formex.extract.pdf_page`), pages without one (scans) rendered with
pypdfium2 and read by OCR (`formex.extract.scan_page`, the `formex[ocr]` extra).

1. `check_streams`: before anything is parsed, every compressed stream is inflated
   with a bound, so a PDF bomb is refused instead of filling memory.
2. `open_pdf`: pdfplumber opens the file; a password, a damaged or truncated file,
   no pages are each one sentence (`PdfUnreadable`, a `failed` row).
3. `read_pages`: each page within the limits (`formex.extract.limits`), by its
   route: `page_route` sends a page with characters to the text route, a page that is
   one big image without characters or ruling lines to OCR. A page that cannot be read
   is an issue and the others are still read.
4. `formex.extract.page_layout.pages_to_rows`: headers and footers dropped, tables
   joined over page breaks, rows in reading order.
"""
from __future__ import annotations

import io
import re
import time
import zlib

from formex.extract.errors import ExtractError
from formex.extract.limits import ReadLimits, resolve_limits
from formex.extract.page_layout import PageContent, pages_to_rows
from formex.extract.pdf_page import find_page_content
from formex.schemas.document import Document, Issue

STREAM_START = re.compile(rb"stream\r?\n")
CHUNK = 1 << 20
IMAGE_PAGE_SHARE = 0.5      # an image covering this share of a page without text makes it a scan


class PdfUnreadable(ExtractError):
    pass


def inflated_size(raw: bytes, limit: int) -> int | None:
    """Size of zlib data once inflated, counting no further than `limit` + 1; None when
    the bytes are not zlib data. Memory stays bounded by the chunk size.

    >>> inflated_size(zlib.compress(b"x" * 5000), 10_000), inflated_size(zlib.compress(b"x" * 5000), 100)
    (5000, 101)
    >>> inflated_size(b"not zlib", 100) is None
    True
    """
    inflater = zlib.decompressobj()
    total = 0
    pending = raw
    try:
        while True:
            out = inflater.decompress(pending, CHUNK)
            total += len(out)
            if total > limit:
                return limit + 1
            pending = inflater.unconsumed_tail
            if inflater.eof or (not pending and not out):
                return total
    except zlib.error:
        return None if total == 0 else total


def check_streams(data: bytes, limits: ReadLimits, source_path: str) -> None:
    """Refuse a PDF whose compressed streams inflate past the limits (a PDF bomb)."""
    total = 0
    for found in STREAM_START.finditer(data):
        end = data.find(b"endstream", found.end())
        raw = data[found.end(): end if end >= 0 else len(data)]
        size = inflated_size(raw, limits.max_stream_bytes)
        if size is None:
            continue
        if size > limits.max_stream_bytes:
            raise PdfUnreadable(f"{source_path}: one of the PDF's compressed streams expands to more than "
                                f"{limits.max_stream_bytes // 2**20} MiB (a 'PDF bomb'); it was not read")
        total += size
        if total > limits.max_total_stream_bytes:
            raise PdfUnreadable(f"{source_path}: the PDF's compressed streams expand to more than "
                                f"{limits.max_total_stream_bytes // 2**20} MiB in all; it was not read")


def open_pdf(data: bytes, source_path: str):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as error:  # pdfplumber wraps pdfminer's many error types
        cause = error.__cause__ or (error.args[0] if error.args and isinstance(error.args[0], Exception) else error)
        if isinstance(cause, PDFPasswordIncorrect) or "password" in str(cause).lower():
            raise PdfUnreadable(f"{source_path}: the PDF is protected by a password; save it "
                                "without one (or print it to a new PDF) and read that") from None
        raise PdfUnreadable(f"{source_path}: not a readable PDF: the file is damaged or cut short "
                            f"({type(cause).__name__}: {str(cause)[:100]})") from None


def close_quietly(pdf) -> None:
    """pdfplumber's close builds every page object again, which raises on the damaged page
    that `read_pages` already reported; the bytes are in memory, so nothing is left open."""
    try:
        pdf.close()
    except Exception:
        pass


def declared_page_count(pdf) -> int | None:
    from pdfminer.pdftypes import resolve1

    try:
        count = resolve1(resolve1(pdf.doc.catalog.get("Pages")).get("Count"))
        return int(count) if isinstance(count, int) else None
    except Exception:
        return None


def page_content_size(page_obj, limit: int) -> int:
    """Decompressed size of a page's drawing instructions (its Form XObjects included),
    counted no further than `limit` + 1."""
    from pdfminer.pdftypes import PDFStream, resolve1

    streams = []
    contents = page_obj.contents or []
    streams += [resolve1(c) for c in (contents if isinstance(contents, list) else [contents])]
    xobjects = resolve1((page_obj.resources or {}).get("XObject")) or {}
    if isinstance(xobjects, dict):
        for ref in xobjects.values():
            stream = resolve1(ref)
            if isinstance(stream, PDFStream) and getattr(stream.attrs.get("Subtype"), "name", None) == "Form":
                streams.append(stream)
    total = 0
    for stream in streams:
        if not isinstance(stream, PDFStream):
            continue
        raw = stream.rawdata or b""
        if stream.decipher:
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
        size = inflated_size(raw, limit - total)
        total += len(raw) if size is None else size
        if total > limit:
            return limit + 1
    return total


def page_route(page) -> str:
    """`text` for a page with a text layer, `ocr` for a scan: no characters, or an image
    over most of the page with neither characters nor ruling lines in the vector layer
    beyond an invisible OCR layer."""
    if not page.chars:
        return "ocr"
    if page.lines or page.rects:
        return "text"
    area = float(page.width * page.height) or 1.0
    covered = sum(max(0.0, (im["x1"] - im["x0"]) * (im["bottom"] - im["top"])) for im in page.images)
    return "ocr" if covered / area >= IMAGE_PAGE_SHARE else "text"


def content_too_large(page, number: int, limits: ReadLimits, issues: list[Issue]) -> bool:
    """Whether the page's drawing instructions pass the limit (checked before pdfminer
    parses them: parsing costs ~0.15 ms an object)."""
    size = page_content_size(page.page_obj, limits.max_page_content_bytes)
    if size <= limits.max_page_content_bytes:
        return False
    issues.append(Issue("error", "page_unread", f"page {number} was not read: its drawing instructions "
                        f"take more than {limits.max_page_content_bytes / 2**20:g} MiB (a form page "
                        "takes some 50 KiB)", field="document", source_ref=f"page {number}"))
    return True


def read_text_page(page, number: int, limits: ReadLimits, issues: list[Issue]) -> PageContent | None:
    if len(page.chars) > limits.max_page_chars:
        issues.append(Issue("error", "page_unread", f"page {number} was not read: it holds "
                            f"{len(page.chars):,} characters, more than the {limits.max_page_chars:,} "
                            "allowed for a form page", field="document", source_ref=f"page {number}"))
        return None
    shapes = len(page.lines) + len(page.rects) + len(page.curves)
    if shapes > limits.max_page_shapes:
        issues.append(Issue("error", "page_unread", f"page {number}'s tables were not read: it draws "
                            f"{shapes:,} lines and boxes, more than the {limits.max_page_shapes:,} allowed "
                            "for a form page; its text was read as lines", field="document",
                            source_ref=f"page {number}"))
        return find_page_content(page, number, find_tables=False)
    return find_page_content(page, number)


class PageReader:
    """Reads one page at a time by its route, within the document's page and time budget;
    renders scanned pages with pypdfium2, opened on the first one."""

    def __init__(self, pdf, data: bytes, source_path: str, limits: ReadLimits, issues: list[Issue]):
        self.pdf, self.data, self.source_path, self.limits, self.issues = pdf, data, source_path, limits, issues
        self.started = time.monotonic()
        self.scans = None

    def over_budget(self, number: int) -> bool:
        limits = self.limits
        if number <= limits.max_pages and time.monotonic() - self.started <= limits.max_seconds:
            return False
        why = (f"only its first {limits.max_pages} pages are read" if number > limits.max_pages
               else f"the document's reading time ran past {limits.max_seconds:g} s")
        declared = declared_page_count(self.pdf)
        self.issues.append(Issue("warning", "content_cut", f"pages from {number} on were not read"
                                 + (f" (of {declared})" if declared else "") + f": {why}",
                                 field="document", source_ref=f"page {number}"))
        return True

    def read(self, number: int, page_obj) -> PageContent | None:
        import pdfplumber

        try:   # a damaged MediaBox or resource dictionary fails already here
            page = pdfplumber.page.Page(self.pdf, page_obj, page_number=number, initial_doctop=0)
        except Exception as error:
            self.issues.append(page_unread(number, error))
            return None
        try:
            if content_too_large(page, number, self.limits, self.issues):
                return None
            if page_route(page) == "text":
                return read_text_page(page, number, self.limits, self.issues)
            if self.scans is None:
                from formex.extract.scan_doc import PdfPageImages
                self.scans = PdfPageImages(self.data, self.source_path, self.limits)
            return self.scans.read_page(number, self.issues)
        except ExtractError:
            raise
        except Exception as error:  # a damaged page: say so, read the others
            self.issues.append(page_unread(number, error))
            return None
        finally:
            page.close()

    def close(self) -> None:
        if self.scans is not None:
            self.scans.close()


def page_unread(number: int, error: Exception) -> Issue:
    return Issue("error", "page_unread", f"page {number} could not be read ({type(error).__name__}: "
                 f"{str(error)[:100]})", field="document", source_ref=f"page {number}")


def read_pages(pdf, data: bytes, source_path: str, limits: ReadLimits, pages: list[PageContent],
               issues: list[Issue]) -> None:
    """Append the PageContent of each page that can be read, in order."""
    from pdfminer.pdfpage import PDFPage

    reader = PageReader(pdf, data, source_path, limits, issues)
    try:
        for number, page_obj in enumerate(PDFPage.create_pages(pdf.doc), 1):
            if reader.over_budget(number):
                break
            content = reader.read(number, page_obj)
            if content is not None:
                pages.append(content)
    finally:
        reader.close()


def read_pdf(data: bytes, *, doc_id: str, source_path: str, source_format: str = "pdf",
             limits: "ReadLimits | dict | None" = None) -> Document:
    limits = resolve_limits(limits)
    if len(data) > limits.max_file_bytes:
        raise PdfUnreadable(f"{source_path}: {len(data) / 2**20:.0f} MiB is over the limit of "
                            f"{limits.max_file_bytes // 2**20} MiB for one PDF form")
    check_streams(data, limits, source_path)
    issues: list[Issue] = []
    pages: list[PageContent] = []
    pdf = open_pdf(data, source_path)
    try:
        read_pages(pdf, data, source_path, limits, pages, issues)
    except ExtractError:
        raise
    except Exception as error:  # the page tree itself is broken: keep the pages read
        issues.append(Issue("error", "page_unread", f"pages after page {len(pages)} could not be "
                            f"found: the PDF's page tree is damaged ({type(error).__name__})",
                            field="document"))
    finally:
        close_quietly(pdf)
    if not pages:
        unread = [i.message for i in issues if i.code == "page_unread"]
        raise PdfUnreadable(f"{source_path}: " + (unread[0] if len(unread) == 1 else
                            f"none of its {len(unread)} pages could be read ({unread[0]})" if unread else
                            "the PDF has no pages"))
    rows = pages_to_rows(pages, issues)
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format, rows=rows,
                    spans_known=any(page.tables for page in pages), issues=issues)
