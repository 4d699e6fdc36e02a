"""Where the per-document work runs: in this process, in worker processes, or on Dask.

Every engine has one method, `map(fn, tasks, fail=None)`. It groups consecutive tasks into chunks,
runs `fn` (the runner's `run_chunk`: extract the bytes the run has read and hashed) on
each chunk, and yields the results one by one *in task order*, with a bounded number of
chunks in flight, so memory stays flat however many documents there are and the
committer sees the same sequence whatever the engine or the number of workers. A task
that is already done (it has a `result()`: the run decided it without a worker) passes
through in its place. Chunks make a worker's answer one Arrow table per table for
several documents, which costs a fraction of one per document to send.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import partial


CHUNK_DOCS = 8               # documents per task sent to a worker
IN_FLIGHT_PER_WORKER = 3     # chunks queued per worker: keeps workers busy, memory bounded
MIN_DOCS_PER_WORKER = 16     # below this a worker process costs more to start than it saves
ENGINES = ("local", "dask")


class EngineError(Exception):
    """The engine lost work it was given (a worker process died, the cluster went away):
    the run stops; what it committed stays."""


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class SerialEngine:
    """In this process, one task after another."""

    workers = 1
    name = "local"

    def __enter__(self) -> SerialEngine:
        return self

    def __exit__(self, *exc) -> None:
        pass

    def map(self, fn: Callable, tasks: Iterable, fail: Callable | None = None) -> Iterator:
        for task in tasks:
            if hasattr(task, "result"):
                yield task.result()
            else:
                yield from fn([task])


class ProcessEngine:
    """Worker processes on this machine, forked from this one once its vocabularies are
    loaded, so they start in milliseconds with warm caches. They are all started on entry,
    before a progress bar or anything else starts a thread (a fork copies only the thread
    that forks, so it must not happen while another holds a lock)."""

    name = "local"

    def __init__(self, workers: int):
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> ProcessEngine:
        warm_up()
        context = multiprocessing.get_context("fork")
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_worker,
                                         initargs=(os.getpid(),))
        self._pool.submit(warm_up).result()   # a fork start method starts every worker now
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, fn: Callable, tasks: Iterable, fail: Callable | None = None) -> Iterator:
        try:
            yield from ordered(lambda chunk: self._pool.submit(fn, chunk), tasks,
                               self.workers * IN_FLIGHT_PER_WORKER)
        except BrokenProcessPool as error:
            raise EngineError("a worker process died (killed, or out of memory?); run again to go on "
                              "from the last commit") from error


def start_worker(parent: int) -> None:
    die_with_parent(parent)
    refuse_pandas()


class RefusePandas:
    """An import finder that says pandas is not installed.

    pyarrow imports pandas the first time it turns a Python list into an array (its
    check for array-likes), and so does every worker, though no worker ever makes a
    frame: about 45 MiB per process, a third of a worker's memory. Told pandas is
    missing, pyarrow converts the same rows to the same arrays without it."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"{fullname} is not loaded in formex's worker processes", name=fullname)
        return None


def refuse_pandas() -> None:
    """In a worker process formex started (never in the run's own, which makes frames for
    the API): refuse pandas unless it is loaded already (a forked worker shares the
    parent's copy for free)."""
    if "pandas" not in sys.modules and not any(isinstance(f, RefusePandas) for f in sys.meta_path):
        sys.meta_path.insert(0, RefusePandas())


def run_without_pandas(fn: Callable, chunk: list):
    """`fn(chunk)` on a worker of the run's own Dask LocalCluster."""
    refuse_pandas()
    return fn(chunk)


