"""预算情况 amounts: units stated on the label, in a note, or on the cell itself."""
from __future__ import annotations

from decimal import Decimal

from formex import extract_tables
from tests.conftest import SEED_FILE


def budget_of(tmp_path, text: str):
    path = tmp_path / "form.txt"
    path.write_text(text, encoding="utf-8")
    tables = extract_tables(path)
    return tables["forms"].iloc[0], tables["issues"]


def test_amounts_in_wan_yuan_on_the_cell_are_converted(tmp_path):
    text = SEED_FILE.read_text(encoding="utf-8").replace("234,962,720.00\t\t", "23,496.272万元\t\t", 1)
    form, issues = budget_of(tmp_path, text)
    assert form["budget_total"] == Decimal("234962720.00")
    assert "budget_sum_mismatch" not in set(issues["code"])


def test_a_unit_note_governs_the_amounts_below_it(tmp_path):
    text = SEED_FILE.read_text(encoding="utf-8")
    for yuan, wan in (("234,962,720.00", "23496.272"), ("6,479,520.00", "647.952"),
                      ("228,483,200.00", "22848.32")):
        text = text.replace(yuan, wan)
    text = text.replace("内容\t预算情况", "内容\t预算情况\t金额单位：万元").replace("部门整体预算总额(元)", "部门整体预算总额")
    form, issues = budget_of(tmp_path, text)
    assert [form[c] for c in ("budget_total", "budget_fiscal", "budget_basic", "budget_project")] == [
        Decimal("234962720.00"), Decimal("234962720.00"), Decimal("6479520.00"), Decimal("228483200.00")]
    assert "budget_sum_mismatch" not in set(issues["code"])


def test_budget_cells_that_cannot_be_placed_leave_issues(tmp_path):
    text = (SEED_FILE.read_text(encoding="utf-8")
            .replace("234,962,720.00", "234,962,72O.00", 1)
            .replace("(2) 项目支出\t228,483,200.00\t\t", "(2) 项目支出\t228,483,200.00\t\t\n"
                     "(3) 上年结转资金\t5,000.00\t\t")
            .replace("13\t1\t\t", "13人\t1个\t\t"))
    form, issues = budget_of(tmp_path, text)
    assert form["budget_total"] is None
    assert (form["staff_count"], form["internal_departments"]) == (13, 1)
    messages = " ".join(issues["message"])
    assert "234,962,72O.00" in messages and "5,000.00" in messages
