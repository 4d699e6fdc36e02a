"""A chunk's rows become Arrow together (`run_chunk`'s `fill_arrow`), and each document
comes out as `run_task` gives it alone: same tables, same status, same failure."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from formex import document_task
from formex.document_task import Task, run_chunk, run_task
from formex.extract.readers import doc_id_of

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample_tasks() -> list[Task]:
    paths = sorted(SAMPLES.glob("*/*.txt"))[:6]
    tasks = [Task(p.name, doc_id_of(p.read_bytes()), p.read_bytes()) for p in paths]
    broken = b"%PDF-1.4 no pages"   # fails while read: its failed rows are converted alone
    return tasks + [Task("broken.txt", doc_id_of(b"\x00\x01"), b"\x00\x01 not a form"),
                    Task("broken.pdf", doc_id_of(broken), broken)]


def as_plain(result) -> tuple:
    tables = {t: (a.schema, a.to_pylist()) for t, a in result.arrow.items()}
    return (result.source, result.sha256, result.doc_id, result.year, result.status, result.error,
            result.saved, result.renormalized, tables, [as_plain(p) for p in result.parts])


def test_a_chunk_gives_each_document_its_own_tables():
    tasks = sample_tasks()
    chunk = run_chunk(tasks)
    alone = [run_task(task) for task in tasks]
    assert [as_plain(r) for r in chunk] == [as_plain(r) for r in alone]
    assert all(r.pending is None for r in chunk)
    assert chunk.tables is None   # the broken PDF's failed rows are no slice of the chunk's tables
    sent = pickle.loads(pickle.dumps(chunk))
    assert [as_plain(r) for r in sent] == [as_plain(r) for r in alone]


def test_a_chunk_of_read_documents_sends_its_tables_as_converted():
    tasks = sample_tasks()[:-1]   # the text that is no form fails in normalize: converted with the rest
    chunk = run_chunk(tasks)
    assert chunk.tables is not None and chunk.tables["indicators"].num_rows == \
        sum(r.arrow["indicators"].num_rows for r in chunk if "indicators" in r.arrow)
    sent = pickle.loads(pickle.dumps(chunk))
    assert [as_plain(r) for r in sent] == [as_plain(run_task(task)) for task in tasks]


@pytest.mark.parametrize("bad", [0, 3])
def test_a_document_whose_value_does_not_fit_fails_alone_in_its_chunk(monkeypatch, bad):
    tasks = sample_tasks()
    real = document_task.result_to_records
    target = tasks[bad].sha256

    def too_large(doc_id, *args):
        records = real(doc_id, *args)
        if doc_id == target:
            records.tables["documents"][0]["n_indicators"] = 2 ** 40   # no int32
        return records

    monkeypatch.setattr(document_task, "result_to_records", too_large)
    chunk = run_chunk(tasks)
    alone = [run_task(task) for task in tasks]
    assert [as_plain(r) for r in chunk] == [as_plain(r) for r in alone]
    assert [as_plain(r) for r in pickle.loads(pickle.dumps(chunk))] == [as_plain(r) for r in alone]
    assert chunk.results[bad].status == "failed" and "does not fit its column" in chunk.results[bad].error
    assert sum(r.status == "failed" for r in chunk) == 3   # it, and the broken files
