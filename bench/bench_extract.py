"""Benchmark: `formex extract` on N varied forms against the read+write floor, on one
process, on worker processes and on Dask, with the peak memory of each run.

    python bench/bench_extract.py [N] [--workers 2] [--engines local,dask,isolation] [--repeat 1] [--seed-only]

1. Generates N varied forms (bench/forms.py: units, years, targets, OCR noise).
2. The floor, in this process: read each file, split its lines and cells, write those
   cells to Parquet with pyarrow (one file per 1,000 documents).
3. Runs `python -m formex extract --json` in a subprocess: one process (`--workers 1`),
   then `--workers W`, then `--engine dask --workers W`, each into a fresh folder, and a
   re-run over the first folder (every document unchanged). With `isolation` in
   --engines, the local runs again without per-document budgets (`--doc-timeout 0
   --doc-memory 0`): the cost of the isolated workers. Time is the run's own
   (`seconds` in its report: after imports); memory is the peak, sampled every 0.1 s, of
   the proportional set size (PSS, so pages forked workers share are counted once)
   summed over the run and all its child processes.

Every figure is a ratio measured in the same run, so a noisy shared machine moves them
together; run it more than once (`--repeat`) and quote the spread.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms import generate_forms  # noqa: E402

FLOOR_FILES_PER_PARQUET = 1000


def floor_seconds(folder: Path, out: Path, repeat: int = 3) -> tuple[float, float]:
    """(wall, CPU) seconds, the best of `repeat`, to read each file, split its lines and
    cells, and write the cells to Parquet."""
    times = [floor_once(folder, out / str(k)) for k in range(repeat)]
    return min(t[0] for t in times), min(t[1] for t in times)


def floor_once(folder: Path, out: Path) -> tuple[float, float]:
    out.mkdir(parents=True, exist_ok=True)
    start, start_cpu = time.perf_counter(), time.process_time()
    files = sorted(folder.rglob("*.txt"))
    columns: dict[str, list] = {"doc": [], "line": [], "col": [], "text": []}

    def flush(part: int) -> None:
        pq.write_table(pa.table(columns), out / f"cells-{part:05d}.parquet")
        for values in columns.values():
            values.clear()

    for n, path in enumerate(files):
        text = path.read_bytes().decode("utf-8")
        for line_no, line in enumerate(text.split("\n"), start=1):
            for col, cell in enumerate(line.split("\t")):
                columns["doc"].append(n)
                columns["line"].append(line_no)
                columns["col"].append(col)
                columns["text"].append(cell)
        if (n + 1) % FLOOR_FILES_PER_PARQUET == 0:
            flush(n // FLOOR_FILES_PER_PARQUET)
    if columns["doc"]:
        flush(len(files) // FLOOR_FILES_PER_PARQUET + 1)
    return time.perf_counter() - start, time.process_time() - start_cpu


def tree_pss_kib(root: int) -> int:
    """PSS of a process and all its descendants, in KiB."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
    return total


def run_formex(inputs: Path, out: Path, *args: str) -> tuple[float, float, dict]:
    """(seconds, peak MiB, report) of one `formex extract` run in a subprocess."""
    command = [sys.executable, "-m", "formex", "extract", str(inputs), "--out", str(out), "--quiet", "--json", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], tree_pss_kib(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"formex failed ({process.returncode}): {stderr.decode()[-2000:]}")
    report = json.loads(stdout)
    return report["seconds"], peak[0] / 1024, report


def cpu_of(report: dict) -> float:
    return report["cpu_seconds"]["run"] + report["cpu_seconds"]["workers"]


