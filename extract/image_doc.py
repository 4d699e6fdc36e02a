"""Read a scanned form (PNG, JPEG, TIFF with one page or many, BMP, GIF, WebP) into a
Document by OCR (`formex.extract.scan_doc`, the `formex[ocr]` extra).

The image's size is read from its header and checked against the limits before a
pixel is decoded, so a 20,000 x 20,000 image costs nothing; a damaged or cut-short
image is one sentence. A JPEG's EXIF orientation is applied (a phone photo taken
sideways); a very large scan is reduced to `MAX_SIDE` pixels before OCR.
"""
from __future__ import annotations

import io
import re
import time
import warnings

from formex.extract.errors import ExtractError
from formex.extract.limits import ReadLimits, resolve_limits
from formex.extract.page_layout import PageContent, pages_to_rows
from formex.extract.scan_doc import scan_to_content
from formex.schemas.document import Document, Issue

MAX_SIDE = 3508           # A4 at 300 dpi; larger scans are reduced before OCR


class ImageUnreadable(ExtractError):
    pass


def open_image(data: bytes, source_path: str, limits: ReadLimits):
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")   # Pillow's DecompressionBombWarning: we check below
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as error:   # Pillow's own bound, from the header
        found = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{int(found.group(1)):,} pixels" if found else "too many pixels"
        raise ImageUnreadable(f"{source_path}: the image is {size}, over the limit of "
                              f"{limits.max_image_pixels:,} (a scan of a form page is about 4 million); "
                              "it was not read") from None
    except Exception as error:  # Pillow raises many types on damaged files
        raise ImageUnreadable(f"{source_path}: not a readable image: the file is damaged or not an "
                              f"image ({type(error).__name__})") from None
    check_pixels(image.size, source_path, limits)
    return image


def check_pixels(size: tuple[int, int], source_path: str, limits: ReadLimits, page: int | None = None) -> None:
    width, height = size
    if width * height > limits.max_image_pixels:
        where = f" (page {page})" if page else ""
        raise ImageUnreadable(f"{source_path}: the image{where} is {width:,} x {height:,} pixels, over the "
                              f"limit of {limits.max_image_pixels:,} (a scan of a form page is about "
                              "4 million); it was not read")


def frame_array(image):
    """The current frame as a uint8 array (gray or RGB), upright, at most MAX_SIDE."""
    import numpy as np
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image)
    if image.mode not in ("L", "RGB"):
        image = image.convert("L" if image.mode in ("1", "I", "I;16", "F", "LA") else "RGB")
    if max(image.size) > MAX_SIDE:
        scale = MAX_SIDE / max(image.size)
        image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    return np.asarray(image)


def read_image(data: bytes, *, doc_id: str, source_path: str, source_format: str = "image",
               limits: "ReadLimits | dict | None" = None) -> Document:
    limits = resolve_limits(limits)
    if len(data) > limits.max_file_bytes:
        raise ImageUnreadable(f"{source_path}: {len(data) / 2**20:.0f} MiB is over the limit of "
                              f"{limits.max_file_bytes // 2**20} MiB for one image")
    image = open_image(data, source_path, limits)
    issues: list[Issue] = []
    pages: list[PageContent] = []
    frames = getattr(image, "n_frames", 1)
    started = time.monotonic()
    for number in range(1, frames + 1):
        if number > limits.max_pages or time.monotonic() - started > limits.max_seconds:
            why = (f"only its first {limits.max_pages} pages are read" if number > limits.max_pages
                   else f"the document's reading time ran past {limits.max_seconds:g} s")
            issues.append(Issue("warning", "content_cut", f"pages from {number} on (of {frames}) were not "
                                f"read: {why}", field="document", source_ref=f"page {number}"))
            break
        try:
            image.seek(number - 1)
            check_pixels(image.size, source_path, limits, number if frames > 1 else None)
            array = frame_array(image)
        except ImageUnreadable:
            if frames == 1:
                raise
            issues.append(Issue("error", "page_unread", f"page {number} was not read: it is "
                                f"{image.size[0]:,} x {image.size[1]:,} pixels, over the limit of "
                                f"{limits.max_image_pixels:,}", field="document", source_ref=f"page {number}"))
            continue
        except Exception as error:  # a damaged or cut-short frame
            if frames == 1:
                raise ImageUnreadable(f"{source_path}: not a readable image: the file is damaged or cut "
                                      f"short ({type(error).__name__}: {str(error)[:80]})") from None
            issues.append(Issue("error", "page_unread", f"page {number} could not be decoded "
                                f"({type(error).__name__})", field="document", source_ref=f"page {number}"))
            continue
        content = scan_to_content(array, number, issues, "an image", limits.ocr_threads)
        if content is not None:
            pages.append(content)
    if not pages:
        unread = [i.message for i in issues if i.code == "page_unread"]
        raise ImageUnreadable(f"{source_path}: " + (unread[0] if unread else "the image has no pages"))
    rows = pages_to_rows(pages, issues)
    return Document(doc_id=doc_id, source_path=source_path, source_format=source_format, rows=rows,
                    spans_known=any(page.tables for page in pages), issues=issues)
