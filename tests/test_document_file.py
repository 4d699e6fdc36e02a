"""Saved documents (formex.schemas.document_file): every sample's Document, and odd
generated ones, come back exactly as written; a file of another format version, or a
damaged one, is refused with a typed error that says where."""
from __future__ import annotations

import codecs
import gzip
import json
import math
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from formex.extract.readers import read_document
from formex.runner import iter_input_files
from formex.schemas.document import SOURCE_FORMATS, Cell, Document, Issue, Row
from formex.schemas.document_file import (FORMAT_VERSION, document_to_jsonl, jsonl_to_document,
                                          read_document_file, write_document_file)
from formex.schemas.errors import DocumentFileError, DocumentVersionError
from tests.conftest import SAMPLES, SEED_FILE

SAMPLE_INPUTS = list(iter_input_files([SAMPLES]))
SEED_BYTES = SEED_FILE.read_bytes()
SEED_VARIANTS = {  # reader outcomes the samples do not show: other encodings, an issue
    "gb18030": SEED_BYTES.decode("utf-8").encode("gb18030"),
    "utf-8-bom": codecs.BOM_UTF8 + SEED_BYTES,
    "damaged-byte": SEED_BYTES[:400] + b"\xff" + SEED_BYTES[400:],
}


def round_trip(doc: Document, path) -> Document:
    write_document_file(path, doc, extractor_version="test")
    return read_document_file(path)


@pytest.mark.parametrize("item", SAMPLE_INPUTS, ids=[i.source_path for i in SAMPLE_INPUTS])
def test_every_sample_round_trips(item, tmp_path):
    doc = read_document(item.path.read_bytes(), item.source_path)
    assert doc.rows
    if doc.source_format == "text":  # only text readers keep the decoded text
        assert doc.raw_text and doc.encoding
    for name in ("doc.jsonl.gz", "doc.jsonl"):
        back = round_trip(doc, tmp_path / name)
        assert back == doc
        assert [r.cells for r in back.rows] == [r.cells for r in doc.rows]  # tuples stay tuples
    assert (tmp_path / "doc.jsonl.gz").read_bytes()[:2] == b"\x1f\x8b"
    assert gzip.decompress((tmp_path / "doc.jsonl.gz").read_bytes()) == (tmp_path / "doc.jsonl").read_bytes()


def test_there_are_samples_to_round_trip():
    assert len(SAMPLE_INPUTS) >= 9


@pytest.mark.parametrize("variant", sorted(SEED_VARIANTS))
def test_encodings_and_reader_issues_round_trip(variant, tmp_path):
    doc = read_document(SEED_VARIANTS[variant], "seed.txt")
    assert doc == round_trip(doc, tmp_path / "doc.jsonl.gz")
    if variant == "damaged-byte":
        assert [i.code for i in doc.issues] == ["encoding_lossy"]
    else:
        assert doc.encoding in {"gb18030", "utf-8-sig"}


def test_saving_is_deterministic_and_loses_nothing_between_saves(tmp_path):
    doc = read_document(SEED_BYTES, "seed.txt")
    first = write_document_file(tmp_path / "a.jsonl.gz", doc).read_bytes()
    second = write_document_file(tmp_path / "b.jsonl.gz", read_document_file(tmp_path / "a.jsonl.gz"))
    assert first == second.read_bytes()
    assert first[4:8] == b"\0\0\0\0"  # no timestamp in the gzip header
    assert not list(tmp_path.glob(".*"))  # no temporary file left behind


def test_file_layout_is_the_documented_one(tmp_path):
    doc = read_document(SEED_BYTES, "seed.txt")
    lines = document_to_jsonl(doc, extractor_version="9.9").decode("utf-8").split("\n")
    header = json.loads(lines[0])
    assert header["format"] == "formex-document" and header["version"] == FORMAT_VERSION == 1
    assert header["extractor_version"] == "9.9" and header["n_rows"] == len(doc.rows)
    assert list(header)[-1] == "raw_text"  # metadata first, for `zcat | head`
    assert lines[-1] == "" and len(lines) == len(doc.rows) + 2
    row = json.loads(next(line for line in lines[1:] if "\\\\geq" in line))
    cell = next(c for c in row["cells"] if "raw" in c)
    assert cell["raw"].startswith("$\\geq") and cell["text"].startswith("≥")
    assert set(row) == {"index", "page", "source_ref", "cells"}
    assert all(set(c) <= {"col", "text", "raw"} for c in row["cells"])  # defaults left out


