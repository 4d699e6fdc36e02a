"""Write rows into a dataset in batches and commit them with the manifest.

A run adds documents to a `Committer`; every so often (a batch bounded by rows or
documents) `commit` writes one Parquet file per table and year partition for the whole
batch, and then the manifest. The order makes the manifest the only commit point:

1. new files are written under `_formex/staging/` and flushed to disk;
2. a document that replaces an earlier version (or is pruned) has its old rows removed
   by rewriting the files that held them into new files (copy-on-write);
3. the staged files are renamed to their final, never-before-used names;
4. the manifest, which lists the new files and no longer lists the superseded ones, is
   renamed over the old one (`formex.manifest.save_manifest`);
5. superseded files are deleted.

A run killed at any point leaves the last manifest intact: files written after it are
orphans, and files it no longer lists are leftovers; both are removed when the next run
opens the dataset (`remove_orphans`). One run at a time holds `_formex/lock` (an
exclusive `fcntl` lock, released by the kernel when the process dies); a second run is
refused with `DatasetLocked`.
"""
from __future__ import annotations

import fcntl
import os
import shutil
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from formex.dataset import UNKNOWN_YEAR, partition_name
from formex.manifest import (STATE_DIR, DocEntry, Manifest, fsync_dir, load_manifest, manifest_path,
                             save_manifest)
from formex.records import Records
from formex.schemas.tables import TABLE_NAMES, file_schema

LOCK_NAME = "lock"
STAGING = "staging"
# Documents saved as read (`extract --keep-documents`), `<doc_id>.jsonl.gz`: the `_` keeps
# them out of what pyarrow and Spark read as the dataset. The committer deletes the saved
# Document of a version no source holds any more, after the commit that replaced it.
DOCUMENTS_FOLDER = "_documents"
DEFAULT_BATCH_ROWS = 50_000    # rows across tables per batch: ~600 seed-sized documents
DEFAULT_BATCH_DOCS = 5_000
# Arrow bytes across tables per batch: seed-sized documents reach the row bound first
# (50,000 rows are about 25 MiB); documents of long texts reach this one instead.
DEFAULT_BATCH_BYTES = 64 * 2**20
# The pending batch is kept as one Arrow table per table and partition, not one per
# document: every this many documents, the tables added since are concatenated into
# one contiguous table each. Hundreds of small per-document tables (and the chunks they
# were sliced from) cost about 4x their Arrow size in memory; compacted, the batch costs
# about its Arrow size.
COMPACT_EVERY_DOCS = 200
FLUSH_THREADS = 16


class DatasetError(Exception):
    """The dataset cannot be written: another run holds it, or it cannot be adopted."""


class DatasetLocked(DatasetError):
    pass


@dataclass(frozen=True)
class BatchPolicy:
    """When to commit: whichever bound is reached first."""

    max_rows: int = DEFAULT_BATCH_ROWS
    max_docs: int = DEFAULT_BATCH_DOCS
    max_bytes: int = DEFAULT_BATCH_BYTES

    def __post_init__(self):
        if self.max_rows < 1 or self.max_docs < 1 or self.max_bytes < 1:
            raise ValueError("batch bounds must be at least 1 (rows, documents and bytes)")


@dataclass
class CommitInfo:
    generation: int
    documents: int          # documents loaded, replaced, marked duplicate or dropped
    files_written: int
    files_removed: int


@dataclass(frozen=True)
class Loaded:
    """What the manifest needs of a pending document once its rows are in the batch's
    tables: its id, year, status and the tables it has rows in."""

    doc_id: str
    year: int | None
    status: str
    tables: tuple[str, ...]


@dataclass
class Change:
    source: str
    sha256: str | None
    doc_id: str | None
    records: Loaded | None            # None: drop the source (prune), record a duplicate or a split
    duplicate_of: str | None = None
    parts: list[str] | None = None    # a split workbook: the source keys of its forms
    part_of: str | None = None        # one form of a split workbook: the workbook's source key


