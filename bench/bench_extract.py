"""Benchmark: whole-document extraction throughput and peak memory, one process.

    python bench/bench_extract.py [N]

Extracts the bundled seed sample N times in memory (read, normalize, rows) and then
writes N distinct copies as a dataset, printing documents/s, indicator rows/s and the
peak resident memory. Numbers go in the README and in issue notes.
"""
from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from formex.extract.readers import read_document  # noqa: E402
from formex.records import result_to_records  # noqa: E402
from formex.runner import run_extract  # noqa: E402
from formex.normalize.form import normalize_document  # noqa: E402

SEED = ROOT / "samples" / "seed-shanghai-2026-unit-overall" / "000_36305e3f8ca00a2f.txt"


def bench_in_memory(n: int) -> tuple[float, int]:
    data = SEED.read_bytes()
    rows = 0
    start = time.perf_counter()
    for i in range(n):
        doc = read_document(data + f"\n{i}".encode(), "seed.txt")  # distinct bytes, no caching by id
        records = result_to_records(doc.doc_id, "seed.txt", "text", normalize_document(doc))
        rows += len(records.tables["indicators"])
    return time.perf_counter() - start, rows


def bench_batch(n: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        text = SEED.read_bytes()
        for i in range(n):
            (folder / f"form-{i:05d}.txt").write_bytes(text + f"\n{i}".encode())
        start = time.perf_counter()
        summary, _ = run_extract([folder], Path(tmp) / "out")
        elapsed = time.perf_counter() - start
        assert summary.statuses["ok"] == n, summary.statuses
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    bench_in_memory(3)  # warm caches (schema files, compiled patterns)
    elapsed, rows = bench_in_memory(n)
    print(f"in memory: {n} documents in {elapsed:.2f} s = {n / elapsed:.1f} documents/s, "
          f"{rows / elapsed:.0f} indicator rows/s")
    elapsed = bench_batch(n)
    print(f"batch to Parquet: {n} files in {elapsed:.2f} s = {n / elapsed:.1f} documents/s")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
