"""The review loop: `formex review export` lists what needs review with stable keys, and
`formex review apply` records corrections that every later run applies (`--force`,
incremental runs, renormalize), each leaving an issue; a correction whose row is gone is
reported, not lost."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import formex
from formex.cli import app
from formex.overrides import load_overrides, overrides_path
from tests.conftest import SEED_FILE

DISPLACED = "line 82"        # the seed's row carrying another block's level-2 label


def run(*args: str, code: int = 0) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == code, result.output
    return result.output


def extract(source: Path, out: Path, *options: str) -> None:
    run("extract", str(source), "--out", str(out), "-q", "--fail-on", "never", *options)


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture
def forms(tmp_path) -> Path:
    folder = tmp_path / "forms"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    return folder


def export_and_correct(out: Path, tmp_path: Path, **changes) -> Path:
    """Export, set `changes` on the displaced row's line, write the edited CSV."""
    exported = tmp_path / "review.csv"
    run("review", "export", str(out), "--to", str(exported))
    rows = read_csv(exported)
    row = next(r for r in rows if r["row"] == DISPLACED)
    row.update(changes)
    edited = tmp_path / "edited.csv"
    write_csv(edited, rows)
    return edited


def indicator(out: Path, source_ref: str):
    return formex.read(out)["indicators"].set_index("source_ref").loc[source_ref]


def issues(out: Path, code: str):
    frame = formex.read(out)["issues"]
    return frame[frame["code"] == code]


