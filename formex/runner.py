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

import traceback
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa

from formex.committer import DOCUMENTS_FOLDER, BatchPolicy, Committer
from formex.dataset import rows_to_arrow
from formex.extract.errors import ExtractError
from formex.extract.readers import doc_id_of, format_or_none, read_document, source_format_of
from formex.normalize.form import normalize_document
from formex.override_rows import apply_overrides
from formex.overrides import Override, OverrideBook
from formex.schemas.forms import load_all_form_schemas
from formex.records import EXTRACTOR_VERSION, Records, failed_records, result_to_records
from formex.schemas.document import Document
from formex.schemas.document_file import DOCUMENT_FILE_SUFFIX, read_document_file, write_document_file
from formex.schemas.errors import DocumentFileError
from formex.schemas.tables import TABLE_NAMES

SKIPPED_STEMS = frozenset({"README", "LICENSE", "CHANGELOG"})  # a folder's own notes, not forms
SAVED_SUFFIXES = (DOCUMENT_FILE_SUFFIX, ".jsonl")
OUTCOMES = ("new", "replaced", "unchanged", "failed", "duplicate", "pruned")
DUPLICATE = "duplicate"   # a Result's status when the run found the same bytes loaded by another source


class InputError(Exception):
    """The inputs cannot be run as given (a usage error: the CLI exits 2)."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_path: str          # the source key: relative to the input root, as recorded


@dataclass
class Summary:
    out: Path | None
    total: int = 0                                        # input files that are documents
    outcomes: Counter = field(default_factory=Counter)    # new, replaced, unchanged, failed, ...
    statuses: Counter = field(default_factory=Counter)    # ok / partial / failed, this run's loads
    rows: Counter = field(default_factory=Counter)        # rows written this run, per table
    skipped: list[str] = field(default_factory=list)      # files in folders that are not forms
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


@dataclass(frozen=True)
class Task:
    """One source for a worker: bytes read once by the run and hashed, to extract (and
    save the Document read in `documents`, when given); or, with `saved`, a saved
    Document to normalize again."""

    source: str
    sha256: str
    data: bytes | None
    documents: str | None = None      # folder to save the Document read in (--keep-documents)
    saved: str | None = None          # a saved Document to normalize instead of reading `data`
    path: str | None = None           # the file, for a worker on this machine sent no `data`
    overrides: tuple[Override, ...] = ()   # a reviewer's corrections of this source
    schemas: tuple[str, ...] = ()     # folders of extra form families (--schemas)


@dataclass
class Result:
    """A worker's answer for one source; `status` None means unchanged (not extracted)."""

    source: str
    sha256: str | None                # None: the file could not be read
    doc_id: str | None = None
    year: int | None = None
    status: str | None = None
    error: str | None = None
    arrow: dict[str, pa.Table] = field(default_factory=dict)
    saved: bool = False               # its Document was saved as read
    renormalized: bool = False        # normalized again from a saved Document


class NullProgress:
    """What a run reports as it goes; the CLI supplies a progress bar or log lines."""

    def start(self, total: int) -> None: ...
    def advance(self, source: str, outcome: str, result: Result | None) -> None: ...
    def committed(self, generation: int, documents: int) -> None: ...
    def finish(self) -> None: ...


def is_candidate(path: Path) -> bool:
    return not path.name.startswith(".") and path.stem.upper() not in SKIPPED_STEMS


def iter_input_files(inputs: list[Path], summary: Summary | None = None):
    """Files given directly, and every form-format file under folders, in sorted order."""
    for given in inputs:
        if given.is_dir():
            for path in sorted(p for p in given.rglob("*") if p.is_file()):
                relative = path.relative_to(given)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                if source_format_of(path, look=True) is None or not is_candidate(path):
                    if summary is not None:
                        summary.skipped.append(str(relative))
                    continue
                yield InputFile(path, relative.as_posix())
        else:
            yield InputFile(given, given.as_posix())


def list_inputs(inputs: list[Path], summary: Summary | None = None) -> list[InputFile]:
    """Every input file in source order; two inputs with one source key are refused."""
    items: dict[str, InputFile] = {}
    for item in iter_input_files(inputs, summary):
        other = items.get(item.source_path)
        if other is not None and other.path.resolve() != item.path.resolve():
            raise InputError(f"two inputs would be recorded as the same source {item.source_path!r}: "
                             f"{other.path} and {item.path}; give their common folder instead")
        items[item.source_path] = item
    return [items[key] for key in sorted(items)]


def unreadable_doc_id(source_path: str) -> str:
    """The id of a file that could not be read: its bytes are unknown, so its path names
    it, and a later successful read of the same path replaces that row."""
    return doc_id_of(f"unreadable:{source_path}".encode())


