"""Hostile paths and documents that stall: nothing stops a batch, nothing hangs it.

Each bad input ends as a `failed` row or a reported skip with a reason, and the good
forms beside it load. The paths are built here (FIFOs, links, non-UTF-8 names); a stall
and a memory hog are a reader patched to misbehave in the forked workers.
"""
from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.inputs import Discovery, list_inputs, printable_path
from tests.conftest import SEED_FILE, write_forms


def extract(*args) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["extract", *map(str, args), "--json", "--quiet"])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout) if result.stdout.strip() else {}


def statuses(out) -> dict[str, str]:
    docs = read(out)["documents"]
    return dict(zip(docs["source_path"], docs["status"]))


def test_a_file_name_that_is_not_utf8_is_loaded_under_a_printable_source(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 1)
    name = os.fsdecode(b"form-\xff\xfe.txt")
    (inputs / name).write_bytes(SEED_FILE.read_bytes())
    code, report = extract(inputs, "--out", tmp_path / "out")
    assert code == 0, report
    assert statuses(tmp_path / "out") == {"form-0000.txt": "ok", "form-\\xff\\xfe.txt": "ok"}


def test_a_fifo_given_by_name_or_in_a_folder_is_refused_without_opening_it(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 1)
    os.mkfifo(inputs / "pipe.txt")      # opening it would block until a writer comes
    os.mkfifo(inputs / "pipe.dat")      # not a form suffix: skipped like any other file
    started = time.monotonic()
    code, report = extract(inputs, "--out", tmp_path / "out")
    assert code == 1 and time.monotonic() - started < 60
    assert statuses(tmp_path / "out") == {"form-0000.txt": "ok", "pipe.txt": "failed"}
    assert report["failed"] == [{"source": "pipe.txt",
                                 "error": "a FIFO (named pipe), not a regular file: not opened"}]
    assert report["ignored"] == ["pipe.dat"]
    code, report = extract(inputs / "pipe.txt", "--out", tmp_path / "out2")
    assert code == 1 and report["failed"][0]["error"].startswith("a FIFO")


def test_a_device_given_by_name_is_refused(tmp_path):
    code, report = extract("/dev/zero", "--out", tmp_path / "out")   # reading it never ends
    assert code == 1
    assert report["failed"] == [{"source": "/dev/zero", "error": "a character device, not a regular file: not opened"}]


