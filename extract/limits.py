"""The bounds a PDF or image reader keeps to, so that one hostile file (a PDF bomb, a
20,000 x 20,000 pixel image, a page of a million tiny objects) costs bounded time and
memory and ends as a `failed` or `partial` document with a sentence saying why; and
the threads OCR may use (a batch running one process per core wants 1).

`resolve_limits(None | dict | ReadLimits)` is the one entry point; a dict names only
the fields to change. Every field is in the README's limits table.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace

from formex.extract.errors import ExtractError

MiB = 1024 * 1024

DEFAULT_MAX_FILE_BYTES = 200 * MiB          # a PDF or image file
DEFAULT_MAX_PAGES = 100                     # pages read per document; the rest are cut with a warning
DEFAULT_MAX_STREAM_BYTES = 256 * MiB        # one PDF stream, decompressed
DEFAULT_MAX_TOTAL_STREAM_BYTES = 1024 * MiB # all of a PDF's streams, decompressed
DEFAULT_MAX_PAGE_CONTENT_BYTES = 1 * MiB    # the drawing instructions of one page, decompressed (a form page: ~50 KiB)
DEFAULT_MAX_PAGE_SHAPES = 10_000            # lines, boxes and curves on one page searched for tables
DEFAULT_MAX_PAGE_CHARS = 50_000             # characters on one page
DEFAULT_MAX_IMAGE_PIXELS = 60_000_000       # one image or rendered page (A4 at 600 dpi is 35 Mpx)
DEFAULT_RENDER_DPI = 200                    # scanned PDF pages are rendered at this resolution for OCR
DEFAULT_MAX_SECONDS = 600.0                 # per document; pages after the limit are cut with a warning
DEFAULT_OCR_THREADS = 2                     # onnxruntime and OpenCV threads for OCR (the reference machine has 2 cores)


@dataclass(frozen=True)
class ReadLimits:
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_pages: int = DEFAULT_MAX_PAGES
    max_stream_bytes: int = DEFAULT_MAX_STREAM_BYTES
    max_total_stream_bytes: int = DEFAULT_MAX_TOTAL_STREAM_BYTES
    max_page_content_bytes: int = DEFAULT_MAX_PAGE_CONTENT_BYTES
    max_page_shapes: int = DEFAULT_MAX_PAGE_SHAPES
    max_page_chars: int = DEFAULT_MAX_PAGE_CHARS
    max_image_pixels: int = DEFAULT_MAX_IMAGE_PIXELS
    render_dpi: int = DEFAULT_RENDER_DPI
    max_seconds: float = DEFAULT_MAX_SECONDS
    ocr_threads: int = DEFAULT_OCR_THREADS

    def __post_init__(self):
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or isinstance(value, bool) or value <= 0:
                raise LimitsInvalid(f"read limit {f.name} must be a positive number, not {value!r}")


class LimitsInvalid(ExtractError, ValueError):
    pass


LIMIT_NAMES = tuple(f.name for f in fields(ReadLimits))


def resolve_limits(value: "None | dict | ReadLimits" = None) -> ReadLimits:
    """
    >>> resolve_limits({"max_pages": 5}).max_pages
    5
    >>> resolve_limits({"pages": 5})
    Traceback (most recent call last):
    ...
    formex.extract.limits.LimitsInvalid: unknown read limit 'pages'; known: max_file_bytes, max_pages, max_stream_bytes, max_total_stream_bytes, max_page_content_bytes, max_page_shapes, max_page_chars, max_image_pixels, render_dpi, max_seconds, ocr_threads
    """
    if value is None:
        return ReadLimits()
    if isinstance(value, ReadLimits):
        return value
    unknown = [k for k in value if k not in LIMIT_NAMES]
    if unknown:
        raise LimitsInvalid(f"unknown read limit {unknown[0]!r}; known: {', '.join(LIMIT_NAMES)}")
    return replace(ReadLimits(), **value)
