"""A workbook with one form per sheet: one document per form, each the same as its sheet
read alone, under the source key `book.xlsx#<sheet>`; re-runs, changes, prunes and a
workbook that stops (or starts) splitting replace cleanly. The workbooks are built here
from a rendered sample form."""
from __future__ import annotations

import hashlib
import io
import pickle
from pathlib import Path

import openpyxl

from formex import read
from formex.dataset import read_arrow_tables
from formex.document_task import SPLIT, ResultChunk, Task, run_task
from formex.extract.readers import read_document
from formex.isolation import DocBudget, IsolatedEngine
from formex.manifest import load_manifest
from formex.normalize.split import split_by_sheet
from formex.runner import RunSettings, run_extract, run_renormalize
from formex.schemas.forms import load_all_form_schemas

RENDERED = Path(__file__).resolve().parent.parent / "samples/rendered"
SAMPLE = RENDERED / "blind-2022-district-form-xlsx/blind-2022-district-form.xlsx"
UNIT_A = "上海市奉贤区退役军人事务局"   # B3 of the sample: 部门名称
UNIT_B = "上海市奉贤区档案局"


def workbook(units: list[str | None], *, titled: tuple[bool, ...] | None = None) -> bytes:
    """The sample's sheet once per unit (`Sheet1`, `Sheet2`, ...), B3 set to the unit;
    a sheet not `titled` has its title rows blanked (a continuation sheet)."""
    book = openpyxl.load_workbook(SAMPLE)
    first = book.worksheets[0]
    sheets = [first] + [book.copy_worksheet(first) for _ in units[1:]]
    for number, (sheet, unit) in enumerate(zip(sheets, units), start=1):
        sheet.title = f"Sheet{number}"
        if unit is not None:
            sheet["B3"] = unit
        if titled is not None and not titled[number - 1]:
            sheet["A1"], sheet["A2"] = None, None
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def one_sheet(unit: str, title: str) -> bytes:
    """The sample's sheet alone, named `title`, B3 set to `unit`."""
    book = openpyxl.load_workbook(SAMPLE)
    book.worksheets[0].title = title
    book.worksheets[0]["B3"] = unit
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def extract(folder: Path, out: Path, **settings):
    return run_extract([folder], out, RunSettings(**settings))


def rows_without_identity(out: Path, source: str) -> dict:
    """One source's rows in every table, in order, without the columns that name it."""
    tables = read_arrow_tables(out)
    documents = tables["documents"].to_pylist()
    doc_id = next(row["doc_id"] for row in documents if row["source_path"] == source)
    return {name: [{k: v for k, v in row.items() if k not in ("doc_id", "source_path")}
                   for row in arrow.to_pylist() if row["doc_id"] == doc_id]
            for name, arrow in tables.items()}


def test_a_workbook_with_two_forms_is_two_documents_each_as_its_sheet_alone(tmp_path):
    data = workbook([UNIT_A, UNIT_B])
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "book.xlsx").write_bytes(data)
    summary = extract(tmp_path / "in", tmp_path / "out")
    assert summary.outcomes["new"] == 1 and summary.statuses["ok"] == 2
    tables = read(tmp_path / "out")
    documents = tables["documents"].set_index("source_path")
    assert sorted(documents.index) == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]
    # doc_id: sha256 of the file's sha256 (hex) + "#" + the sheet name, by hand
    for sheet in ("Sheet1", "Sheet2"):
        expected = hashlib.sha256(f"{sha(data)}#{sheet}".encode()).hexdigest()
        assert documents.loc[f"book.xlsx#{sheet}", "doc_id"] == expected
    forms = tables["forms"].set_index("doc_id")
    assert forms.loc[documents.loc["book.xlsx#Sheet2", "doc_id"], "unit_name"] == UNIT_B
    assert set(tables["indicators"]["source_ref"][tables["indicators"]["doc_id"]
                                                 == documents.loc["book.xlsx#Sheet2", "doc_id"]]
               .str.split("!").str[0]) == {"Sheet2"}

    for sheet, unit in (("Sheet1", UNIT_A), ("Sheet2", UNIT_B)):
        (tmp_path / sheet).mkdir()
        (tmp_path / sheet / "alone.xlsx").write_bytes(one_sheet(unit, sheet))
        extract(tmp_path / sheet, tmp_path / f"out-{sheet}")
        mine = rows_without_identity(tmp_path / "out", f"book.xlsx#{sheet}")
        assert len(mine["indicators"]) > 20 and len(mine["tasks"]) > 2
        assert mine == rows_without_identity(tmp_path / f"out-{sheet}", "alone.xlsx")


