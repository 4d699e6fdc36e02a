"""Crops of page images for the source lines of PDFs and scans, when the report is given
the input folder (`formex report OUT --sources DIR`) and the file there still has the
bytes the dataset loaded (its sha256 is the doc_id).

A line's crop is the union of its cells' boxes on its page, padded, cut from the page
rendered once (PDFs at CROP_DPI by pypdfium2; images as they are, one frame per page of
a TIFF) and inlined as a PNG `data:` URI, so the report stays one folder that fetches
nothing. Boxes are in PDF points for PDFs and in pixels for images (`Cell.bbox`). A scan
read after turning it straight has boxes on the turned page: its crop is off by the turn
(at most a few degrees), which the padding absorbs.
"""
from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
from pathlib import Path

from formex.source_lines import SourceLine

CROP_DPI = 110
PAD = 3.0                 # page units around a line's box
MAX_WIDTH = 900           # pixels: wider crops are scaled down
CROP_FORMATS = ("pdf", "image")


def line_box(line: SourceLine) -> tuple[int, tuple[float, float, float, float]] | None:
    """(page, box) covering the line's cells on its first page with geometry; a cell
    merged down over later rows widens the box but does not lengthen it."""
    placed = [(c.page or line.page, c.bbox, c.rowspan) for c in line.cells if c.bbox is not None]
    if not placed:
        return None
    page = placed[0][0]
    boxes = [(b, span) for p, b, span in placed if p == page]
    rows = [b for b, span in boxes if span == 1] or [b for b, _ in boxes]
    return page, (min(b[0] for b, _ in boxes), min(b[1] for b in rows), max(b[2] for b, _ in boxes),
                  max(b[3] for b in rows))


class PageImages:
    """The pages of one source file, rendered once each, on demand."""

    def __init__(self, path: Path, source_format: str):
        self.path, self.source_format = path, source_format
        self.pages: dict[int, tuple[object, float]] = {}     # page -> (PIL image, pixels per unit)
        self._pdf = None

    def page(self, number: int):
        if number not in self.pages:
            self.pages[number] = self.render(number)
        return self.pages[number]

    def render(self, number: int):
        if self.source_format == "pdf":
            import pypdfium2

            if self._pdf is None:
                self._pdf = pypdfium2.PdfDocument(str(self.path))
            scale = CROP_DPI / 72
            return self._pdf[number - 1].render(scale=scale).to_pil().convert("RGB"), scale
        from PIL import Image

        image = Image.open(self.path)
        image.seek(number - 1)
        return image.convert("RGB"), 1.0

    def crop_uri(self, line: SourceLine) -> str | None:
        """The line's crop as a `data:image/png` URI; None without geometry or page."""
        found = line_box(line)
        if found is None:
            return None
        number, (x0, top, x1, bottom) = found
        try:
            image, scale = self.page(number)
        except (IndexError, EOFError, OSError, ValueError):
            return None
        box = tuple(round(v * scale) for v in (x0 - PAD, top - PAD, x1 + PAD, bottom + PAD))
        box = (max(box[0], 0), max(box[1], 0), min(box[2], image.width), min(box[3], image.height))
        if box[2] <= box[0] or box[3] <= box[1]:
            return None
        crop = image.crop(box)
        if crop.width > MAX_WIDTH:
            crop = crop.resize((MAX_WIDTH, max(1, round(crop.height * MAX_WIDTH / crop.width))))
        buffer = io.BytesIO()
        crop.quantize(32).save(buffer, format="PNG", optimize=True)
        return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

    def close(self) -> None:
        if self._pdf is not None:
            self._pdf.close()


def open_page_images(sources: Path | None, source_path: str | None, source_format: str | None,
                     doc_id: str) -> PageImages | None:
    """The page images of a document's source file, when it is reachable under `sources`
    with the bytes the dataset loaded; None otherwise."""
    if sources is None or source_path is None or source_format not in CROP_FORMATS:
        return None
    if importlib.util.find_spec("PIL") is None:   # Pillow comes with the ocr extra: no crops without it
        return None
    path = Path(sources) / source_path
    if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != doc_id:
        return None
    return PageImages(path, source_format)