def test_links_out_of_the_root_are_not_followed_unless_asked(tmp_path):
    inputs, outside = tmp_path / "in", tmp_path / "outside"
    write_forms(inputs, 1)
    write_forms(outside, 2, start=5)
    (inputs / "inside-link.txt").symlink_to(inputs / "form-0000.txt")   # a copy: a duplicate
    (inputs / "file-link.txt").symlink_to(outside / "form-0005.txt")
    (inputs / "folder-link").symlink_to(outside)
    (inputs / "loop").symlink_to(inputs)
    (inputs / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    code, report = extract(inputs, "--out", tmp_path / "out")
    assert code == 0
    assert sorted(statuses(tmp_path / "out")) == ["form-0000.txt"]
    assert report["duplicates"] == [{"source": "inside-link.txt", "same_bytes_as": "form-0000.txt"}]
    excluded = {e["path"]: e["why"] for e in report["excluded"]}
    assert sorted(excluded) == ["broken.txt", "file-link.txt", "folder-link"]
    assert excluded["file-link.txt"].startswith(f"a link to {outside / 'form-0005.txt'}, outside")
    code, report = extract(inputs, "--out", tmp_path / "followed", "--follow-links")
    assert sorted(statuses(tmp_path / "followed")) == [
        "file-link.txt", "folder-link/form-0006.txt", "form-0000.txt"]
    assert [d["source"] for d in report["duplicates"]] == ["folder-link/form-0005.txt", "inside-link.txt"]
    assert [e["path"] for e in report["excluded"]] == ["broken.txt"]


def test_a_folder_that_cannot_be_entered_is_reported_and_the_rest_loads(tmp_path, monkeypatch):
    # the tests may run as root, whom `chmod 644` does not stop: the listing is refused here
    inputs = tmp_path / "in"
    write_forms(inputs, 1)
    write_forms(inputs / "locked", 2, start=3)
    real_scandir = os.scandir

    def scandir(path):
        if not isinstance(path, int) and os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, report = extract(inputs, "--out", tmp_path / "out")
    assert code == 1        # documents may be missing: not an all-clear
    assert statuses(tmp_path / "out") == {"form-0000.txt": "ok"}
    assert report["unreadable_folders"] == [{"path": str(inputs / "locked"), "why": "Permission denied"}]


def test_discovery_reports_without_raising(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 1)
    os.mkfifo(inputs / "p.txt")
    found = Discovery()
    items = list_inputs([inputs], found)
    assert [(i.source_path, i.refused is not None) for i in items] == [("form-0000.txt", False), ("p.txt", True)]
    assert printable_path(os.fsdecode(b"\x80/a")) == "\\x80/a"


def slow_on_stall(real):
    def read_document(data, source_path, **kwargs):
        if "stall" in source_path:
            time.sleep(600)
        if "hog" in source_path:
            hog = bytearray(3 * 1024**3)     # over a 1 GiB address space
            hog[-1] = 1
        return real(data, source_path, **kwargs)
    return read_document


OVER_BUDGET = {   # the reasons a stalled and a hogging document fail with, on every engine
    "form-0002-stall.txt": "over the time limit per document: still running after 3 s, stopped (--doc-timeout)",
    "form-0004-hog.txt": "over the memory limit per document (--doc-memory): it needed more memory than allowed"}


def forms_with_a_stall_and_a_hog(tmp_path) -> Path:
    """Six good forms, and two whose names make `slow_on_stall` stall (3 s budget) and hog
    memory (1 GiB budget)."""
    inputs = tmp_path / "in"
    write_forms(inputs, 6)
    (inputs / "form-0002-stall.txt").write_bytes(SEED_FILE.read_bytes())
    (inputs / "form-0004-hog.txt").write_bytes(SEED_FILE.read_bytes() + b"\n")
    return inputs


def assert_only_the_two_failed(code: int, report: dict, out: Path) -> None:
    assert code == 1
    assert {f["source"]: f["error"] for f in report["failed"]} == OVER_BUDGET
    assert report["statuses"]["ok"] == 6
    assert list(statuses(out).values()).count("ok") == 6


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_over_its_time_or_memory_budget_fails_alone(tmp_path, monkeypatch, workers):
    from formex import document_task

    monkeypatch.setattr(document_task, "read_document", slow_on_stall(document_task.read_document))
    inputs = forms_with_a_stall_and_a_hog(tmp_path)
    started = time.monotonic()
    code, report = extract(inputs, "--out", tmp_path / "out", "--workers", workers, "--doc-timeout", 3,
                           "--doc-memory", 1024)
    assert time.monotonic() - started < 60
    assert_only_the_two_failed(code, report, tmp_path / "out")


def test_the_python_api_keeps_a_document_budget_when_given_one(tmp_path, monkeypatch):
    """`formex.extract_tables(..., doc_timeout=, doc_memory=)` reads each document in a
    worker within the budget, as `formex extract` does: the stalled and the hogging file
    are failed rows naming the limit, the others load."""
    import formex
    from formex import document_task

    monkeypatch.setattr(document_task, "read_document", slow_on_stall(document_task.read_document))
    inputs = forms_with_a_stall_and_a_hog(tmp_path)
    started = time.monotonic()
    tables = formex.extract_tables(inputs, doc_timeout=3, doc_memory=1024)
    assert time.monotonic() - started < 60
    documents = tables["documents"].set_index("source_path")
    assert documents["error"].dropna().to_dict() == OVER_BUDGET
    assert (documents["status"] == "ok").sum() == 6


HOOKS = os.path.join(os.path.dirname(__file__), "hooks")   # a test-only sitecustomize (see it)


def hostile_reader_everywhere(monkeypatch) -> None:
    """Processes started from now on (Dask workers and the worker processes they start)
    read "stall" and "hog" sources as `slow_on_stall` does: a monkeypatch in this
    process would not reach them."""
    monkeypatch.setenv("FORMEX_TEST_HOSTILE_READER", "1")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (HOOKS, os.environ.get("PYTHONPATH")) if p))