def extract_bytes(data: bytes, doc_id: str, source_path: str, documents: Path | None = None,
                  schemas: tuple[str, ...] = ()) -> Records:
    """Read and normalize one file's bytes, rows already in Arrow form; bad documents give
    `failed` records, never raise. With `documents`, the Document read is saved there
    first (`records.document` says it was)."""
    try:
        document = read_document(data, source_path)
    except Exception as error:
        return failure_records(error, doc_id, source_path, format_or_none(data, source_path))
    if documents is not None:
        try:
            save_document(document, documents)
        except DocumentFileError as error:
            return failure_records(error, doc_id, source_path, document.source_format)
    records = document_to_records(document, schemas)
    records.document = document
    return records


def document_to_records(document: Document, schemas: tuple[str, ...] = ()) -> Records:
    """Normalize a Document (just read, or loaded from a saved file) into rows in Arrow
    form, with the shipped form families and those of the `schemas` folders; a document
    that trips a stage gives `failed` records, never raises."""
    try:
        result = normalize_document(document, load_all_form_schemas(schemas))
        return with_arrow(result_to_records(document.doc_id, document.source_path,
                                            document.source_format, result))
    except Exception as error:
        return failure_records(error, document.doc_id, document.source_path, document.source_format)


def failure_records(error: Exception, doc_id: str, source_path: str,
                    source_format: str | None) -> Records:
    """A stage's exception as a `failed` document, with a reason a person can act on."""
    if isinstance(error, (ExtractError, DocumentFileError)):
        reason = str(error)
    elif isinstance(error, (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError)):
        reason = f"a value does not fit its column: {error}"
    else:  # a bug in a stage: record it and keep the batch going
        where = traceback.extract_tb(error.__traceback__)[-1]
        reason = (f"internal error (a formex bug, please report): {type(error).__name__}: "
                  f"{error} at {Path(where.filename).name}:{where.lineno}")
    return with_arrow(failed_records(doc_id, source_path, source_format, reason))


def saved_path(documents: Path, doc_id: str) -> Path:
    return documents / f"{doc_id}{DOCUMENT_FILE_SUFFIX}"


def save_document(document: Document, documents: Path) -> None:
    """Save a Document as read, as `documents/<doc_id>.jsonl.gz` (written atomically; the
    same Document gives the same bytes, so saving it again changes nothing)."""
    documents.mkdir(parents=True, exist_ok=True)
    write_document_file(saved_path(documents, document.doc_id), document, extractor_version=EXTRACTOR_VERSION)


def extract_file(item: InputFile) -> Records:
    """One file, read once: its bytes are hashed and parsed as read."""
    try:
        data = item.path.read_bytes()
    except OSError as error:
        return unreadable_records(item.source_path, error)
    return extract_bytes(data, doc_id_of(data), item.source_path)


def unreadable_records(source_path: str, error: OSError) -> Records:
    return with_arrow(failed_records(unreadable_doc_id(source_path), source_path,
                                     source_format_of(source_path),
                                     f"cannot read the file: {error.strerror or error}"))


def with_arrow(records: Records) -> Records:
    records.arrow = rows_to_arrow(records.tables)
    return records


def run_task(task: Task) -> Result:
    """The per-document work every engine runs: `task_to_result`, then the reviewer's
    corrections of the source applied (`formex.override_rows`)."""
    result = task_to_result(task)
    if task.overrides:
        result.arrow = apply_overrides(result.arrow, result.year, task.overrides)
    return result


def task_to_result(task: Task) -> Result:
    """Extract the bytes the run read and hashed (saving the Document read, when asked),
    or normalize a saved Document again. A task sent without its bytes (`path` only)
    reads the file itself, once, and its result carries the hash of the bytes it parsed,
    whatever the run had read before."""
    if task.data is None and task.path is not None and task.saved is None:
        try:
            data = Path(task.path).read_bytes()
        except OSError as error:
            return records_to_result(task.source, None, unreadable_records(task.source, error))
        task = replace(task, sha256=doc_id_of(data), data=data)
    if task.saved is not None:
        try:
            document = read_document_file(Path(task.saved))
        except (DocumentFileError, OSError):   # then the file itself is read again
            if task.data is None:
                raise
            records = extract_bytes(task.data, task.sha256, task.source,
                                    Path(task.documents) if task.documents else None, task.schemas)
            return records_to_result(task.source, task.sha256, records, saved=task.documents is not None)
        result = records_to_result(task.source, task.sha256, document_to_records(document, task.schemas))
        result.renormalized = True
        return result
    records = extract_bytes(task.data, task.sha256, task.source, Path(task.documents) if task.documents else None,
                            task.schemas)
    return records_to_result(task.source, task.sha256, records, saved=records.document is not None
                             and task.documents is not None)


def run_chunk(tasks: list[Task]) -> ResultChunk:
    """`run_task` for several tasks, answered as one `ResultChunk` (what engines run)."""
    return ResultChunk([run_task(task) for task in tasks])