class PendingRows:
    """The batch's rows by table and partition, in the order documents were added: the
    tables of the last few documents as they came, the earlier ones compacted."""

    def __init__(self, compact_every: int | None = None):
        self.compact_every = compact_every or COMPACT_EVERY_DOCS
        self.compacted: dict[tuple[str, str], list[pa.Table]] = defaultdict(list)
        self.fresh: dict[tuple[str, str], list[pa.Table]] = defaultdict(list)
        self.fresh_docs = self.fresh_rows = 0
        self.compacted_rows = self.compacted_bytes = 0

    def add(self, partition: str, arrow: dict[str, pa.Table]) -> tuple[str, ...]:
        """Buffer one document's tables; the names of those with rows."""
        tables = []
        for table in TABLE_NAMES:
            rows = arrow.get(table)
            if rows is not None and rows.num_rows:
                self.fresh[(table, partition)].append(rows)
                self.fresh_rows += rows.num_rows
                tables.append(table)
        self.fresh_docs += 1
        if self.fresh_docs >= self.compact_every:
            self.compact()
        return tuple(tables)

    @property
    def rows(self) -> int:
        return self.compacted_rows + self.fresh_rows

    @property
    def nbytes(self) -> int:
        """The batch's Arrow bytes: exact for the compacted tables, and for the fresh ones
        estimated at the compacted tables' bytes per row (measuring a table sliced from a
        worker's chunk exactly costs more than the rest of adding it)."""
        per_row = self.compacted_bytes / self.compacted_rows if self.compacted_rows else 0
        return self.compacted_bytes + int(self.fresh_rows * per_row)

    def compact(self) -> None:
        """Copy the fresh tables into one contiguous table per table and partition, so
        the per-document tables (and the buffers they were sliced from) can go."""
        for key, parts in self.fresh.items():
            table = pa.concat_tables(parts).combine_chunks()
            self.compacted[key].append(table)
            self.compacted_rows += table.num_rows
            self.compacted_bytes += table.get_total_buffer_size()
        self.fresh = defaultdict(list)
        self.fresh_docs = self.fresh_rows = 0

    def groups(self) -> dict[tuple[str, str], pa.Table]:
        keys = set(self.compacted) | set(self.fresh)
        return {key: pa.concat_tables(self.compacted.get(key, []) + self.fresh.get(key, [])) for key in keys}


