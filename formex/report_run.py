"""What `formex extract` tells people and schedulers: progress while it runs, then a
summary (human text) or a report (`--json`), and the exit code."""
from __future__ import annotations

import sys
import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
from rich.text import Text

import formex
from formex.committer import DOCUMENTS_FOLDER
from formex.runner import OUTCOMES, Result, Summary
from formex.terminal import safe_text

FAIL_ON = ("failed", "partial", "never")
EXIT_OK, EXIT_DOCUMENTS_FAILED, EXIT_USAGE, EXIT_RUN_FAILED = 0, 1, 2, 3
LOG_EVERY_SECONDS = 5.0
LISTED = 20          # failures listed in the summary before "… and N more"


def exit_code(summary: Summary, fail_on: str) -> int:
    """0 all loaded; 1 some of the inputs' documents failed (`--fail-on partial`: or are
    partial), whether extracted in this run or unchanged since a run that failed them, so
    the same inputs give the same exit code however often they are run; `--fail-on never`
    keeps 0. A folder that could not be read counts as a failure: its documents are missing."""
    if fail_on == "never":
        return EXIT_OK
    bad = summary.outcomes["failed"] + len(summary.still_failed) + len(summary.unreadable)
    if fail_on == "partial":
        bad += summary.statuses["partial"] + summary.still_partial
    return EXIT_DOCUMENTS_FAILED if bad else EXIT_OK


def summary_to_json(summary: Summary, *, code: int, engine: str, workers: int, seconds: float,
                    cpu: dict | None = None) -> dict:
    return {
        "formex": formex.__version__,
        "out": str(summary.out.resolve()) if summary.out else None,
        "exit_code": code,
        "inputs": summary.total,
        "outcomes": {name: summary.outcomes[name] for name in OUTCOMES},
        "statuses": {name: summary.statuses[name] for name in ("ok", "partial", "failed")},
        "rows": dict(summary.rows),
        "failed": [{"source": source, "error": error} for source, error in summary.failures],
        "unchanged_failed": list(summary.still_failed),
        "partial": list(summary.partials),
        "duplicates": [{"source": source, "same_bytes_as": of} for source, of in summary.duplicates],
        "pruned": list(summary.pruned),
        "saved": summary.saved,
        "renormalized": summary.renormalized,
        "ignored": list(summary.skipped),
        "excluded": [{"path": path, "why": why} for path, why in summary.excluded],
        "unreadable_folders": [{"path": path, "why": why} for path, why in summary.unreadable],
        "stale": list(summary.stale),
        "commits": summary.commits,
        "generation": summary.generation,
        "orphans_removed": summary.orphans_removed,
        "migrated": summary.migrated,
        "engine": engine,
        "workers": workers,
        "seconds": round(seconds, 3),
        "cpu_seconds": cpu or {},
    }


