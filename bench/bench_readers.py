"""Documents per second by input format: the seed form (83 indicators) as OCR text and
as its HTML, Markdown, xlsx and docx renderings, read alone and read + normalized.

Usage: python bench/bench_readers.py [N]   (N documents per format, default 100)
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from formex.extract.readers import read_document
from formex.normalize.form import normalize_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "seed-shanghai-2026-unit-overall"
RENDERED = ROOT / "samples" / "rendered"


def inputs() -> dict[str, Path]:
    out = {"text": next(SEED.glob("*.txt"))}
    for route in ("html", "md", "xlsx", "docx"):
        out[route] = RENDERED / f"{SEED.name}-{route}" / f"{SEED.name}.{route}"
    return out


def rate(n: int, work) -> float:
    work()  # warm-up: imports, vocabularies, caches
    start = time.perf_counter()
    for _ in range(n):
        work()
    return n / (time.perf_counter() - start)


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 100
    print(f"{'format':8} {'bytes':>8} {'read docs/s':>12} {'read+normalize docs/s':>22}")
    for route, path in inputs().items():
        data = path.read_bytes()
        read = rate(n, lambda: read_document(data, path.name))
        full = rate(n, lambda: normalize_document(read_document(data, path.name)))
        result = normalize_document(read_document(data, path.name))
        assert len(result.indicators) == 83, (route, len(result.indicators))
        print(f"{route:8} {len(data):>8} {read:>12.1f} {full:>22.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