@dataclass
class Committer:
    """The one writer of a dataset folder, for the length of a run (`with Committer(out)`)."""

    out: Path
    policy: BatchPolicy = field(default_factory=BatchPolicy)
    manifest: Manifest = field(init=False)
    orphans_removed: int = field(init=False, default=0)
    migrated: int = field(init=False, default=0)       # documents adopted from a 1.x folder

    def __post_init__(self):
        self.out = Path(self.out)
        self._lock_fd: int | None = None
        self._pending: list[Change] = []
        self._rows = PendingRows()
        self._holders: dict[str, str] = {}    # doc_id -> source, for documents with rows

    # -- opening and closing -------------------------------------------------------------
    def __enter__(self) -> Committer:
        self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        state = self.out / STATE_DIR
        state.mkdir(parents=True, exist_ok=True)
        self._lock_fd = acquire_lock(state / LOCK_NAME, self.out)
        try:
            manifest = load_manifest(self.out)
            if manifest is None:
                manifest = adopt_legacy_dataset(self.out)
                self.migrated = len(manifest.documents)
                if manifest.documents:
                    save_manifest(self.out, manifest)
            self.manifest = manifest
            self.orphans_removed = remove_orphans(self.out, manifest)
            self.orphans_removed += remove_unlisted_documents(self.out, manifest)
        except BaseException:
            self.close()
            raise
        self._holders = {entry.doc_id: source for source, entry in manifest.documents.items()
                         if entry.status != "duplicate"}

    def close(self) -> None:
        shutil.rmtree(self.out / STATE_DIR / STAGING, ignore_errors=True)
        if self._lock_fd is not None:
            os.close(self._lock_fd)   # releases the lock
            self._lock_fd = None

    # -- what the dataset holds ----------------------------------------------------------
    def entry(self, source: str) -> DocEntry | None:
        return self.manifest.documents.get(source)

    def holder_of(self, doc_id: str) -> str | None:
        """The source whose rows carry `doc_id` (committed or pending), if any."""
        return self._holders.get(doc_id)

    def sources(self) -> set[str]:
        """Sources of input files: the forms of a split workbook go with their file."""
        parts = {part for entry in self.manifest.documents.values() for part in entry.parts}
        return (set(self.manifest.documents) - parts) | {c.source for c in self._pending if c.part_of is None}

    # -- adding --------------------------------------------------------------------------
    def add(self, source: str, sha256: str | None, records: Records, part_of: str | None = None) -> str:
        """Buffer one document's rows; 'new', 'replaced', or 'duplicate' (same bytes as a
        document another source holds: recorded, not loaded)."""
        previous = self._release(source)
        holder = self._holders.get(records.doc_id)
        if holder is not None and holder != source:
            self._pending.append(Change(source, sha256, records.doc_id, None, duplicate_of=holder))
            return "duplicate"
        self._holders[records.doc_id] = source
        tables = self._rows.add(partition_name(records.year), records.arrow)
        self._pending.append(Change(source, sha256, records.doc_id,
                                    Loaded(records.doc_id, records.year, records.status, tables),
                                    part_of=part_of))
        return "new" if previous is None else "replaced"

    def add_split(self, source: str, sha256: str, doc_id: str, parts: list) -> str:
        """Buffer a workbook read as one document per form: each form's rows under its own
        source key (`parts`: their Results), and the workbook's entry holding none, so its
        bytes are known. Forms it had before and has no longer are dropped with it.
        'new', 'replaced', or 'duplicate' (same bytes as another source holds)."""
        previous = self._release(source, keep={part.source for part in parts})
        holder = self._holders.get(doc_id)
        if holder is not None and holder != source:
            for part in parts:
                if self._current(part.source) is not None:
                    self.drop(part.source, part_of=source)
            self._pending.append(Change(source, sha256, doc_id, None, duplicate_of=holder))
            return "duplicate"
        for part in parts:
            self.add(part.source, part.sha256, part, part_of=source)
        self._holders[doc_id] = source
        self._pending.append(Change(source, sha256, doc_id, None, parts=[part.source for part in parts]))
        return "new" if previous is None else "replaced"

    def _release(self, source: str, keep: set[str] = frozenset()) -> DocEntry | None:
        """Before `source` gets a new version: it no longer holds its doc_id, and the forms
        it was split into (but those in `keep`, which get theirs) are dropped. Its entry."""
        previous = self._current(source)
        if previous is not None and self._holders.get(previous.doc_id) == source:
            del self._holders[previous.doc_id]
        if previous is not None:
            for part in previous.parts:
                if part not in keep:
                    self.drop(part, part_of=source)
        return previous

    def add_duplicate(self, source: str, sha256: str) -> str | None:
        """Record `source` as holding the same bytes as the source that holds `sha256`:
        'duplicate', or None when no source holds them (any more)."""
        holder = self._holders.get(sha256)
        if holder is None or holder == source:
            return None
        self._release(source)
        self._pending.append(Change(source, sha256, sha256, None, duplicate_of=holder))
        return "duplicate"

    def drop(self, source: str, part_of: str | None = None) -> None:
        """Remove a source and its rows (its file is gone: `--prune`), with the forms of a
        split workbook; `part_of`: `source` is one of those forms."""
        self._release(source)
        self._pending.append(Change(source, None, None, None, part_of=part_of))

    def _current(self, source: str) -> DocEntry | None:
        return self.manifest.documents.get(source)

    def batch_full(self) -> bool:
        return (self._rows.rows >= self.policy.max_rows or self._rows.nbytes >= self.policy.max_bytes
                or len(self._pending) >= self.policy.max_docs)

    @property
    def pending(self) -> int:
        return len(self._pending)

    # -- committing ----------------------------------------------------------------------
    def commit(self) -> CommitInfo | None:
        """Write the pending batch and commit it; None when nothing is pending."""
        if not self._pending:
            return None
        changes, self._pending = self._pending, []
        rows, self._rows = self._rows, PendingRows()
        old = self.manifest
        new = old.copy()
        new.generation = old.generation + 1
        writer = BatchWriter(self.out, new.generation)
        try:
            superseded = self._strip_old_rows(changes, old, new, writer)
            self._write_new_rows(changes, rows, new, writer)
        except BaseException:
            writer.discard()
            raise
        self.publish(new, writer, superseded)
        return CommitInfo(new.generation, len(changes), len(writer.placed), len(superseded))

    def publish(self, new: Manifest, writer: BatchWriter, superseded: set[str]) -> None:
        """Steps 3-5 of a commit: the staged files into place, the manifest, then the
        files it no longer lists deleted."""
        try:
            writer.place()
            save_manifest(self.out, new)
        except BaseException:
            writer.discard()
            raise
        old = self.manifest
        self.manifest = new
        for path in sorted(superseded):
            (self.out / path).unlink(missing_ok=True)
        remove_empty_partitions(self.out)
        held = loaded_doc_ids(new)
        for entry in old.documents.values():
            if entry.doc_id not in held:
                saved_document_path(self.out, entry.doc_id).unlink(missing_ok=True)

    def _strip_old_rows(self, changes: list[Change], old: Manifest, new: Manifest,
                        writer: BatchWriter) -> set[str]:
        """Copy-on-write: rewrite every file holding rows of a document this batch replaces
        or drops, without those rows. Returns the files the new manifest no longer lists."""
        strip: dict[str, set[str]] = defaultdict(set)
        for change in changes:
            previous = old.documents.get(change.source)
            if previous is not None:
                for path in previous.files:
                    strip[path].add(previous.doc_id)
                del new.documents[change.source]
        renamed: dict[str, str | None] = {}
        for path in sorted(strip):
            table = path.split("/", 1)[0]
            rows = new.files[table].pop(path)
            kept = read_file(self.out / path, table)
            kept = kept.filter(pc.invert(pc.is_in(kept.column("doc_id"), pa.array(sorted(strip[path])))))
            if kept.num_rows == 0:
                renamed[path] = None
                continue
            if kept.num_rows == rows:   # the manifest said this file held the document's rows
                raise DatasetError(f"{path} holds none of the rows the manifest says it holds")
            partition = path.split("/")[1]
            target = writer.write(table, partition, f"rewrite:{Path(path).stem}", kept)
            new.files[table][target] = kept.num_rows
            renamed[path] = target
        if renamed:
            for source, entry in new.documents.items():
                if any(f in renamed for f in entry.files):
                    files = [renamed.get(f, f) for f in entry.files]
                    new.documents[source] = replace(entry, files=[f for f in files if f is not None])
        return set(renamed)

    def _write_new_rows(self, changes: list[Change], rows: PendingRows, new: Manifest,
                        writer: BatchWriter) -> None:
        """One file per table and partition for the batch's documents, in batch order."""
        groups = rows.groups()
        targets: dict[tuple[str, str], str] = {}
        for (table, partition) in sorted(groups, key=lambda k: (k[1], TABLE_NAMES.index(k[0]))):
            arrow = groups.pop((table, partition))
            target = writer.write(table, partition, "new", arrow)
            new.files[table][target] = arrow.num_rows
            targets[(table, partition)] = target
        for change in changes:
            if change.records is None:
                if change.duplicate_of is not None:
                    new.documents[change.source] = DocEntry(change.sha256, change.doc_id, "duplicate",
                                                            None, [], change.duplicate_of)
                elif change.parts is not None:
                    new.documents[change.source] = DocEntry(change.sha256, change.doc_id, "split",
                                                            None, [], parts=change.parts)
                continue
            records = change.records
            partition = partition_name(records.year)
            files = [targets[(t, partition)] for t in records.tables]
            new.documents[change.source] = DocEntry(change.sha256, records.doc_id, records.status,
                                                    records.year, files)


