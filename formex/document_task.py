"""One document's work, the same on every engine: read its bytes and normalize them (or
normalize a saved Document again) into rows in Arrow form, and answer as a `Result`.

Nothing here raises for a bad document: a file that cannot be read, a reader's refusal,
a value that does not fit its column, memory running out, and a bug in a stage all give
`failed` records with a reason a person can act on. The process boundary around this
work (a document over its time or memory budget) is `formex.isolation`.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa

from formex.dataset import rows_to_arrow
from formex.extract.errors import ExtractError
from formex.extract.readers import doc_id_of, format_or_none, read_document, source_format_of
from formex.inputs import InputFile, read_regular_file
from formex.normalize.form import normalize_document
from formex.normalize.split import split_by_sheet
from formex.override_rows import apply_overrides
from formex.overrides import Override
from formex.records import EXTRACTOR_VERSION, Records, failed_records, result_to_records
from formex.schemas.document import Document
from formex.schemas.document_file import DOCUMENT_FILE_SUFFIX, read_document_file, write_document_file
from formex.schemas.errors import DocumentFileError
from formex.schemas.forms import load_all_form_schemas
from formex.schemas.tables import TABLE_NAMES, file_schema


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
    parts: list[Result] = field(default_factory=list)   # status SPLIT: one result per form of the workbook
    pending: Records | None = field(default=None, repr=False, compare=False)   # rows to convert (`fill_arrow`)


SPLIT = "split"   # a Result's (and a manifest entry's) status: a workbook read as one document per form


def unreadable_doc_id(source_path: str) -> str:
    """The id of a file that could not be read: its bytes are unknown, so its path names
    it, and a later successful read of the same path replaces that row."""
    return doc_id_of(f"unreadable:{source_path}".encode())


def extract_bytes(data: bytes, doc_id: str, source_path: str, documents: Path | None = None,
                  schemas: tuple[str, ...] = (), arrow: bool = True) -> Records:
    """Read and normalize one file's bytes, rows already in Arrow form; bad documents give
    `failed` records, never raise. With `documents`, the Document read is saved there
    first (`records.document` says it was). A workbook with one form per sheet gives
    records without rows whose `parts` are each form's (`formex.normalize.split`):
    decided here, inside the worker, since it needs the file parsed. With `arrow` False,
    a normalized document's rows are left for `fill_arrow` (`records.arrow` is None)."""
    try:
        document = read_document(data, source_path)
        forms = split_by_sheet(document, doc_id, load_all_form_schemas(schemas))
    except Exception as error:
        return failure_records(error, doc_id, source_path, format_or_none(data, source_path))
    if len(forms) == 1:
        return read_to_records(forms[0], documents, schemas, arrow)
    return Records(doc_id, None, tables={}, parts=[read_to_records(form, documents, schemas, arrow)
                                                   for form in forms])


def read_to_records(document: Document, documents: Path | None, schemas: tuple[str, ...],
                    arrow: bool = True) -> Records:
    """A Document just read, saved in `documents` when given, normalized into records."""
    if documents is not None:
        try:
            save_document(document, documents)
        except DocumentFileError as error:
            return failure_records(error, document.doc_id, document.source_path, document.source_format)
    records = document_to_records(document, schemas, arrow)
    records.document = document
    return records


def document_to_records(document: Document, schemas: tuple[str, ...] = (), arrow: bool = True) -> Records:
    """Normalize a Document (just read, or loaded from a saved file) into rows in Arrow
    form, with the shipped form families and those of the `schemas` folders; a document
    that trips a stage gives `failed` records, never raises. With `arrow` False the rows
    are left for `fill_arrow` to convert with other documents' (`records.arrow` None)."""
    try:
        result = normalize_document(document, load_all_form_schemas(schemas))
        records = result_to_records(document.doc_id, document.source_path, document.source_format, result)
        if not arrow:
            records.arrow = None
            return records
        return with_arrow(records)
    except Exception as error:
        return failure_records(error, document.doc_id, document.source_path, document.source_format)


def failure_records(error: Exception, doc_id: str, source_path: str,
                    source_format: str | None) -> Records:
    """A stage's exception as a `failed` document, with a reason a person can act on."""
    if isinstance(error, (ExtractError, DocumentFileError)):
        reason = str(error)
    elif isinstance(error, MemoryError):   # the worker's address-space limit (formex.isolation)
        reason = "over the memory limit per document (--doc-memory): it needed more memory than allowed"
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
    """One file, read once: its bytes are hashed and parsed as read (a workbook with one
    form per sheet: records whose `parts` are each form's)."""
    if item.refused is not None:
        return refused_records(item.source_path, item.refused)
    try:
        data = read_regular_file(item.path)
    except OSError as error:
        return unreadable_records(item.source_path, error)
    return extract_bytes(data, doc_id_of(data), item.source_path)


