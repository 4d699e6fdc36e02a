"""SIGKILL at any moment, run again: the dataset equals an uninterrupted run's.

A run that loads corrections (two files changed, one of them to another year, one file
gone with --prune, four new files) is killed at fixed points of the commit protocol
(tests/kill_run.py), and once from outside, with two worker processes, after it has
committed twice. After each kill a reader sees a consistent dataset (the last commit:
every document whole, none twice), and a resumed run gives exactly the rows of a clean
run, with no file the manifest does not list and no temporary file.
"""
from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time

import pytest

from formex import read
from formex.committer import BatchPolicy
from formex.manifest import load_manifest
from formex.runner import RunSettings, run_extract
from formex.schemas.tables import TABLE_NAMES
from tests.conftest import ROOT, seed_variant, write_forms

KILL_RUN = ROOT / "tests" / "kill_run.py"


def settings(docs=3):
    return RunSettings(prune=True, batch=BatchPolicy(max_docs=docs))


@pytest.fixture(scope="module")
def corrections(tmp_path_factory):
    """(inputs v2, the dataset of inputs v1, a clean run of v2 from scratch)."""
    base = tmp_path_factory.mktemp("crash")
    v1, v2 = base / "v1", base / "v2"
    write_forms(v1, 10, years=(2025, 2026))
    (v1 / "broken.txt").write_bytes(b"\x00 not a form")
    shutil.copytree(v1, v2)
    (v2 / "form-0001.txt").write_text(seed_variant(1, 2026).replace("≥90", "≥95"), encoding="utf-8")
    (v2 / "form-0002.txt").write_text(seed_variant(2, 2024), encoding="utf-8")    # was 2025
    (v2 / "form-0003.txt").unlink()
    write_forms(v2, 4, years=(2024, 2026), start=10)
    run_extract([v1], base / "dataset-v1", settings())
    run_extract([v2], base / "clean-v2", settings())
    return v2, base / "dataset-v1", base / "clean-v2"


def assert_consistent(out):
    """What a reader sees: every document whole, no rows without a document, no source twice."""
    tables = read(out)
    docs = tables["documents"]
    assert docs["source_path"].is_unique and docs["doc_id"].is_unique
    counts = tables["indicators"].groupby("doc_id").size()
    for doc_id, n in zip(docs["doc_id"], docs["n_indicators"]):
        assert counts.get(doc_id, 0) == n, doc_id
    for table in TABLE_NAMES:
        assert set(tables[table]["doc_id"]) <= set(docs["doc_id"]), table


def assert_same_rows(out, clean):
    got, want = read(out), read(clean)
    for table in TABLE_NAMES:
        assert got[table].equals(want[table]), table


def assert_no_leftovers(out):
    manifest = load_manifest(out)
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert on_disk == manifest.all_files() | {"_formex/manifest.json", "_formex/lock"}


def workers_of(out, wait=10.0):
    """Processes still running for the dataset at `out` (their command line names it)."""
    from pathlib import Path

    deadline = time.monotonic() + wait
    while True:
        alive = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and str(out).encode() in (proc / "cmdline").read_bytes():
                    alive.append(int(proc.name))
            except OSError:
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def kill_run(point, n, inputs, out, *extra):
    done = subprocess.run([sys.executable, str(KILL_RUN), point, str(n), "--", "extract", str(inputs),
                           "--out", str(out), "--prune", "--batch-docs", "3", "--workers", "1", "--quiet",
                           *extra], capture_output=True, text=True, timeout=300)
    return done


# The killed run's changes, in source order and batches of 3: commit 1 replaces form-0001 and
# form-0002 and adds form-0010; commit 2 adds form-0011..13; commit 3 prunes form-0003.
# Expected of the resumed run: (replaced, new, pruned).
KILL_POINTS = [
    ("write", 4, (2, 4, 1)),      # commit 1 half written
    ("place", 2, (0, 3, 1)),      # commit 2 half in place
    ("manifest", 1, (2, 4, 1)),   # commit 1 all in place, no manifest
    ("manifest", 3, (0, 0, 1)),   # the prune's rewritten files in place, no manifest
    ("commit", 1, (0, 3, 1)),     # commit 1 done, its superseded files not yet deleted
    ("commit", 2, (0, 0, 1)),
]


@pytest.mark.parametrize("point,n,resumed", KILL_POINTS, ids=[f"{p}-{n}" for p, n, _ in KILL_POINTS])
def test_a_run_killed_at_any_point_of_a_commit_resumes_to_the_clean_dataset(corrections, tmp_path, point, n,
                                                                             resumed):
    inputs, dataset_v1, clean = corrections
    out = tmp_path / "out"
    shutil.copytree(dataset_v1, out)
    done = kill_run(point, n, inputs, out)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert_consistent(out)
    summary = run_extract([inputs], out, settings())
    assert (summary.outcomes["replaced"], summary.outcomes["new"], summary.outcomes["pruned"]) == resumed
    assert summary.outcomes["failed"] == 0   # broken.txt is unchanged since v1
    assert_same_rows(out, clean)
    assert_no_leftovers(out)


def test_a_parallel_run_killed_from_outside_after_two_commits_resumes(tmp_path):
    inputs = tmp_path / "in"
    write_forms(inputs, 24, years=(2023, 2024, 2025))
    clean = tmp_path / "clean"
    run_extract([inputs], clean, settings())
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "formex", "extract", str(inputs), "--out", str(out),
                                "--batch-docs", "3", "--workers", "2", "--verbose"],
                               stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT)
    commits = 0
    deadline = time.monotonic() + 120
    for line in process.stderr:
        commits += "formex: committed" in line
        if commits == 2 or time.monotonic() > deadline:
            break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()
    assert commits == 2 and process.returncode == -signal.SIGKILL
    assert workers_of(out) == [], "worker processes outlived the killed run"
    assert_consistent(out)
    loaded = len(read(out)["documents"])
    assert loaded >= 6
    summary = run_extract([inputs], out, settings())
    assert summary.outcomes["unchanged"] == loaded and summary.outcomes["new"] == 24 - loaded
    assert_same_rows(out, clean)
    assert_no_leftovers(out)
