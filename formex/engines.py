"""Where the per-document work runs: in this process, in worker processes, or on Dask.

Every engine has one method, `map(fn, tasks)`, that runs `fn` (the runner's `run_task`:
extract bytes the run has read and hashed) on each task and yields the results *in task
order*, with a bounded number of tasks in flight, so memory stays flat however many
documents there are and the committer sees the same sequence whatever the engine or the
number of workers.
"""
from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor


IN_FLIGHT_PER_WORKER = 4     # tasks queued per worker: keeps workers busy, memory bounded
MIN_DOCS_PER_WORKER = 16     # below this a worker process costs more to start than it saves
ENGINES = ("local", "dask")


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

    def map(self, fn: Callable, tasks: Iterable) -> Iterator:
        for task in tasks:
            yield task.result() if hasattr(task, "result") else fn(task)


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
        self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=die_with_parent,
                                         initargs=(os.getpid(),))
        self._pool.submit(warm_up).result()   # a fork start method starts every worker now
        return self

    def __exit__(self, *exc) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, fn: Callable, tasks: Iterable) -> Iterator:
        return ordered(lambda task: self._pool.submit(fn, task), tasks,
                       self.workers * IN_FLIGHT_PER_WORKER)


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


class DaskEngine:
    """Dask distributed: a LocalCluster of worker processes, or the scheduler at `address`.

    Tasks carry the bytes the run read, so workers need formex installed but not the
    input files.
    """

    name = "dask"

    def __init__(self, workers: int, address: str | None = None):
        self.workers = workers
        self.address = address
        self.client = None
        self.cluster = None

    def __enter__(self) -> DaskEngine:
        from distributed import Client, LocalCluster

        if self.address:
            self.client = Client(self.address)
            self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        else:
            self.cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        return self

    def __exit__(self, *exc) -> None:
        if self.client is not None:
            self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def map(self, fn: Callable, tasks: Iterable) -> Iterator:
        return ordered(lambda task: self.client.submit(fn, task, pure=False), tasks,
                       self.workers * IN_FLIGHT_PER_WORKER)


def ordered(submit: Callable, tasks: Iterable, window: int) -> Iterator:
    """Submit tasks with at most `window` in flight; yield their results in task order.
    A task that is already done (it has a `result()`: the run decided it without a
    worker) passes through in its place."""
    in_flight: deque = deque()
    for task in tasks:
        in_flight.append(task if hasattr(task, "result") else submit(task))
        if len(in_flight) >= window:
            yield in_flight.popleft().result()
    while in_flight:
        yield in_flight.popleft().result()


def open_engine(engine: str = "local", workers: int | None = None, scheduler: str | None = None,
                documents: int | None = None):
    """The engine a run asked for. `workers` defaults to every core; a local run with few
    documents uses fewer processes (one: none at all, the work runs in this process)."""
    if scheduler:
        engine = "dask"
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    requested = workers or available_cores()
    if requested < 1:
        raise ValueError("--workers must be at least 1")
    if engine == "dask":
        return DaskEngine(requested, scheduler)
    if documents is not None:
        requested = min(requested, max(1, -(-documents // MIN_DOCS_PER_WORKER)))
    return SerialEngine() if requested == 1 else ProcessEngine(requested)
