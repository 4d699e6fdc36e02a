"""Batches, the manifest, identity and re-runs: what a bureau loading corrections again and
again relies on. Runs in this process (the serial engine); engines are compared in
tests/test_engines.py, kills in tests/test_crash.py."""
from __future__ import annotations

import shutil

import pytest

from formex import read
from formex.committer import BatchPolicy, Committer, DatasetLocked
from formex.manifest import load_manifest
from formex.runner import InputError, RunSettings, run_extract
from formex.schemas.tables import TABLE_NAMES
from tests.conftest import SEED_FILE, seed_variant, write_forms


def extract(inputs, out, *, docs=1000, force=False, prune=False):
    settings = RunSettings(force=force, prune=prune, batch=BatchPolicy(max_docs=docs))
    return run_extract(inputs if isinstance(inputs, list) else [inputs], out, settings)


def files_on_disk(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and not p.relative_to(out).as_posix().startswith("_formex/"))


def rows_of(out, source):
    """Every table's rows of one source, found through its doc_id."""
    tables = read(out)
    doc_id = tables["documents"].set_index("source_path").loc[source, "doc_id"]
    return {t: frame[frame["doc_id"] == doc_id] for t, frame in tables.items()}


def test_rows_go_in_one_file_per_table_and_partition_per_batch(tmp_path):
    write_forms(tmp_path / "in", 7, years=(2025, 2026))
    out = tmp_path / "out"
    summary = extract(tmp_path / "in", out, docs=4)
    assert summary.commits == 2 and summary.outcomes["new"] == 7
    manifest = load_manifest(out)
    assert files_on_disk(out) == sorted(manifest.all_files())
    # 2 batches x 2 year partitions x 5 tables (every seed variant has issues and tasks)
    assert len(manifest.all_files()) == 20
    assert all(path.split("/")[-1].startswith(("part-000001-", "part-000002-")) for path in manifest.all_files())
    tables = read(out)
    assert len(tables["documents"]) == 7 and len(tables["indicators"]) == 7 * 83
    assert sorted(tables["documents"]["year"].value_counts().to_dict().items()) == [(2025, 4), (2026, 3)]
    entry = manifest.documents["form-0003.txt"]
    assert entry.year == 2026 and len(entry.files) == 5
    assert {f.split("/")[0] for f in entry.files} == set(TABLE_NAMES)
    assert all(f.split("/")[1] == "year=2026" and f.endswith("/part-000001-0002.parquet") for f in entry.files)


def test_a_rerun_adds_no_rows_and_writes_nothing(tmp_path):
    write_forms(tmp_path / "in", 5)
    out = tmp_path / "out"
    extract(tmp_path / "in", out, docs=2)
    before_files, before = files_on_disk(out), read(out)
    summary = extract(tmp_path / "in", out, docs=2)
    assert summary.outcomes["unchanged"] == 5 and summary.commits == 0
    assert files_on_disk(out) == before_files
    after = read(out)
    for table in TABLE_NAMES:
        assert after[table].equals(before[table]), table


def test_a_changed_file_replaces_its_rows_and_no_other(tmp_path):
    paths = write_forms(tmp_path / "in", 5)
    out = tmp_path / "out"
    extract(tmp_path / "in", out, docs=10)       # all five in one batch file per table
    old = rows_of(out, "form-0002.txt")
    others_before = {t: f[f["doc_id"] != old["documents"]["doc_id"].iloc[0]].reset_index(drop=True)
                     for t, f in read(out).items()}
    paths[2].write_text(seed_variant(2).replace("≥90", "≥91"), encoding="utf-8")
    summary = extract(tmp_path / "in", out)
    assert (summary.outcomes["replaced"], summary.outcomes["unchanged"]) == (1, 4)
    new = rows_of(out, "form-0002.txt")
    assert new["documents"]["doc_id"].iloc[0] != old["documents"]["doc_id"].iloc[0]
    tables = read(out)
    assert len(tables["documents"]) == 5 and len(tables["indicators"]) == 5 * 83
    for table in TABLE_NAMES:
        assert not (tables[table]["doc_id"] == old["documents"]["doc_id"].iloc[0]).any(), table
        others = tables[table][tables[table]["doc_id"] != new["documents"]["doc_id"].iloc[0]]
        assert others.reset_index(drop=True).equals(others_before[table]), table
    assert (new["indicators"]["target_value"] == 91).sum() > (old["indicators"]["target_value"] == 91).sum()
    assert files_on_disk(out) == sorted(load_manifest(out).all_files())


