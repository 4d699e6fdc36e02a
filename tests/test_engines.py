"""Engines run the same per-document work and the committer writes the same dataset:
row for row, and here file for file, whatever the engine or the number of workers."""
from __future__ import annotations

import json

import pytest

from formex import read
from formex.committer import BatchPolicy
from formex.engines import ProcessEngine, SerialEngine, open_engine
from formex.isolation import DocBudget, IsolatedEngine
from formex.runner import RunSettings, run_extract
from formex.schemas.tables import TABLE_NAMES
from tests.conftest import write_forms


def mixed_inputs(folder):
    write_forms(folder, 9, years=(2024, 2025, 2026))
    (folder / "broken.txt").write_bytes(b"\x00\x01 not a form")
    (folder / "copy.txt").write_bytes((folder / "form-0003.txt").read_bytes())
    return folder


def dataset_bytes(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.parquet"))}


def run_with(engine, inputs, out):
    with engine:
        return run_extract([inputs], out, RunSettings(batch=BatchPolicy(max_docs=4)), engine=engine)


def assert_same_dataset(a, b):
    ta, tb = read(a), read(b)
    for table in TABLE_NAMES:
        assert ta[table].equals(tb[table]), table
    assert dataset_bytes(a) == dataset_bytes(b)
    assert (a / "_formex" / "manifest.json").read_bytes() == (b / "_formex" / "manifest.json").read_bytes()


def test_two_worker_processes_write_what_one_process_writes(tmp_path):
    inputs = mixed_inputs(tmp_path / "in")
    serial = run_with(SerialEngine(), inputs, tmp_path / "serial")
    parallel = run_with(ProcessEngine(2), inputs, tmp_path / "parallel")
    assert serial.outcomes == parallel.outcomes and serial.outcomes["new"] == 9
    assert parallel.duplicates == [("form-0003.txt", "copy.txt")]
    assert_same_dataset(tmp_path / "serial", tmp_path / "parallel")
    assert len(read(tmp_path / "parallel")["indicators"]) == 9 * 83
    for workers in (1, 2):   # isolated workers, each document within its budget
        isolated = run_with(IsolatedEngine(workers), inputs, tmp_path / f"isolated-{workers}")
        assert isolated.outcomes == serial.outcomes
        assert_same_dataset(tmp_path / "serial", tmp_path / f"isolated-{workers}")


def test_the_default_engine_uses_every_core_but_not_for_a_handful_of_documents(monkeypatch):
    from formex import engines

    monkeypatch.setattr(engines, "available_cores", lambda: 4)
    assert isinstance(open_engine(), IsolatedEngine) and open_engine().workers == 4
    assert isinstance(open_engine(documents=3), IsolatedEngine) and open_engine(documents=3).workers == 1
    unlimited = DocBudget(None, None)       # no budget to enforce: the plain engines
    assert isinstance(open_engine(documents=3, budget=unlimited), SerialEngine)
    assert isinstance(open_engine(budget=unlimited), ProcessEngine)
    assert open_engine(documents=40).workers == 3
    assert open_engine(workers=2, documents=1000).workers == 2
    with pytest.raises(ValueError, match="unknown engine 'spark'"):
        open_engine("spark")


def test_bytes_a_replaced_source_gave_up_are_loaded_for_the_source_that_has_them_now(tmp_path):
    """a.txt held X; now a.txt is Y and b.txt is X. Planned ahead (in flight), b.txt looks
    like a copy of a.txt's old version; it must end loaded, as in a run from scratch."""
    from tests.conftest import seed_variant

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.txt").write_text(seed_variant(1), encoding="utf-8")
    write_forms(inputs, 20, start=100)
    for engine, out in ((SerialEngine(), tmp_path / "serial"), (ProcessEngine(2), tmp_path / "parallel")):
        (inputs / "a.txt").write_text(seed_variant(1), encoding="utf-8")
        (inputs / "b.txt").unlink(missing_ok=True)
        run_with(engine.__class__(*([2] if isinstance(engine, ProcessEngine) else [])), inputs, out)
        (inputs / "a.txt").write_text(seed_variant(2), encoding="utf-8")
        (inputs / "b.txt").write_text(seed_variant(1), encoding="utf-8")
        summary = run_with(engine, inputs, out)
        assert (summary.outcomes["replaced"], summary.outcomes["new"], summary.outcomes["duplicate"]) == (1, 1, 0)
        docs = read(out)["documents"]
        assert len(docs) == 22 and {"a.txt", "b.txt"} <= set(docs["source_path"])
    run_with(SerialEngine(), inputs, tmp_path / "clean")
    for out in (tmp_path / "serial", tmp_path / "parallel"):
        clean, got = read(tmp_path / "clean"), read(out)
        for table in TABLE_NAMES:
            assert got[table].equals(clean[table]), (out, table)


def test_dask_local_cluster_writes_what_the_local_engine_writes(tmp_path):
    """A real LocalCluster with two worker processes, through the same committer.
    (dask[distributed] is the `dask` extra; `make test` installs it, so this always runs.)"""
    from formex.engines import DaskEngine

    inputs = mixed_inputs(tmp_path / "in")
    serial = run_with(SerialEngine(), inputs, tmp_path / "serial")
    engine = DaskEngine(2)
    with engine:
        assert len(engine.client.scheduler_info()["workers"]) == 2
        summary = run_extract([inputs], tmp_path / "dask", RunSettings(batch=BatchPolicy(max_docs=4)), engine=engine)
        # the workers converted rows with pyarrow without loading pandas (45 MiB each)
        assert set(engine.client.run(modules_loaded, ("pandas", "pyarrow")).values()) == {(False, True)}
        # and without Dask's statistical profiler, whose call trees grew each worker with the run's duration
        assert set(engine.client.run(profiling).values()) == {False}
    assert summary.outcomes == serial.outcomes
    assert_same_dataset(tmp_path / "serial", tmp_path / "dask")


def modules_loaded(names: tuple[str, ...]) -> tuple[bool, ...]:
    """Which of these modules a process has loaded."""
    import sys

    return tuple(name in sys.modules for name in names)


def profiling(dask_worker) -> bool:
    """Whether a Dask worker runs the statistical profiler or holds any profile."""
    return "profile" in dask_worker.periodic_callbacks or bool(dask_worker.profile_history)


def test_extract_on_a_running_dask_scheduler_writes_what_the_local_engine_writes(tmp_path):
    """`--scheduler ADDRESS`: a cluster started elsewhere (here: a LocalCluster of two
    worker processes), the CLI only connects to it and leaves its configuration as it is."""
    from distributed import Client, LocalCluster
    from typer.testing import CliRunner

    from formex.cli import app

    inputs = mixed_inputs(tmp_path / "in")
    run_with(SerialEngine(), inputs, tmp_path / "serial")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(tmp_path / "remote"), "--batch-docs",
                                          "4", "--scheduler", cluster.scheduler_address, "--json"])
        with Client(cluster) as client:   # its workers still profile, as Dask's defaults say
            assert set(client.run(profiling).values()) == {True}
    assert result.exit_code == 1, result.output     # broken.txt failed
    report = json.loads(result.stdout)
    assert (report["engine"], report["workers"], report["outcomes"]["new"]) == ("dask", 2, 9)
    assert_same_dataset(tmp_path / "serial", tmp_path / "remote")


