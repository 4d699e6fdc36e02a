"""Scanned pages to PageContents: the OCR route shared by image files
(`formex.extract.image_doc`) and PDF pages without a text layer (`formex.extract.pdf_doc`).

`scan_to_content` reads one page image (`formex.extract.scan_page`) and says what a
person should know: that the page was read by OCR, how far it was straightened, and
when no ruled table was found on it. `PdfPageImages` renders a PDF's scanned pages with
pypdfium2 at `ReadLimits.render_dpi`, fewer dots per inch when a page is so large that
it would pass `max_image_pixels`.
"""
from __future__ import annotations

import math

from formex.extract.limits import ReadLimits
from formex.extract.ocr_engine import INSTALL_HINT, ocr_available
from formex.extract.page_layout import PageContent
from formex.schemas.document import Issue

DEFAULT_OCR_THREADS = 2   # onnxruntime and OpenCV threads; the reference machine has 2 cores


def scan_to_content(image, number: int, issues: list[Issue], what: str,
                    threads: int = DEFAULT_OCR_THREADS) -> PageContent | None:
    """The content of one page image, or None (with an issue) when OCR is not installed."""
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
            return bitmap.to_numpy().copy()
        finally:
            page.close()

    def read_page(self, number: int, issues: list[Issue]) -> PageContent | None:
        if not ocr_available():
            return scan_to_content(None, number, issues, "a scan (no text layer)")
        image = self.render(number, issues)
        return scan_to_content(image, number, issues, "a scan (no text layer)")

    def close(self) -> None:
        self.pdf.close()
