"""Save a Document to a file and load it back exactly, so that a later run can normalize
it again (after a vocabulary fix) without reading or OCR'ing its source file.

The file is JSON Lines, UTF-8, gzip-compressed when its name ends in `.gz`
(`<doc_id>.jsonl.gz`; `zcat FILE | jq .` reads it). Format version 1:

- line 1, the header: `{"format": "formex-document", "version": 1, "extractor_version":
  "0.2.0", "doc_id": …, "source_path": …, "source_format": "text", "spans_known": false,
  "encoding": "utf-8", "n_rows": 109, "issues": [{"severity": …, "code": …, "message": …,
  "field": …, "source_ref": …}], "raw_text": "…"}` (`extractor_version` records which
  formex read the document and is not part of the Document);
- then one line per Row, in order: `{"index": 84, "page": 1, "source_ref": "line 84",
  "cells": [{"col": 0, "text": "…"}, {"col": 1, "text": "≥95%", "raw": "$\\\\geq 95\\\\%$"}]}`.

A cell key that is absent takes its default: `raw` = `text`, `rowspan` = `colspan` = 1,
`source_ref` = the row's, `page` = `bbox` = null; `bbox` is `[x0, top, x1, bottom]`.
Text is written as UTF-8; a line holding a lone surrogate (never produced by our
readers) is written with `\\u` escapes instead, so files stay valid UTF-8 and still
round-trip. Writing is deterministic (no timestamp in the gzip header) and atomic (a
temporary file renamed into place).

Loading checks the header first and raises DocumentVersionError for a version it does
not read, and DocumentFileError (file, line, what) for anything malformed: unknown keys,
wrong types, a missing or extra row.
"""
from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path

from formex.schemas.document import SEVERITIES, SOURCE_FORMATS, Cell, Document, Issue, Row
from formex.schemas.errors import DocumentFileError, DocumentVersionError

FORMAT_NAME = "formex-document"
FORMAT_VERSION = 1
READABLE_VERSIONS = (1,)
DOCUMENT_FILE_SUFFIX = ".jsonl.gz"
GZIP_MAGIC = b"\x1f\x8b"
COMPRESS_LEVEL = 6

HEADER_KEYS = frozenset({"format", "version", "extractor_version", "doc_id", "source_path",
                         "source_format", "spans_known", "encoding", "n_rows", "issues",
                         "raw_text"})
ISSUE_KEYS = frozenset({"severity", "code", "message", "field", "source_ref"})
ROW_KEYS = frozenset({"index", "page", "source_ref", "cells"})
CELL_KEYS = frozenset({"col", "text", "raw", "rowspan", "colspan", "source_ref", "page", "bbox"})
REQUIRED = object()


# ---------------------------------------------------------------- writing

def document_to_jsonl(doc: Document, *, extractor_version: str | None = None) -> bytes:
    """The document as JSON Lines bytes (uncompressed)."""
    header = {"format": FORMAT_NAME, "version": FORMAT_VERSION,
              "extractor_version": extractor_version, "doc_id": doc.doc_id,
              "source_path": doc.source_path, "source_format": doc.source_format,
              "spans_known": doc.spans_known, "encoding": doc.encoding, "n_rows": len(doc.rows),
              "issues": [issue_to_json(issue) for issue in doc.issues], "raw_text": doc.raw_text}
    lines = [json_line(header, doc, 1)]
    lines += [json_line(row_to_json(row), doc, number)
              for number, row in enumerate(doc.rows, start=2)]
    return b"".join(lines)


def issue_to_json(issue: Issue) -> dict:
    return {"severity": issue.severity, "code": issue.code, "message": issue.message,
            "field": issue.field, "source_ref": issue.source_ref}


def row_to_json(row: Row) -> dict:
    ref = row.source_ref
    return {"index": row.index, "page": row.page, "source_ref": ref,
            "cells": [cell_to_json(cell, ref) for cell in row.cells]}


