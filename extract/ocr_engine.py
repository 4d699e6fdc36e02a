"""RapidOCR (3.x, on onnxruntime) as formex uses it: one engine per process, its models
the ones shipped in the wheel (nothing is downloaded: only the default models are
offline), its threads bounded.

`run_ocr(gray)` gives the text boxes of a page as axis-aligned `OcrBox`es.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from formex.extract.errors import ExtractError
from formex.schemas.document import BBox

INSTALL_HINT = "reading scans needs the OCR extra: pip install 'formex[ocr]'"


class OcrUnavailable(ExtractError):
    pass


@dataclass(frozen=True)
class OcrBox:
    text: str
    bbox: BBox
    score: float


def ocr_available() -> bool:
    try:
        import cv2  # noqa: F401
        import rapidocr  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=4)
def ocr_engine(threads: int):
    """The engine, loaded once per process and thread count (loading takes ~0.5 s and
    ~900 MB with the models)."""
    try:
        import cv2
        from rapidocr import RapidOCR
    except ImportError:
        raise OcrUnavailable(INSTALL_HINT) from None
    cv2.setNumThreads(threads)
    # pages are straightened before OCR, so the text-direction classifier is off: it
    # turned some upright lines (`$> 90.00(\\%)$`) over and read them backwards
    return RapidOCR(params={"Global.log_level": "error", "Global.use_cls": False,
                            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
                            "EngineConfig.onnxruntime.inter_op_num_threads": 1})


def run_ocr(gray, threads: int = 2) -> list[OcrBox]:
    """Text boxes of a page image (a 2-D uint8 array), top to bottom."""
    output = ocr_engine(threads)(gray)
    if output.boxes is None or output.txts is None:
        return []
    boxes = []
    for points, text, score in zip(output.boxes, output.txts, output.scores):
        xs = [float(p[0]) for p in points]
        ys = [float(p[1]) for p in points]
        if text.strip():
            boxes.append(OcrBox(text, (min(xs), min(ys), max(xs), max(ys)), float(score)))
    return boxes