class BatchWriter:
    """Files of one commit: written to staging, then renamed to their final names."""

    def __init__(self, out: Path, generation: int):
        self.out = out
        self.generation = generation
        self.staging = out / STATE_DIR / STAGING / f"{generation:06d}"
        self.staged: list[tuple[Path, str]] = []    # (staged file, final dataset-relative path)
        self.placed: list[str] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def write(self, table: str, partition: str, group: str, arrow: pa.Table) -> str:
        """Stage `arrow` as a file of `table` in `partition`; files of one group (the batch's
        new rows, or one rewritten file) share a part number across tables."""
        number = self._numbers.setdefault((group, partition), len(self._numbers) + 1)
        final = f"{table}/{partition}/part-{self.generation:06d}-{number:04d}.parquet"
        self.staging.mkdir(parents=True, exist_ok=True)
        staged = self.staging / final.replace("/", ".")
        pq.write_table(arrow.cast(file_schema(table)), staged)
        self.staged.append((staged, final))
        return final

    def place(self) -> None:
        """Flush the staged files to disk, then rename them to their final names (and
        flush those folders), so the manifest written next never lists a file a power cut
        could lose. The flushes run together: the filesystem joins them in one journal
        commit instead of one per file."""
        flush_all([staged for staged, _ in self.staged], fsync_file)
        folders = set()
        for staged, final in self.staged:
            target = self.out / final
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            self.placed.append(final)
            folders.add(target.parent)
        flush_all(sorted(folders), fsync_dir)

    def discard(self) -> None:
        for final in self.placed:
            (self.out / final).unlink(missing_ok=True)
        shutil.rmtree(self.staging, ignore_errors=True)


