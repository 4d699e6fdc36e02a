"""The hostile corpus (tests/fuzz/corpus.py: 200 files per format) and 20 good forms as
ONE batch: the run does not crash, every hostile file ends as a documents row (or a
duplicate of one) with a reason, none stalls past the time budget, and the 20 good forms
load exactly as in a clean run of them alone."""
from __future__ import annotations

import json

import pandas as pd
from typer.testing import CliRunner

from formex import read
from formex.cli import app
from formex.schemas.tables import TABLE_NAMES
from tests.conftest import write_forms
from tests.fuzz.corpus import FORMATS, write_corpus

PER_FORMAT = 200
DOC_TIMEOUT = 120   # seconds: far above any file here on a loaded machine; a stall would hit it


def extract(inputs, out) -> tuple[int, dict]:
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out), "--workers", "2",
                                      "--doc-timeout", str(DOC_TIMEOUT), "--json", "--quiet"])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, json.loads(result.stdout)


def rows_of(tables: dict[str, pd.DataFrame], doc_ids: set[str]) -> dict[str, pd.DataFrame]:
    return {table: frame[frame["doc_id"].isin(doc_ids)].sort_values(list(frame.columns[:3]))
            .reset_index(drop=True) for table, frame in tables.items()}


def test_a_hostile_corpus_mixed_with_20_good_forms_loads_the_good_ones_as_a_clean_run(tmp_path):
    corpus = write_corpus(tmp_path / "in" / "fuzz", PER_FORMAT)
    assert len(corpus) == PER_FORMAT * len(FORMATS)
    write_forms(tmp_path / "in" / "good", 20)
    write_forms(tmp_path / "clean" / "good", 20)

    code, report = extract(tmp_path / "in", tmp_path / "out")
    assert code == 1                                   # some failed, the rest loaded
    clean_code, _ = extract(tmp_path / "clean", tmp_path / "clean-out")
    assert clean_code == 0

    # every input is a documents row, or a duplicate of one
    documents = read(tmp_path / "out")["documents"].set_index("source_path")
    duplicates = {d["source"] for d in report["duplicates"]}
    sources = {f"fuzz/{p.name}" for p in corpus} | {f"good/form-{i:04d}.txt" for i in range(20)}
    assert set(documents.index) | duplicates == sources and not set(documents.index) & duplicates

    # a reason for every bad one, none a formex bug, none stalled
    issues = read(tmp_path / "out")["issues"]
    errors = set(issues.loc[issues["severity"] == "error", "doc_id"])
    for source, row in documents.iterrows():
        if row["status"] == "failed":
            assert row["error"] and "internal error" not in row["error"], (source, row["error"])
            assert "over the time limit" not in row["error"], (source, row["error"])
        elif row["status"] == "partial":
            assert row["doc_id"] in errors, source

    # the 20 good forms: identical to a clean run of them alone
    clean = read(tmp_path / "clean-out")
    good = set(clean["documents"]["doc_id"])
    assert len(good) == 20 and set(clean["documents"]["status"]) == {"ok"}
    mixed, alone = rows_of(read(tmp_path / "out"), good), rows_of(clean, good)
    for table in TABLE_NAMES:
        pd.testing.assert_frame_equal(mixed[table], alone[table], obj=table)
