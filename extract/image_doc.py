"""Read a scanned form (PNG, JPEG, TIFF, one page or many) into a Document by OCR."""
from __future__ import annotations

from formex.extract.errors import ExtractError
from formex.schemas.document import Document


class ImageUnreadable(ExtractError):
    pass


def read_image(data: bytes, *, doc_id: str, source_path: str, source_format: str = "image",
               limits=None) -> Document:
    raise ImageUnreadable(f"{source_path}: no reader for images yet")
