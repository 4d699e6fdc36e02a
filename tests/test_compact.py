"""`formex compact`: many small batch files become few, the rows and later runs unchanged."""
from __future__ import annotations

import pytest
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.compact import compact
from formex.manifest import load_manifest
from formex.schemas.tables import TABLE_NAMES
from tests.conftest import seed_variant, write_forms
from tests.test_batch import extract, files_on_disk


def fragmented_dataset(tmp_path):
    """Three runs of small batches, and a replacement: many small files."""
    inputs = tmp_path / "in"
    write_forms(inputs, 4, years=(2025, 2026))
    out = tmp_path / "out"
    extract(inputs, out, docs=1)
    write_forms(inputs, 3, years=(2025, 2026), start=4)
    extract(inputs, out, docs=2)
    (inputs / "form-0001.txt").write_text(seed_variant(1, 2026).replace("≥90", "≥96"), encoding="utf-8")
    extract(inputs, out, docs=2)
    return inputs, out


def test_compaction_merges_files_and_keeps_every_row(tmp_path):
    inputs, out = fragmented_dataset(tmp_path)
    before, files_before = read(out), files_on_disk(out)
    assert len(files_before) > 20
    result = CliRunner().invoke(app, ["compact", str(out)])
    assert result.exit_code == 0, result.output
    manifest = load_manifest(out)
    assert files_on_disk(out) == sorted(manifest.all_files())
    assert len(manifest.all_files()) == 10     # one file per table and year partition
    after = read(out)
    for table in TABLE_NAMES:
        assert after[table].equals(before[table]), table
    for source, entry in manifest.documents.items():
        assert len(entry.files) == 5 and all(f in manifest.all_files() for f in entry.files), source
    assert "nothing to compact" in CliRunner().invoke(app, ["compact", str(out)]).output


def test_rows_in_a_compacted_file_follow_the_source_order_and_documents_are_never_split(tmp_path):
    import pyarrow.parquet as pq

    inputs, out = fragmented_dataset(tmp_path)
    info = compact(out, max_rows=100)                 # 83 indicators a document: one per file
    manifest = load_manifest(out)
    sources = {entry.doc_id: source for source, entry in manifest.documents.items()}
    indicator_files = manifest.table_files("indicators")
    assert len(indicator_files) == 7 and info.files_after == len(manifest.all_files())
    for path in manifest.table_files("documents"):
        ids = pq.read_table(out / path).column("doc_id").to_pylist()
        assert [sources[i] for i in ids] == sorted(sources[i] for i in ids)


def test_a_compacted_dataset_takes_replacements_and_reruns(tmp_path):
    inputs, out = fragmented_dataset(tmp_path)
    compact(out)
    assert extract(inputs, out).outcomes["unchanged"] == 7
    (inputs / "form-0003.txt").write_text(seed_variant(3, 2024), encoding="utf-8")
    assert extract(inputs, out).outcomes["replaced"] == 1
    tables = read(out)
    assert len(tables["documents"]) == 7 and len(tables["indicators"]) == 7 * 83
    assert files_on_disk(out) == sorted(load_manifest(out).all_files())


@pytest.mark.parametrize("point", ["place", "manifest", "commit"])
def test_a_compaction_killed_at_any_point_leaves_the_rows_and_the_next_run_cleans_up(tmp_path, point):
    import signal
    import subprocess
    import sys

    from tests.test_crash import KILL_RUN, assert_consistent, assert_no_leftovers

    inputs, out = fragmented_dataset(tmp_path)
    before = read(out)
    done = subprocess.run([sys.executable, str(KILL_RUN), point, "1", "--", "compact", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert_consistent(out)
    for table in TABLE_NAMES:
        assert read(out)[table].equals(before[table]), table
    assert extract(inputs, out).outcomes["unchanged"] == 7
    assert_no_leftovers(out)
    compact(out)
    for table in TABLE_NAMES:
        assert read(out)[table].equals(before[table]), table