def cell_to_json(cell: Cell, row_ref: str) -> dict:
    """Only what differs from the defaults (see the module docstring)."""
    out = {"col": cell.col, "text": cell.text}
    if cell.raw != cell.text:
        out["raw"] = cell.raw
    if cell.rowspan != 1:
        out["rowspan"] = cell.rowspan
    if cell.colspan != 1:
        out["colspan"] = cell.colspan
    if cell.source_ref != row_ref:
        out["source_ref"] = cell.source_ref
    if cell.page is not None:
        out["page"] = cell.page
    if cell.bbox is not None:
        out["bbox"] = list(cell.bbox)
    return out


def json_line(obj: dict, doc: Document, number: int) -> bytes:
    try:
        text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except ValueError as error:  # NaN or infinity
        raise DocumentFileError(doc.source_path, number, f"cannot save the document: {error} "
                                "(a bbox or number that is NaN or infinite?)") from None
    try:
        return (text + "\n").encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: escape this line, keep the file UTF-8
        return (json.dumps(obj, ensure_ascii=True, separators=(",", ":")) + "\n").encode("ascii")


def write_document_file(path: str | Path, doc: Document, *,
                        extractor_version: str | None = None) -> Path:
    """Save `doc` at `path` (gzip when the name ends in `.gz`), replacing any file there
    only once the new one is complete. Returns the path."""
    path = Path(path)
    data = document_to_jsonl(doc, extractor_version=extractor_version)
    if path.name.endswith(".gz"):
        data = gzip.compress(data, compresslevel=COMPRESS_LEVEL, mtime=0)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


# ---------------------------------------------------------------- reading

def read_document_file(path: str | Path) -> Document:
    """Load a document saved by `write_document_file` (gzip or plain, by content)."""
    data = Path(path).read_bytes()
    if data.startswith(GZIP_MAGIC):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as error:
            raise DocumentFileError(str(path), None, f"not a readable gzip file "
                                    f"(truncated or damaged?): {error}") from None
    return jsonl_to_document(data, str(path))


def jsonl_to_document(data: bytes, path: str = "<bytes>") -> Document:
    """The Document in JSON Lines bytes; `path` names the file in error messages."""
    lines = data.split(b"\n")
    if lines[-1] == b"":
        lines.pop()
    if not lines:
        raise DocumentFileError(path, None, "empty file, not a formex saved document")
    header = parse_line(lines[0], path, 1)
    if header.get("format") != FORMAT_NAME:
        raise DocumentFileError(path, 1, f"not a formex saved document (the first line has no "
                                f'"format": "{FORMAT_NAME}")')
    version = header.get("version")
    if type(version) is not int or version not in READABLE_VERSIONS:
        raise DocumentVersionError(path, version, READABLE_VERSIONS)
    where = (path, 1)
    check_keys(header, HEADER_KEYS, where)
    take(header, "extractor_version", (str, type(None)), where)
    source_format = take(header, "source_format", (str,), where)
    if source_format not in SOURCE_FORMATS:
        raise DocumentFileError(path, 1, f"source_format {source_format!r} is not one of "
                                f"{', '.join(sorted(SOURCE_FORMATS))}")
    n_rows = take(header, "n_rows", (int,), where)
    if len(lines) - 1 != n_rows:
        raise DocumentFileError(path, None, f"the header announces {n_rows} rows but the file "
                                f"has {len(lines) - 1} (truncated or edited?)")
    issues = take(header, "issues", (list,), where)
    return Document(
        doc_id=take(header, "doc_id", (str,), where),
        source_path=take(header, "source_path", (str,), where),
        source_format=source_format,
        rows=[json_to_row(parse_line(line, path, number), (path, number))
              for number, line in enumerate(lines[1:], start=2)],
        spans_known=take(header, "spans_known", (bool,), where),
        raw_text=take(header, "raw_text", (str, type(None)), where),
        encoding=take(header, "encoding", (str, type(None)), where),
        issues=[json_to_issue(issue, where) for issue in issues])


def parse_line(line: bytes, path: str, number: int) -> dict:
    try:
        obj = json.loads(line)
    except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
        raise DocumentFileError(path, number, f"not valid JSON: {error}") from None
    if type(obj) is not dict:
        raise DocumentFileError(path, number, f"expected a JSON object, found {type(obj).__name__}")
    return obj


def check_keys(obj: dict, allowed: frozenset, where: tuple[str, int], what: str = "") -> None:
    unknown = obj.keys() - allowed
    if unknown:
        raise DocumentFileError(*where, f"unknown key(s) {', '.join(sorted(map(repr, unknown)))}"
                                f"{' in ' + what if what else ''}; allowed: {', '.join(sorted(allowed))}")