def test_rerun_change_and_prune_of_a_split_workbook(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "book.xlsx").write_bytes(workbook([UNIT_A, UNIT_B]))
    first = extract(folder, out, prune=True)   # its forms are no sources of their own to prune
    assert dict(first.outcomes) == {"new": 1}
    entry = load_manifest(out).documents["book.xlsx"]
    assert (entry.status, entry.files, entry.parts) == (SPLIT, [], ["book.xlsx#Sheet1", "book.xlsx#Sheet2"])
    indicators = len(read(out)["indicators"])

    again = extract(folder, out)
    assert dict(again.outcomes) == {"unchanged": 1} and again.commits == 0

    (folder / "book.xlsx").write_bytes(workbook([UNIT_A, "上海市奉贤区第三局"]))
    changed = extract(folder, out)
    assert dict(changed.outcomes) == {"replaced": 1}
    tables = read(out)
    assert sorted(tables["documents"]["source_path"]) == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]
    assert sorted(tables["forms"]["unit_name"]) == sorted([UNIT_A, "上海市奉贤区第三局"])
    assert len(tables["indicators"]) == indicators            # replaced, not added

    (folder / "book.xlsx").write_bytes(workbook([UNIT_A, UNIT_B, "上海市奉贤区第四局"]))
    assert dict(extract(folder, out, prune=True).outcomes) == {"replaced": 1}
    assert len(load_manifest(out).documents["book.xlsx"].parts) == 3
    (folder / "book.xlsx").write_bytes(workbook([UNIT_A]))   # one sheet now: one document
    extract(folder, out)
    manifest = load_manifest(out)
    assert sorted(manifest.documents) == ["book.xlsx"] and manifest.documents["book.xlsx"].status == "ok"
    assert list(read(out)["documents"]["source_path"]) == ["book.xlsx"]
    assert len(read(out)["indicators"]) == indicators // 2

    (folder / "book.xlsx").write_bytes(workbook([UNIT_A, UNIT_B]))   # and split again
    extract(folder, out)
    assert sorted(read(out)["documents"]["source_path"]) == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]
    assert len(read(out)["indicators"]) == indicators

    (folder / "book.xlsx").unlink()
    pruned = extract(folder, out, prune=True)
    assert pruned.pruned == ["book.xlsx"]
    manifest = load_manifest(out)
    assert manifest.documents == {} and not manifest.all_files()


def test_a_copy_of_a_split_workbook_is_its_duplicate(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    data = workbook([UNIT_A, UNIT_B])
    (folder / "a.xlsx").write_bytes(data)
    (folder / "b.xlsx").write_bytes(data)
    summary = extract(folder, out)
    assert summary.duplicates == [("b.xlsx", "a.xlsx")]
    assert sorted(read(out)["documents"]["source_path"]) == ["a.xlsx#Sheet1", "a.xlsx#Sheet2"]


def test_a_continuation_sheet_without_a_title_keeps_the_workbook_one_document(tmp_path):
    data = workbook([UNIT_A, None], titled=(True, False))
    document = read_document(data, "book.xlsx")
    assert split_by_sheet(document, sha(data), load_all_form_schemas()) == [document]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "book.xlsx").write_bytes(data)
    extract(tmp_path / "in", tmp_path / "out")
    assert list(read(tmp_path / "out")["documents"]["source_path"]) == ["book.xlsx"]


def test_a_continuation_sheet_belongs_to_the_form_before_it():
    data = workbook([UNIT_A, None, UNIT_B], titled=(True, False, True))
    parts = split_by_sheet(read_document(data, "book.xlsx"), sha(data), load_all_form_schemas())
    assert [p.source_path for p in parts] == ["book.xlsx#Sheet1", "book.xlsx#Sheet3"]
    first, second = parts
    assert sorted({row.page for row in first.rows}) == [1, 2]
    assert {row.source_ref.split("!")[0] for row in first.rows} == {"Sheet1", "Sheet2"}
    assert [row.index for row in second.rows] == list(range(1, len(second.rows) + 1))
    assert {row.page for row in second.rows} == {1}


