"""The overrides file: a reviewer's corrections, kept beside the dataset so that every
later run applies them (`formex review apply` writes it; the runner reads it).

`OUT/_formex/overrides.jsonl`, UTF-8 JSON Lines, one correction per line, sorted by key:

    {"source_path": "a/b.txt", "table": "indicators", "row": "line 84",
     "anchor": {"level3": "…", "target_raw": "≥95%"}, "doc_id": "…",
     "set": {"level2": "社会效益指标"}, "from": "review.csv"}

- the key is (`source_path`, `table`, `row`): the source as the manifest records it, and
  the row's provenance (`source_ref`, with `#2`, `#3` … for a second row read from the
  same place; `""` for the one `forms` row of a document), never a row number;
- `anchor` holds what the row said when it was reviewed, before any correction: a row
  whose line moved (the source was edited) is found again by it; `doc_id` is the version
  reviewed;
- `set` holds the corrected columns in JSON form (decimals and dates as strings, null to
  empty a column); an empty `set` records a row confirmed as read;
- `from` names the file the correction came from.

`OUT/_formex/overrides-loaded.json` records, per source, a digest of the corrections its
rows in the dataset carry; a source whose corrections changed since is extracted again by
the next run even when its bytes did not change. Written after a run's last commit: a run
killed before leaves sources to redo, never a correction unapplied.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from formex.committer import DatasetError
from formex.manifest import STATE_DIR

OVERRIDES_NAME = "overrides.jsonl"
LOADED_NAME = "overrides-loaded.json"
FORMS_ROW = ""       # the `row` of a forms correction: a document has one forms row
ROW_KEYS = {"source_path", "table", "row", "anchor", "doc_id", "set", "from"}


class OverridesError(DatasetError):
    """The overrides file cannot be read: names the file and line (a run stops, exit 3)."""


@dataclass(frozen=True)
class Override:
    source_path: str
    table: str                       # indicators, tasks or forms
    row: str                         # source_ref (#k when repeated); FORMS_ROW for forms
    anchor: tuple[tuple[str, str | None], ...] = ()
    doc_id: str | None = None
    values: tuple[tuple[str, object], ...] = ()    # column -> corrected value (JSON form)
    recorded_by: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return self.source_path, self.table, self.row

    def to_json(self) -> dict:
        return {"source_path": self.source_path, "table": self.table, "row": self.row,
                "anchor": dict(self.anchor), "doc_id": self.doc_id, "set": dict(self.values),
                "from": self.recorded_by}


def json_to_override(data: dict) -> Override:
    return Override(data["source_path"], data["table"], data["row"], tuple(sorted(data["anchor"].items())),
                    data.get("doc_id"), tuple(data["set"].items()), data["from"])


def overrides_path(out: Path) -> Path:
    return Path(out) / STATE_DIR / OVERRIDES_NAME


def load_overrides(path: Path) -> list[Override]:
    """Every correction in the file (none when it does not exist)."""
    if not path.is_file():
        return []
    overrides = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            if not isinstance(data, dict) or set(data) != ROW_KEYS:
                raise ValueError(f"expected the keys {', '.join(sorted(ROW_KEYS))}")
            overrides.append(json_to_override(data))
        except (ValueError, TypeError, AttributeError) as error:
            raise OverridesError(f"{path}, line {number}: {error}") from None
    return overrides


def merge_overrides(old: list[Override], new: list[Override]) -> list[Override]:
    """`old` with `new` recorded over it: a key corrected again takes the newer values
    column by column, and the anchor the new correction carries (`review_csv` gives it
    the first one, what the row said before any correction, unless that one found no row
    and the row was read afresh; with it, the document it was read from). Sorted by key,
    so the file does not depend on the order of reviews."""
    merged = {o.key: o for o in old}
    for override in new:
        before = merged.get(override.key)
        if before is not None:
            values = dict(before.values) | dict(override.values)
            anchor = override.anchor or before.anchor
            doc_id = override.doc_id if anchor != before.anchor else (before.doc_id or override.doc_id)
            override = Override(*override.key, anchor, doc_id, tuple(values.items()), override.recorded_by)
        merged[override.key] = override
    return [merged[key] for key in sorted(merged)]


def save_overrides(path: Path, overrides: list[Override]) -> None:
    """Write the file atomically (a temporary file renamed over it)."""
    text = "".join(json.dumps(o.to_json(), ensure_ascii=False, sort_keys=True) + "\n" for o in overrides)
    write_atomically(path, text)


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def overrides_digest(overrides: tuple[Override, ...]) -> str:
    """What a source's corrections are, in a few characters; "" for none."""
    if not overrides:
        return ""
    text = "\n".join(json.dumps(o.to_json(), ensure_ascii=False, sort_keys=True) for o in overrides)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class OverrideBook:
    """A run's view of the overrides: the corrections of each source, whether they
    changed since the source's rows were loaded, and which ones this run applied."""

    out: Path
    by_source: dict[str, tuple[Override, ...]] = field(default_factory=dict)
    loaded: dict[str, str] = field(default_factory=dict)      # source -> digest its rows carry
    taken: dict[str, str] = field(default_factory=dict)       # source -> digest sent this run

    @classmethod
    def open(cls, out: Path) -> OverrideBook:
        book = cls(Path(out))
        for override in load_overrides(overrides_path(out)):
            book.by_source[override.source_path] = (*book.by_source.get(override.source_path, ()), override)
        loaded = Path(out) / STATE_DIR / LOADED_NAME
        if loaded.is_file():
            book.loaded = json.loads(loaded.read_text(encoding="utf-8"))
        return book

    def for_source(self, source: str) -> tuple[Override, ...]:
        return self.by_source.get(source, ())

    def changed(self, source: str) -> bool:
        """Its corrections differ from those its rows in the dataset carry."""
        return overrides_digest(self.for_source(source)) != self.loaded.get(source, "")

    def take(self, source: str) -> tuple[Override, ...]:
        """The corrections to apply to `source` now, noted as applied by this run."""
        overrides = self.for_source(source)
        self.taken[source] = overrides_digest(overrides)
        return overrides

    def record_loaded(self) -> None:
        """After the run's last commit: note what the loaded rows carry."""
        if not self.taken:
            return
        loaded = {s: d for s, d in (self.loaded | self.taken).items() if d}
        if loaded != self.loaded:
            write_atomically(self.out / STATE_DIR / LOADED_NAME,
                             json.dumps(loaded, ensure_ascii=False, sort_keys=True, indent=0) + "\n")
            self.loaded = loaded
        self.taken = {}