def die_on_form_20(tasks):
    """run_chunk, but the worker that gets form-0020.txt is killed (as by the OOM killer)."""
    import os
    import signal

    from formex.runner import ResultChunk, run_task

    if any(task.source == "form-0020.txt" for task in tasks):
        os.kill(os.getpid(), signal.SIGKILL)
    return ResultChunk([run_task(task) for task in tasks])


def test_without_budgets_a_worker_that_dies_stops_the_run_with_exit_3_and_the_last_commit_stays(
        tmp_path, monkeypatch):
    """The plain process pool (budgets off) cannot tell which document killed a worker;
    with budgets, the isolated workers can (tests/test_hostile_paths.py)."""
    from typer.testing import CliRunner

    from formex import engines, runner
    from formex.cli import app

    write_forms(tmp_path / "in", 40)
    monkeypatch.setattr(runner, "run_chunk", die_on_form_20)
    monkeypatch.setattr(engines, "available_cores", lambda: 2)
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                      "--batch-docs", "8", "--doc-timeout", "0", "--doc-memory", "0"])
    assert result.exit_code == 3, result.output
    assert "a worker process died" in result.stderr
    loaded = len(read(tmp_path / "out")["documents"])
    assert loaded in (0, 8, 16)    # whole batches before form-0020's chunk, as far as they had come back


def test_a_task_sent_without_bytes_is_the_document_of_the_bytes_the_worker_read(tmp_path):
    """LocalCluster workers read the file themselves: if it changed since the run hashed
    it, the result is the new bytes' document (hash, doc_id and rows agree)."""
    import hashlib

    from formex.runner import Task, run_task
    from tests.conftest import seed_variant

    path = tmp_path / "form.txt"
    path.write_text(seed_variant(1), encoding="utf-8")
    planned = hashlib.sha256(path.read_bytes()).hexdigest()
    path.write_text(seed_variant(2), encoding="utf-8")     # rewritten after the run read it
    result = run_task(Task("form.txt", planned, None, path=str(path)))
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    assert result.sha256 == result.doc_id == actual != planned
    assert set(result.arrow["documents"].column("doc_id").to_pylist()) == {actual}
