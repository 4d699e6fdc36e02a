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

On Dask (`run_within_budget`) the same engine runs on each Dask worker, one per worker
thread, made by its first task and reused by the next. A Dask worker has threads and is
a daemonic process (which multiprocessing forbids to have children), so its isolation
workers are not forked: each is a fresh interpreter (`spawn_worker`, a subprocess) that
loads formex and its vocabularies once, says it is ready, and then serves chunks as a
forked one does. Only a killed or dead one costs that start again.
"""
from __future__ import annotations

import multiprocessing
import os
import resource
import select
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from multiprocessing.connection import Connection, wait

from formex.engines import IN_FLIGHT_PER_WORKER, EngineError, chunks, die_with_parent, refuse_pandas, warm_up

MiB = 1024 * 1024
DEFAULT_DOC_SECONDS = 900.0   # above the PDF/scan readers' own 600 s, which cut pages and keep the rest
DEFAULT_DOC_MEMORY_MIB = 4096  # growth of a worker's address space; OCR's models and arenas take ~2 GiB
SPAWN_READY_SECONDS = 120.0    # a spawned worker loads formex and its vocabularies in ~2 s; past this it is lost


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
    """A forked worker's start, then its loop (`answer_chunks`)."""
    die_with_parent(parent)
    refuse_pandas()   # as the pool's workers: pyarrow would import it, ~45 MiB a worker
    # The parent may have had another thread (a progress bar) holding stderr's lock when
    # it forked a replacement; a fresh file object on the same descriptor has its own.
    sys.stderr = open(2, "w", closefd=False)
    limit_memory(memory_mib)
    answer_chunks(conn)


def answer_chunks(conn) -> None:
    """A worker's loop: (fn, tasks) in, ("started", i) as it starts each, ("done", answer)."""
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


def fork_worker(context, budget: DocBudget) -> tuple[Connection, object]:
    """A worker forked from this process (which has loaded formex): its end of the pipe
    and its process."""
    conn, child = context.Pipe()
    process = context.Process(target=serve, args=(child, budget.memory_mib, os.getpid()), daemon=True)
    process.start()
    child.close()
    return conn, process


class Spawned:
    """A subprocess seen as a multiprocessing Process (`pid`, `is_alive`, `join`, `exitcode`)."""

    def __init__(self, popen: subprocess.Popen):
        self.popen = popen
        self.pid = popen.pid

    def is_alive(self) -> bool:
        return self.popen.poll() is None

    def join(self, timeout: float | None = None) -> None:
        try:
            self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            pass

    @property
    def exitcode(self) -> int | None:
        return self.popen.poll()   # negative: the signal that killed it, as multiprocessing's


SPAWNED_MAIN = "import sys; from formex.isolation import serve_spawned; serve_spawned(*map(int, sys.argv[1:]))"


def spawn_worker(budget: DocBudget) -> tuple[Connection, Spawned]:
    """A worker started as a fresh interpreter (no fork: safe from a process with threads,
    allowed from a daemonic one), which finds formex where this process found it. Returns
    once it has loaded formex and its vocabularies and said so."""
    ours, theirs = socket.socketpair()
    path = [p for p in (os.environ.get("PYTHONPATH", ""), *sys.path) if p]
    try:
        popen = subprocess.Popen([sys.executable, "-c", SPAWNED_MAIN, str(theirs.fileno()), str(os.getpid()),
                                  str(budget.memory_mib or 0)],
                                 pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL,
                                 env={**os.environ, "PYTHONPATH": os.pathsep.join(path)})
    finally:
        theirs.close()
    conn = Connection(ours.detach())
    process = Spawned(popen)
    try:
        ready = conn.poll(SPAWN_READY_SECONDS) and conn.recv() == ("ready", None)
    except (EOFError, OSError):
        ready = False
    if not ready:
        if process.is_alive():
            os.kill(process.pid, signal.SIGKILL)
        process.join()
        conn.close()
        raise EngineError(f"a worker process for the document budget did not start ({sys.executable}, "
                          f"exit code {process.exitcode})")
    return conn, process


def serve_spawned(fd: int, parent: int, memory_mib: int) -> None:
    """A spawned worker's start: end with the parent process, load what every document
    needs, then limit memory and answer chunks on the socket `fd`."""
    watch_parent(parent)
    refuse_pandas()
    warm_up()
    import formex.document_task  # noqa: F401  (what the chunks run, loaded before the limit)

    conn = Connection(fd)
    limit_memory(memory_mib or None)
    conn.send(("ready", None))
    answer_chunks(conn)


def watch_parent(parent: int) -> None:
    """End this process when `parent` ends, however it ends (SIGKILL included), even while
    a document stalls: a thread waits on the parent's pidfd (polls it where Linux has none).
    PR_SET_PDEATHSIG would follow the parent's thread that started it, not the process."""
    try:
        pidfd = os.pidfd_open(parent)
    except (AttributeError, OSError):
        pidfd = None
    if os.getppid() != parent:
        os._exit(1)

    def wait_for_parent() -> None:
        if pidfd is not None:
            select.select([pidfd], [], [])
        else:
            while os.getppid() == parent:
                time.sleep(1)
        os._exit(1)

    threading.Thread(target=wait_for_parent, name="watch-parent", daemon=True).start()


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
    def __init__(self, start: Callable):
        self.conn, self.process = start()
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

    def __init__(self, workers: int, budget: DocBudget | None = None, spawn: bool = False):
        """`spawn`: start workers as fresh interpreters (`spawn_worker`), not forks."""
        self.workers = workers
        self.budget = budget or DocBudget()
        self.pool: list[Worker] = []
        self.pending: deque = deque()    # (job, positions) not yet sent
        self.spawn = spawn
        self.start = (partial(spawn_worker, self.budget) if spawn
                      else partial(fork_worker, multiprocessing.get_context("fork"), self.budget))
        self.replaced = 0                # workers killed or dead and replaced

    def __enter__(self) -> IsolatedEngine:
        if not self.spawn:
            warm_up()   # forked workers start with the vocabularies loaded
        self.pool = [Worker(self.start) for _ in range(self.workers)]
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
                    self.pool[index] = Worker(self.start)
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
        self.pool[self.pool.index(worker)] = Worker(self.start)
        self.replaced += 1


def refuse_to_lose(task, reason: str):
    raise EngineError(f"{getattr(task, 'source', task)}: {reason}")


ON_DASK = threading.local()   # a Dask worker thread's isolation engine


def run_within_budget(chunk: list, fn: Callable, budget: DocBudget, fail: Callable | None = None):
    """`fn(chunk)` on a Dask worker, each document within `budget`: in the isolation
    engine of this worker thread (one spawned worker process, started by the thread's
    first chunk and reused by the next), so a document over its time is killed and one
    over its memory fails in that process, never in the Dask worker. Answers the
    results as one `ResultChunk`, a document over its budget as `fail(task, reason)`."""
    from formex.document_task import ResultChunk

    engine = getattr(ON_DASK, "engine", None)
    if engine is not None and engine.budget != budget:
        ON_DASK.engine = None
        engine.__exit__(None, None, None)
        engine = None
    if engine is None:
        engine = IsolatedEngine(1, budget, spawn=True).__enter__()
        ON_DASK.engine = engine
    try:
        results = list(engine.map(fn, chunk, fail))
    except BaseException:
        ON_DASK.engine = None   # its state is the failed chunk's: the next starts afresh
        engine.__exit__(None, None, None)
        raise
    return ResultChunk(results)