def test_export_lists_rows_needing_review_with_stable_keys(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    exported = tmp_path / "review.csv"
    run("review", "export", str(out), "--to", str(exported))
    rows = read_csv(exported)
    keys = {(r["source_path"], r["table"], r["row"]) for r in rows}
    assert ("seed.txt", "indicators", DISPLACED) in keys
    row = next(r for r in rows if r["row"] == DISPLACED)
    assert row["reasons"] == "displaced_label" and "社会效益指标" in row["why"]
    assert row["level2"] == "时效指标" and row["level3"] == "集体退休干部、党政退休干部补贴发放及时率"
    ambiguous = next(r for r in rows if "ambiguous_target" in r["reasons"].split())
    assert ambiguous["target_text"] == "无100"


def test_a_correction_survives_force_and_incremental_runs(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    edited = export_and_correct(out, tmp_path, level2="社会效益指标")
    run("review", "apply", str(edited), str(out))
    assert load_overrides(overrides_path(out))[0].values == (("level2", "社会效益指标"),)
    extract(forms, out)                 # incremental: the bytes are unchanged, the corrections not
    for _ in range(2):
        row = indicator(out, DISPLACED)
        assert (row["level1"], row["level2"], row["level2_source"]) == ("效益指标", "社会效益指标", "reviewed")
        applied = issues(out, "override_applied")
        assert len(applied) == 1 and "edited.csv" in applied.iloc[0]["message"]
        assert "'时效指标'" in applied.iloc[0]["message"] and applied.iloc[0]["source_ref"] == DISPLACED
        extract(forms, out, "--force")
    again = tmp_path / "again.csv"
    run("review", "export", str(out), "--to", str(again))
    assert DISPLACED not in {r["row"] for r in read_csv(again)}, "a corrected row is reviewed"


def test_saved_documents_are_redone_at_once_and_by_renormalize(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out, "--keep-documents")
    edited = export_and_correct(out, tmp_path, target_text="≥98%")
    output = run("review", "apply", str(edited), str(out))
    assert "redone from saved documents: 1" in output
    row = indicator(out, DISPLACED)
    assert (row["target_op"], row["target_value"], row["target_unit"]) == ("ge", 98.0, "%")
    assert row["target_raw"] == "百分百", "the cell as read is kept"
    run("renormalize", str(out / "_documents"), "--out", str(out), "-q")
    assert indicator(out, DISPLACED)["target_value"] == 98.0
    assert len(issues(out, "override_applied")) == 1


def test_a_correction_whose_row_is_gone_is_reported_and_kept(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    edited = export_and_correct(out, tmp_path, row="line 999", level3="不存在的指标")
    result = CliRunner().invoke(app, ["review", "apply", str(edited), str(out)])
    assert result.exit_code == 1 and "line 999" in result.output
    extract(forms, out, "--force")
    unmatched = issues(out, "override_unmatched")
    assert len(unmatched) == 1 and "不存在的指标" in unmatched.iloc[0]["message"]
    assert [o.row for o in load_overrides(overrides_path(out))] == ["line 999"]


def test_a_row_whose_line_moved_is_found_by_what_it_said(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out))
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    moved = lines[:2] + [lines[1]] + lines[2:]            # a line repeated near the top: every row one down
    (forms / "seed.txt").write_text("\n".join(moved), encoding="utf-8")
    extract(forms, out)
    row = indicator(out, "line 83")
    assert (row["level3"], row["level2"]) == ("集体退休干部、党政退休干部补贴发放及时率", "社会效益指标")
    assert "found at line 83, reviewed at line 82" in issues(out, "override_applied").iloc[0]["message"]


def test_a_level_outside_the_vocabulary_is_refused(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    edited = export_and_correct(out, tmp_path, level2="没有的指标")
    result = CliRunner().invoke(app, ["review", "apply", str(edited), str(out)])
    assert result.exit_code == 2 and "没有的指标" in result.output
    assert not overrides_path(out).exists()


def test_the_overrides_file_is_sorted_json_lines(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    exported = tmp_path / "review.csv"
    run("review", "export", str(out), "--to", str(exported))
    rows = read_csv(exported)
    for row in rows:
        row["decision"] = "ok"
    write_csv(exported, rows[::-1])
    run("review", "apply", str(exported), str(out))
    lines = overrides_path(out).read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["row"] for r in records] == sorted(r["row"] for r in records)
    assert all(r["set"] == {} and r["from"] == "review.csv" for r in records)
    extract(forms, out)
    assert len(issues(out, "override_applied")) == len(records)


def test_a_header_field_is_corrected_through_field_and_value(forms, tmp_path):
    text = SEED_FILE.read_text(encoding="utf-8").replace("部门整体预算总额(元)\t234,962,720.00",
                                                         "部门整体预算总额(元)\t234,962,770.00")
    (forms / "seed.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    extract(forms, out)
    exported = tmp_path / "review.csv"
    run("review", "export", str(out), "--to", str(exported))
    rows = read_csv(exported)
    budget = next(r for r in rows if r["table"] == "forms")
    assert (budget["row"], budget["field"], budget["value"]) == ("", "budget_total", "234962770.00")
    assert "budget_mismatch" in budget["reasons"]
    budget["value"] = "234,962,720"
    write_csv(exported, rows)
    run("review", "apply", str(exported), str(out))
    extract(forms, out, "--force")
    assert str(formex.read(out)["forms"].iloc[0]["budget_total"]) == "234962720.00"
    assert "budget_total '234962720.00' (was '234962770.00')" in issues(out, "override_applied").iloc[0]["message"]


def test_an_issue_pointing_at_no_row_is_listed_but_has_nothing_to_correct():
    from formex.review_items import UNPLACED_TABLE, tables_to_review_items

    issue = {"doc_id": "d", "seq": 1, "severity": "error", "code": "row_unplaced", "field": None,
             "message": "row not recognised and kept only here: '合计 | 12'", "source_ref": "line 40"}
    info = dict(issue, seq=2, severity="info", code="cell_unplaced", source_ref="line 41")
    tables = {"documents": [{"doc_id": "d", "source_path": "a.txt"}], "forms": [], "tasks": [],
              "indicators": [], "issues": [issue, info]}
    [item] = tables_to_review_items(tables)
    assert (item.table, item.row, item.reasons, item.severity) == (UNPLACED_TABLE, "line 40", ("unplaced",), "error")
    assert item.messages == [issue["message"]]


def test_review_rules_name_the_key_they_cannot_read(tmp_path):
    import yaml

    from formex.schemas.errors import SchemaError
    from formex.schemas.review_rules import REVIEW_YAML, load_review_rules

    data = yaml.safe_load(REVIEW_YAML.read_text(encoding="utf-8"))
    data["editable"]["forms"].append("no_such_column")
    broken = tmp_path / "review.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(SchemaError, match="editable.forms.*no_such_column"):
        load_review_rules(broken)


def test_a_csv_saved_in_another_encoding_is_refused_with_what_to_do(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    edited = export_and_correct(out, tmp_path, level2="社会效益指标")
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes(edited.read_text(encoding="utf-8-sig").encode("gb18030"))
    result = CliRunner().invoke(app, ["review", "apply", str(gbk), str(out)])
    assert result.exit_code == 2 and "CSV UTF-8" in result.output


def test_every_engine_applies_the_corrections_alike(forms, tmp_path):
    """The corrections travel with each task to the engine's workers (here worker
    processes, and a Dask LocalCluster), so every engine writes the same rows."""
    from formex.engines import DaskEngine, ProcessEngine
    from formex.runner import RunSettings, run_extract

    out = tmp_path / "out"
    extract(forms, out)
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out))
    rows = {}
    for name, engine in (("processes", ProcessEngine(2)), ("dask", DaskEngine(1))):
        with engine:
            run_extract([forms], out, RunSettings(force=True), engine=engine)
        rows[name] = (indicator(out, DISPLACED)["level2"], list(issues(out, "override_applied")["message"]))
    assert rows["processes"] == rows["dask"] and rows["dask"][0] == "社会效益指标"


def test_the_python_api_applies_a_datasets_corrections_when_asked(forms, tmp_path):
    """`formex.extract_tables(..., corrections=OUT)` applies OUT's corrections in memory,
    each with its issue, as a run writing OUT would; without it, the rows are as read."""
    out = tmp_path / "out"
    extract(forms, out)
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out))
    extract(forms, out)                 # the dataset's own rows, corrected by the run
    corrected = formex.extract_tables(forms, corrections=out)
    row = corrected["indicators"].set_index("source_ref").loc[DISPLACED]
    assert (row["level1"], row["level2"], row["level2_source"]) == ("效益指标", "社会效益指标", "reviewed")
    applied = corrected["issues"][corrected["issues"]["code"] == "override_applied"]
    assert list(applied["message"]) == list(issues(out, "override_applied")["message"])
    columns = ["source_ref", "level1", "level2", "level2_source", "level3", "target_raw"]
    assert corrected["indicators"][columns].values.tolist() == \
        formex.read(out)["indicators"][columns].values.tolist()
    plain = formex.extract_tables(forms)["indicators"].set_index("source_ref").loc[DISPLACED]
    assert plain["level2"] == "时效指标"


def test_the_python_api_applies_corrections_to_saved_documents_too(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out, "--keep-documents")
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out))
    saved = out / "_documents"
    row = formex.renormalize(saved, corrections=out)["indicators"].set_index("source_ref").loc[DISPLACED]
    assert (row["level2"], row["level2_source"]) == ("社会效益指标", "reviewed")
    assert formex.renormalize(saved)["indicators"].set_index("source_ref").loc[DISPLACED]["level2"] == "时效指标"


