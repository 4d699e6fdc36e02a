"""The batch runner: inputs (files and folders) in, one dataset out.

Every input file ends as a `documents` row, whatever became of it: a file no reader
handles, one that cannot be read, and one that trips a bug in a stage all become
`failed` rows with a reason, and the batch goes on.

`run_extract(..., keep_documents=True)` also saves each Document as read
(`OUT/_documents/<doc_id>.jsonl.gz`, formex.schemas.document_file); `run_renormalize`
turns saved documents into rows again without reading or OCR'ing their source files,
e.g. after a vocabulary fix.
"""
from __future__ import annotations

import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from formex.extract.errors import ExtractError
from formex.extract.readers import doc_id_of, read_document, source_format_of
from formex.dataset import rows_to_arrow, write_document
from formex.records import EXTRACTOR_VERSION, Records, failed_records, result_to_records
from formex.normalize.form import normalize_document
from formex.schemas.document import Document
from formex.schemas.document_file import DOCUMENT_FILE_SUFFIX, read_document_file, write_document_file
from formex.schemas.errors import DocumentFileError
from formex.schemas.tables import TABLE_NAMES

SKIPPED_STEMS = frozenset({"README", "LICENSE", "CHANGELOG"})  # a folder's own notes, not forms
# Saved documents go to OUT/_documents/<doc_id>.jsonl.gz: the `_` keeps them out of what
# pyarrow datasets and Spark read as the dataset, and no table glob reaches them.
DOCUMENTS_FOLDER = "_documents"
SAVED_SUFFIXES = (DOCUMENT_FILE_SUFFIX, ".jsonl")


@dataclass(frozen=True)
class InputFile:
    path: Path
    source_path: str          # relative to the input root, as the dataset records it


@dataclass
class Summary:
    out: Path | None
    statuses: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)
    skipped: list[str] = field(default_factory=list)      # files in folders that are not forms
    duplicates: list[str] = field(default_factory=list)   # same bytes as an earlier input
    failures: list[tuple[str, str]] = field(default_factory=list)
    saved: int = 0                                          # documents saved (--keep-documents)


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
                if source_format_of(path) is None or not is_candidate(path):
                    if summary is not None:
                        summary.skipped.append(str(relative))
                    continue
                yield InputFile(path, relative.as_posix())
        else:
            yield InputFile(given, given.name)


def unreadable_doc_id(source_path: str) -> str:
    """The id of a file that could not be read: its bytes are unknown, so its path names
    it, and a later successful read of the same path replaces that row."""
    return doc_id_of(f"unreadable:{source_path}".encode())


def extract_file(item: InputFile) -> Records:
    """Read and normalize one file, rows already in Arrow form; bad documents give
    `failed` records, never raise. The Document read rides along on `records.document`."""
    try:
        data = item.path.read_bytes()
    except OSError as error:
        return with_arrow(failed_records(unreadable_doc_id(item.source_path), item.source_path,
                                         source_format_of(item.path),
                                         f"cannot read the file: {error.strerror}"))
    try:
        document = read_document(data, item.source_path)
    except Exception as error:
        return failure_records(error, doc_id_of(data), item.source_path, source_format_of(item.path))
    records = document_to_records(document)
    records.document = document
    return records


def document_to_records(document: Document) -> Records:
    """Normalize a Document (just read, or loaded from a saved file) into rows in Arrow
    form; a document that trips a stage gives `failed` records, never raises."""
    try:
        result = normalize_document(document)
        return with_arrow(result_to_records(document.doc_id, document.source_path,
                                            document.source_format, result))
    except Exception as error:
        return failure_records(error, document.doc_id, document.source_path, document.source_format)


def failure_records(error: Exception, doc_id: str, source_path: str,
                    source_format: str | None) -> Records:
    """A stage's exception as a `failed` document, with a reason a person can act on."""
    if isinstance(error, ExtractError):
        reason = str(error)
    elif isinstance(error, (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError)):
        reason = f"a value does not fit its column: {error}"
    else:  # a bug in a stage: record it and keep the batch going
        where = traceback.extract_tb(error.__traceback__)[-1]
        reason = (f"internal error (a formex bug, please report): {type(error).__name__}: "
                  f"{error} at {Path(where.filename).name}:{where.lineno}")
    return with_arrow(failed_records(doc_id, source_path, source_format, reason))


