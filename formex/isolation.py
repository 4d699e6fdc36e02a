"""Per-document time and memory budgets, enforced by process isolation.

A reader or normalizer can be made to stall (a regex gone quadratic, 200 MB of
concatenated forms) or to eat memory (a decompression bomb the limits did not foresee).
No code inside the document's work can be trusted to stop itself, so the runner's
local engine runs it in worker processes it can kill:

- each worker limits the growth of its address space (`RLIMIT_AS`, set above what it
  maps when forked) to the memory budget, so an
  allocation past it fails in that worker (a `MemoryError`, which `document_task` turns
  into a failed row naming the limit, or the worker's death) and never in the machine;
- a worker says when it starts each document; the parent holds a deadline per worker and
  SIGKILLs one that passes it, records that document as `failed` naming the time limit,
  forks a replacement and sends the rest of the chunk again;
- a worker that dies (a C library aborting when memory runs out, the OOM killer) costs
  only the document it was reading, which is `failed` with the signal named.

Workers are forked once and reused (a chunk of documents per message, as in
`formex.engines`), so the isolation costs two small messages per document, not a fork.
A run with one worker is isolated too: a stall must not hang it.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from formex.engines import IN_FLIGHT_PER_WORKER, chunks, die_with_parent, refuse_pandas, warm_up

MiB = 1024 * 1024
DEFAULT_DOC_SECONDS = 900.0   # above the PDF/scan readers' own 600 s, which cut pages and keep the rest
DEFAULT_DOC_MEMORY_MIB = 4096  # growth of a worker's address space; OCR's models and arenas take ~2 GiB


class BudgetInvalid(ValueError):
    pass


@dataclass(frozen=True)
class DocBudget:
    """What one document may cost; None is no limit."""

    seconds: float | None = DEFAULT_DOC_SECONDS
    memory_mib: int | None = DEFAULT_DOC_MEMORY_MIB

    def __post_init__(self):
        for name in ("seconds", "memory_mib"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not value > 0):
                raise BudgetInvalid(f"the document budget's {name} must be a positive number or None, not {value!r}")

    @property
    def unlimited(self) -> bool:
        return self.seconds is None and self.memory_mib is None

    def time_reason(self) -> str:
        return (f"over the time limit per document: still running after {self.seconds:g} s, stopped "
                f"(--doc-timeout)")

    def death_reason(self, exitcode: int | None) -> str:
        how = (f"was killed by {signal.Signals(-exitcode).name}" if exitcode and exitcode < 0
               else f"exited with code {exitcode}")
        memory = (f"; it may have gone over the memory limit per document of {self.memory_mib} MiB "
                  f"(--doc-memory)" if self.memory_mib else "")
        return f"the worker process reading it {how}{memory}"


def address_space() -> int:
    """This process's mapped memory in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def limit_memory(memory_mib: int | None) -> None:
    """Let this worker map at most `memory_mib` more than it maps now: what it inherited
    from the parent (which differs between a CLI run and a test process) is not the
    document's."""
    if memory_mib:
        limit = address_space() + memory_mib * MiB
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def serve(conn, memory_mib: int | None, parent: int) -> None:
    """A worker's loop: (fn, tasks) in, ("started", i) as it starts each, ("done", answer)."""
    die_with_parent(parent)
    refuse_pandas()   # as the pool's workers: pyarrow would import it, ~45 MiB a worker
    # The parent may have had another thread (a progress bar) holding stderr's lock when
    # it forked a replacement; a fresh file object on the same descriptor has its own.
    sys.stderr = open(2, "w", closefd=False)
    limit_memory(memory_mib)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        fn, tasks = message
        answer = fn(tasks, started=lambda i: conn.send(("started", i)))
        conn.send(("done", answer))


class Job:
    """One chunk of tasks and its results, filled as workers answer."""

    def __init__(self, tasks: list):
        self.tasks = tasks
        self.slots: list = [None] * len(tasks)

    @property
    def done(self) -> bool:
        return all(slot is not None for slot in self.slots)

    def results(self) -> list:
        return self.slots


class Passed:
    def __init__(self, item):
        self.item = item
        self.done = True

    def results(self) -> list:
        return [self.item.result()]