def unreadable_records(source_path: str, error: OSError) -> Records:
    return with_arrow(failed_records(unreadable_doc_id(source_path), source_path,
                                     source_format_of(source_path),
                                     f"cannot read the file: {error.strerror or error}"))


def refused_records(source_path: str, reason: str) -> Records:
    """A file not opened at all (a FIFO, a device): a failed row saying what it is."""
    return with_arrow(failed_records(unreadable_doc_id(source_path), source_path,
                                     source_format_of(source_path), reason))


def task_failed(task: Task, reason: str) -> Result:
    """The answer for a task whose worker gave none (killed over its time budget, or
    died): a failed row with the reason, keyed by the bytes the run read when it has them."""
    if task.sha256 is None:
        return records_to_result(task.source, None, refused_records(task.source, reason))
    source_format = format_or_none(task.data, task.source) if task.data else source_format_of(task.source)
    records = with_arrow(failed_records(task.sha256, task.source, source_format, reason))
    return records_to_result(task.source, task.sha256, records)


def with_arrow(records: Records) -> Records:
    records.arrow = rows_to_arrow(records.tables)
    return records


def run_task(task: Task) -> Result:
    """The per-document work every engine runs: `task_to_result`, then the reviewer's
    corrections of the source applied (`formex.override_rows`)."""
    result = task_to_result(task)
    apply_task_overrides(task, result)
    return result


def apply_task_overrides(task: Task, result: Result) -> None:
    """The reviewer's corrections of the task's source, on its result's Arrow tables."""
    if task.overrides:
        for document in result.parts or [result]:
            overrides = tuple(o for o in task.overrides if o.source_path == document.source)
            if overrides:
                document.arrow = apply_overrides(document.arrow, document.year, overrides)


def task_to_result(task: Task, arrow: bool = True) -> Result:
    """Extract the bytes the run read and hashed (saving the Document read, when asked),
    or normalize a saved Document again. A task sent without its bytes (`path` only)
    reads the file itself, once, and its result carries the hash of the bytes it parsed,
    whatever the run had read before. With `arrow` False, normalized rows are left for
    `fill_arrow` (the result's `pending` records)."""
    if task.data is None and task.path is not None and task.saved is None:
        try:
            data = read_regular_file(Path(task.path))
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
                                    Path(task.documents) if task.documents else None, task.schemas, arrow)
            return records_to_result(task.source, task.sha256, records, saved=task.documents is not None)
        result = records_to_result(task.source, task.sha256, document_to_records(document, task.schemas, arrow))
        result.renormalized = True
        return result
    records = extract_bytes(task.data, task.sha256, task.source, Path(task.documents) if task.documents else None,
                            task.schemas, arrow)
    return records_to_result(task.source, task.sha256, records, saved=task.documents is not None)


def run_chunk(tasks: list[Task], started=None) -> ResultChunk:
    """`run_task` for several tasks, answered as one `ResultChunk` (what engines run);
    `started(i)` is called as task i starts (the isolation engine's deadline clock). The
    rows of the chunk's documents become Arrow together (`fill_arrow`): one conversion
    per table, not one per document and table."""
    results = []
    for i, task in enumerate(tasks):
        if started is not None:
            started(i)
        results.append(task_to_result(task, arrow=False))
    converted = fill_arrow(results)
    for task, result in zip(tasks, results):
        apply_task_overrides(task, result)
    if any(task.overrides for task in tasks):
        converted = None   # corrected tables are no longer the slices of `converted`
    return ResultChunk(results, converted)


