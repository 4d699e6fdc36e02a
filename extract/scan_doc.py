"""Scanned pages to PageContents: the OCR route shared by image files
(`formex.extract.image_doc`) and PDF pages without a text layer (`formex.extract.pdf_doc`).

`scan_to_content` reads one page image (`formex.extract.scan_page`) and says what a
person should know: that the page was read by OCR, how far it was straightened, and
when no ruled table was found on it. `PdfPageImages` renders a PDF's scanned pages with
pypdfium2 at `ReadLimits.render_dpi`, fewer dots per inch when a page is so large that
it would pass `max_image_pixels`, and gives their content in PDF points (`scale_content`),
like the PDF's text pages.
"""
from __future__ import annotations

import math

from formex.extract.limits import DEFAULT_OCR_THREADS, ReadLimits
from formex.extract.ocr_engine import INSTALL_HINT, ocr_available
from formex.extract.page_layout import PageContent, PageTable, TextLine
from formex.schemas.document import Issue

def scan_to_content(image, number: int, issues: list[Issue], what: str,
                    threads: int = DEFAULT_OCR_THREADS) -> PageContent | None:
    """The content of one page image (in its pixels), or None (with an issue) when OCR
    is not installed."""
    if not ocr_available():
        issues.append(Issue("error", "page_unread", f"page {number} is {what} and was not read: {INSTALL_HINT}",
                            field="document", source_ref=f"page {number}"))
        return None
    from formex.extract.scan_page import read_scan_page

    content, angle = read_scan_page(image, number, threads=threads)
    straightened = f"; it was turned {abs(angle):.1f}° back" if abs(angle) >= 0.05 else ""
    issues.append(Issue("info", "page_ocr", f"page {number} is {what} and was read by OCR{straightened}",
                        field="document", source_ref=f"page {number}"))
    if not content.tables:
        issues.append(Issue("warning", "page_no_table", f"no ruled table was found on page {number}; "
                            "its text was read line by line, so merged cells could not be placed",
                            field="document", source_ref=f"page {number}"))
    return content


class PdfPageImages:
    """A PDF's pages as images, for those that have no text layer."""

    def __init__(self, data: bytes, source_path: str, limits: ReadLimits):
        import pypdfium2

        self.limits = limits
        self.pdf = pypdfium2.PdfDocument(data)

    def render(self, number: int, issues: list[Issue]):
        page = self.pdf[number - 1]
        try:
            width, height = page.get_size()
            scale = self.limits.render_dpi / 72
            pixels = width * height * scale * scale
            if pixels > self.limits.max_image_pixels:
                scale = math.sqrt(self.limits.max_image_pixels / (width * height))
                issues.append(Issue("info", "page_ocr", f"page {number} is {width / 72:.0f} x {height / 72:.0f} "
                                    f"inches; it was rendered at {scale * 72:.0f} dpi to stay within "
                                    f"{self.limits.max_image_pixels:,} pixels", field="document",
                                    source_ref=f"page {number}"))
            bitmap = page.render(scale=scale, grayscale=False)
            return bitmap.to_numpy().copy(), scale
        finally:
            page.close()

    def read_page(self, number: int, issues: list[Issue]) -> PageContent | None:
        if not ocr_available():
            return scan_to_content(None, number, issues, "a scan (no text layer)")
        image, scale = self.render(number, issues)
        content = scan_to_content(image, number, issues, "a scan (no text layer)", self.limits.ocr_threads)
        return scale_content(content, 1 / scale) if content is not None else None

    def close(self) -> None:
        self.pdf.close()


def scale_content(content: PageContent, factor: float) -> PageContent:
    """The same content with every coordinate multiplied by `factor` (pixels to points)."""
    def box(b):
        return tuple(round(v * factor, 2) for v in b)

    lines = [[TextLine(f.text, box(f.bbox)) for f in line] for line in content.lines]
    tables = []
    for table in content.tables:
        for cell in table.cells:
            cell.bbox = box(cell.bbox)
        tables.append(PageTable(box(table.bbox), table.cells, [e * factor for e in table.col_edges],
                                [e * factor for e in table.row_edges]))
    return PageContent(content.number, content.width * factor, content.height * factor, lines, tables,
                       route=content.route)