class Worker:
    def __init__(self, context, budget: DocBudget):
        self.conn, child = context.Pipe()
        self.process = context.Process(target=serve, args=(child, budget.memory_mib, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        self.unit: tuple[Job, list[int]] | None = None   # the job and the task positions sent
        self.current: int | None = None                   # index in the unit of the task running
        self.deadline: float | None = None

    def send(self, fn: Callable, job: Job, positions: list[int], seconds: float | None) -> None:
        self.unit, self.current = (job, positions), None
        self.deadline = time.monotonic() + seconds if seconds else None
        self.conn.send((fn, [job.tasks[p] for p in positions]))

    def stop(self, kill: bool = False) -> None:
        if kill and self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.join()
        self.conn.close()


class IsolatedEngine:
    """Worker processes on this machine, each document within a `DocBudget`."""

    name = "local"

    def __init__(self, workers: int, budget: DocBudget | None = None):
        self.workers = workers
        self.budget = budget or DocBudget()
        self.pool: list[Worker] = []
        self.pending: deque = deque()    # (job, positions) not yet sent
        self.context = multiprocessing.get_context("fork")
        self.replaced = 0                # workers killed or dead and replaced

    def __enter__(self) -> IsolatedEngine:
        warm_up()   # forked workers start with the vocabularies loaded
        self.pool = [Worker(self.context, self.budget) for _ in range(self.workers)]
        return self

    def __exit__(self, *exc) -> None:
        for worker in self.pool:
            worker.stop()
        self.pool = []

    def map(self, fn: Callable, tasks: Iterable, fail: Callable | None = None) -> Iterator:
        """Results in task order; `fail(task, reason)` answers for a task whose worker was
        killed or died (without it, the document's reason is raised as an EngineError)."""
        fail = fail or refuse_to_lose
        source = chunks(tasks)
        window: deque = deque()
        capacity = self.workers * IN_FLIGHT_PER_WORKER
        exhausted = False
        while True:
            while not exhausted and len(window) < capacity:
                item = next(source, None)
                if item is None:
                    exhausted = True
                elif hasattr(item, "result"):
                    window.append(Passed(item))
                else:
                    window.append(job := Job(item))
                    self.pending.append((job, list(range(len(item)))))
            if not window:
                return
            while not window[0].done:
                self.pump(fn, fail)
            yield from window.popleft().results()

    def pump(self, fn: Callable, fail: Callable) -> None:
        """Send waiting work to idle workers, then handle what the busy ones say, or
        their deadlines."""
        for index in range(len(self.pool)):
            while self.pool[index].unit is None and self.pending:
                job, positions = self.pending.popleft()
                try:
                    self.pool[index].send(fn, job, positions, self.budget.seconds)
                except OSError:   # it died idle (the OOM killer picks large processes): nobody to blame
                    self.pending.appendleft((job, positions))
                    self.pool[index].unit = None
                    self.pool[index].stop(kill=True)
                    self.pool[index] = Worker(self.context, self.budget)
                    self.replaced += 1
        busy = [w for w in self.pool if w.unit is not None]
        deadlines = [w.deadline for w in busy if w.deadline is not None]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        for conn in wait([w.conn for w in busy], timeout):
            worker = next(w for w in busy if w.conn is conn)
            try:
                kind, value = conn.recv()
            except (EOFError, OSError):
                worker.process.join(timeout=5)
                self.replace(worker, fail, self.budget.death_reason(worker.process.exitcode))
                continue
            self.answer(worker, kind, value)
        now = time.monotonic()
        for worker in [w for w in self.pool if w.deadline is not None and w.deadline <= now and w.unit]:
            self.replace(worker, fail, self.budget.time_reason(), kill=True)

    def answer(self, worker: Worker, kind: str, value) -> None:
        job, positions = worker.unit
        if kind == "started":
            worker.current = value
            if self.budget.seconds:
                worker.deadline = time.monotonic() + self.budget.seconds
            return
        for position, result in zip(positions, value):
            job.slots[position] = result
        worker.unit, worker.current, worker.deadline = None, None, None

    def replace(self, worker: Worker, fail: Callable, reason: str, kill: bool = False) -> None:
        """The task the worker was on fails with `reason`; the rest of its unit goes back
        to the front of the queue, and a fresh worker takes its place."""
        job, positions = worker.unit
        blamed = worker.current or 0
        job.slots[positions[blamed]] = fail(job.tasks[positions[blamed]], reason)
        rest = [p for i, p in enumerate(positions) if i != blamed]
        if rest:
            self.pending.appendleft((job, rest))
        worker.unit = None
        worker.stop(kill=True)
        self.pool[self.pool.index(worker)] = Worker(self.context, self.budget)
        self.replaced += 1


def refuse_to_lose(task, reason: str):
    from formex.engines import EngineError

    raise EngineError(f"{getattr(task, 'source', task)}: {reason}")
