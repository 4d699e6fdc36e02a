"""Bad input gets a clear error and loses nothing: every file becomes a documents row,
and a bad file never stops a batch."""
from __future__ import annotations

import codecs

from typer.testing import CliRunner

from formex import extract_tables, read
from formex.cli import app
from tests.conftest import SEED_FILE


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-good.txt").write_bytes(SEED_FILE.read_bytes())
    (inputs / "b-empty.txt").write_bytes(b"")
    (inputs / "c-binary.txt").write_bytes(bytes(range(256)) * 40)
    (inputs / "d-not-a-form.txt").write_text("会议纪要\n今天天气很好。\n", encoding="utf-8")
    (inputs / "e-later.pdf").write_bytes(b"%PDF-1.7 cut short")
    (inputs / "notes.json").write_text("{}", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 1, result.output   # some documents failed, the rest loaded
    assert "1 ok, 0 partial, 4 failed" in result.output
    docs = read(out)["documents"].set_index("source_path")
    assert set(docs.index) == {"a-good.txt", "b-empty.txt", "c-binary.txt", "d-not-a-form.txt", "e-later.pdf"}
    assert docs.loc["a-good.txt", "status"] == "ok"
    assert "no known form" in docs.loc["b-empty.txt", "error"]
    assert "not a readable PDF" in docs.loc["e-later.pdf", "error"]
    failed = docs[docs["status"] == "failed"]
    assert failed["error"].notna().all()
    assert (out / "documents" / "year=__HIVE_DEFAULT_PARTITION__").is_dir()
    issues = read(out)["issues"]
    assert set(issues.loc[issues["code"] == "document_failed", "doc_id"]) == set(failed["doc_id"])


def test_gb18030_crlf_and_bom_give_the_same_rows(tmp_path):
    text = SEED_FILE.read_text(encoding="utf-8")
    variants = {
        "gb.txt": text.encode("gb18030"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
    }
    reference = extract_tables(SEED_FILE)["indicators"].drop(columns="doc_id")
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        got = extract_tables(tmp_path / name)["indicators"].drop(columns="doc_id")
        assert got.equals(reference), name


def test_missing_required_field_makes_the_document_partial(tmp_path):
    lines = [line for line in SEED_FILE.read_text(encoding="utf-8").split("\n")
             if not line.startswith("单位名称")]
    damaged = tmp_path / "no-unit-name.txt"
    damaged.write_text("\n".join(lines), encoding="utf-8")
    tables = extract_tables(damaged)
    assert tables["documents"].loc[0, "status"] == "partial"
    assert "field_missing" in set(tables["issues"]["code"])
    assert len(tables["indicators"]) == 83


def test_budget_mismatch_is_an_issue_not_a_failure(tmp_path):
    text = SEED_FILE.read_text(encoding="utf-8").replace("6,479,520.00", "6,479,521.00")
    damaged = tmp_path / "mismatch.txt"
    damaged.write_text(text, encoding="utf-8")
    tables = extract_tables(damaged)
    assert tables["documents"].loc[0, "status"] == "ok"
    issue = tables["issues"][tables["issues"]["code"] == "budget_sum_mismatch"]
    assert len(issue) == 1 and "234,962,721.00" in issue.iloc[0]["message"]


def test_ocr_typos_in_labels_still_land(tmp_path):
    text = (SEED_FILE.read_text(encoding="utf-8")
            .replace("单位名称", "单立名称").replace("<b>预算情况</b>", "预箅情况")
            .replace("<b>绩效指标</b>", "绩效指摽"))
    damaged = tmp_path / "typos.txt"
    damaged.write_text(text, encoding="utf-8")
    tables = extract_tables(damaged)
    assert tables["forms"].loc[0, "unit_name"] == "上海市闵行区虹桥镇社区事务受理服务中心"
    assert str(tables["forms"].loc[0, "budget_total"]) == "234962720.00"
    assert len(tables["indicators"]) == 83
    fuzzy = tables["issues"][tables["issues"]["code"] == "header_fuzzy_match"]
    assert set(fuzzy["field"]) == {"unit_name", "budget", "indicators"}


def test_a_value_too_large_for_its_column_is_an_issue_and_the_batch_goes_on(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = SEED_FILE.read_text(encoding="utf-8")
    (inputs / "a-phone.txt").write_text(text.replace("13\t1\t\t", "13800138000\t1\t\t"), encoding="utf-8")
    (inputs / "b-huge.txt").write_text(text.replace("234,962,720.00", "2349627200000000000.00"),
                                       encoding="utf-8")
    (inputs / "c-good.txt").write_bytes(SEED_FILE.read_bytes())
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    tables = read(out)
    assert len(tables["documents"]) == 3 and len(tables["indicators"]) == 3 * 83
    codes = set(tables["issues"]["code"])
    assert {"count_unparsed", "amount_unparsed"} <= codes


def test_a_failed_read_is_replaced_when_the_file_becomes_readable(tmp_path, monkeypatch):
    from formex import runner

    inputs = tmp_path / "in"
    inputs.mkdir()
    form = inputs / "form.txt"
    form.write_bytes(SEED_FILE.read_bytes())
    out = tmp_path / "out"
    real_read = runner.read_regular_file

    def refuse(path):
        if path.name == "form.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(path)

    monkeypatch.setattr(runner, "read_regular_file", refuse)
    CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert read(out)["documents"]["status"].tolist() == ["failed"]
    monkeypatch.setattr(runner, "read_regular_file", real_read)
    CliRunner().invoke(app, ["extract", str(inputs), "--out", str(out)])
    assert read(out)["documents"]["status"].tolist() == ["ok"]


def test_an_interrupted_rewrite_keeps_the_old_rows(tmp_path, monkeypatch):
    import pyarrow.parquet as pq

    from formex import committer

    out = tmp_path / "out"
    CliRunner().invoke(app, ["extract", str(SEED_FILE), "--out", str(out)])
    real_write = pq.write_table
    calls = []

    def fail_on_indicators(table, where, *args, **kwargs):
        calls.append(where)
        if "indicators" in str(where):
            raise OSError(28, "No space left on device")
        return real_write(table, where, *args, **kwargs)

    monkeypatch.setattr(committer.pq, "write_table", fail_on_indicators)
    result = CliRunner().invoke(app, ["extract", str(SEED_FILE), "--out", str(out), "--force"])
    assert result.exit_code == 3 and calls, result.output   # the run stopped; the dataset is as it was
    assert "No space left on device" in result.output
    monkeypatch.setattr(committer.pq, "write_table", real_write)
    tables = read(out)
    assert len(tables["indicators"]) == 83 and len(tables["documents"]) == 1
    assert not [p for p in out.rglob("*") if p.is_file() and p.suffix not in (".parquet", ".json")
                and p.name != "lock"], "a temporary file was left"


def test_a_damaged_byte_in_utf8_costs_one_character_not_the_document(tmp_path):
    data = SEED_FILE.read_bytes()
    damaged = tmp_path / "damaged.txt"
    damaged.write_bytes(data[:200] + b"\xff" + data[200:-2])  # a stray byte, and the last character cut
    tables = extract_tables(damaged)
    assert tables["documents"].loc[0, "status"] == "ok"
    assert len(tables["indicators"]) == 83
    assert "encoding_lossy" in set(tables["issues"]["code"])
