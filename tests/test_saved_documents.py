"""`formex extract --keep-documents` saves every document as read, beside the dataset and
out of its readers' way; `formex renormalize` / `formex.renormalize` turn saved documents
into exactly the rows extracting their source files gives, without reading them."""
from __future__ import annotations

import gzip
import json
import shutil

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

import formex
from formex.cli import app
from formex.runner import run_extract
from formex.schemas.tables import TABLE_NAMES
from tests.conftest import SAMPLES, SEED_FILE


def invoke(*args: str):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    return result


def assert_same_tables(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    assert set(got) == set(expected) == set(TABLE_NAMES)
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(got[table], expected[table], check_exact=True, obj=table)


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory):
    """All samples extracted twice: plainly, and keeping their documents."""
    root = tmp_path_factory.mktemp("samples")
    plain, kept = root / "plain", root / "kept"
    assert invoke("extract", SAMPLES, "--out", plain).exit_code == 0
    result = invoke("extract", SAMPLES, "--out", kept, "--keep-documents")
    assert result.exit_code == 0, result.output
    return plain, kept, result.output


def test_renormalizing_a_saved_seed_gives_the_seed_tables_without_its_file(tmp_path):
    source = tmp_path / "in" / SEED_FILE.name
    source.parent.mkdir()
    shutil.copy(SEED_FILE, source)
    out = tmp_path / "out"
    assert invoke("extract", source, "--out", out, "--keep-documents").exit_code == 0
    expected = formex.extract_tables(source)   # source_path: the path as given, as extract recorded it
    source.unlink()  # re-normalizing must not need it
    doc_id = formex.read(out)["documents"].loc[0, "doc_id"]
    saved = out / "_documents" / f"{doc_id}.jsonl.gz"
    assert [p.name for p in (out / "_documents").iterdir()] == [saved.name]

    tables = formex.renormalize(saved)
    assert len(tables["indicators"]) == 83 and len(tables["tasks"]) == 7
    assert len(tables["issues"]) > 0 and tables["documents"].loc[0, "status"] == "ok"
    assert_same_tables(tables, expected)
    assert_same_tables(formex.renormalize(out / "_documents"), expected)


def test_keep_documents_saves_every_sample_and_leaves_the_dataset_alone(samples_out):
    plain, kept, output = samples_out
    documents = formex.read(kept)["documents"]
    saved = sorted(p.name for p in (kept / "_documents").iterdir())
    assert saved == sorted(f"{d}.jsonl.gz" for d in documents["doc_id"]) and len(saved) >= 9
    assert f"saved {len(saved)} document(s) as read" in output
    assert_same_tables(formex.read(kept), formex.read(plain))
    for table in TABLE_NAMES:
        counts = []
        for out in (plain, kept):
            glob = str(out / table / "**" / "*.parquet")
            counts.append(duckdb.connect().execute(
                f"select count(*) from read_parquet('{glob}', hive_partitioning=true)").fetchone()[0])
            counts.append(ds.dataset(out / table, format="parquet", partitioning="hive").count_rows())
        assert len(set(counts)) == 1, (table, counts)
    # the whole output folder as one pyarrow dataset: `_documents` is not part of it
    files = ds.dataset(kept, format="parquet").files
    assert files and not any("_documents" in f for f in files)


def test_renormalize_command_rebuilds_every_sample(samples_out, tmp_path):
    plain, kept, _ = samples_out
    out = tmp_path / "again"
    result = invoke("renormalize", kept / "_documents", "--out", out)
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output and "saved" not in result.output
    assert_same_tables(formex.read(out), formex.read(plain))
    assert not (out / "_documents").exists()


def test_renormalize_in_place_changes_nothing(samples_out, tmp_path):
    """The same rows and the same saved documents (the batch files are rewritten: a
    re-normalized document replaces its rows in a new commit)."""
    from formex.manifest import load_manifest

    _, kept, _ = samples_out
    out = tmp_path / "kept"
    shutil.copytree(kept, out)
    before, saved_before = formex.read(out), {p.name: p.read_bytes() for p in (out / "_documents").iterdir()}
    documents_before = load_manifest(out).documents
    result = invoke("renormalize", out, "--out", out)  # finds OUT/_documents itself
    assert result.exit_code == 0, result.output
    assert_same_tables(formex.read(out), before)
    assert {p.name: p.read_bytes() for p in (out / "_documents").iterdir()} == saved_before
    after = load_manifest(out).documents
    assert {s: (e.sha256, e.doc_id, e.status, e.year) for s, e in after.items()} == \
        {s: (e.sha256, e.doc_id, e.status, e.year) for s, e in documents_before.items()}