def print_summary(summary: Summary, console: Console, verbose: bool = False) -> None:
    """What the run did, in a few lines; paths and errors from documents are printed
    safely (`safe_text`: no escape sequence in a file name reaches the terminal)."""
    out = lambda text: console.print(text, markup=False, highlight=False, soft_wrap=True)  # noqa: E731
    counts = summary.outcomes
    out(f"documents: {summary.total} input(s): " + ", ".join(f"{counts[name]} {name}" for name in OUTCOMES))
    statuses = summary.statuses
    out(f"loaded: {statuses['ok']} ok, {statuses['partial']} partial, {statuses['failed']} failed")
    out("rows written: " + (", ".join(f"{table} {n}" for table, n in summary.rows.items()) or "none"))
    limit = None if verbose else LISTED
    for source, error in summary.failures[:limit]:
        out(f"  failed: {safe_text(source)}: {safe_text(error)}")
    if limit is not None and len(summary.failures) > limit:
        out(f"  … and {len(summary.failures) - limit} more failed (all in --json, and in the "
            f"documents table: status = 'failed')")
    if summary.still_failed:
        out(f"unchanged and failed when last extracted: {len(summary.still_failed)} (e.g. "
            f"{safe_text(summary.still_failed[0])}; --force re-extracts)")
    if summary.duplicates:
        out(f"skipped {len(summary.duplicates)} duplicate file(s): "
            + safe_text("; ".join(f"{source} (same bytes as {of})" for source, of in summary.duplicates[:limit])))
    if summary.pruned:
        out(f"pruned {len(summary.pruned)} source(s) whose files are gone: "
            + safe_text("; ".join(summary.pruned[:limit])))
    if summary.skipped:
        out(f"ignored {len(summary.skipped)} file(s) that are not a form format "
            f"(e.g. {safe_text(summary.skipped[0])})")
    if summary.excluded:
        out(f"not followed: {len(summary.excluded)} link(s): "
            + safe_text("; ".join(f"{path} ({why})" for path, why in summary.excluded[:limit])))
    if summary.unreadable:
        out(f"could not read {len(summary.unreadable)} folder(s), their files are not in this run: "
            + safe_text("; ".join(f"{path} ({why})" for path, why in summary.unreadable[:limit])))
    if summary.stale:
        out(f"skipped {len(summary.stale)} stale saved document(s) (their source has changed since): "
            + safe_text("; ".join(summary.stale[:limit])))
    if summary.migrated:
        out(f"adopted {summary.migrated} document(s) written by formex 0.2 into the manifest")
    if summary.renormalized:
        out(f"re-normalized {summary.renormalized} document(s) without reading their files")
    if summary.saved:
        out(f"saved {summary.saved} document(s) as read: {(summary.out / DOCUMENTS_FOLDER).resolve()}")
    if summary.orphans_removed:
        out(f"recovered: removed {summary.orphans_removed} file(s) left by an interrupted run")
    out(f"wrote: {summary.out.resolve()}  (commit {summary.generation}, {summary.commits} this run; "
        f"one folder per table, partitioned by year)")


class LogProgress:
    """A log line every few seconds, for logs and schedulers (no terminal)."""

    def __init__(self, stream=None, every: float = LOG_EVERY_SECONDS, verbose: bool = False):
        self.stream = stream or sys.stderr
        self.every = every
        self.verbose = verbose
        self.done = 0
        self.total = 0

    def emit(self, text: str) -> None:
        print(f"formex: {text}", file=self.stream, flush=True)

    def start(self, total: int) -> None:
        self.total, self.started = total, time.monotonic()
        self.last = self.started
        self.emit(f"{total} document(s) to check")

    def advance(self, source: str, outcome: str, result: Result | None) -> None:
        self.done += 1
        if self.verbose:
            status = f" {result.status}" if result is not None and result.status else ""
            self.emit(f"{outcome}{status}: {safe_text(source)}")
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self.emit(self.line(now))

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate else float("nan")
        return (f"{self.done}/{self.total} documents ({100 * self.done / max(self.total, 1):.0f}%), "
                f"{rate:.1f}/s, ETA {format_seconds(left)}")

    def committed(self, generation: int, documents: int) -> None:
        if self.verbose:
            self.emit(f"committed {documents} document(s) (commit {generation})")

    def finish(self) -> None:
        if self.total:
            self.emit(self.line(time.monotonic()) + ", done")


class RateColumn(ProgressColumn):
    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "… docs/s")


class BarProgress:
    """A rich progress bar on a terminal: documents, documents/s, ETA."""

    def __init__(self, console: Console, verbose: bool = False):
        self.verbose = verbose
        self.console = console
        self.bar = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                            TimeRemainingColumn(), console=console, transient=True)

    def start(self, total: int) -> None:
        self.bar.start()
        self.task = self.bar.add_task("extract", total=total)

    def advance(self, source: str, outcome: str, result: Result | None) -> None:
        if self.verbose:
            status = f" {result.status}" if result is not None and result.status else ""
            self.bar.console.print(f"{outcome}{status}: {safe_text(source)}", markup=False, highlight=False)
        self.bar.advance(self.task)

    def committed(self, generation: int, documents: int) -> None:
        if self.verbose:
            self.bar.console.print(f"committed {documents} document(s) (commit {generation})", markup=False,
                                   highlight=False)

    def finish(self) -> None:
        self.bar.stop()


def format_seconds(seconds: float) -> str:
    if seconds != seconds:  # nan
        return "?"
    seconds = int(round(seconds))
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"