def corrected_in_subfolder(tmp_path: Path) -> Path:
    """A dataset of the seed recorded as `unit-a/seed.txt`, its displaced row corrected."""
    forms = tmp_path / "forms"
    (forms / "unit-a").mkdir(parents=True)
    (forms / "unit-a" / "seed.txt").write_bytes(SEED_FILE.read_bytes())
    out = tmp_path / "out"
    extract(forms, out)
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out))
    return out


def test_show_and_explain_apply_the_corrections_of_the_file_found_by_its_bytes(tmp_path):
    """`formex show/explain FILE --corrections OUT` find FILE in OUT by its bytes (here
    recorded as `unit-a/seed.txt`, shown from a copy with another name) and apply its
    reviewed corrections as a run does; explain keeps the reader's costs and says what
    the review changed."""
    out = corrected_in_subfolder(tmp_path)
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(SEED_FILE.read_bytes())
    shown = json.loads(run("show", str(copy), "--format", "json", "--corrections", str(out)))
    row = next(r for r in shown["indicators"] if r["source_ref"] == DISPLACED)
    assert (row["level1"], row["level2"], row["level2_source"]) == ("效益指标", "社会效益指标", "reviewed")
    assert shown["documents"][0]["source_path"] == "unit-a/seed.txt"
    assert [i["code"] for i in shown["issues"]].count("override_applied") == 1
    plain = json.loads(run("show", str(copy), "--format", "json"))
    assert next(r for r in plain["indicators"] if r["source_ref"] == DISPLACED)["level2"] == "时效指标"

    explained = json.loads(run("explain", str(copy), "--format", "json", "--corrections", str(out)))
    reviewed = {r["source_ref"]: r["reviewed"] for r in explained["rows"] if r["reviewed"]}
    assert list(reviewed) == [DISPLACED] and "level2 '社会效益指标' (was '时效指标')" in reviewed[DISPLACED][0]
    assert next(r for r in explained["rows"] if r["source_ref"] == DISPLACED)["level2"] == "时效指标"
    text = run("explain", str(copy), "--corrections", str(out))
    assert "corrected by review: line 82: level2 '社会效益指标'" in " ".join(text.split())
    assert "corrected by review" not in run("explain", str(copy))