def test_what_is_saved_for_failures_and_duplicates(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-seed.txt").write_bytes(SEED_FILE.read_bytes())
    (inputs / "b-same-bytes.txt").write_bytes(SEED_FILE.read_bytes())
    (inputs / "c-not-a-form.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    (inputs / "d-later.docx").write_bytes(b"PK\x03\x04 not really a docx")
    out = tmp_path / "out"
    assert invoke("extract", inputs, "--out", out, "--keep-documents").exit_code == 1   # two failed
    documents = formex.read(out)["documents"].set_index("source_path")
    assert documents["status"].to_dict() == {"a-seed.txt": "ok", "c-not-a-form.txt": "failed",
                                             "d-later.docx": "failed"}
    saved = {formex.schemas.document_file.read_document_file(p).source_path
             for p in (out / "_documents").iterdir()}
    # read but not recognised: saved, for a vocabulary fix; no reader: nothing to save
    assert saved == {"a-seed.txt", "c-not-a-form.txt"}
    again = formex.renormalize(out / "_documents")["documents"].set_index("source_path")
    assert again.loc["c-not-a-form.txt", "error"] == documents.loc["c-not-a-form.txt", "error"]


def test_saved_documents_do_not_change_on_a_rerun(tmp_path):
    out = tmp_path / "out"
    contents = []
    for _ in range(2):
        assert invoke("extract", SEED_FILE, "--out", out, "--keep-documents").exit_code == 0
        contents.append({p.name: p.read_bytes() for p in (out / "_documents").iterdir()})
    assert contents[0] == contents[1] and len(contents[0]) == 1


def test_a_saved_document_of_another_version_stops_renormalize_with_one_line(tmp_path):
    out = tmp_path / "out"
    assert invoke("extract", SEED_FILE, "--out", out, "--keep-documents").exit_code == 0
    (saved,) = (out / "_documents").iterdir()
    lines = gzip.decompress(saved.read_bytes()).split(b"\n")
    header = json.loads(lines[0])
    header["version"] = 2
    lines[0] = json.dumps(header).encode()
    saved.write_bytes(gzip.compress(b"\n".join(lines)))
    result = invoke("renormalize", saved, "--out", tmp_path / "o")
    assert result.exit_code == 1
    assert "format version 2" in result.stderr and saved.name in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) <= 3


def test_keep_documents_needs_an_output_folder():
    from formex.runner import RunSettings

    with pytest.raises(ValueError, match="output folder"):
        run_extract([SEED_FILE], None, RunSettings(keep_documents=True))


def test_a_document_that_cannot_be_saved_fails_alone(tmp_path, monkeypatch):
    """A reader bug (a NaN in a bbox) makes that document a failed row; the batch goes on."""
    import math

    import formex.document_task
    from formex.extract.readers import read_document
    from formex.schemas.document import Cell, Row

    def read_with_nan(data, source_path):
        doc = read_document(data, source_path)
        if source_path.startswith("b"):
            row = doc.rows[0]
            doc.rows[0] = Row(row.index, (Cell("x", "x", 0, bbox=(0, 0, math.nan, 1)),), row.page, row.source_ref)
        return doc

    monkeypatch.setattr(formex.document_task, "read_document", read_with_nan)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_bytes(SEED_FILE.read_bytes())
    (inputs / "b.txt").write_bytes(SEED_FILE.read_bytes() + b"\n")
    out = tmp_path / "out"
    result = invoke("extract", inputs, "--out", out, "--keep-documents")
    assert result.exit_code == 1, result.output   # one failed, the rest loaded
    assert "1 ok, 0 partial, 1 failed" in result.output and "saved 1 document(s)" in result.output
    documents = formex.read(out)["documents"].set_index("source_path")
    assert documents.loc["a.txt", "status"] == "ok"
    assert "cannot save the document" in documents.loc["b.txt", "error"]
    assert len(formex.read(out)["indicators"]) == 83  # only a.txt's rows
    assert len(list((out / "_documents").iterdir())) == 1
