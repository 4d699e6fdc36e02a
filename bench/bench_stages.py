"""Where one document's CPU goes, stage by stage, on the engines' path.

    python bench/bench_stages.py [N] [--repeat 1]

Generates N varied forms (bench/forms.py, as bench_extract.py does), runs them through
`run_chunk` in chunks of 8 in this process (what a worker runs), pickles each chunk (what
the worker sends) and unpickles it (what the run's process reads), and prints the CPU
milliseconds per form spent in each stage, exclusive of the stages it calls. Measure a
before and an after in the same session, alternating, and compare ratios: on a loaded
machine every figure moves.
"""
from __future__ import annotations

import argparse
import functools
import pickle
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms import generate_forms  # noqa: E402

import formex.document_task as dt  # noqa: E402
import formex.normalize.form as nf  # noqa: E402
import formex.normalize.indicators as ni  # noqa: E402
import formex.normalize.indicators.hierarchy as nh  # noqa: E402

STAGES = [   # (module, function, stage): a function's own time goes to its stage
    (dt, "read_document", "read"),
    (nf, "detect_family", "sections (detect_family)"),
    (nf, "fields_to_values", "header, tasks, budget"),
    (nf, "rows_to_tasks", "header, tasks, budget"),
    (nf, "rows_to_budget", "header, tasks, budget"),
    (ni, "rows_to_indicator_rows", "indicator cells"),
    (ni, "place_rows", "rest of the hierarchy"),
    (nh, "fit_placement", "placement fit"),
    (ni, "target_of", "targets"),
    (ni, "actual_of", "targets"),
    (dt, "result_to_records", "records"),
    (dt, "rows_to_arrow", "Arrow conversion"),
    (dt, "fill_arrow", "Arrow conversion"),
    (dt, "run_chunk", "other normalize steps"),
]


def timed(spent: dict[str, float], stack: list[float], stage: str, fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        stack.append(0.0)
        try:
            return fn(*args, **kwargs)
        finally:
            elapsed = time.process_time() - start
            inner = stack.pop()
            spent[stage] = spent.get(stage, 0.0) + elapsed - inner
            if stack:
                stack[-1] += elapsed
    return wrapper


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", nargs="?", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    spent: dict[str, float] = {}
    stack: list[float] = []
    for module, name, stage in STAGES:
        if hasattr(module, name):   # fill_arrow: only where chunks convert together
            setattr(module, name, timed(spent, stack, stage, getattr(module, name)))
    with tempfile.TemporaryDirectory(prefix="formex-stages-") as tmp:
        paths = generate_forms(Path(tmp), args.n)
        tasks = [dt.Task(p.name, dt.doc_id_of(p.read_bytes()), p.read_bytes()) for p in paths]
    chunks = [tasks[i:i + 8] for i in range(0, len(tasks), 8)]
    for chunk in chunks[:3]:   # warm up: vocabularies, patterns
        pickle.loads(pickle.dumps(dt.run_chunk(chunk)))
    spent.clear()
    start = time.process_time()
    for _ in range(args.repeat):
        for chunk in chunks:
            answer = dt.run_chunk(chunk)
            t0 = time.process_time()
            sent = pickle.dumps(answer)
            t1 = time.process_time()
            pickle.loads(sent)
            t2 = time.process_time()
            spent["send (pickle, worker)"] = spent.get("send (pickle, worker)", 0.0) + t1 - t0
            spent["receive (unpickle, run)"] = spent.get("receive (unpickle, run)", 0.0) + t2 - t1
    total = time.process_time() - start
    n = len(tasks) * args.repeat
    for stage, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        print(f"{stage:28s} {1000 * seconds / n:6.2f} ms")
    print(f"{'total':28s} {1000 * total / n:6.2f} ms CPU per form ({n} forms)")


if __name__ == "__main__":
    main()