@pytest.mark.parametrize("cluster", ["own", "scheduler"])
def test_on_dask_a_document_over_its_time_or_memory_budget_fails_alone(tmp_path, monkeypatch, cluster):
    """`--engine dask` (a LocalCluster of one worker) and `--scheduler ADDRESS` keep the
    document budget as the local engine does: the stalled and the hogging file are failed
    rows with the same reasons, the rest of their chunk loads, nothing hangs."""
    from distributed import LocalCluster

    hostile_reader_everywhere(monkeypatch)
    inputs = forms_with_a_stall_and_a_hog(tmp_path)
    started = time.monotonic()
    args = (inputs, "--out", tmp_path / "out", "--doc-timeout", 3, "--doc-memory", 1024)
    if cluster == "own":
        code, report = extract(*args, "--engine", "dask", "--workers", 1)
    else:
        with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as running:
            code, report = extract(*args, "--scheduler", running.scheduler_address)
    assert time.monotonic() - started < 60
    assert report["engine"] == "dask"
    assert_only_the_two_failed(code, report, tmp_path / "out")


def test_on_dask_without_limits_documents_run_in_the_dask_worker():
    """`--doc-timeout 0 --doc-memory 0` on Dask: no worker processes of the Dask worker's own."""
    from formex.engines import open_engine
    from formex.isolation import DocBudget

    assert open_engine("dask", 1, budget=DocBudget(None, None)).budget is None
    assert open_engine("dask", 1).budget == DocBudget()
    assert open_engine("dask", 1, scheduler="tcp://x:1", budget=DocBudget(5, None)).budget == DocBudget(5, None)


def test_a_worker_that_dies_costs_only_its_document(tmp_path, monkeypatch):
    from formex import document_task

    real = document_task.read_document

    def die(data, source_path, **kwargs):
        if "crash" in source_path:
            os.kill(os.getpid(), 9)     # as the OOM killer would
        return real(data, source_path, **kwargs)

    monkeypatch.setattr(document_task, "read_document", die)
    inputs = tmp_path / "in"
    write_forms(inputs, 20)
    (inputs / "form-0010-crash.txt").write_bytes(SEED_FILE.read_bytes())
    code, report = extract(inputs, "--out", tmp_path / "out", "--workers", 2, "--doc-memory", 2048)
    assert code == 1
    assert report["failed"] == [{"source": "form-0010-crash.txt", "error": (
        "the worker process reading it was killed by SIGKILL; it may have gone over the memory limit per "
        "document of 2048 MiB (--doc-memory)")}]
    assert report["statuses"]["ok"] == 20


def test_budgets_are_validated():
    from formex.isolation import BudgetInvalid, DocBudget

    with pytest.raises(BudgetInvalid, match="seconds must be a positive number"):
        DocBudget(seconds=-1)
    assert DocBudget(None, None).unlimited


@pytest.mark.parametrize("command", ["show", "explain"])
def test_show_and_explain_refuse_a_fifo_without_blocking(tmp_path, command):
    os.mkfifo(tmp_path / "pipe.txt")
    result = CliRunner().invoke(app, [command, str(tmp_path / "pipe.txt")])
    assert "a FIFO (named pipe), not a regular file" in result.output and "Traceback" not in result.output


def test_a_worker_that_died_while_idle_is_replaced_and_nothing_is_lost(tmp_path):
    import signal

    from formex.isolation import IsolatedEngine
    from formex.runner import RunSettings, run_extract

    write_forms(tmp_path / "in", 20)
    with IsolatedEngine(1) as engine:
        os.kill(engine.pool[0].process.pid, signal.SIGKILL)
        engine.pool[0].process.join()
        summary = run_extract([tmp_path / "in"], tmp_path / "out", RunSettings(), engine=engine)
    assert summary.statuses["ok"] == 20 and engine.replaced == 1
