"""`formex compact OUT`: merge a dataset's small batch files into few large ones.

Every run adds one file per table and year partition per batch, and replacing a
document rewrites the files that held it, so a dataset loaded again and again as
corrections arrive collects many small files. Compaction rewrites each table's files in
a partition into as few files as `max_rows` allows, rows in source order (then `seq`),
never splitting a document across files, and commits them like a run: new files
staged, the manifest replaced, the old files deleted. Readers see the old files or the
new ones, never both; the rows are the same.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from formex.committer import BatchWriter, Committer, DatasetError, read_file
from formex.manifest import DocEntry

DEFAULT_FILE_ROWS = 1_000_000   # rows per file at most (pyarrow's default row group size)
RANK = "__formex_rank"


@dataclass
class CompactInfo:
    generation: int
    groups: int           # (table, partition) groups rewritten
    files_before: int     # files in the dataset before
    files_after: int


def compact(out: Path, max_rows: int = DEFAULT_FILE_ROWS) -> CompactInfo:
    """Compact the dataset at `out` (holding its lock, like a run)."""
    if max_rows < 1:
        raise ValueError("max_rows must be at least 1")
    with Committer(out) as committer:
        return compact_files(committer, max_rows)


def compact_files(committer: Committer, max_rows: int) -> CompactInfo:
    old = committer.manifest
    before = len(old.all_files())
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for table, files in old.files.items():
        for path in files:
            groups[(table, path.split("/")[1])].append(path)
    in_order = sorted((source, entry) for source, entry in old.documents.items() if entry.files)
    order = pa.array([entry.doc_id for _, entry in in_order], pa.string())
    new = old.copy()
    new.generation = old.generation + 1
    writer = BatchWriter(committer.out, new.generation)
    moved: dict[tuple[str, str], str] = {}       # (doc_id, table) -> its new file
    superseded: set[str] = set()
    rewritten = 0
    try:
        for (table, partition), paths in sorted(groups.items()):
            rows = sum(old.files[table][p] for p in paths)
            if len(paths) <= max(1, math.ceil(rows / max_rows)):
                continue   # as few files as the bound allows already
            rewritten += 1
            merged = sorted_rows(committer.out, table, paths, order)
            for number, piece in enumerate(split_at_documents(merged, max_rows)):
                target = writer.write(table, partition, f"compact:{number}", piece.drop_columns([RANK]))
                new.files[table][target] = piece.num_rows
                for doc_id in pc.unique(piece.column("doc_id")).to_pylist():
                    moved[(doc_id, table)] = target
            for path in paths:
                del new.files[table][path]
            superseded.update(paths)
    except BaseException:
        writer.discard()
        raise
    if not superseded:
        writer.discard()
        return CompactInfo(old.generation, 0, before, before)
    for source, entry in new.documents.items():
        if any(f in superseded for f in entry.files):
            files = [moved[(entry.doc_id, f.split("/", 1)[0])] if f in superseded else f for f in entry.files]
            new.documents[source] = DocEntry(entry.sha256, entry.doc_id, entry.status, entry.year, files,
                                             entry.duplicate_of)
    committer.publish(new, writer, superseded)
    return CompactInfo(new.generation, rewritten, before, len(new.all_files()))


def sorted_rows(out: Path, table: str, paths: list[str], order: pa.Array) -> pa.Table:
    """The rows of some files of a table, in source order (then seq), with their rank."""
    merged = pa.concat_tables([read_file(out / path, table) for path in paths])
    rank = pc.index_in(merged.column("doc_id"), value_set=order)
    if rank.null_count:
        raise DatasetError(f"{table} files hold rows of a document the manifest does not list; "
                           f"run formex extract on the dataset first")
    merged = merged.append_column(RANK, rank)
    keys = [(RANK, "ascending")] + ([("seq", "ascending")] if "seq" in merged.column_names else [])
    return merged.sort_by(keys)


def split_at_documents(rows: pa.Table, max_rows: int) -> list[pa.Table]:
    """Consecutive pieces of at most `max_rows` rows, cut only between documents (a
    document with more rows than that is a piece of its own)."""
    rank = rows.column(RANK).to_numpy()
    bounds = [0, *(np.flatnonzero(np.diff(rank)) + 1).tolist(), len(rank)]
    pieces, begin = [], 0
    for doc_start, doc_end in zip(bounds, bounds[1:]):
        if doc_end - begin > max_rows and doc_start > begin:
            pieces.append(rows.slice(begin, doc_start - begin))
            begin = doc_start
    pieces.append(rows.slice(begin))
    return [piece for piece in pieces if piece.num_rows]
