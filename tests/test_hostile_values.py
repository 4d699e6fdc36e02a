"""Values a hostile or careless file holds become issues, and the document loads: an
amount that does not fit its column, a file in two encodings, control characters and
bidi overrides in a cell."""
from __future__ import annotations

from formex import extract_tables
from formex.extract.cleaning import clean_cell
from formex.extract.readers import read_document
from formex.normalize.form import normalize_document
from tests.conftest import SEED_FILE

SEED_TEXT = SEED_FILE.read_text(encoding="utf-8")


def indicator_texts(data: bytes, folder) -> list[tuple[str, str]]:
    path = folder / "form.txt"
    path.write_bytes(data)
    rows = extract_tables(path)["indicators"]
    return list(zip(rows["level3"].fillna(""), rows["target_raw"].fillna("")))


def normalize(text: str | bytes, name: str = "form.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    document = read_document(data, name)
    return document, normalize_document(document)


def test_a_27_digit_budget_amount_is_an_issue_and_the_document_loads():
    _, result = normalize(SEED_TEXT.replace("234,962,720.00", "234962720000000000000000000.00"))
    assert result.status == "partial" and len(result.indicators) == 83
    issues = [i for i in result.issues if i.code == "amount_unparsed"]
    assert issues and all(i.severity == "error" and "too large for an amount" in i.message for i in issues)
    assert result.budget.amounts.get("budget_total") is None


def test_a_task_amount_too_large_for_its_column_is_an_issue():
    from formex.normalize.amounts import MAX_AMOUNT, amount_fits, parse_amount, scale_amount

    huge = parse_amount("9" * 30)
    assert not amount_fits(scale_amount(huge, 4)) and amount_fits(None)
    assert scale_amount(parse_amount("1" * 5000), 8) >= MAX_AMOUNT     # no InvalidOperation


def test_a_file_half_utf8_half_gb18030_is_decoded_line_by_line(tmp_path):
    lines = SEED_TEXT.split("\n")
    half = len(lines) // 2
    data = "\n".join(lines[:half]).encode("utf-8") + b"\n" + "\n".join(lines[half:]).encode("gb18030")
    document, result = normalize(data)
    assert document.encoding == "utf-8+gb18030"
    (issue,) = [i for i in document.issues if i.code == "encoding_mixed"]
    assert issue.message.endswith(f"lines 1–{half} utf-8; lines {half + 1}–{len(lines)} gb18030")
    _, clean = normalize(SEED_TEXT)
    assert result.status == clean.status == "ok"
    assert indicator_texts(data, tmp_path) == indicator_texts(SEED_FILE.read_bytes(), tmp_path)


def test_a_gb18030_block_inside_a_utf8_file_is_named():
    lines = SEED_TEXT.split("\n")
    middle = "\n".join(lines[40:50]).encode("gb18030")
    data = "\n".join(lines[:40]).encode() + b"\n" + middle + b"\n" + "\n".join(lines[50:]).encode()
    document, result = normalize(data)
    (issue,) = [i for i in document.issues if i.code == "encoding_mixed"]
    first = next(i for i in range(40, 50) if not lines[i].isascii()) + 1   # ASCII lines go with the text above
    assert f"lines {first}–50 gb18030; lines 51–" in issue.message and result.status == "ok"


def test_one_encoding_is_not_called_mixed():
    for data in (SEED_TEXT.encode("utf-8"), SEED_TEXT.encode("gb18030")):
        document, _ = normalize(data)
        assert not [i for i in document.issues if i.code == "encoding_mixed"]


def test_cell_cleaning_drops_control_characters_and_bidi_overrides(tmp_path):
    assert clean_cell("合格\x1b[31m率\u202e≥95%\x00\x9b") == "合格[31m率≥95%"
    assert clean_cell("a\tb") == "a b" and clean_cell("甲\n乙") == "甲\n乙"   # separators stay
    hostile = SEED_TEXT.replace("服装验收合格率", "服装\u2066验收\x07合格率").encode()
    assert ("服装验收合格率", "=100.00(%)") in indicator_texts(hostile, tmp_path)