class ResultChunk:
    """Results of consecutive tasks. Sent between processes as one Arrow table per table
    for all of them, plus each result's fields and row counts; read back, each result's
    tables are zero-copy slices of those."""

    def __init__(self, results: list[Result]):
        self.results = results

    def __iter__(self):
        return iter(self.results)

    def __getstate__(self) -> tuple:
        meta = [(r.source, r.sha256, r.doc_id, r.year, r.status, r.error, r.saved, r.renormalized,
                 {t: a.num_rows for t, a in r.arrow.items()}) for r in self.results]
        tables = {}
        for table in TABLE_NAMES:
            parts = [r.arrow[table] for r in self.results if table in r.arrow]
            if parts:
                tables[table] = pa.concat_tables(parts).combine_chunks()
        return meta, tables

    def __setstate__(self, state: tuple) -> None:
        meta, tables = state
        offsets = dict.fromkeys(tables, 0)
        self.results = []
        for source, sha256, doc_id, year, status, error, saved, renormalized, counts in meta:
            arrow = {}
            for table, n in counts.items():
                arrow[table] = tables[table].slice(offsets[table], n)
                offsets[table] += n
            self.results.append(Result(source, sha256, doc_id, year, status, error, arrow, saved, renormalized))


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
        try:
            data = item.path.read_bytes()
        except OSError as error:
            return Done(records_to_result(source, None, unreadable_records(source, error)))
        sha256 = doc_id_of(data)
        documents = str(self.documents) if settings.keep_documents else None
        if sha256 == known_sha256(self.committer, source):
            saved = saved_path(self.documents, sha256)
            if settings.renormalize and saved.is_file():
                return Task(source, sha256, data, documents, saved=str(saved), path=str(item.path),
                            overrides=self.overrides.take(source), schemas=settings.schemas)
            if not (force or settings.force or self.overrides.changed(source)
                    or (settings.keep_documents and not saved.is_file()
                        and self.committer.entry(source).status != DUPLICATE)):
                return Done(Result(source, sha256))
        holder = self.committer.holder_of(sha256) or self.dispatched.get(sha256)
        if holder is not None and holder != source:
            return Done(Result(source, sha256, doc_id=sha256, status=DUPLICATE))
        self.dispatched[sha256] = source
        return Task(source, sha256, data, documents, path=str(item.path), overrides=self.overrides.take(source),
                    schemas=settings.schemas)


def records_to_result(source: str, sha256: str | None, records: Records, saved: bool = False) -> Result:
    document = records.tables["documents"][0]
    return Result(source, sha256, records.doc_id, records.year, document["status"], document["error"],
                  records.arrow, saved=saved)


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
    items = list_inputs(inputs, summary)
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
        for result in self.engine.map(run_chunk, planned):
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
        else:
            outcome = committer.add(result.source, result.sha256, result)
        if outcome == "duplicate":
            summary.outcomes["duplicate"] += 1
            summary.duplicates.append((result.source, committer.holder_of(result.sha256)))
            return outcome
        if result.status == "failed":
            outcome = "failed"
            summary.failures.append((result.source, result.error))
        elif result.status == "partial":
            summary.partials.append(result.source)
        summary.outcomes[outcome] += 1
        summary.statuses[result.status] += 1
        summary.saved += result.saved
        summary.renormalized += result.renormalized
        for table, arrow in result.arrow.items():
            summary.rows[table] += arrow.num_rows
        return outcome

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


def extract_in_memory(inputs: list[Path]) -> tuple[Summary, list[Result]]:
    """Extract in this process and keep the results (the Python API); nothing written.
    Files with the same bytes as an earlier one are left out."""
    summary = Summary(None)
    kept: list[Result] = []
    seen: dict[str, str] = {}
    for item in list_inputs(inputs, summary):
        try:
            data = item.path.read_bytes()
        except OSError as error:
            result = records_to_result(item.source_path, None, unreadable_records(item.source_path, error))
        else:
            sha256 = doc_id_of(data)
            if sha256 in seen:   # recognised before it is extracted
                summary.duplicates.append((item.source_path, seen[sha256]))
                continue
            seen[sha256] = item.source_path
            result = run_task(Task(item.source_path, sha256, data))
        summary.statuses[result.status] += 1
        kept.append(result)
    return summary, kept


def iter_saved_paths(inputs: list[Path]):
    """Files saved by `--keep-documents`: files given directly, and every `*.jsonl.gz` /
    `*.jsonl` under folders (e.g. `OUT/_documents`), in sorted order."""
    for given in inputs:
        if not given.is_dir():
            yield given
            continue
        yield from sorted(p for p in given.rglob("*") if p.name.endswith(SAVED_SUFFIXES)
                          and not p.name.startswith(".") and p.is_file())


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


def renormalize_in_memory(inputs: list[Path]) -> tuple[Summary, list[Result]]:
    """Saved documents normalized again in this process (the Python API); nothing written."""
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
        summary.statuses[result.status] += 1
        kept.append(result)
    return summary, kept


__all__ = ["DOCUMENTS_FOLDER", "InputError", "InputFile", "OUTCOMES", "Result", "RunSettings", "Summary", "Task",
           "extract_file", "extract_in_memory", "iter_input_files", "list_inputs", "renormalize_in_memory",
           "run_extract", "run_renormalize", "run_task", "TABLE_NAMES"]
