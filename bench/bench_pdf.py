"""PDF and scan readers beside the tools they build on, on the same pages in the same run.

Usage: python bench/bench_pdf.py [text|scan|all] [ROUNDS]     (defaults: all, 5 text rounds)

- text PDFs (samples/rendered/*-pdf, 9 forms, 20 pages): formex's reader
  (`read_document`: stream check, tables with spans, text in reading order, pages
  joined) against pdfplumber's own `extract_tables()` on every page, opening each file
  in both. Pages per second, and the ratio of their times.
- scans (bench/scans, the committed clean TIFFs and degraded scanned PDFs): formex's
  reader (decode or render, deskew, ruling-line grid, OCR, boxes to cells) against
  RapidOCR alone on the same page images, already decoded, with the same engine
  settings (formex's: threads bounded, direction classifier off) and with RapidOCR's
  defaults. Seconds per page, and the ratios.

Rounds alternate which side runs first; each figure is the median over rounds. The
machine is shared, so read the ratios, which are measured side by side.
"""
from __future__ import annotations

import io
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def text_pdfs() -> list[Path]:
    return sorted((ROOT / "samples" / "rendered").glob("*-pdf/*.pdf"))


def scan_files() -> list[Path]:
    return sorted(p for p in (ROOT / "bench" / "scans").glob("*-scan-*/*")
                  if p.is_file() and "-mixed" not in p.parent.name)


def time_formex(files: list[tuple[Path, bytes]]) -> float:
    from formex.extract.readers import read_document

    started = time.perf_counter()
    for path, data in files:
        read_document(data, path.name)
    return time.perf_counter() - started


def time_pdfplumber(files: list[tuple[Path, bytes]]) -> float:
    import pdfplumber

    started = time.perf_counter()
    for _, data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_tables()
    return time.perf_counter() - started


def bench_text(rounds: int) -> None:
    import pdfplumber

    files = [(p, p.read_bytes()) for p in text_pdfs()]
    pages = 0
    for _, data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)
    time_formex(files), time_pdfplumber(files)          # warm-up: imports, font maps
    ours, theirs = [], []
    for k in range(rounds):
        pair = (time_formex, time_pdfplumber) if k % 2 == 0 else (time_pdfplumber, time_formex)
        first, second = pair[0](files), pair[1](files)
        ours.append(first if k % 2 == 0 else second)
        theirs.append(second if k % 2 == 0 else first)
    a, b = statistics.median(ours), statistics.median(theirs)
    ratios = [o / t for o, t in zip(ours, theirs)]
    print(f"text PDFs: {len(files)} files, {pages} pages, {rounds} rounds")
    print(f"  formex read_document      {pages / a:7.1f} pages/s  ({1000 * a / pages:.1f} ms/page)")
    print(f"  pdfplumber extract_tables {pages / b:7.1f} pages/s  ({1000 * b / pages:.1f} ms/page)")
    print(f"  ratio formex / pdfplumber {a / b:.2f}  (per round: {', '.join(f'{r:.2f}' for r in ratios)})")


def page_images(path: Path, data: bytes) -> list:
    """The page images formex's reader OCRs (decoded, rendered), for RapidOCR alone."""
    import numpy as np

    from formex.extract.limits import DEFAULT_RENDER_DPI
    from formex.extract.scan_page import deskew, estimate_skew, to_gray

    if data.startswith(b"%PDF"):
        import pypdfium2

        pdf = pypdfium2.PdfDocument(data)
        images = [page.render(scale=DEFAULT_RENDER_DPI / 72).to_numpy().copy() for page in pdf]
        pdf.close()
    else:
        from PIL import Image

        image = Image.open(io.BytesIO(data))
        images = []
        for k in range(getattr(image, "n_frames", 1)):
            image.seek(k)
            images.append(np.asarray(image.convert("L")))
    return [deskew(g, estimate_skew(g)) for g in map(to_gray, images)]


def bench_scan(rounds: int) -> None:
    from rapidocr import RapidOCR

    from formex.extract.ocr_engine import ocr_engine
    from formex.extract.limits import DEFAULT_OCR_THREADS

    files = [(p, p.read_bytes()) for p in scan_files()]
    images = [image for path, data in files for image in page_images(path, data)]
    same = ocr_engine(DEFAULT_OCR_THREADS)
    default = RapidOCR(params={"Global.log_level": "error"})
    same(images[0]), default(images[0])                    # warm-up

    def time_alone(engine) -> float:
        started = time.perf_counter()
        for image in images:
            engine(image)
        return time.perf_counter() - started

    ours, alone, alone_default = [], [], []
    for k in range(rounds):
        if k % 2 == 0:
            ours.append(time_formex(files))
            alone.append(time_alone(same))
        else:
            alone.append(time_alone(same))
            ours.append(time_formex(files))
        alone_default.append(time_alone(default))
    n = len(images)
    a, b, c = (statistics.median(x) / n for x in (ours, alone, alone_default))
    print(f"scans: {len(files)} files, {n} pages, {rounds} rounds")
    print(f"  formex read_document                {a:5.2f} s/page")
    print(f"  RapidOCR alone, formex's settings   {b:5.2f} s/page")
    print(f"  RapidOCR alone, its defaults        {c:5.2f} s/page")
    print(f"  ratio formex / RapidOCR (same settings) {a / b:.2f}; / RapidOCR defaults {a / c:.2f}")
    print(f"  peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


def main(argv: list[str]) -> int:
    what = argv[1] if len(argv) > 1 else "all"
    rounds = int(argv[2]) if len(argv) > 2 else 5
    if what in ("text", "all"):
        bench_text(rounds)
    if what in ("scan", "all"):
        bench_scan(max(1, rounds // 3) if what == "all" else rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
