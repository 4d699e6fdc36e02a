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
   summed over the run and all its child processes (the RSS sum is printed beside it).
4. For worker runs, the CPU seconds per document the workers spent and the share of
   the run each worker had a core: on a loaded machine the speedup falls with that
   share, and the CPU-bound speedup (one process's CPU over the busiest side's) is what
   the engine would give on idle cores.

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
from dataclasses import dataclass
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


def tree_memory_kib(root: int) -> tuple[int, int]:
    """(PSS, RSS) of a process and all its descendants, in KiB: PSS counts a page shared
    by n processes (a forked worker's copy of its parent's imports) 1/n times in each,
    the RSS sum counts it in every one."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    ppid = int(handle.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    pss = rss = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        stack += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as handle:
                for line in handle:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
                        break
        except OSError:
            continue
    return pss, rss


@dataclass
class Run:
    seconds: float       # the run's own (after imports)
    peak_pss: float      # MiB, of the process tree
    peak_rss: float      # MiB, summed over the process tree
    report: dict

    @property
    def cpu(self) -> float:
        """CPU seconds of the run's process and its workers."""
        return self.report["cpu_seconds"]["run"] + self.report["cpu_seconds"]["workers"]


def run_formex(inputs: Path, out: Path, *args: str) -> Run:
    """One `formex extract` run in a subprocess, its memory sampled every 0.1 s."""
    command = [sys.executable, "-m", "formex", "extract", str(inputs), "--out", str(out), "--quiet", "--json", *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            pss, rss = tree_memory_kib(process.pid)
            peak[0], peak[1] = max(peak[0], pss), max(peak[1], rss)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    sampler.join()
    if process.returncode not in (0, 1):
        raise SystemExit(f"formex failed ({process.returncode}): {stderr.decode()[-2000:]}")
    report = json.loads(stdout)
    return Run(report["seconds"], peak[0] / 1024, peak[1] / 1024, report)


def describe_parallel(label: str, run: Run, one: Run, n: int, workers: int) -> str:
    """Speedup over one process, and what the CPU says: a speedup measured while other
    work shares the cores is not the engine's, so the CPU each worker spent per document
    and the share of the wall time each worker had a core are printed beside it."""
    cpu = run.report["cpu_seconds"]
    busy = cpu["workers"] / (workers * run.seconds)
    return (f"{label}: {run.seconds:.2f} s = {n / run.seconds:.1f} documents/s = {one.seconds / run.seconds:.2f}x "
            f"1 process; peak {run.peak_pss:.0f} MiB PSS ({run.peak_rss:.0f} MiB RSS summed)\n"
            f"    CPU {run.cpu:.2f} s (run {cpu['run']:.2f}, workers {cpu['workers']:.2f}) = "
            f"{1000 * cpu['workers'] / n:.2f} ms per document in workers vs {1000 * one.cpu / n:.2f} in 1 process; "
            f"each worker had a core {100 * busy:.0f}% of the run; "
            f"CPU-bound speedup {one.cpu / max(cpu['workers'] / workers, cpu['run']):.2f}x")


def bench(n: int, workers: int, engines: list[str], tmp: Path, inputs: Path) -> None:
    floor, floor_cpu = floor_seconds(inputs, tmp / "floor")
    print(f"floor (read, split lines and cells, write cells with pyarrow; best of 3): {floor:.2f} s = "
          f"{n / floor:.0f} documents/s; CPU {floor_cpu:.2f} s = {1000 * floor_cpu / n:.3f} ms per document",
          flush=True)
    one = run_formex(inputs, tmp / "one", "--workers", "1")
    print(f"local, 1 process:  {one.seconds:.2f} s = {n / one.seconds:.1f} documents/s = "
          f"{one.seconds / floor:.2f}x the floor (CPU {one.cpu:.2f} s = {1000 * one.cpu / n:.2f} ms per document = "
          f"{one.cpu / floor_cpu:.2f}x the floor's); peak {one.peak_pss:.0f} MiB PSS", flush=True)
    print(f"    documents: {one.report['statuses']}; rows: {one.report['rows']}", flush=True)
    if "local" in engines and workers > 1:
        many = run_formex(inputs, tmp / "many", "--workers", str(workers))
        print(describe_parallel(f"local, {workers} workers", many, one, n, workers), flush=True)
    if "isolation" in engines:   # the same runs without per-document budgets: no worker to kill
        bare = run_formex(inputs, tmp / "bare", "--workers", "1", "--doc-timeout", "0", "--doc-memory", "0")
        print(f"local, 1 process, no budgets (work in the run's own process): {bare.seconds:.2f} s; the isolated "
              f"worker costs {one.seconds / bare.seconds:.3f}x the time and {one.cpu / bare.cpu:.3f}x the CPU "
              f"({(one.seconds - bare.seconds) / n * 1000:+.2f} ms per document); peak {bare.peak_pss:.0f} MiB PSS",
              flush=True)
        if workers > 1 and "local" in engines:
            bare_many = run_formex(inputs, tmp / "bare-many", "--workers", str(workers), "--doc-timeout", "0",
                                   "--doc-memory", "0")
            print(f"local, {workers} workers, no budgets (a process pool): {bare_many.seconds:.2f} s; with budgets "
                  f"{many.seconds:.2f} s = {many.seconds / bare_many.seconds:.3f}x", flush=True)
    if "dask" in engines:
        dask = run_formex(inputs, tmp / "dask", "--engine", "dask", "--workers", str(workers))
        print(describe_parallel(f"dask LocalCluster, {workers} workers (cluster start included)", dask, one, n,
                                workers), flush=True)
    again = run_formex(inputs, tmp / "one", "--workers", "1")
    assert again.report["outcomes"]["unchanged"] == n, again.report["outcomes"]
    print(f"re-run, all unchanged: {again.seconds:.2f} s = {n / again.seconds:.0f} documents/s; "
          f"peak {again.peak_pss:.0f} MiB PSS", flush=True)
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