ODD_TEXTS = ["", " ", "\n", "\r\n", "a\rb", "\x00", "\t", "\u2028", "\u2029", "\ufeff", "\ud800",
             "\udfff x", "😀", "\U0010ffff", '"', "\\", "\\u0041", "\x7f", "预算\n情况", "{}", "null"]


def odd_document() -> Document:
    rows = []
    for i, text in enumerate(ODD_TEXTS):
        cells = (Cell(text, text, 0, source_ref=f"line {i}"),
                 Cell(text.upper(), f"<b>{text}</b>", 1, rowspan=3, colspan=2, source_ref="",
                      page=i + 1, bbox=(0, -1.5, 1e-300, 1.7976931348623157e308)),
                 Cell("", text, 3, source_ref=text, page=None, bbox=(1, 2, 3, 4)))
        rows.append(Row(i, cells, 2, f"line {i}"))
    rows.append(Row(99, (), 1, ""))
    return Document("d" * 64, "目录/表 一.txt", "pdf", rows, spans_known=True, raw_text=None,
                    encoding=None, issues=[Issue("info", "x", "\ud800\n", field=None, source_ref="")])


def test_odd_text_round_trips_and_the_file_stays_utf8(tmp_path):
    doc = odd_document()
    data = document_to_jsonl(doc)
    data.decode("utf-8")  # strict: lone surrogates are escaped, not written raw
    assert data.count(b"\n") == len(doc.rows) + 1
    back = round_trip(doc, tmp_path / "odd.jsonl.gz")
    assert back == doc
    cell = back.rows[0].cells[1]
    assert cell.bbox == (0, -1.5, 1e-300, 1.7976931348623157e308) and type(cell.bbox[0]) is int


def test_documents_and_cells_pickle(tmp_path):
    """A parallel batch runner sends documents between processes."""
    doc = odd_document()
    assert pickle.loads(pickle.dumps(doc)) == doc


texts = st.text(st.characters(exclude_categories=()), max_size=12)
maybe_texts = st.none() | texts
numbers = st.integers(-10**6, 10**6) | st.floats(allow_nan=False, allow_infinity=False)
cells = st.builds(Cell, text=texts, raw=texts, col=st.integers(0, 40),
                  rowspan=st.integers(1, 9), colspan=st.integers(1, 9),
                  source_ref=texts | st.just("line 1"), page=st.none() | st.integers(1, 500),
                  bbox=st.none() | st.tuples(numbers, numbers, numbers, numbers))
rows = st.builds(Row, index=st.integers(0, 10**6), cells=st.lists(cells, max_size=5).map(tuple),
                 page=st.integers(1, 500), source_ref=st.just("line 1") | texts)
issues = st.builds(Issue, severity=st.sampled_from(["error", "warning", "info"]), code=texts,
                   message=texts, field=maybe_texts, source_ref=maybe_texts)
documents = st.builds(Document, doc_id=texts, source_path=texts,
                      source_format=st.sampled_from(sorted(SOURCE_FORMATS)),
                      rows=st.lists(rows, max_size=6), spans_known=st.booleans(),
                      raw_text=maybe_texts, encoding=maybe_texts, issues=st.lists(issues, max_size=3))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_documents_round_trip(doc):
    data = document_to_jsonl(doc)
    data.decode("utf-8")
    assert jsonl_to_document(data) == doc
    assert jsonl_to_document(gzip.decompress(gzip.compress(data))) == doc


# ---------------------------------------------------------------- refusals

def saved_seed_lines(tmp_path) -> tuple[list[dict], object]:
    path = write_document_file(tmp_path / "seed.jsonl", read_document(SEED_BYTES, "seed.txt"))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()], path


def rewrite(path, lines: list[dict]) -> None:
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                    encoding="utf-8")


