"""The dataset's manifest: the one file that says what is in it.

A run writes its rows as batch files, then commits by replacing `_formex/manifest.json`
with an atomic rename. The manifest lists every committed Parquet file (by table) and
every document (by source key: content hash, doc_id, status, year, the files holding
its rows). Readers read only the files it lists, so a file written by a run that has not
committed yet, or left over from a killed one, is never read, and a document replaced
in a commit is replaced for every reader at once.

The format is plain JSON with fixed keys, so other tools read it too (the README shows
DuckDB and Spark reading the file lists):

    {"format": "formex-dataset", "version": 1, "generation": 3, "schema_version": "1.1",
     "tables": {"indicators": [{"path": "indicators/year=2026/part-000003-0001.parquet",
                                "rows": 41500}, ...], ...},
     "documents": [{"source": "unit-a/form.txt", "sha256": "…", "doc_id": "…",
                    "status": "ok", "year": 2026, "files": ["indicators/…", ...]}, ...]}

A workbook with one form per sheet is one entry with status `split`, its sha256 and no
files, listing its forms' source keys under `parts` (`book.xlsx#Sheet2`); each form is an
entry of its own whose sha256 is its doc_id (`formex.normalize.split`).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from formex.schemas.tables import SCHEMA_VERSION, TABLE_NAMES

FORMAT = "formex-dataset"
FORMAT_VERSION = 1
STATE_DIR = "_formex"                     # underscore: pyarrow, pandas and Spark skip it
MANIFEST_NAME = "manifest.json"


class ManifestError(Exception):
    """A manifest this version cannot read (damaged, or written by a newer formex)."""


@dataclass
class DocEntry:
    """What the dataset holds for one source."""

    sha256: str | None        # content hash of the bytes read; None when they could not be read
    doc_id: str               # the key of the document's rows in every table
    status: str               # ok, partial, failed, duplicate (nothing loaded: same bytes as another),
                              # split (a workbook of one form per sheet: its forms are its `parts`)
    year: int | None
    files: list[str] = field(default_factory=list)   # dataset-relative files with its rows
    duplicate_of: str | None = None                  # the source whose rows it shares
    parts: list[str] = field(default_factory=list)   # status split: the source keys of its forms

    def to_json(self, source: str) -> dict:
        entry = {"source": source, "sha256": self.sha256, "doc_id": self.doc_id,
                 "status": self.status, "year": self.year, "files": self.files}
        if self.duplicate_of is not None:
            entry["duplicate_of"] = self.duplicate_of
        if self.parts:
            entry["parts"] = self.parts
        return entry


@dataclass
class Manifest:
    generation: int = 0                                  # commits so far
    files: dict[str, dict[str, int]] = field(default_factory=lambda: {t: {} for t in TABLE_NAMES})
    documents: dict[str, DocEntry] = field(default_factory=dict)   # source key -> entry

    def table_files(self, table: str) -> list[str]:
        return sorted(self.files[table])

    def all_files(self) -> set[str]:
        return {path for table in TABLE_NAMES for path in self.files[table]}

    def copy(self) -> Manifest:
        return Manifest(self.generation, {t: dict(f) for t, f in self.files.items()},
                        dict(self.documents))

    def to_json(self) -> dict:
        return {
            "format": FORMAT, "version": FORMAT_VERSION, "generation": self.generation,
            "schema_version": SCHEMA_VERSION,
            "tables": {t: [{"path": p, "rows": self.files[t][p]} for p in sorted(self.files[t])]
                       for t in TABLE_NAMES},
            "documents": [self.documents[key].to_json(key) for key in sorted(self.documents)],
        }

    @classmethod
    def from_json(cls, data: dict, where: Path | str) -> Manifest:
        if data.get("format") != FORMAT:
            raise ManifestError(f"{where} is not a formex dataset manifest")
        if data.get("version") != FORMAT_VERSION:
            raise ManifestError(f"{where} has manifest version {data.get('version')}; this formex "
                                f"reads version {FORMAT_VERSION} (upgrade formex)")
        try:
            files = {t: {f["path"]: int(f["rows"]) for f in data["tables"].get(t, [])} for t in TABLE_NAMES}
            documents = {d["source"]: DocEntry(d["sha256"], d["doc_id"], d["status"], d["year"],
                                               list(d["files"]), d.get("duplicate_of"), list(d.get("parts", ())))
                         for d in data["documents"]}
            return cls(int(data["generation"]), files, documents)
        except (KeyError, TypeError, ValueError, AttributeError) as error:   # valid JSON, not a manifest's
            raise ManifestError(f"{where} is damaged (at {error!r}); it is only ever replaced whole, so "
                                "something else wrote it") from error


def manifest_path(out: Path | str) -> Path:
    return Path(out) / STATE_DIR / MANIFEST_NAME


def load_manifest(out: Path | str) -> Manifest | None:
    """The committed manifest of the dataset at `out`; None when there is none."""
    path = manifest_path(out)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ManifestError(f"{path} is damaged ({error}); it is only ever replaced whole, so "
                            f"something else wrote it") from error
    return Manifest.from_json(data, path)


def save_manifest(out: Path, manifest: Manifest) -> None:
    """Commit: write the manifest beside the old one, flush it to disk, rename over it."""
    path = manifest_path(out)
    tmp = path.with_name(f".{MANIFEST_NAME}.tmp")
    data = json.dumps(manifest.to_json(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