def die_with_parent(parent: int) -> None:
    """A worker ends when the run does, even when the run is SIGKILLed: forked workers
    share the task queue's pipe, so none of them would ever read an end-of-file."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)   # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:          # the parent died before the line above
        os._exit(1)


def warm_up() -> None:
    """Load what every document needs (form schemas, vocabularies) once per process."""
    from formex.schemas.forms import load_all_form_schemas

    load_all_form_schemas()


# Dask configuration of the run's own LocalCluster's workers. Dask's statistical profiler
# samples a worker's task thread every 10 ms and keeps one call tree per second of the
# run, the last 1,000 of them (`distributed.worker.profile`,
# `distributed.admin.low-level-log-length`): for formex's deep, varied stacks about
# 0.12 MiB a second per worker, all of it small Python objects, so each worker grew with
# the run's duration (36 MiB of profiles after 300 s on 10,000 forms; up to 120 MiB), and
# freeing them later does not shrink the process. Only a dashboard shows these profiles,
# and the run's cluster has none. Each Nanny sets this in its worker process over the
# run's configuration; a dotted key, since the Nanny merges only the top level (a nested
# {"distributed": ...} would replace all of Dask's). A cluster given by address keeps
# its own configuration.
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class DaskEngine:
    """Dask distributed: a LocalCluster of worker processes, or the scheduler at `address`.

    On a cluster given by address, tasks carry the bytes the run read, so workers need
    formex installed but not the input files. A LocalCluster's workers read the files
    themselves (tasks carry the path): a scheduler keeps what it was sent longer than the
    task, so sending every file's bytes through it would grow the run's memory with the
    number of documents. A worker hashes what it reads, so a file changed since the run
    read it is still one document, of the bytes parsed.

    A LocalCluster's workers run without Dask's statistical profiler (`WORKER_CONFIG`).

    With a `budget` (`formex.isolation.DocBudget`) that limits anything, each chunk runs
    on its Dask worker within it (`formex.isolation.run_within_budget`: a worker process
    of the Dask worker's own, killed and replaced when a document passes its time): a
    document over its budget is a failed row, as on the local engine, and the rest of its
    chunk is extracted. Without one (or with no limit) chunks run in the Dask worker itself.
    """

    name = "dask"

    def __init__(self, workers: int, address: str | None = None, budget=None):
        self.workers = workers
        self.address = address
        self.budget = None if budget is None or budget.unlimited else budget
        self.client = None
        self.cluster = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        if self.address:
            self.client = Client(self.address)
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR,
                                        config=WORKER_CONFIG)
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def map(self, fn: Callable, tasks: Iterable, fail: Callable | None = None) -> Iterator:
        from distributed import KilledWorker

        work = fn
        if self.budget is not None:
            from formex.isolation import run_within_budget

            work = partial(run_within_budget, fn=fn, budget=self.budget, fail=fail)

        def submit(chunk: list) -> object:
            if self.cluster is None:       # a cluster of others' workers: leave them as they are
                return self.client.submit(work, chunk, pure=False)
            # workers on this machine read the files themselves
            chunk = [replace(task, data=None) if task.path is not None and task.saved is None else task
                     for task in chunk]
            return self.client.submit(run_without_pandas, work, chunk, pure=False)

        try:
            yield from ordered(submit, tasks, self.workers * IN_FLIGHT_PER_WORKER)
        except (KilledWorker, OSError, TimeoutError) as error:
            raise EngineError(f"the Dask cluster lost work ({type(error).__name__}: {error}); run again "
                              f"to go on from the last commit") from error


def chunks(tasks: Iterable, size: int = CHUNK_DOCS) -> Iterator:
    """Consecutive tasks in lists of up to `size`; a done task ends a chunk and passes alone."""
    chunk: list = []
    for task in tasks:
        if hasattr(task, "result"):
            if chunk:
                yield chunk
                chunk = []
            yield task
        else:
            chunk.append(task)
            if len(chunk) == size:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def ordered(submit: Callable, tasks: Iterable, window: int) -> Iterator:
    """Submit chunks of tasks with at most `window` in flight; yield the results one by
    one in task order."""
    in_flight: deque = deque()

    def results_of(handle) -> Iterable:
        value = handle.result()
        return (value,) if isinstance(handle, Passed) else value

    for item in chunks(tasks):
        in_flight.append(Passed(item) if hasattr(item, "result") else submit(item))
        if len(in_flight) >= window:
            yield from results_of(in_flight.popleft())
    while in_flight:
        yield from results_of(in_flight.popleft())


class Passed:
    """A task done before it reached the engine, queued in order with the chunks."""

    def __init__(self, done):
        self.done = done

    def result(self):
        return self.done.result()


def open_engine(engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                documents: int | None = None, budget=None):
    """The engine a run asked for. `workers` defaults to every core; a local run with few
    documents uses fewer processes. Locally each document runs within `budget`
    (`formex.isolation.DocBudget`, default its defaults) in worker processes, one worker
    too; only a budget without any limit runs a lone worker's work in this process."""
    if scheduler:
        engine = "dask"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    requested = workers or available_cores()
    if requested < 1:
        raise ValueError("--workers must be at least 1")
    from formex.isolation import DocBudget, IsolatedEngine

    budget = budget or DocBudget()
    if engine == "dask":
        return DaskEngine(requested, scheduler, budget)
    if documents is not None:
        requested = min(requested, max(1, -(-documents // MIN_DOCS_PER_WORKER)))
    if not budget.unlimited:
        return IsolatedEngine(requested, budget)
    return SerialEngine() if requested == 1 else ProcessEngine(requested)