def test_show_refuses_corrections_from_a_dataset_without_the_file(forms, tmp_path):
    """Showing rows as corrected when no correction could apply would mislead: exit 2."""
    out = tmp_path / "out"
    extract(forms, out)
    other = tmp_path / "other.txt"
    other.write_bytes(SEED_FILE.read_bytes() + b"\n")
    for command in ("show", "explain"):
        output = run(command, str(other), "--corrections", str(out), code=2)
        assert "holds no document with the bytes or the path of" in " ".join(output.split())


def test_every_warning_pointing_at_a_row_lists_it_for_review():
    """A warning of a code review.yaml does not list still marks its row (`row_issue`);
    the reader's own doubts about a level have reasons of their own; an unlisted code
    pointing at no row is not an item."""
    from formex.review_items import tables_to_review_items
    rows = [{"doc_id": "d", "source_ref": f"line {k}", "target_confidence": 1.0, "level2_source": "filled",
             "target_status": "ok"} for k in (4, 5, 6)]
    issues = [{"doc_id": "d", "seq": 0, "severity": "warning", "code": "level_choice_close", "field": "level2",
               "message": "close", "source_ref": "line 4"},
              {"doc_id": "d", "seq": 1, "severity": "warning", "code": "level_boundary_ambiguous",
               "field": "level2", "message": "tied", "source_ref": "line 5"},
              {"doc_id": "d", "seq": 2, "severity": "warning", "code": "some_new_warning", "field": None,
               "message": "new", "source_ref": "line 6"},
              {"doc_id": "d", "seq": 3, "severity": "warning", "code": "some_new_warning", "field": None,
               "message": "nowhere", "source_ref": None},
              {"doc_id": "d", "seq": 4, "severity": "info", "code": "label_fused", "field": None,
               "message": "repaired", "source_ref": "line 6"}]
    tables = {"documents": [{"doc_id": "d", "source_path": "a.txt"}], "forms": [], "tasks": [],
              "indicators": rows, "issues": issues}
    items = tables_to_review_items(tables)
    assert [(i.table, i.row, i.reasons) for i in items] == [
        ("indicators", "line 4", ("uncertain_level",)), ("indicators", "line 5", ("tied_boundary",)),
        ("indicators", "line 6", ("row_issue",))]


def test_show_finds_an_edited_file_in_a_subfolder_by_its_path(tmp_path):
    """A source edited since its run has other bytes: it is found by the longest source key
    its path ends with (`unit-a/seed.txt`), and its correction still finds its row."""
    out = corrected_in_subfolder(tmp_path)
    edited = tmp_path / "edited" / "unit-a" / "seed.txt"
    edited.parent.mkdir(parents=True)
    edited.write_bytes(SEED_FILE.read_bytes() + "\n备注：补充说明\n".encode())
    shown = json.loads(run("show", str(edited), "--format", "json", "--corrections", str(out)))
    row = next(r for r in shown["indicators"] if r["source_ref"] == DISPLACED)
    assert (row["level2"], shown["documents"][0]["source_path"]) == ("社会效益指标", "unit-a/seed.txt")


def test_show_says_what_is_wrong_with_a_damaged_or_missing_dataset(forms, tmp_path):
    out = tmp_path / "out"
    extract(forms, out)
    seed = forms / "seed.txt"
    assert "is not a formex dataset" in " ".join(run("show", str(seed), "--corrections", str(forms), code=2).split())
    (out / "_formex" / "manifest.json").write_text('{"format": "formex-dataset", "version": 1}')
    for command in ("show", "explain"):
        output = " ".join(run(command, str(seed), "--corrections", str(out), code=3).split())
        assert "cannot read the dataset under" in output and "Traceback" not in output


def test_a_correction_that_found_no_row_is_anchored_afresh_when_corrected_again(forms, tmp_path):
    """The row a correction was made for changed its name in the source: the correction
    finds no row, its line is listed again, and correcting it again records the row as it
    reads now, so the new correction applies (before, the first anchor was kept for good)."""
    out = tmp_path / "out"
    extract(forms, out)
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out))
    seed = forms / "seed.txt"
    old_name = indicator(out, DISPLACED)["level3"]
    seed.write_text(seed.read_text(encoding="utf-8").replace(old_name, old_name + "（含补发）", 1), encoding="utf-8")
    extract(forms, out)
    assert len(issues(out, "override_unmatched")) == 1
    run("review", "apply", str(export_and_correct(out, tmp_path, level2="社会效益指标")), str(out), code=0)
    extract(forms, out)
    row = indicator(out, DISPLACED)
    assert (row["level2"], row["level2_source"]) == ("社会效益指标", "reviewed")
    assert issues(out, "override_unmatched").empty