def with_arrow(records: Records) -> Records:
    records.arrow = rows_to_arrow(records.tables)
    return records


def run_extract(inputs: list[Path], out: Path | None, *,
                keep_documents: bool = False) -> tuple[Summary, list[Records]]:
    """Extract every input; write the dataset when `out` is given, else keep the rows.
    With `keep_documents`, also save each document read as
    `out/_documents/<doc_id>.jsonl.gz`, for `run_renormalize`."""
    if keep_documents and out is None:
        raise ValueError("keep_documents needs an output folder (out)")
    summary = Summary(out)
    results = ((item.source_path, extract_file(item)) for item in iter_input_files(inputs, summary))
    kept = collect(results, summary, out, out / DOCUMENTS_FOLDER if keep_documents else None)
    return summary, kept


def iter_saved_documents(inputs: list[Path]):
    """Documents saved by `run_extract(keep_documents=True)`: files given directly, and
    every `*.jsonl.gz` / `*.jsonl` under folders (e.g. `OUT/_documents`), in sorted order.
    A file that is not a readable saved document raises DocumentFileError."""
    for given in inputs:
        paths = ([given] if not given.is_dir() else
                 sorted(p for p in given.rglob("*") if p.name.endswith(SAVED_SUFFIXES)
                        and not p.name.startswith(".") and p.is_file()))
        for path in paths:
            yield read_document_file(path)


def run_renormalize(inputs: list[Path], out: Path | None) -> tuple[Summary, list[Records]]:
    """Normalize saved documents again, without reading their source files; write the
    dataset when `out` is given (a document's rows replace its old ones there), else keep
    the rows. Raises DocumentFileError at the first file that cannot be loaded; documents
    before it are already written, and running again is safe."""
    summary = Summary(out)
    results = ((doc.source_path, document_to_records(doc)) for doc in iter_saved_documents(inputs))
    return summary, collect(results, summary, out)


def collect(results, summary: Summary, out: Path | None,
            documents: Path | None = None) -> list[Records]:
    """Count each document's (source_path, records) into the summary, dropping repeated
    doc_ids; save its Document under `documents` when given; write its rows when `out` is
    given, else return them."""
    kept: list[Records] = []
    seen: dict[str, str] = {}
    for source_path, records in results:
        if records.doc_id in seen:
            summary.duplicates.append(f"{source_path} (same bytes as {seen[records.doc_id]})")
            continue
        seen[records.doc_id] = source_path
        if documents is not None and records.document is not None:  # saved before its rows
            records = save_document(records, documents, summary)
        records.document = None  # not kept: the rows are what callers asked for
        summary.statuses[records.status] += 1
        for table in TABLE_NAMES:
            summary.rows[table] += len(records.tables[table])
        document = records.tables["documents"][0]
        if document["status"] == "failed":
            summary.failures.append((source_path, document["error"]))
        if out is not None:
            write_document(out, records.doc_id, records.year, records.arrow,
                           replaces=(unreadable_doc_id(source_path),))
        else:
            kept.append(records)
    return kept


def save_document(records: Records, documents: Path, summary: Summary) -> Records:
    """Save the Document the records came from as `documents/<doc_id>.jsonl.gz`. One that
    cannot be saved (a reader bug, e.g. a NaN in a bbox) fails, and the batch goes on."""
    document = records.document
    documents.mkdir(parents=True, exist_ok=True)
    try:
        write_document_file(documents / f"{records.doc_id}{DOCUMENT_FILE_SUFFIX}", document,
                            extractor_version=EXTRACTOR_VERSION)
    except DocumentFileError as error:
        return failure_records(error, records.doc_id, document.source_path, document.source_format)
    summary.saved += 1
    return records
