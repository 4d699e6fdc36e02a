"""The batch runner: inputs (files and folders) in, one dataset out.

Every input file ends as a `documents` row, whatever became of it: a file no reader
handles, one that cannot be read, and one that trips a bug in a stage all become
`failed` rows with a reason, and the batch goes on.
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
from formex.records import Records, failed_records, result_to_records
from formex.normalize.form import normalize_document
from formex.schemas.tables import TABLE_NAMES

SKIPPED_STEMS = frozenset({"README", "LICENSE", "CHANGELOG"})  # a folder's own notes, not forms


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
    `failed` records, never raise."""
    try:
        data = item.path.read_bytes()
    except OSError as error:
        return with_arrow(failed_records(unreadable_doc_id(item.source_path), item.source_path,
                                         source_format_of(item.path),
                                         f"cannot read the file: {error.strerror}"))
    doc_id = doc_id_of(data)
    source_format = source_format_of(item.path)
    try:
        document = read_document(data, item.source_path)
        result = normalize_document(document)
        return with_arrow(result_to_records(doc_id, item.source_path, document.source_format, result))
    except ExtractError as error:
        return with_arrow(failed_records(doc_id, item.source_path, source_format, str(error)))
    except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError) as error:
        return with_arrow(failed_records(doc_id, item.source_path, source_format,
                                         f"a value does not fit its column: {error}"))
    except Exception as error:  # a bug in a stage: record it and keep the batch going
        where = traceback.extract_tb(error.__traceback__)[-1]
        return with_arrow(failed_records(
            doc_id, item.source_path, source_format,
            f"internal error (a formex bug, please report): {type(error).__name__}: "
            f"{error} at {Path(where.filename).name}:{where.lineno}"))


def with_arrow(records: Records) -> Records:
    records.arrow = rows_to_arrow(records.tables)
    return records


def run_extract(inputs: list[Path], out: Path | None) -> tuple[Summary, list[Records]]:
    """Extract every input; write the dataset when `out` is given, else keep the rows."""
    summary = Summary(out)
    kept: list[Records] = []
    seen: dict[str, str] = {}
    for item in iter_input_files(inputs, summary):
        records = extract_file(item)
        if records.doc_id in seen:
            summary.duplicates.append(f"{item.source_path} (same bytes as {seen[records.doc_id]})")
            continue
        seen[records.doc_id] = item.source_path
        summary.statuses[records.status] += 1
        for table in TABLE_NAMES:
            summary.rows[table] += len(records.tables[table])
        document = records.tables["documents"][0]
        if document["status"] == "failed":
            summary.failures.append((item.source_path, document["error"]))
        if out is not None:
            write_document(out, records.doc_id, records.year, records.arrow,
                           replaces=(unreadable_doc_id(item.source_path),))
        else:
            kept.append(records)
    return summary, kept