def bench(n: int, workers: int, engines: list[str], tmp: Path, inputs: Path) -> None:
    floor, floor_cpu = floor_seconds(inputs, tmp / "floor")
    print(f"floor (read, split lines and cells, write cells with pyarrow; best of 3): {floor:.2f} s = "
          f"{n / floor:.0f} documents/s; CPU {floor_cpu:.2f} s", flush=True)
    one, one_mib, report = run_formex(inputs, tmp / "one", "--workers", "1")
    one_cpu = cpu_of(report)
    print(f"local, 1 process:  {one:.2f} s = {n / one:.1f} documents/s = {one / floor:.2f}x the floor "
          f"(CPU {one_cpu:.2f} s = {one_cpu / floor_cpu:.2f}x the floor's); peak {one_mib:.0f} MiB", flush=True)
    print(f"    documents: {report['statuses']}; rows: {report['rows']}", flush=True)
    if "local" in engines and workers > 1:
        many, many_mib, report = run_formex(inputs, tmp / "many", "--workers", str(workers))
        print(f"local, {workers} workers: {many:.2f} s = {n / many:.1f} documents/s = {one / many:.2f}x "
              f"1 process; peak {many_mib:.0f} MiB; CPU {cpu_of(report):.2f} s (run "
              f"{report['cpu_seconds']['run']:.2f}, workers {report['cpu_seconds']['workers']:.2f})", flush=True)
    if "isolation" in engines:   # the same runs without per-document budgets: no worker to kill
        bare, bare_mib, report = run_formex(inputs, tmp / "bare", "--workers", "1", "--doc-timeout", "0",
                                            "--doc-memory", "0")
        print(f"local, 1 process, no budgets (work in the run's own process): {bare:.2f} s; the isolated "
              f"worker costs {one / bare:.3f}x the time and {one_cpu / cpu_of(report):.3f}x the CPU "
              f"({(one - bare) / n * 1000:+.2f} ms per document); peak {bare_mib:.0f} MiB", flush=True)
        if workers > 1:
            bare_many, _, report_many = run_formex(inputs, tmp / "bare-many", "--workers", str(workers),
                                                   "--doc-timeout", "0", "--doc-memory", "0")
            print(f"local, {workers} workers, no budgets (a process pool): {bare_many:.2f} s; with budgets "
                  f"{many:.2f} s = {many / bare_many:.3f}x", flush=True)
    if "dask" in engines:
        dask, dask_mib, report = run_formex(inputs, tmp / "dask", "--engine", "dask", "--workers", str(workers))
        print(f"dask LocalCluster, {workers} workers: {dask:.2f} s = {n / dask:.1f} documents/s = "
              f"{one / dask:.2f}x 1 process; peak {dask_mib:.0f} MiB (cluster start included)", flush=True)
    again, again_mib, report = run_formex(inputs, tmp / "one", "--workers", "1")
    assert report["outcomes"]["unchanged"] == n, report["outcomes"]
    print(f"re-run, all unchanged: {again:.2f} s = {n / again:.0f} documents/s; peak {again_mib:.0f} MiB",
          flush=True)
    files = sum(1 for _ in (tmp / "one").rglob("*.parquet"))
    size = sum(p.stat().st_size for p in (tmp / "one").rglob("*.parquet"))
    print(f"dataset: {files} Parquet files, {size / 2**20:.1f} MiB", flush=True)
    print(f"load average: {os.getloadavg()[0]:.2f} (other work on this machine slows every figure)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--seed-only", action="store_true",
                        help="vary only the seed sample (83 indicators), as in issue 12's figures")
    args = parser.parse_args()
    engines = args.engines.split(",")
    with tempfile.TemporaryDirectory(prefix="formex-bench-") as tmp:
        inputs = Path(tmp) / "in"
        generate_forms(inputs, args.n, only="seed-shanghai-2026-unit-overall" if args.seed_only else None)
        size = sum(p.stat().st_size for p in inputs.rglob("*.txt"))
        print(f"{args.n} varied forms, {size / args.n / 1024:.1f} KiB each on average; {os.cpu_count()} cores",
              flush=True)
        for attempt in range(args.repeat):
            if args.repeat > 1:
                print(f"-- run {attempt + 1} of {args.repeat}", flush=True)
            work = Path(tmp) / f"run{attempt}"
            work.mkdir()
            bench(args.n, args.workers, engines, work, inputs)


if __name__ == "__main__":
    main()