def fill_arrow(results: list[Result]) -> dict[str, pa.Table] | None:
    """Convert the rows of results left `pending` (and of their parts): each table's rows
    of all of them in one Arrow table, each result's tables slices of it. When a value does
    not fit its column, each document is converted on its own, as `document_to_records`
    does, and the one that does not fit becomes a `failed` result. Returns the tables
    (those with rows) when every result, parts included, is a slice of them in order:
    what the chunk sends as they are (`ResultChunk`)."""
    flat = [r for result in results for r in (result, *result.parts)]
    pending = [r for r in flat if r.pending is not None]
    if not pending:
        return None
    whole = all(r.pending is not None or not r.arrow for r in flat)   # no tables but the pending ones'
    try:
        converted = {table: pa.Table.from_pylist([row for r in pending for row in r.pending.tables.get(table) or ()],
                                                 schema=file_schema(table))
                     for table in TABLE_NAMES}
    except Exception:
        for result in pending:
            convert_alone(result)
        return None
    offsets = dict.fromkeys(TABLE_NAMES, 0)
    for result in pending:
        result.arrow = {}
        for table in TABLE_NAMES:
            n = len(result.pending.tables.get(table) or ())
            if n:
                result.arrow[table] = converted[table].slice(offsets[table], n)
                offsets[table] += n
        result.pending = None
    return {t: a for t, a in converted.items() if a.num_rows} if whole else None


def convert_alone(result: Result) -> None:
    """One pending result's rows to Arrow; rows that do not fit make it `failed`, with
    the reason `document_to_records` gives."""
    records, result.pending = result.pending, None
    try:
        result.arrow = rows_to_arrow(records.tables)
        return
    except Exception as error:
        document = records.tables["documents"][0]
        failed = failure_records(error, records.doc_id, document["source_path"], document["source_format"])
    again = records_to_result(result.source, result.sha256, failed)   # `saved` stays: the Document was saved
    result.doc_id, result.year, result.status, result.error = again.doc_id, again.year, again.status, again.error
    result.arrow = again.arrow


class ResultChunk:
    """Results of consecutive tasks. Sent between processes as one Arrow table per table
    for all of them, plus each result's fields and row counts; read back, each result's
    tables are zero-copy slices of those. The tables go as Arrow IPC streams (cheaper to
    write and read than pickled arrays); `tables`, when given, are already those tables
    (every result's are slices of them in order: `fill_arrow`), sent without a copy."""

    def __init__(self, results: list[Result], tables: dict[str, pa.Table] | None = None):
        self.results = results
        self.tables = tables

    def __iter__(self):
        return iter(self.results)

    def __getstate__(self) -> tuple:
        # a split workbook's parts follow it, flat; its entry counts them
        flat = [r for result in self.results for r in (result, *result.parts)]
        meta = [(r.source, r.sha256, r.doc_id, r.year, r.status, r.error, r.saved, r.renormalized,
                 {t: a.num_rows for t, a in r.arrow.items()}, len(r.parts)) for r in flat]
        tables = self.tables
        if tables is None:
            tables = {}
            for table in TABLE_NAMES:
                parts = [r.arrow[table] for r in flat if table in r.arrow]
                if parts:
                    tables[table] = pa.concat_tables(parts).combine_chunks()
        return meta, {table: to_ipc(arrow) for table, arrow in tables.items()}

    def __setstate__(self, state: tuple) -> None:
        meta, streams = state
        tables = {table: pa.ipc.open_stream(stream).read_all() for table, stream in streams.items()}
        self.tables = None
        offsets = dict.fromkeys(tables, 0)
        self.results = []
        owed = 0   # parts still to come of the last result
        for source, sha256, doc_id, year, status, error, saved, renormalized, counts, parts in meta:
            arrow = {}
            for table, n in counts.items():
                arrow[table] = tables[table].slice(offsets[table], n)
                offsets[table] += n
            result = Result(source, sha256, doc_id, year, status, error, arrow, saved, renormalized)
            if owed:
                self.results[-1].parts.append(result)
                owed -= 1
            else:
                self.results.append(result)
                owed = parts


def to_ipc(arrow: pa.Table) -> pa.Buffer:
    """A table as one Arrow IPC stream (pickled as its bytes)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, arrow.schema) as writer:
        writer.write_table(arrow)
    return sink.getvalue()


def records_to_result(source: str, sha256: str | None, records: Records, saved: bool = False) -> Result:
    """A document's records as its Result; `saved`: its Document was to be saved (and
    it was, when the records carry it). A split workbook's parts are results of their
    own, versioned by their doc_id."""
    if records.parts:
        parts = [records_to_result(part.tables["documents"][0]["source_path"], part.doc_id, part, saved)
                 for part in records.parts]
        return Result(source, sha256, records.doc_id, None, SPLIT, None, {}, parts=parts)
    document = records.tables["documents"][0]
    result = Result(source, sha256, records.doc_id, records.year, document["status"], document["error"],
                    records.arrow if records.arrow is not None else {}, saved=saved and records.document is not None,
                    pending=records if records.arrow is None else None)
    if result.pending is not None:
        records.document = None   # only its rows wait for `fill_arrow`: the Document can go now
    return result