def take(obj: dict, key: str, kinds: tuple[type, ...], where: tuple[str, int], what: str = "",
         default=REQUIRED):
    """obj[key], checked to be exactly one of `kinds` (so `true` is not an int)."""
    if key not in obj:
        if default is REQUIRED:
            raise DocumentFileError(*where, f"{what + ' ' if what else ''}{key!r} is missing")
        return default
    value = obj[key]
    if type(value) not in kinds:
        names = " or ".join("null" if k is type(None) else k.__name__ for k in kinds)
        raise DocumentFileError(*where, f"{what + ' ' if what else ''}{key!r} must be {names}, "
                                f"found {value!r:.60}")
    return value


def json_to_issue(obj, where: tuple[str, int]) -> Issue:
    if type(obj) is not dict:
        raise DocumentFileError(*where, f"an issue must be an object, found {obj!r:.60}")
    check_keys(obj, ISSUE_KEYS, where, "an issue")
    severity = take(obj, "severity", (str,), where, "issue")
    if severity not in SEVERITIES:
        raise DocumentFileError(*where, f"issue severity {severity!r} is not one of "
                                f"{', '.join(sorted(SEVERITIES))}")
    optional = (str, type(None))
    return Issue(severity, take(obj, "code", (str,), where, "issue"),
                 take(obj, "message", (str,), where, "issue"),
                 field=take(obj, "field", optional, where, "issue"),
                 source_ref=take(obj, "source_ref", optional, where, "issue"))


def json_to_row(obj: dict, where: tuple[str, int]) -> Row:
    check_keys(obj, ROW_KEYS, where, "a row")
    ref = take(obj, "source_ref", (str,), where, "row")
    cells = take(obj, "cells", (list,), where, "row")
    return Row(take(obj, "index", (int,), where, "row"),
               tuple(json_to_cell(cell, ref, where) for cell in cells),
               take(obj, "page", (int,), where, "row"), ref)


def json_to_cell(obj, row_ref: str, where: tuple[str, int]) -> Cell:
    """The cell, checked in one pass; anything odd goes to `checked_json_to_cell`, which
    says what is wrong (this runs once per cell of every re-normalized document)."""
    if type(obj) is dict and obj.keys() <= CELL_KEYS:
        get = obj.get
        text, col, page, bbox = get("text"), get("col"), get("page"), get("bbox")
        raw, ref = get("raw", text), get("source_ref", row_ref)
        rowspan, colspan = get("rowspan", 1), get("colspan", 1)
        if (type(text) is str and type(raw) is str and type(col) is int and type(ref) is str
                and type(rowspan) is int and type(colspan) is int
                and (page is None or type(page) is int)
                and (bbox is None or type(bbox) is list and len(bbox) == 4
                     and all(type(v) is float or type(v) is int for v in bbox))):
            return Cell(text, raw, col, rowspan, colspan, ref, page,
                        None if bbox is None else tuple(bbox))
    return checked_json_to_cell(obj, row_ref, where)


def checked_json_to_cell(obj, row_ref: str, where: tuple[str, int]) -> Cell:
    if type(obj) is not dict:
        raise DocumentFileError(*where, f"a cell must be an object, found {obj!r:.60}")
    check_keys(obj, CELL_KEYS, where, "a cell")
    text = take(obj, "text", (str,), where, "cell")
    bbox = take(obj, "bbox", (list,), where, "cell", None)
    if bbox is not None:
        if len(bbox) != 4 or any(type(v) not in (int, float) for v in bbox):
            raise DocumentFileError(*where, f"cell 'bbox' must be 4 numbers, found {bbox!r:.60}")
        bbox = tuple(bbox)
    return Cell(text, take(obj, "raw", (str,), where, "cell", text),
                take(obj, "col", (int,), where, "cell"),
                take(obj, "rowspan", (int,), where, "cell", 1),
                take(obj, "colspan", (int,), where, "cell", 1),
                take(obj, "source_ref", (str,), where, "cell", row_ref),
                take(obj, "page", (int, type(None)), where, "cell", None), bbox)