@pytest.mark.parametrize("version", [2, 0, "1", True, None])
def test_an_unknown_version_is_refused(version, tmp_path):
    lines, path = saved_seed_lines(tmp_path)
    lines[0]["version"] = version
    del lines[0]["raw_text"]  # a later version may look different: the version is checked first
    rewrite(path, lines)
    with pytest.raises(DocumentVersionError) as caught:
        read_document_file(path)
    assert caught.value.version == version and caught.value.supported == (1,)
    assert str(path) in str(caught.value) and f"version {version!r}" in str(caught.value)
    assert isinstance(caught.value, DocumentFileError)


@pytest.mark.parametrize("data, problem", [
    (b"", "empty file"),
    (b"PAR1\x00\x00binary", "not valid JSON"),
    (b'{"a": 1}\n', "not a formex saved document"),
    (b"[1, 2]\n", "expected a JSON object"),
    (b"\x1f\x8b\x08\x00\x00", "not a readable gzip file"),
])
def test_a_file_that_is_not_a_saved_document_is_refused(data, problem, tmp_path):
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(data)
    with pytest.raises(DocumentFileError, match=problem) as caught:
        read_document_file(path)
    assert not isinstance(caught.value, DocumentVersionError)


def test_a_truncated_gzip_file_is_refused(tmp_path):
    path = write_document_file(tmp_path / "seed.jsonl.gz", read_document(SEED_BYTES, "seed.txt"))
    path.write_bytes(path.read_bytes()[:-40])
    with pytest.raises(DocumentFileError, match="truncated"):
        read_document_file(path)


def edit_row_cell(lines, key, value):
    lines[5]["cells"][0][key] = value


def edit_header(key, value):
    return lambda lines: lines[0].__setitem__(key, value)


@pytest.mark.parametrize("edit, line, problem", [
    (lambda lines: lines.pop(7), None, "announces 109 rows but the file has 108"),
    (lambda lines: lines.append(lines[3]), None, "announces 109 rows but the file has 110"),
    (lambda lines: edit_row_cell(lines, "colour", "red"), 6, "unknown key.*'colour' in a cell"),
    (lambda lines: edit_row_cell(lines, "col", "1"), 6, "cell 'col' must be int"),
    (lambda lines: edit_row_cell(lines, "col", True), 6, "cell 'col' must be int"),
    (lambda lines: edit_row_cell(lines, "bbox", [1, 2, 3]), 6, "bbox' must be 4 numbers"),
    (lambda lines: edit_row_cell(lines, "bbox", [1, 2, 3, "4"]), 6, "bbox' must be 4 numbers"),
    (lambda lines: edit_row_cell(lines, "page", 1.0), 6, "cell 'page' must be int or null"),
    (lambda lines: lines[5]["cells"][0].pop("text"), 6, "cell 'text' is missing"),
    (lambda lines: lines[5]["cells"].append("x"), 6, "a cell must be an object"),
    (lambda lines: lines[5].pop("page"), 6, "row 'page' is missing"),
    (edit_header("source_format", "pptx"), 1, "source_format 'pptx' is not one of"),
    (edit_header("spans_known", 0), 1, "'spans_known' must be bool"),
    (edit_header("issues", [{"severity": "fatal", "code": "x", "message": "m", "field": None,
                             "source_ref": None}]), 1, "severity 'fatal' is not one of"),
    (edit_header("rows", []), 1, "unknown key.*'rows'"),
])
def test_a_damaged_file_is_refused_saying_where(edit, line, problem, tmp_path):
    lines, path = saved_seed_lines(tmp_path)
    edit(lines)
    rewrite(path, lines)
    with pytest.raises(DocumentFileError, match=problem) as caught:
        read_document_file(path)
    assert caught.value.line == line and caught.value.path == str(path)


def test_an_unsaveable_number_is_refused_when_saving(tmp_path):
    doc = read_document(SEED_BYTES, "seed.txt")
    row = doc.rows[3]
    doc.rows[3] = Row(row.index, (Cell("x", "x", 0, bbox=(0, 0, math.nan, 1)),), row.page, row.source_ref)
    with pytest.raises(DocumentFileError, match="NaN") as caught:
        write_document_file(tmp_path / "seed.jsonl.gz", doc)
    assert caught.value.line == 5 and caught.value.path == "seed.txt"
    assert not list(tmp_path.iterdir())
