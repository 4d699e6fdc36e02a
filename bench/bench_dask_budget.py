"""Benchmark: the cost of per-document budgets on Dask.

    python bench/bench_dask_budget.py [N] [--workers 2] [--rounds 3]

Writes N seed-based forms (tests/conftest.py `write_forms`), then alternates, `rounds`
times, a run on a Dask LocalCluster of `workers` workers (`formex.engines.DaskEngine`,
what `formex extract --engine dask` opens) with the default budgets (each Dask worker
runs its chunks in a spawned worker process of its own: `formex.isolation.
run_within_budget`) and with none (as `--doc-timeout 0 --doc-memory 0`: chunks run in
the Dask worker itself), each into a fresh folder. For each run: wall seconds of
`run_extract` (the cluster's start excluded, the budget's worker processes' start
included), and the CPU seconds of the Dask workers plus their child processes (imports
included). Prints each run and the ratios of the medians (budget / none); alternating
keeps a shared machine's load on both sides.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.conftest import write_forms  # noqa: E402


def worker_cpu() -> float:
    """CPU seconds of this Dask worker process and its children (run on each worker)."""
    import psutil

    me = psutil.Process()
    return sum(sum(p.cpu_times()[:2]) for p in (me, *me.children(recursive=True)))


def run(inputs: Path, out: Path, workers: int, budget) -> tuple[float, float]:
    from formex.engines import DaskEngine
    from formex.runner import RunSettings, run_extract

    with DaskEngine(workers, budget=budget) as engine:
        started = time.monotonic()
        summary = run_extract([inputs], out, RunSettings(), engine=engine)
        wall = time.monotonic() - started
        cpu = sum(engine.client.run(worker_cpu).values())
    assert summary.statuses["ok"] == len(list(inputs.iterdir()))
    return wall, cpu


def main() -> None:
    from formex.isolation import DocBudget

    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sides = {"budget": DocBudget(), "none": None}
    with tempfile.TemporaryDirectory() as tmp:
        inputs = Path(tmp) / "in"
        write_forms(inputs, args.n)
        got: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        for k in range(args.rounds):
            for side in (("budget", "none") if k % 2 == 0 else ("none", "budget")):
                wall, cpu = run(inputs, Path(tmp) / f"{side}-{k}", args.workers, sides[side])
                got[side].append((wall, cpu))
                print(f"round {k + 1} {side:6} wall {wall:6.2f} s, workers' CPU {cpu:6.2f} s", flush=True)
        wall = {side: statistics.median(w for w, _ in runs) for side, runs in got.items()}
        cpu = {side: statistics.median(c for _, c in runs) for side, runs in got.items()}
        print(f"{args.n} forms, Dask, {args.workers} workers, medians budget / none: wall {wall['budget']:.2f} / "
              f"{wall['none']:.2f} s = {wall['budget'] / wall['none']:.3f}; workers' CPU {cpu['budget']:.2f} / "
              f"{cpu['none']:.2f} s = {cpu['budget'] / cpu['none']:.3f}")


if __name__ == "__main__":
    main()
