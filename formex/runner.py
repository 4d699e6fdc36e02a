"""The batch runner: inputs (files and folders) in, one dataset out.

Every input file ends as a `documents` row, whatever became of it: a file no reader
handles, one that cannot be read, and one that trips a bug in a stage all become
`failed` rows with a reason, and the batch goes on.

A document is identified by its *source*: its path relative to the folder given on the
command line (a file given directly: its path as given), and versioned by the sha256 of
its bytes. A run skips a source whose bytes are unchanged since the dataset last loaded
them, replaces the rows of one whose bytes changed, and (with `prune`) drops sources
whose files are gone. Extraction runs on an engine (`formex.engines`: in this process,
worker processes, or Dask); results come back in source order and are committed in
batches by `formex.committer.Committer`, so the output does not depend on the engine or
the number of workers.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from formex.committer import DOCUMENTS_FOLDER, BatchPolicy, Committer
from formex.document_task import (SPLIT, Result, ResultChunk, Task, document_to_records, extract_file,
                                  records_to_result, refused_records, run_chunk, run_task, saved_path, task_failed,
                                  unreadable_records)
from formex.extract.readers import doc_id_of
from formex.inputs import InputError, InputFile, iter_input_files, iter_saved_paths, list_inputs, read_regular_file
from formex.manifest import load_manifest
from formex.override_rows import apply_overrides
from formex.normalize.split import PART_MARK
from formex.overrides import OverrideBook, load_overrides, overrides_path
from formex.schemas.document import Document
from formex.schemas.document_file import read_document_file
from formex.schemas.tables import TABLE_NAMES

OUTCOMES = ("new", "replaced", "unchanged", "failed", "duplicate", "pruned")
DUPLICATE = "duplicate"   # a Result's status when the run found the same bytes loaded by another source


@dataclass
class Summary:
    out: Path | None
    total: int = 0                                        # input files that are documents
    outcomes: Counter = field(default_factory=Counter)    # new, replaced, unchanged, failed, ...
    statuses: Counter = field(default_factory=Counter)    # ok / partial / failed, this run's loads
    rows: Counter = field(default_factory=Counter)        # rows written this run, per table
    skipped: list[str] = field(default_factory=list)      # files in folders that are not forms
    excluded: list[tuple[str, str]] = field(default_factory=list)     # (path, why): links out of the root
    unreadable: list[tuple[str, str]] = field(default_factory=list)   # (folder, why): not listed or entered
    duplicates: list[tuple[str, str]] = field(default_factory=list)   # (source, same bytes as)
    failures: list[tuple[str, str]] = field(default_factory=list)
    partials: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    still_failed: list[str] = field(default_factory=list)   # unchanged, failed when last extracted
    still_partial: int = 0                                  # unchanged, partial when last extracted
    stale: list[str] = field(default_factory=list)          # saved documents of replaced versions
    saved: int = 0                                        # documents saved as read (--keep-documents)
    renormalized: int = 0                                 # normalized again from a saved document
    commits: int = 0
    generation: int = 0
    orphans_removed: int = 0                              # files a killed run left, removed
    migrated: int = 0                                     # documents adopted from formex 0.2


@dataclass(frozen=True)
class RunSettings:
    force: bool = False            # re-extract unchanged sources
    prune: bool = False            # drop sources the inputs no longer have
    keep_documents: bool = False   # save each Document as read, in OUT/_documents
    renormalize: bool = False      # unchanged sources with a saved Document: normalize it again
    batch: BatchPolicy = field(default_factory=BatchPolicy)
    schemas: tuple[str, ...] = ()  # folders of form families besides the shipped ones (--schemas)
    follow_links: bool = False     # follow symbolic links whose target is outside the folder given


class NullProgress:
    """What a run reports as it goes; the CLI supplies a progress bar or log lines."""

    def start(self, total: int) -> None: ...
    def advance(self, source: str, outcome: str, result: Result | None) -> None: ...
    def committed(self, generation: int, documents: int) -> None: ...
    def finish(self) -> None: ...


class Done:
    """A source's result decided by the run itself, without a worker; engines pass it
    through in order with the results of tasks."""

    def __init__(self, value: Result):
        self.value = value

    def result(self) -> Result:
        return self.value


class Planner:
    """Reads each input once, in source order, and decides what it needs: nothing (its
    bytes are the dataset's version, or another source's that comes first or is loaded),
    a failed row (it cannot be read), or extraction by a worker (a `Task`)."""

    def __init__(self, committer: Committer, settings: RunSettings):
        self.committer = committer
        self.settings = settings
        self.documents = committer.out / DOCUMENTS_FOLDER
        self.dispatched: dict[str, str] = {}    # sha256 -> source sent to extraction this run
        self.overrides = OverrideBook.open(committer.out)

    def plan(self, item: InputFile, *, force: bool = False) -> Task | Done:
        source, settings = item.source_path, self.settings
        if item.refused is not None:
            return Done(records_to_result(source, None, refused_records(source, item.refused)))
        try:
            data = read_regular_file(item.path)
        except OSError as error:
            return Done(records_to_result(source, None, unreadable_records(source, error)))
        sha256 = doc_id_of(data)
        documents = str(self.documents) if settings.keep_documents else None
        if sha256 == known_sha256(self.committer, source):
            saved = saved_path(self.documents, sha256)
            if self.committer.entry(source).status == SPLIT:
                return self.plan_split(item, sha256, data, force)
            if settings.renormalize and saved.is_file():
                return Task(source, sha256, data, documents, saved=str(saved), path=str(item.path),
                            overrides=self.overrides.take(source), schemas=settings.schemas)
            if not (force or settings.force or self.overrides.changed(source)
                    or (settings.keep_documents and not saved.is_file()
                        and self.committer.entry(source).status != DUPLICATE)):
                return Done(Result(source, sha256))
        return self.dispatch(item, sha256, data)

    def plan_split(self, item: InputFile, sha256: str, data: bytes, force: bool) -> Task | Done:
        """Unchanged bytes of a workbook split into forms: skipped, unless the run asks for
        its forms again (--force, a correction, --keep-documents or --renormalize with a
        form's Document saved or missing): then the whole workbook is read again."""
        settings, source = self.settings, item.source_path
        saved = [saved_path(self.documents, self.committer.entry(part).doc_id)
                 for part in self.committer.entry(source).parts if self.committer.entry(part) is not None]
        again = (force or settings.force
                 or any(self.overrides.changed(part) for part in self.committer.entry(source).parts)
                 or (settings.keep_documents and not all(path.is_file() for path in saved))
                 or (settings.renormalize and bool(saved) and all(path.is_file() for path in saved)))
        if not again:
            return Done(Result(source, sha256))
        return self.dispatch(item, sha256, data)

    def dispatch(self, item: InputFile, sha256: str, data: bytes) -> Task | Done:
        """A task for the bytes read, or a duplicate of a source that holds (or was sent) them."""
        source, settings = item.source_path, self.settings
        documents = str(self.documents) if settings.keep_documents else None
        holder = self.committer.holder_of(sha256) or self.dispatched.get(sha256)
        if holder is not None and holder != source:
            return Done(Result(source, sha256, doc_id=sha256, status=DUPLICATE))
        self.dispatched[sha256] = source
        return Task(source, sha256, data, documents, path=str(item.path), overrides=self.take_overrides(source),
                    schemas=settings.schemas)

    def take_overrides(self, source: str) -> tuple:
        """The corrections of a source and of the forms it was split into (the worker
        applies each form's own to it)."""
        entry = self.committer.entry(source)
        parts = entry.parts if entry is not None else []
        return self.overrides.take(source) + tuple(o for part in parts for o in self.overrides.take(part))


def known_sha256(committer: Committer, source: str) -> str | None:
    """The version the dataset holds for `source`, when a run may skip equal bytes."""
    entry = committer.entry(source)
    if entry is None or entry.sha256 is None:
        return None
    if entry.status == "duplicate" and committer.holder_of(entry.doc_id) is None:
        return None   # the document it duplicated is gone: load it now
    return entry.sha256


def run_extract(inputs: list[Path], out: Path, settings: RunSettings | None = None,
                engine=None, progress=None) -> Summary:
    """Extract every input into the dataset at `out`, committing in batches."""
    from formex.engines import SerialEngine

    if out is None:
        raise ValueError("run_extract writes a dataset and needs an output folder (out); "
                         "extract_in_memory extracts without one")
    settings = settings or RunSettings()
    progress = progress or NullProgress()
    summary = Summary(out)
    items = list_inputs(inputs, summary, settings.follow_links)
    summary.total = len(items)
    try:
        with Committer(out, settings.batch) as committer:
            summary.orphans_removed, summary.migrated = committer.orphans_removed, committer.migrated
            progress.start(len(items))
            run = BatchRun(summary, committer, engine or SerialEngine(), progress, Planner(committer, settings))
            run.load(items)
            if settings.prune:
                run.prune({item.source_path for item in items})
            run.commit()
            run.load_orphaned_duplicates(items)
            summary.generation = committer.manifest.generation
            run.planner.overrides.record_loaded()
    finally:
        progress.finish()
    return summary


class BatchRun:
    """One run's loop: plan each input, run the tasks on the engine, hand the results to
    the committer in source order, commit whenever a batch is full."""

    def __init__(self, summary: Summary, committer: Committer, engine, progress, planner: Planner):
        self.summary, self.committer, self.engine = summary, committer, engine
        self.progress, self.planner = progress, planner
        self.outcome_of: dict[str, str] = {}
        self.deferred: list[str] = []   # duplicates whose original went before they were recorded

    def load(self, items: list[InputFile], force: bool = False) -> None:
        self.load_planned(self.planner.plan(item, force=force) for item in items)

    def load_planned(self, planned) -> None:
        """Run planned tasks (and pass done ones) on the engine; record and commit."""
        for result in self.engine.map(run_chunk, planned, fail=task_failed):
            outcome = self.record(result)
            if outcome is None:
                self.deferred.append(result.source)
                continue
            self.outcome_of[result.source] = outcome
            self.progress.advance(result.source, outcome, result)
            if self.committer.batch_full():
                self.commit()

    def record(self, result: Result) -> str | None:
        summary, committer = self.summary, self.committer
        if result.status is None:
            summary.outcomes["unchanged"] += 1
            entry = committer.entry(result.source)
            if entry.status == "failed":
                summary.still_failed.append(result.source)
            elif entry.status == "partial":
                summary.still_partial += 1
            return "unchanged"
        if result.status == DUPLICATE:
            outcome = committer.add_duplicate(result.source, result.sha256)
            if outcome is None:
                return None
        elif result.status == SPLIT:
            outcome = committer.add_split(result.source, result.sha256, result.doc_id, result.parts)
            if outcome != "duplicate":
                for part in result.parts:
                    self.count_loaded(part)
                summary.outcomes[outcome] += 1
                return outcome
        else:
            outcome = committer.add(result.source, result.sha256, result)
        if outcome == "duplicate":
            summary.outcomes["duplicate"] += 1
            summary.duplicates.append((result.source, committer.holder_of(result.sha256)))
            return outcome
        if result.status == "failed":
            outcome = "failed"
        summary.outcomes[outcome] += 1
        self.count_loaded(result)
        return outcome

    def count_loaded(self, result: Result) -> None:
        """A document loaded this run (a file's, or one form of a split workbook's)."""
        summary = self.summary
        if result.status == "failed":
            summary.failures.append((result.source, result.error))
        elif result.status == "partial":
            summary.partials.append(result.source)
        summary.statuses[result.status] += 1
        summary.saved += result.saved
        summary.renormalized += result.renormalized
        for table, arrow in result.arrow.items():
            summary.rows[table] += arrow.num_rows

    def prune(self, present: set[str]) -> None:
        for source in sorted(self.committer.sources() - present):
            self.committer.drop(source)
            self.summary.outcomes["pruned"] += 1
            self.summary.pruned.append(source)

    def commit(self) -> None:
        info = self.committer.commit()
        if info is not None:
            self.summary.commits += 1
            self.progress.committed(info.generation, info.documents)

    def load_orphaned_duplicates(self, items: list[InputFile]) -> None:
        """Duplicates whose original was replaced or pruned in this run, after they were
        planned, hold no rows: extract them now."""
        committer = self.committer
        deferred = set(self.deferred)
        again = [item for item in items if item.source_path in deferred
                 or ((entry := committer.entry(item.source_path)) is not None
                     and entry.status == DUPLICATE and committer.holder_of(entry.doc_id) is None)]
        if not again:
            return
        for item in again:
            previous = self.outcome_of.pop(item.source_path, None)
            if previous is not None:
                self.summary.outcomes[previous] -= 1
        redo = {item.source_path for item in again}
        self.summary.duplicates = [d for d in self.summary.duplicates if d[0] not in redo]
        self.deferred = []
        self.load(again, force=True)
        self.commit()


def extract_in_memory(inputs: list[Path], corrections: Path | None = None,
                      budget=None) -> tuple[Summary, list[Result]]:
    """Extract and keep the results (the Python API); nothing written. Files with the
    same bytes as an earlier one are left out. `corrections`: a dataset folder whose
    reviewed corrections (`formex review apply`) are applied to its sources, as a run
    writing that dataset would apply them. `budget` (`formex.isolation.DocBudget`): each
    document runs in a worker process within it, as `formex extract` runs them; without
    one, in this process with no limit."""
    book = OverrideBook.open(corrections) if corrections is not None else None
    summary = Summary(None)
    kept: list[Result] = []
    tasks = in_memory_tasks(inputs, book, summary)
    if budget is None or budget.unlimited:
        results = (task.result() if isinstance(task, Done) else run_task(task) for task in tasks)
        keep_results(results, summary, kept)
    else:
        from formex.isolation import IsolatedEngine

        with IsolatedEngine(1, budget) as engine:
            keep_results(engine.map(run_chunk, tasks, fail=task_failed), summary, kept)
    return summary, kept


def in_memory_tasks(inputs: list[Path], book: OverrideBook | None, summary: Summary):
    """Per input in source order, its Task, or Done with a failed row when it cannot be
    read; a file with the bytes of an earlier one is noted in `summary` and left out."""
    seen: dict[str, str] = {}
    for item in list_inputs(inputs, summary):
        try:
            if item.refused is not None:
                raise OSError(0, item.refused)
            data = read_regular_file(item.path)
        except OSError as error:
            yield Done(records_to_result(item.source_path, None, unreadable_records(item.source_path, error)))
            continue
        sha256 = doc_id_of(data)
        if sha256 in seen:   # recognised before it is extracted
            summary.duplicates.append((item.source_path, seen[sha256]))
            continue
        seen[sha256] = item.source_path
        yield Task(item.source_path, sha256, data, overrides=corrections_of(book, item.source_path))


def keep_results(results, summary: Summary, kept: list[Result]) -> None:
    for result in results:
        for document in result.parts or [result]:
            summary.statuses[document.status] += 1
            kept.append(document)


def extract_as_recorded(path: Path, out: Path) -> tuple[str | None, list[Result]]:
    """One file extracted as the dataset at `out` holds it: under the source key the
    dataset recorded for these bytes (else for the file's name: a source edited since),
    with that source's reviewed corrections applied. (None, []) when the dataset holds
    neither: a caller showing "corrected" rows must not show them uncorrected."""
    try:
        data = read_regular_file(path)
    except OSError as error:
        return path.name, [records_to_result(path.name, None, unreadable_records(path.name, error))]
    source = recorded_source(out, doc_id_of(data), path)
    if source is None:
        return None, []
    book = OverrideBook(Path(out))   # its corrections only: nothing here needs what the runs loaded
    for override in load_overrides(overrides_path(out)):
        book.by_source[override.source_path] = (*book.by_source.get(override.source_path, ()), override)
    task = Task(source, doc_id_of(data), data, overrides=corrections_of(book, source))
    kept: list[Result] = []
    keep_results([run_task(task)], Summary(None), kept)
    return source, kept


def recorded_source(out: Path, sha256: str, path: Path) -> str | None:
    """The source key under which the dataset at `out` loaded these bytes (a duplicate's
    rows are those of the source it shares them with), else the longest key the file's
    path ends with (a source edited since: `unit-a/form.txt` for `…/unit-a/form.txt`)."""
    manifest = load_manifest(out)
    documents = manifest.documents if manifest is not None else {}
    for key, entry in sorted(documents.items()):
        if entry.sha256 == sha256:
            return entry.duplicate_of or key
    where = "/" + path.resolve().as_posix()
    named = [key for key in documents if where.endswith("/" + key)]
    return max(named, key=len) if named else None


def corrections_of(book: OverrideBook | None, source: str) -> tuple:
    """A source's corrections and those of the forms it may be split into (`#<sheet>`
    parts: with no dataset entry to list them, every part the book names)."""
    if book is None:
        return ()
    return tuple(override for key, overrides in sorted(book.by_source.items())
                 if key == source or key.startswith(source + PART_MARK) for override in overrides)


def saved_to_result(document: Document) -> Result:
    result = records_to_result(document.source_path, document.doc_id, document_to_records(document))
    result.renormalized = True
    return result


def run_renormalize(inputs: list[Path], out: Path, settings: RunSettings | None = None,
                    progress=None) -> Summary:
    """Normalize saved documents again, without reading their source files, into the
    dataset at `out`: each replaces the rows of its source (a saved document of another
    version of a source the dataset holds is stale and skipped). Raises
    DocumentFileError at the first file that cannot be loaded; what was committed
    before stays, and running again is safe."""
    from formex.engines import SerialEngine

    settings = settings or RunSettings()
    progress = progress or NullProgress()
    summary = Summary(out)
    try:
        with Committer(out, settings.batch) as committer:
            summary.orphans_removed, summary.migrated = committer.orphans_removed, committer.migrated
            paths = list(iter_saved_paths(inputs))   # after the committer removed stale saved files
            summary.total = len(paths)
            progress.start(len(paths))
            run = BatchRun(summary, committer, SerialEngine(), progress, Planner(committer, settings))

            def plans():
                for path in paths:
                    document = read_document_file(path)
                    entry = committer.entry(document.source_path)
                    if entry is not None and entry.sha256 not in (None, document.doc_id):
                        summary.stale.append(f"{path.name} ({document.source_path})")
                        continue
                    holder = committer.holder_of(document.doc_id)
                    if holder is not None and holder != document.source_path:
                        yield Done(Result(document.source_path, document.doc_id, doc_id=document.doc_id,
                                          status=DUPLICATE))
                        continue
                    result = saved_to_result(document)
                    overrides = run.planner.overrides.take(document.source_path)
                    result.arrow = apply_overrides(result.arrow, result.year, overrides)
                    yield Done(result)

            run.load_planned(plans())
            run.commit()
            summary.generation = committer.manifest.generation
            run.planner.overrides.record_loaded()
    finally:
        progress.finish()
    return summary


def renormalize_in_memory(inputs: list[Path], corrections: Path | None = None) -> tuple[Summary, list[Result]]:
    """Saved documents normalized again in this process (the Python API); nothing written.
    `corrections` as for `extract_in_memory`."""
    book = OverrideBook.open(corrections) if corrections is not None else None
    summary = Summary(None)
    kept: list[Result] = []
    seen: dict[str, str] = {}
    for path in iter_saved_paths(inputs):
        document = read_document_file(path)
        if document.doc_id in seen:
            summary.duplicates.append((document.source_path, seen[document.doc_id]))
            continue
        seen[document.doc_id] = document.source_path
        result = saved_to_result(document)
        overrides = corrections_of(book, document.source_path)
        if overrides:
            result.arrow = apply_overrides(result.arrow, result.year, overrides)
        summary.statuses[result.status] += 1
        kept.append(result)
    return summary, kept


__all__ = ["DOCUMENTS_FOLDER", "InputError", "InputFile", "OUTCOMES", "Result", "ResultChunk", "RunSettings",
           "Summary", "Task", "extract_file", "extract_in_memory", "iter_input_files", "list_inputs",
           "renormalize_in_memory", "run_chunk", "run_extract", "run_renormalize", "run_task", "task_failed",
           "TABLE_NAMES"]