def test_a_split_result_crosses_a_process_boundary_whole(tmp_path):
    data = workbook([UNIT_A, UNIT_B])
    single = one_sheet(UNIT_A, "Sheet1")
    results = [run_task(Task("book.xlsx", sha(data), data)), run_task(Task("one.xlsx", sha(single), single))]
    back = pickle.loads(pickle.dumps(ResultChunk(results))).results
    assert [(r.source, r.status, len(r.parts)) for r in back] == [("book.xlsx", SPLIT, 2), ("one.xlsx", "ok", 0)]
    assert [p.source for p in back[0].parts] == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]
    assert all(p.sha256 == p.doc_id for p in back[0].parts)   # a form's version is its doc_id
    for before, after in zip(results[0].parts + [results[1]], back[0].parts + [back[1]]):
        assert (after.source, after.doc_id, after.sha256) == (before.source, before.doc_id, before.sha256)
        assert {t: a.to_pylist() for t, a in after.arrow.items()} == {t: a.to_pylist() for t, a in before.arrow.items()}


def test_the_isolated_engine_loads_the_forms_of_a_workbook(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "book.xlsx").write_bytes(workbook([UNIT_A, UNIT_B]))
    with IsolatedEngine(1, DocBudget()) as engine:
        summary = run_extract([folder], tmp_path / "out", RunSettings(), engine)
    assert summary.statuses["ok"] == 2
    assert sorted(read(tmp_path / "out")["documents"]["source_path"]) == ["book.xlsx#Sheet1", "book.xlsx#Sheet2"]


def test_saved_documents_of_a_split_workbook_are_its_forms(tmp_path):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    data = workbook([UNIT_A, UNIT_B])
    (folder / "book.xlsx").write_bytes(data)
    first = extract(folder, out, keep_documents=True)
    assert first.saved == 2
    ids = sorted(hashlib.sha256(f"{sha(data)}#{sheet}".encode()).hexdigest() for sheet in ("Sheet1", "Sheet2"))
    assert sorted(p.name for p in (out / "_documents").iterdir()) == [f"{i}.jsonl.gz" for i in ids]
    before = rows_without_identity(out, "book.xlsx#Sheet2")
    assert dict(extract(folder, out, keep_documents=True).outcomes) == {"unchanged": 1}
    renormalized = run_renormalize([out / "_documents"], out)
    assert renormalized.outcomes["replaced"] == 2 and not renormalized.stale
    assert rows_without_identity(out, "book.xlsx#Sheet2") == before
    assert sorted(load_manifest(out).documents) == ["book.xlsx", "book.xlsx#Sheet1", "book.xlsx#Sheet2"]
    assert dict(extract(folder, out, keep_documents=True, prune=True).outcomes) == {"unchanged": 1}


def test_a_correction_of_one_form_of_a_workbook_is_applied_to_that_form(tmp_path):
    import csv

    from typer.testing import CliRunner

    from formex.cli import app

    def run(*args: str) -> None:
        result = CliRunner().invoke(app, list(args))
        assert result.exit_code == 0, result.output

    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    (folder / "book.xlsx").write_bytes(workbook([UNIT_A, UNIT_B]))
    run("extract", str(folder), "--out", str(out), "-q", "--fail-on", "never")
    run("review", "export", str(out), "--to", str(tmp_path / "review.csv"))
    with open(tmp_path / "review.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    row = next(r for r in rows if r["source_path"] == "book.xlsx#Sheet2" and r["row"] == "Sheet2!44:44")
    row["level3"] = "双拥模范城创建成果（复核）"
    with open(tmp_path / "edited.csv", "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    run("review", "apply", str(tmp_path / "edited.csv"), str(out))
    run("extract", str(folder), "--out", str(out), "-q", "--fail-on", "never")   # bytes unchanged
    tables = read_arrow_tables(out)
    ids = {r["source_path"]: r["doc_id"] for r in tables["documents"].to_pylist()}
    level3 = {(r["doc_id"], r["source_ref"]): r["level3"] for r in tables["indicators"].to_pylist()}
    assert level3[(ids["book.xlsx#Sheet2"], "Sheet2!44:44")] == "双拥模范城创建成果（复核）"
    assert level3[(ids["book.xlsx#Sheet1"], "Sheet1!44:44")] == "双拥模范城创建成果"


def test_extract_file_gives_a_split_workbook_as_its_forms_records(tmp_path):
    from formex.runner import InputFile, extract_file

    (tmp_path / "book.xlsx").write_bytes(workbook([UNIT_A, UNIT_B]))
    records = extract_file(InputFile(tmp_path / "book.xlsx", "book.xlsx"))
    assert records.status == SPLIT
    assert [(p.tables["documents"][0]["source_path"], p.status) for p in records.parts] == [
        ("book.xlsx#Sheet1", "ok"), ("book.xlsx#Sheet2", "ok")]