def test_a_document_whose_year_changed_leaves_no_rows_in_the_old_partition(tmp_path):
    paths = write_forms(tmp_path / "in", 3, years=(2025,))
    out = tmp_path / "out"
    extract(tmp_path / "in", out)
    paths[0].write_text(seed_variant(0, year=2024), encoding="utf-8")
    extract(tmp_path / "in", out)
    tables = read(out)
    docs = tables["documents"].set_index("source_path")
    assert docs.loc["form-0000.txt", "year"] == 2024 and (docs["year"] == 2025).sum() == 2
    for table in ("documents", "forms", "indicators"):
        frame = tables[table]
        assert set(frame.loc[frame["doc_id"] == docs.loc["form-0000.txt", "doc_id"], "year"]) == {2024}
        assert len(frame) == len(read(out)[table])


def test_no_reader_sees_both_versions_while_a_replacement_commits(tmp_path, monkeypatch):
    from formex import committer

    paths = write_forms(tmp_path / "in", 3)
    out = tmp_path / "out"
    extract(tmp_path / "in", out)
    old_id = rows_of(out, "form-0001.txt")["documents"]["doc_id"].iloc[0]
    paths[1].write_text(seed_variant(1).replace("≥90", "≥92"), encoding="utf-8")
    seen = []
    real_save = committer.save_manifest

    def save_and_look(where, manifest):
        seen.append(read(where))          # new files are in place, the manifest not yet
        real_save(where, manifest)
        seen.append(read(where))

    monkeypatch.setattr(committer, "save_manifest", save_and_look)
    extract(tmp_path / "in", out)
    before, after = seen
    for tables, version in ((before, "old"), (after, "new")):
        assert len(tables["documents"]) == 3 and len(tables["indicators"]) == 3 * 83, version
        ids = set(tables["documents"]["doc_id"])
        assert (old_id in ids) == (version == "old"), version


def test_prune_drops_sources_whose_files_are_gone_and_only_with_prune(tmp_path):
    paths = write_forms(tmp_path / "in", 4)
    out = tmp_path / "out"
    extract(tmp_path / "in", out)
    paths[3].unlink()
    summary = extract(tmp_path / "in", out)
    assert summary.outcomes["pruned"] == 0 and len(read(out)["documents"]) == 4
    summary = extract(tmp_path / "in", out, prune=True)
    assert summary.outcomes["pruned"] == 1 and summary.pruned == ["form-0003.txt"]
    tables = read(out)
    assert sorted(tables["documents"]["source_path"]) == ["form-0000.txt", "form-0001.txt", "form-0002.txt"]
    assert len(tables["indicators"]) == 3 * 83
    assert "form-0003.txt" not in load_manifest(out).documents


def test_force_re_extracts_and_gives_the_same_rows(tmp_path):
    write_forms(tmp_path / "in", 3)
    out = tmp_path / "out"
    extract(tmp_path / "in", out)
    before = read(out)
    summary = extract(tmp_path / "in", out, force=True)
    assert summary.outcomes["replaced"] == 3
    after = read(out)
    for table in TABLE_NAMES:
        assert after[table].equals(before[table]), table
    assert files_on_disk(out) == sorted(load_manifest(out).all_files())