def fsync_file(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def flush_all(paths: list[Path], flush) -> None:
    if len(paths) <= 1:
        for path in paths:
            flush(path)
        return
    with ThreadPoolExecutor(min(FLUSH_THREADS, len(paths))) as pool:
        list(pool.map(flush, paths))


def read_file(path: Path, table: str) -> pa.Table:
    return pq.read_table(path, schema=file_schema(table))


def acquire_lock(lock_file: Path, out: Path) -> int:
    """Hold the dataset's lock for this process, or refuse with who holds it."""
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
        os.close(fd)
        raise DatasetLocked(f"another formex run is writing to {out} ({holder or 'process unknown'}); "
                            f"wait for it to finish, or write to another folder") from None
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
    return fd


def remove_orphans(out: Path, manifest: Manifest) -> int:
    """Delete what a killed run left: data files the manifest does not list, temporary
    files, the staging area. Returns how many files went."""
    shutil.rmtree(out / STATE_DIR / STAGING, ignore_errors=True)
    (out / STATE_DIR / ".manifest.json.tmp").unlink(missing_ok=True)
    listed = manifest.all_files()
    removed = 0
    for table in TABLE_NAMES:
        folder = out / table
        if not folder.is_dir():
            continue
        for path in folder.glob("year=*/*"):
            relative = path.relative_to(out).as_posix()
            if path.is_file() and path.name.endswith((".parquet", ".tmp")) and relative not in listed:
                path.unlink()
                removed += 1
    remove_empty_partitions(out)
    return removed


def saved_document_path(out: Path, doc_id: str) -> Path:
    return out / DOCUMENTS_FOLDER / f"{doc_id}.jsonl.gz"


def loaded_doc_ids(manifest: Manifest) -> set[str]:
    return {entry.doc_id for entry in manifest.documents.values() if entry.status != "duplicate"}


def remove_unlisted_documents(out: Path, manifest: Manifest) -> int:
    """Saved Documents of no document the manifest lists: saved by a run killed before
    its commit, or of a version replaced by a run killed before it deleted them."""
    folder = out / DOCUMENTS_FOLDER
    if not folder.is_dir():
        return 0
    held = loaded_doc_ids(manifest)
    removed = 0
    for path in folder.iterdir():
        name = path.name
        if name.endswith(".tmp") or (name.endswith(".jsonl.gz") and name[:-len(".jsonl.gz")] not in held):
            path.unlink()
            removed += 1
    return removed


def remove_empty_partitions(out: Path) -> None:
    for table in TABLE_NAMES:
        for folder in (out / table).glob("year=*"):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def adopt_legacy_dataset(out: Path) -> Manifest:
    """A manifest for a folder written by formex 0.2 (one file per document and table, no
    manifest): each committed document (its `documents` file was written last) is adopted
    with its files as they are. An empty folder gives an empty manifest."""
    from formex.document_task import unreadable_doc_id

    manifest = Manifest()
    for documents_file in sorted((out / "documents").glob("year=*/*.parquet")):
        partition = documents_file.parent.name
        rows = read_file(documents_file, "documents").to_pylist()
        if len(rows) != 1 or documents_file.stem != rows[0]["doc_id"]:
            raise DatasetError(f"{out} has no manifest and {documents_file} is not a formex 0.2 "
                               f"document file; extract into a new folder")
        row = rows[0]
        source = row["source_path"]
        if source in manifest.documents:
            raise DatasetError(f"{out} was written by formex 0.2 and records source {source!r} for two "
                               f"documents; it cannot be adopted. Extract into a new folder")
        year_text = partition.removeprefix("year=")
        year = None if year_text in (UNKNOWN_YEAR, "__unknown__") else int(year_text)
        sha = None if row["doc_id"] == unreadable_doc_id(source) else row["doc_id"]
        files = [f"{t}/{partition}/{row['doc_id']}.parquet" for t in TABLE_NAMES
                 if (out / t / partition / f"{row['doc_id']}.parquet").is_file()]
        for path in files:
            table = path.split("/", 1)[0]
            manifest.files[table][path] = pq.read_metadata(out / path).num_rows
        manifest.documents[source] = DocEntry(sha, row["doc_id"], row["status"], year, files)
    if manifest.documents:
        manifest.generation = 1
    return manifest


__all__ = ["BatchPolicy", "Committer", "CommitInfo", "DatasetError", "DatasetLocked", "manifest_path"]