def test_a_copy_is_a_duplicate_until_its_original_changes(tmp_path):
    paths = write_forms(tmp_path / "in", 2)
    (tmp_path / "in" / "z-copy.txt").write_bytes(paths[0].read_bytes())
    out = tmp_path / "out"
    summary = extract(tmp_path / "in", out)
    assert summary.duplicates == [("z-copy.txt", "form-0000.txt")]
    assert len(read(out)["documents"]) == 2
    assert extract(tmp_path / "in", out).outcomes["unchanged"] == 3
    paths[0].write_text(seed_variant(0).replace("≥90", "≥93"), encoding="utf-8")
    summary = extract(tmp_path / "in", out)
    assert summary.outcomes["replaced"] == 2 and not summary.duplicates  # the copy is loaded now
    docs = read(out)["documents"]
    assert sorted(docs["source_path"]) == ["form-0000.txt", "form-0001.txt", "z-copy.txt"]
    assert len(read(out)["indicators"]) == 3 * 83


def test_same_file_name_in_two_folders_are_two_sources(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for folder, i in (("a", 1), ("b", 2)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "form.txt").write_text(seed_variant(i), encoding="utf-8")
    from pathlib import Path

    extract([Path("a/form.txt"), Path("b/form.txt")], tmp_path / "out")
    docs = read(tmp_path / "out")["documents"]
    assert sorted(docs["source_path"]) == ["a/form.txt", "b/form.txt"]


def test_two_inputs_with_one_source_key_are_refused(tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    write_forms(tmp_path / "x" / "a", 1)
    write_forms(tmp_path / "y" / "a", 1, start=1)
    (tmp_path / "y" / "a" / "form-0001.txt").rename(tmp_path / "y" / "a" / "form-0000.txt")
    with pytest.raises(InputError, match="same source 'a/form-0000.txt'"):
        extract([Path("x"), Path("y")], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_files_a_killed_run_left_are_never_read_and_removed_by_the_next_run(tmp_path):
    write_forms(tmp_path / "in", 3)
    out = tmp_path / "out"
    extract(tmp_path / "in", out)
    committed = sorted(load_manifest(out).table_files("indicators"))
    stray = out / "indicators" / "year=2026" / "part-000002-0001.parquet"
    shutil.copy(out / committed[0], stray)
    (out / "indicators" / "year=2026" / "x.parquet.tmp").write_bytes(b"half")
    (out / "forms" / "year=2031").mkdir()
    shutil.copy(out / load_manifest(out).table_files("forms")[0], out / "forms" / "year=2031" / "p.parquet")
    tables = read(out)
    assert len(tables["indicators"]) == 3 * 83 and len(tables["forms"]) == 3
    summary = extract(tmp_path / "in", out)
    assert summary.orphans_removed == 3
    assert files_on_disk(out) == sorted(load_manifest(out).all_files())
    assert not (out / "forms" / "year=2031").exists()


def test_a_second_run_into_the_same_output_is_refused(tmp_path):
    write_forms(tmp_path / "in", 1)
    out = tmp_path / "out"
    with Committer(out):
        with pytest.raises(DatasetLocked, match=r"another formex run is writing to .*\(pid \d+\)"):
            extract(tmp_path / "in", out)
    assert extract(tmp_path / "in", out).outcomes["new"] == 1   # released with the first


def write_formex_0_2_dataset(inputs, out):
    """A folder as formex 0.2 wrote it: one file per document and table, no manifest."""
    import pyarrow.parquet as pq

    from formex.dataset import partition_name
    from formex.runner import extract_file, list_inputs

    for item in list_inputs([inputs]):
        records = extract_file(item)
        for table, arrow in records.arrow.items():
            folder = out / table / partition_name(records.year)
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(arrow, folder / f"{records.doc_id}.parquet")


def test_a_formex_0_2_folder_is_adopted_and_then_replaced_in_place(tmp_path):
    paths = write_forms(tmp_path / "in", 3)
    out = tmp_path / "out"
    write_formex_0_2_dataset(tmp_path / "in", out)
    before = read(out)                     # read without a manifest, by its files
    assert len(before["indicators"]) == 3 * 83
    summary = extract(tmp_path / "in", out)
    assert summary.migrated == 3 and summary.outcomes["unchanged"] == 3
    paths[0].write_text(seed_variant(0).replace("≥90", "≥94"), encoding="utf-8")
    assert extract(tmp_path / "in", out).outcomes["replaced"] == 1
    tables = read(out)
    assert len(tables["documents"]) == 3 and len(tables["indicators"]) == 3 * 83
    assert files_on_disk(out) == sorted(load_manifest(out).all_files())


def test_a_file_that_cannot_be_read_is_retried_on_every_run(tmp_path, monkeypatch):
    from formex import runner

    write_forms(tmp_path / "in", 2)
    out = tmp_path / "out"
    real_read = runner.read_regular_file

    def refuse(path):
        if path.name == "form-0001.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(runner, "read_regular_file", refuse)
    summary = extract(tmp_path / "in", out)
    assert summary.failures == [("form-0001.txt", "cannot read the file: Permission denied")]
    monkeypatch.setattr(runner, "read_regular_file", real_read)
    summary = extract(tmp_path / "in", out)
    assert (summary.outcomes["replaced"], summary.outcomes["unchanged"]) == (1, 1)
    assert read(out)["documents"]["status"].tolist() == ["ok", "ok"]
    assert len(read(out)["issues"].query("code == 'document_failed'")) == 0


def test_the_seed_file_given_directly_is_recorded_as_given(tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(SEED_FILE.parent.parent)
    extract([Path(SEED_FILE.parent.name) / SEED_FILE.name], tmp_path / "out")
    assert read(tmp_path / "out")["documents"]["source_path"].tolist() == [
        f"{SEED_FILE.parent.name}/{SEED_FILE.name}"]


def test_copies_are_recognised_before_they_are_extracted(tmp_path, monkeypatch):
    from formex import document_task

    paths = write_forms(tmp_path / "in", 1)
    for name in ("b.txt", "c.txt", "d.txt"):
        (tmp_path / "in" / name).write_bytes(paths[0].read_bytes())
    calls = []
    real = document_task.extract_bytes
    monkeypatch.setattr(document_task, "extract_bytes", lambda *args: calls.append(args[2]) or real(*args))
    summary = extract(tmp_path / "in", tmp_path / "out")
    assert calls == ["b.txt"] and summary.outcomes["duplicate"] == 3
    assert summary.duplicates == [("c.txt", "b.txt"), ("d.txt", "b.txt"), ("form-0000.txt", "b.txt")]


def test_renormalize_uses_saved_documents_and_reads_only_changed_files(tmp_path, monkeypatch):
    from formex import document_task, runner

    paths = write_forms(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_extract([tmp_path / "in"], out, RunSettings(keep_documents=True))
    before = read(out)
    saved = sorted(p.name for p in (out / "_documents").iterdir())
    assert saved == sorted(f"{d}.jsonl.gz" for d in before["documents"]["doc_id"])
    paths[2].write_text(seed_variant(2).replace("≥90", "≥97"), encoding="utf-8")
    real_read = document_task.read_document
    read_sources = []
    monkeypatch.setattr(document_task, "read_document", lambda data, source: read_sources.append(source)
                        or real_read(data, source))
    summary = run_extract([tmp_path / "in"], out, RunSettings(keep_documents=True, renormalize=True))
    assert read_sources == ["form-0002.txt"]            # the others came from their saved documents
    assert summary.renormalized == 2 and summary.outcomes["replaced"] == 3
    after = read(out)
    for table in TABLE_NAMES:
        same = after[table][after[table]["doc_id"].isin(before["documents"]["doc_id"])].reset_index(drop=True)
        old = before[table][before[table]["doc_id"].isin(after["documents"]["doc_id"])].reset_index(drop=True)
        assert same.equals(old), table
    # the changed file's old saved document went with its rows
    assert sorted(p.name for p in (out / "_documents").iterdir()) == \
        sorted(f"{d}.jsonl.gz" for d in after["documents"]["doc_id"])


def test_keep_documents_saves_what_an_earlier_run_did_not(tmp_path):
    write_forms(tmp_path / "in", 2)
    out = tmp_path / "out"
    extract(tmp_path / "in", out)
    summary = run_extract([tmp_path / "in"], out, RunSettings(keep_documents=True))
    assert summary.saved == 2 and summary.outcomes["replaced"] == 2
    assert run_extract([tmp_path / "in"], out, RunSettings(keep_documents=True)).outcomes["unchanged"] == 2


def test_saved_documents_of_a_killed_run_are_removed_by_the_next(tmp_path):
    write_forms(tmp_path / "in", 1)
    out = tmp_path / "out"
    run_extract([tmp_path / "in"], out, RunSettings(keep_documents=True))
    (out / "_documents" / ("0" * 64 + ".jsonl.gz")).write_bytes(b"saved, never committed")
    (out / "_documents" / ".x.jsonl.gz.tmp").write_bytes(b"half")
    summary = run_extract([tmp_path / "in"], out, RunSettings(keep_documents=True))
    assert summary.orphans_removed == 2 and len(list((out / "_documents").iterdir())) == 1


def test_a_file_rewritten_while_it_is_read_is_one_document_hashed_and_parsed_from_the_same_bytes(
        tmp_path, monkeypatch):
    import hashlib

    from formex import document_task, runner

    paths = write_forms(tmp_path / "in", 1)
    versions = iter([seed_variant(0).encode(), seed_variant(0).replace("≥90", "≥98").encode()])
    calls = []
    real_read = runner.read_regular_file

    def changing(path):
        if path.name == "form-0000.txt":
            calls.append(path.name)
            return next(versions)     # the writer replaces the file between any two reads
        return real_read(path)

    monkeypatch.setattr(runner, "read_regular_file", changing)
    monkeypatch.setattr(document_task, "read_regular_file", changing)
    extract(tmp_path / "in", tmp_path / "out")
    assert calls == ["form-0000.txt"]                        # read once
    tables = read(tmp_path / "out")
    assert tables["documents"]["doc_id"].tolist() == [hashlib.sha256(seed_variant(0).encode()).hexdigest()]
    assert (tables["indicators"]["target_value"] == 98).sum() == 0   # its rows are of the bytes hashed
    assert paths


def test_a_compacted_batch_writes_the_same_rows_in_the_same_order(tmp_path, monkeypatch):
    """The pending batch is compacted every few documents (one contiguous table per table
    and partition); the files it writes hold the same rows, in document order."""
    import formex.committer as committer_module

    write_forms(tmp_path / "in", 7, years=(2025, 2026))
    extract(tmp_path / "in", tmp_path / "plain", docs=1000)
    monkeypatch.setattr(committer_module, "COMPACT_EVERY_DOCS", 2)
    extract(tmp_path / "in", tmp_path / "compacted", docs=1000)
    plain, compacted = read(tmp_path / "plain"), read(tmp_path / "compacted")
    for table in TABLE_NAMES:
        assert plain[table].equals(compacted[table]), table
    assert load_manifest(tmp_path / "plain").documents == load_manifest(tmp_path / "compacted").documents


def test_the_batch_is_bounded_by_arrow_bytes_too(tmp_path, monkeypatch):
    import formex.committer as committer_module

    monkeypatch.setattr(committer_module, "COMPACT_EVERY_DOCS", 1)   # bytes are known once compacted
    write_forms(tmp_path / "in", 3)
    settings = RunSettings(batch=BatchPolicy(max_bytes=1))
    summary = run_extract([tmp_path / "in"], tmp_path / "out", settings)
    assert summary.commits == 3 and summary.outcomes["new"] == 3
    with pytest.raises(ValueError):
        BatchPolicy(max_bytes=0)
